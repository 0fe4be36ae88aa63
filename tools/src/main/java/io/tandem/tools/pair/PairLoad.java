package io.tandem.tools.pair;

import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvOp;
import io.tandem.tools.kv.KvStatus;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop {@code kvstore} load with figures per interval, for a run whose end is not known
 * in advance (a crash in the middle, Ctrl-C). It keeps the schedule of
 * {@link io.tandem.tools.kv.KvLoad}: request {@code n} of client {@code c} is due at
 * {@code start + c / rate + n * clients / rate}, latency counts from that intended time, so a
 * stall (a failover) shows in full instead of vanishing; each client is a {@link KvClient}, whose
 * retries keep the same request number, so a request lost in a crash is applied once.
 * Half the requests are PUTs of 64-byte values, half GETs, over 1000 keys.
 * <p>
 * Each client thread allocates nothing per request; latencies go to a shared wait-free
 * {@link Recorder} that the monitoring thread samples each second.
 */
public final class PairLoad implements AutoCloseable
{
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    // parkNanos overshoots by the timer slack: park until shortly before the intended time, then spin.
    private static final long SPIN_BEFORE_NS = TimeUnit.MICROSECONDS.toNanos(60);
    private static final int KEYS = 1000;
    private static final int VALUE_LENGTH = 64;
    private static final int PUT_PERCENT = 50;

    private final Recorder latency = new Recorder(HIGHEST_TRACKABLE_NS, 3);
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<KvClient> clients = new ArrayList<>();
    private final double ratePerSecond;
    private final int clientCount;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * Starts the clients.
     *
     * @param server        where to send requests.
     * @param ratePerSecond requests per second, all clients together.
     * @param clientCount   client threads, each with its own client id.
     * @param seed          seed of the key and operation choices.
     */
    public PairLoad(final InetSocketAddress server, final double ratePerSecond, final int clientCount, final long seed)
    {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond))
        {
            throw new IllegalArgumentException("--load must be a positive rate: " + ratePerSecond);
        }
        if (clientCount < 1 || clientCount > 256)
        {
            throw new IllegalArgumentException("--clients must be 1..256 (kvstore remembers 256 clients): " +
                clientCount);
        }
        this.ratePerSecond = ratePerSecond;
        this.clientCount = clientCount;
        final double gapNs = 1e9 / ratePerSecond;
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int c = 0; c < clientCount; c++)
        {
            final KvClient client = KvClient.connect(server);
            clients.add(client);
            final Worker worker = new Worker(client, new SplittableRandom(seed + c), startNs + (long)(c * gapNs),
                gapNs * clientCount);
            final Thread thread = new Thread(worker, "tandem-pair-load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /**
     * @param recycle a histogram from an earlier call to reuse, or null.
     * @return latencies (ns, from intended send time to reply) recorded since the last call.
     */
    public Histogram intervalHistogram(final Histogram recycle)
    {
        return latency.getIntervalHistogram(recycle);
    }

    /** @return replies received so far. */
    public long replies()
    {
        return replies.get();
    }

    /** @return requests that got no reply after every attempt. */
    public long timeouts()
    {
        return timeouts.get();
    }

    /** @return resends after a reply timeout. */
    public long retries()
    {
        return retries.get();
    }

    /** @return the target rate. */
    public double ratePerSecond()
    {
        return ratePerSecond;
    }

    /** @return client threads. */
    public int clientCount()
    {
        return clientCount;
    }

    /** @return an exception that stopped a client, or null. */
    public Throwable failure()
    {
        return failure;
    }

    /** Stops the clients after their outstanding request and closes their sockets. */
    @Override
    public void close()
    {
        running = false;
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        clients.forEach(KvClient::close);
    }

    @Override
    public String toString()
    {
        return String.format(Locale.ROOT, "%d client(s), %.0f requests/s, %d%% PUT of %d-byte values, %d keys",
            clientCount, ratePerSecond, PUT_PERCENT, VALUE_LENGTH, KEYS);
    }

    private final class Worker implements Runnable
    {
        private final KvClient client;
        private final SplittableRandom random;
        private final long firstNs;
        private final double intervalNs;
        private final int keyLength = "key-".length() + 3;
        private final UnsafeBuffer keys = new UnsafeBuffer(new byte[KEYS * keyLength]);
        private final UnsafeBuffer value = new UnsafeBuffer(new byte[VALUE_LENGTH]);

        Worker(final KvClient client, final SplittableRandom random, final long firstNs, final double intervalNs)
        {
            this.client = client;
            this.random = random;
            this.firstNs = firstNs;
            this.intervalNs = intervalNs;
            for (int i = 0; i < KEYS; i++)
            {
                keys.putBytes(i * keyLength, String.format(Locale.ROOT, "key-%03d", i).getBytes(StandardCharsets.US_ASCII));
            }
            value.setMemory(0, VALUE_LENGTH, (byte)'v');
        }

        @Override
        public void run()
        {
            try
            {
                long retriesSeen = 0;
                for (long n = 0; running; n++)
                {
                    final long intendedNs = firstNs + (long)(n * intervalNs);
                    waitUntil(intendedNs);
                    if (!running)
                    {
                        break;
                    }
                    final int key = random.nextInt(KEYS) * keyLength;
                    final KvStatus status = random.nextInt(100) < PUT_PERCENT ?
                        client.execute(KvOp.PUT, keys, key, keyLength, null, 0, 0, value, 0, VALUE_LENGTH) :
                        client.execute(KvOp.GET, keys, key, keyLength, null, 0, 0, null, 0, 0);
                    final long replyNs = System.nanoTime();
                    if (status == KvStatus.TIMED_OUT)
                    {
                        timeouts.incrementAndGet();
                    }
                    else
                    {
                        replies.incrementAndGet();
                        latency.recordValue(Math.min(replyNs - intendedNs, HIGHEST_TRACKABLE_NS));
                    }
                    if (client.retries() != retriesSeen)
                    {
                        retries.addAndGet(client.retries() - retriesSeen);
                        retriesSeen = client.retries();
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
        }

        private void waitUntil(final long intendedNs)
        {
            while (running)
            {
                final long remainingNs = intendedNs - System.nanoTime();
                if (remainingNs <= 0)
                {
                    return;
                }
                if (remainingNs > SPIN_BEFORE_NS)
                {
                    LockSupport.parkNanos(remainingNs - SPIN_BEFORE_NS);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
