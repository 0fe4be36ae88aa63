package io.tandem.tools.kv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.tandem.tools.kv.RawPeer.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code kvstore} guest's disk image outlives its machine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KvStorePersistenceTest
{
    @TempDir
    Path dir;

    @Test
    void dataAndAtMostOnceMemorySurviveAStopAndANewMachineOnTheSameImage()
    {
        final Path elf = GuestServer.guest("kvstore.elf");
        final Path image = dir.resolve("kv.img");
        final int rawClientId = KvClient.randomClientId();
        final byte[] firstPut = request(KvOp.PUT, rawClientId, 1, "contested", null, "before");
        final InetSocketAddress address;

        try (GuestServer first = GuestServer.start(elf, KvProtocol.DEFAULT_PORT, image))
        {
            assertTrue(first.console().contains("0 keys loaded"), first.console());
            address = first.address();
            try (KvClient client = KvClient.connect(address);
                RawPeer raw = new RawPeer(address))
            {
                assertEquals(KvStatus.OK, client.put("kept", "1").status());
                assertEquals(KvStatus.OK, client.put("gone", "2").status());
                assertEquals(KvStatus.OK, client.delete("gone").status());
                assertEquals(KvStatus.OK, client.cas("kept", "1", "one").status());
                raw.send(firstPut);
                assertEquals(KvStatus.OK, raw.receive().status());
            }
        }

        // The same host port, so that one client lives through the restart.
        try (GuestServer second = GuestServer.start(elf, address, KvProtocol.DEFAULT_PORT, image);
            KvClient client = KvClient.connect(address);
            RawPeer raw = new RawPeer(address))
        {
            assertTrue(second.console().contains("2 keys loaded"), second.console());
            assertEquals("one", client.get("kept").valueAsString());
            assertEquals(KvStatus.NOT_FOUND, client.get("gone").status());
            assertEquals("before", client.get("contested").valueAsString());

            assertEquals(KvStatus.OK, client.put("contested", "after").status());
            raw.send(firstPut); // a resend from before the restart is still recognised
            final KvResponseDecoder reply = raw.receive();
            assertEquals(KvStatus.OK, reply.status());
            assertEquals(1, reply.requestNo());
            assertEquals("after", client.get("contested").valueAsString());
        }
    }

    @Test
    void aClientThatOutlivesTheServerKeepsWorkingWhenTheReplySequenceStartsAgain()
    {
        final Path elf = GuestServer.guest("kvstore.elf");
        final Path image = dir.resolve("kv.img");
        final InetSocketAddress address;
        final KvClient client;
        try (GuestServer first = GuestServer.start(elf, KvProtocol.DEFAULT_PORT, image))
        {
            address = first.address();
            client = KvClient.connect(address);
            for (int i = 0; i < 5; i++)
            {
                assertEquals(KvStatus.OK, client.put("k" + i, "v" + i).status());
            }
        }
        try (KvClient survivor = client;
            GuestServer second = GuestServer.start(elf, address, KvProtocol.DEFAULT_PORT, image))
        {
            assertTrue(second.console().contains("5 keys loaded"), second.console());
            final KvResult result = survivor.get("k4");
            assertEquals("v4", result.valueAsString());
            assertEquals(1, result.attempts());
            assertEquals(1, survivor.streamRestarts());
            assertEquals(0, survivor.duplicatesDropped());
        }
    }
}
