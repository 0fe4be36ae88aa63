package io.tandem.tools.replay;

import io.tandem.tools.kv.EchoClient;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A few echo clients at once, each making round trips one after another. */
final class EchoLoad
{
    private static final int PAYLOAD_BYTES = 200;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_ATTEMPTS = 5;

    private EchoLoad()
    {
    }

    /**
     * @return round trips that came back, over all clients.
     */
    static long run(final InetSocketAddress server, final int clients, final int roundTripsPerClient)
        throws InterruptedException
    {
        final List<Long> perClient = ConcurrentClients.run(clients, client ->
        {
            try (EchoClient echo = new EchoClient(List.of(server), PAYLOAD_BYTES, TIMEOUT_NS, MAX_ATTEMPTS))
            {
                for (int i = 0; i < roundTripsPerClient; i++)
                {
                    echo.roundTrip();
                }
                return echo.roundTrips();
            }
        });
        return perClient.stream().mapToLong(Long::longValue).sum();
    }
}
