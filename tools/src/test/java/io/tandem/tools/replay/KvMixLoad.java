package io.tandem.tools.replay;

import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvResult;
import io.tandem.tools.kv.KvStatus;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A few kvstore clients at once, each mixing PUT, GET, CAS and DELETE over one small key set, so
 * that their requests interleave on the same keys and the guest's answers depend on the order
 * in which their frames arrived: exactly what the recording has to capture.
 */
final class KvMixLoad
{
    static final int KEYS = 12;
    // Generous: the recording machine shares two cores with the clients and other builds.
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_ATTEMPTS = 5;

    private KvMixLoad()
    {
    }

    /**
     * @param server            the kvstore guest.
     * @param clients           concurrent clients.
     * @param requestsPerClient requests each sends, one at a time.
     * @param seed              decides each client's sequence of operations.
     * @return how many requests ended with each status, over all clients.
     */
    static Map<KvStatus, Integer> run(
        final InetSocketAddress server, final int clients, final int requestsPerClient, final long seed)
        throws InterruptedException
    {
        final List<Map<KvStatus, Integer>> perClient = ConcurrentClients.run(clients,
            client -> oneClient(server, client, requestsPerClient, new Random(seed + client)));
        final Map<KvStatus, Integer> total = new EnumMap<>(KvStatus.class);
        perClient.forEach(counts -> counts.forEach((status, count) -> total.merge(status, count, Integer::sum)));
        return total;
    }

    private static Map<KvStatus, Integer> oneClient(
        final InetSocketAddress server, final int client, final int requests, final Random random)
    {
        final Map<KvStatus, Integer> counts = new EnumMap<>(KvStatus.class);
        try (KvClient kv = new KvClient(new KvClient.Context().server(server)
            .timeoutNs(TIMEOUT_NS).maxAttempts(MAX_ATTEMPTS)))
        {
            for (int i = 0; i < requests; i++)
            {
                final String key = "key-" + random.nextInt(KEYS);
                final String value = "c" + client + "-" + i;
                final int dice = random.nextInt(10);
                final KvResult result;
                if (dice < 4)
                {
                    result = kv.put(key, value);
                }
                else if (dice < 7)
                {
                    result = kv.get(key);
                }
                else if (dice < 9)
                {
                    // Expect what the key held when last read: another client may have changed it since.
                    final KvResult current = kv.get(key);
                    final String expected = current.isOk() ? current.valueAsString() : "none";
                    result = kv.cas(key, expected, value);
                }
                else
                {
                    result = kv.delete(key);
                }
                counts.merge(result.status(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
