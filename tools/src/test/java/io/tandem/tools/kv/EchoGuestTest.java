package io.tandem.tools.kv;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code echo} guest behind the real UDP bridge. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoGuestTest
{
    private static final int ECHO_PORT = 7007;

    private static GuestServer server;

    @BeforeAll
    static void startGuest()
    {
        server = GuestServer.start(GuestServer.guest("echo.elf"), ECHO_PORT, null);
    }

    @AfterAll
    static void stopGuest()
    {
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void echoesEachDatagramUnchangedUpToTheLargestThatFitsAFrame()
    {
        try (RawPeer raw = new RawPeer(server.address()))
        {
            final byte[] hello = "hello, guest".getBytes(StandardCharsets.US_ASCII);
            raw.send(hello);
            assertArrayEquals(hello, raw.receiveBytes());

            final byte[] largest = new byte[KvProtocol.MAX_DATAGRAM_LENGTH];
            for (int i = 0; i < largest.length; i++)
            {
                largest[i] = (byte)(i * 31);
            }
            raw.send(largest);
            assertArrayEquals(largest, raw.receiveBytes());

            raw.send(new byte[] {0});
            assertArrayEquals(new byte[] {0}, raw.receiveBytes());
        }
    }

    @Test
    void manyRoundTripsAllComeBack()
    {
        try (EchoClient client = new EchoClient(List.of(server.address()), 100, TimeUnit.SECONDS.toNanos(2), 3))
        {
            for (int i = 0; i < 500; i++)
            {
                assertTrue(client.roundTrip(), "round trip " + i);
            }
            assertEquals(500, client.roundTrips());
            assertEquals(0, client.retries());
            assertEquals(0, client.strayReplies());
        }
    }

    @Test
    void echoLoadRecordsOneLatencyPerScheduledRoundTrip()
    {
        final KvLoad.Report report = KvLoad.run(new KvLoad.Config()
            .servers(List.of(server.address()))
            .echo(true)
            .valueSize(64)
            .ratePerSecond(400)
            .clients(2)
            .warmupNs(TimeUnit.MILLISECONDS.toNanos(100))
            .durationNs(TimeUnit.MILLISECONDS.toNanos(500)));
        assertEquals(0, report.timedOut());
        assertEquals(0, report.unsent());
        assertTrue(Math.abs(report.replies() - 200) <= 2, "replies: " + report.replies());
        assertTrue(report.histogram().getMinValue() > 0);
    }
}
