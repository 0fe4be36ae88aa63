package io.tandem.tools.kv;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load generator for the {@code kvstore} guest (or, in echo mode, a UDP echo server)
 * that does not fall for coordinated omission.
 * <p>
 * The load is a fixed schedule, not a loop that sends when the last reply came: request {@code n}
 * of client {@code c} is due at {@code start + c / rate + n * clients / rate}, so together the
 * clients send at {@code rate} with evenly interleaved send times. Latency is measured from that
 * intended send time to the reply. When the server stalls, the requests due meanwhile go out late
 * and their wait counts in full, instead of quietly vanishing from the record as they would if the
 * clock started at the actual send. Each client has one request outstanding, so a server slower
 * than the schedule shows up as latency that grows over the run, which is the truth about it.
 * <p>
 * Each client thread has its own {@link KvClient} (own id), random source and a pre-sized
 * {@link Histogram}, so the loop allocates nothing and shares nothing; histograms are added up
 * after the threads end. Requests due during the warm-up are sent but not recorded. Requests
 * that time out after every attempt, and requests still unsent when the run has overrun its end
 * by the drain limit, have no latency: they are counted and reported beside the percentiles.
 */
public final class KvLoad
{
    /** Largest latency the histograms track; longer ones are recorded as this. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    /** Value precision of the histograms. */
    public static final int SIGNIFICANT_DIGITS = 3;

    // parkNanos overshoots by the timer slack (about 50 us on Linux): park until shortly before
    // the intended time, then spin the rest, so the client's own wake-up is not charged as latency.
    private static final long SPIN_BEFORE_NS = TimeUnit.MICROSECONDS.toNanos(60);
    private static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MIN_DRAIN_NS = TimeUnit.SECONDS.toNanos(1);

    private KvLoad()
    {
    }

    /**
     * Runs the load and waits for it to finish.
     *
     * @param config what to run.
     * @return the figures.
     * @throws IllegalArgumentException when the configuration is out of range.
     */
    public static Report run(final Config config)
    {
        config.validate();
        final int clients = config.clients;
        final double gapNs = 1e9 / config.ratePerSecond;
        final long startNs = System.nanoTime() + START_DELAY_NS;
        final long measureFromNs = startNs + config.warmupNs;
        final long endNs = measureFromNs + config.durationNs;
        final long stopNs = endNs + Math.max(MIN_DRAIN_NS, config.timeoutNs * config.maxAttempts);

        final UnsafeBuffer keys = config.echo ? null : keys(config.keys);
        final int keyLength = config.echo ? 0 : keyLength(config.keys);
        final List<Worker> workers = new ArrayList<>(clients);
        final List<Thread> threads = new ArrayList<>(clients);
        try
        {
            for (int c = 0; c < clients; c++)
            {
                final LoadHistory history = config.history ?
                    new LoadHistory(c, (int)Math.min(Integer.MAX_VALUE - 8, (endNs - startNs) / (gapNs * clients) + 2)) : null;
                final Session session = config.echo ? new EchoSession(config) : new KvSession(config, keys, keyLength, history);
                final Worker worker = new Worker(config, session, c, startNs + (long)(c * gapNs),
                    gapNs * clients, measureFromNs, endNs, stopNs, history);
                workers.add(worker);
                final Thread thread = new Thread(worker, "tandem-load-" + c);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            for (final Thread thread : threads)
            {
                thread.join();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the load to finish", ex);
        }
        finally
        {
            for (final Worker worker : workers)
            {
                worker.session.close();
            }
        }

        final Report report = new Report(config);
        long lastNs = endNs;
        for (final Worker worker : workers)
        {
            if (worker.failure != null)
            {
                throw new IllegalStateException("load client failed: " + worker.failure, worker.failure);
            }
            report.add(worker);
            lastNs = Math.max(lastNs, worker.finishedNs);
        }
        report.measuredNs = lastNs - measureFromNs;
        if (config.history)
        {
            for (final Worker worker : workers)
            {
                if (worker.history.overflowed())
                {
                    throw new IllegalStateException("load client " + worker.index + " sent more requests than its " +
                        "schedule allows: its history is incomplete");
                }
                worker.history.addTo(report.history, config.keys);
            }
        }
        return report;
    }

    static int keyLength(final int keys)
    {
        return "key-".length() + Integer.toString(Math.max(0, keys - 1)).length();
    }

    /** All keys, fixed width ({@code key-0000} .. {@code key-9999}), back to back. */
    static UnsafeBuffer keys(final int count)
    {
        final int length = keyLength(count);
        final int digits = length - "key-".length();
        final UnsafeBuffer keys = new UnsafeBuffer(new byte[count * length]);
        for (int i = 0; i < count; i++)
        {
            final String key = "key-" + String.format(Locale.ROOT, "%0" + digits + "d", i);
            keys.putBytes(i * length, key.getBytes(StandardCharsets.US_ASCII));
        }
        return keys;
    }

    private static void waitUntil(final long deadlineNs)
    {
        while (true)
        {
            final long remainingNs = deadlineNs - System.nanoTime();
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

    /** One client's connection: a request-reply exchange and its counters. */
    private interface Session extends AutoCloseable
    {
        /**
         * @param put      true for a write, false for a read.
         * @param keyIndex which key.
         * @return the status; {@link KvStatus#TIMED_OUT} without a reply.
         */
        KvStatus exchange(boolean put, int keyIndex);

        /** @return the request number the next exchange takes. */
        default long nextRequestNo()
        {
            return 0;
        }

        /** @return the value the last read returned (its first {@link #readLength()} bytes). */
        default org.agrona.DirectBuffer readValue()
        {
            return null;
        }

        /** @return where in {@link #readValue()} the last read's value starts. */
        default int readOffset()
        {
            return 0;
        }

        /** @return the length of the value the last read returned. */
        default int readLength()
        {
            return 0;
        }

        long retries();

        long attemptTimeouts();

        long duplicatesDropped();

        long strayReplies();

        @Override
        void close();
    }

    private static final class KvSession implements Session
    {
        private final KvClient client;
        private final UnsafeBuffer keys;
        private final int keyLength;
        private final UnsafeBuffer value;

        private final LoadHistory history;

        KvSession(final Config config, final UnsafeBuffer keys, final int keyLength, final LoadHistory history)
        {
            this.history = history;
            this.client = new KvClient(new KvClient.Context()
                .servers(config.servers).timeoutNs(config.timeoutNs).maxAttempts(config.maxAttempts));
            this.keys = keys;
            this.keyLength = keyLength;
            this.value = new UnsafeBuffer(new byte[config.valueSize]);
            for (int i = 0; i < config.valueSize; i++)
            {
                value.putByte(i, (byte)('A' + i % 26));
            }
        }

        @Override
        public KvStatus exchange(final boolean put, final int keyIndex)
        {
            final int keyOffset = keyIndex * keyLength;
            if (put && history != null)
            {
                history.tag(value, client.nextRequestNo()); // every write's value is its own
            }
            return put ?
                client.execute(KvOp.PUT, keys, keyOffset, keyLength, null, 0, 0, value, 0, value.capacity()) :
                client.execute(KvOp.GET, keys, keyOffset, keyLength, null, 0, 0, null, 0, 0);
        }

        @Override
        public long nextRequestNo()
        {
            return client.nextRequestNo();
        }

        @Override
        public org.agrona.DirectBuffer readValue()
        {
            return client.valueBuffer();
        }

        @Override
        public int readOffset()
        {
            return client.valueOffset();
        }

        @Override
        public int readLength()
        {
            return client.valueLength();
        }

        @Override
        public long retries()
        {
            return client.retries();
        }

        @Override
        public long attemptTimeouts()
        {
            return client.attemptTimeouts();
        }

        @Override
        public long duplicatesDropped()
        {
            return client.duplicatesDropped();
        }

        @Override
        public long strayReplies()
        {
            return client.strayReplies() + client.malformedReplies();
        }

        @Override
        public void close()
        {
            client.close();
        }
    }

    private static final class EchoSession implements Session
    {
        private final EchoClient client;

        EchoSession(final Config config)
        {
            client = new EchoClient(config.servers, config.valueSize, config.timeoutNs, config.maxAttempts);
        }

        @Override
        public KvStatus exchange(final boolean put, final int keyIndex)
        {
            return client.roundTrip() ? KvStatus.OK : KvStatus.TIMED_OUT;
        }

        @Override
        public long retries()
        {
            return client.retries();
        }

        @Override
        public long attemptTimeouts()
        {
            return client.attemptTimeouts();
        }

        @Override
        public long duplicatesDropped()
        {
            return 0;
        }

        @Override
        public long strayReplies()
        {
            return client.strayReplies();
        }

        @Override
        public void close()
        {
            client.close();
        }
    }

    private static final class Worker implements Runnable
    {
        final Session session;
        final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
        final long[] statusCounts = new long[KvStatus.values().length];
        private final Recorder intervalRecorder;
        private final SplittableRandom random;
        private final int keys;
        private final int putPercent;
        private final long firstNs;
        private final double intervalNs;
        private final long measureFromNs;
        private final long endNs;
        private final long stopNs;
        long sent;
        long timedOut;
        long unsent;
        long finishedNs;
        Throwable failure;
        final int index;
        final LoadHistory history;

        Worker(
            final Config config,
            final Session session,
            final int index,
            final long firstNs,
            final double intervalNs,
            final long measureFromNs,
            final long endNs,
            final long stopNs,
            final LoadHistory history)
        {
            this.session = session;
            this.index = index;
            this.history = history;
            this.intervalRecorder = config.intervalRecorder;
            this.random = new SplittableRandom(config.seed + index);
            this.keys = config.keys;
            this.putPercent = config.putPercent;
            this.firstNs = firstNs;
            this.intervalNs = intervalNs;
            this.measureFromNs = measureFromNs;
            this.endNs = endNs;
            this.stopNs = stopNs;
        }

        @Override
        public void run()
        {
            try
            {
                long n = 0;
                while (true)
                {
                    final long intendedNs = firstNs + (long)(n * intervalNs);
                    if (intendedNs - endNs >= 0)
                    {
                        break;
                    }
                    if (System.nanoTime() - stopNs >= 0)
                    {
                        unsent = countUnsent(n);
                        break;
                    }
                    waitUntil(intendedNs);
                    final boolean put = random.nextInt(100) < putPercent;
                    final int keyIndex = random.nextInt(keys);
                    final long requestNo = history != null ? session.nextRequestNo() : 0;
                    final long callNs = history != null ? System.nanoTime() : 0;
                    final KvStatus status = session.exchange(put, keyIndex);
                    final long replyNs = System.nanoTime();
                    if (history != null)
                    {
                        history.record(requestNo, keyIndex, put, callNs, replyNs, status, session.readValue(),
                            session.readOffset(), session.readLength());
                    }
                    sent++;
                    n++;
                    if (intendedNs - measureFromNs < 0)
                    {
                        continue; // warm-up: the JIT, the guest's caches and the tables are settling
                    }
                    statusCounts[status.ordinal()]++;
                    if (status == KvStatus.TIMED_OUT)
                    {
                        timedOut++;
                    }
                    else
                    {
                        final long latencyNs = Math.min(replyNs - intendedNs, HIGHEST_TRACKABLE_NS);
                        histogram.recordValue(latencyNs);
                        if (intervalRecorder != null)
                        {
                            intervalRecorder.recordValue(latencyNs);
                        }
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
            finishedNs = System.nanoTime();
        }

        /** Requests due in the measured window that were never sent because the run fell behind. */
        private long countUnsent(final long next)
        {
            long count = 0;
            for (long n = next; ; n++)
            {
                final long intendedNs = firstNs + (long)(n * intervalNs);
                if (intendedNs - endNs >= 0)
                {
                    return count;
                }
                if (intendedNs - measureFromNs >= 0)
                {
                    count++;
                }
            }
        }
    }

    /** Figures of one run: the latency histogram and counts, added up over the clients. */
    public static final class Report
    {
        private final Config config;
        private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
        private final long[] statusCounts = new long[KvStatus.values().length];
        private final List<io.tandem.tools.history.KvOperation> history = new ArrayList<>();
        private long sent;
        private long timedOut;
        private long unsent;
        private long retries;
        private long attemptTimeouts;
        private long duplicatesDropped;
        private long strayReplies;
        private long measuredNs;

        Report(final Config config)
        {
            this.config = config;
        }

        void add(final Worker worker)
        {
            histogram.add(worker.histogram);
            for (int i = 0; i < statusCounts.length; i++)
            {
                statusCounts[i] += worker.statusCounts[i];
            }
            sent += worker.sent;
            timedOut += worker.timedOut;
            unsent += worker.unsent;
            retries += worker.session.retries();
            attemptTimeouts += worker.session.attemptTimeouts();
            duplicatesDropped += worker.session.duplicatesDropped();
            strayReplies += worker.session.strayReplies();
        }

        /** @return every operation of the run, warm-up included, when the history was asked for; else empty. */
        public List<io.tandem.tools.history.KvOperation> history()
        {
            return history;
        }

        /** @return latencies of the measured replies in nanoseconds, from intended send time to reply. */
        public Histogram histogram()
        {
            return histogram;
        }

        /** @return replies received to requests due in the measured window. */
        public long replies()
        {
            return histogram.getTotalCount();
        }

        /** @return replies per second over the measured window. */
        public double throughput()
        {
            return replies() * 1e9 / Math.max(1, measuredNs);
        }

        /**
         * @param status a status.
         * @return how many measured requests ended with it.
         */
        public long count(final KvStatus status)
        {
            return statusCounts[status.ordinal()];
        }

        /** @return requests sent, warm-up included. */
        public long sent()
        {
            return sent;
        }

        /** @return measured requests that got no reply after every attempt. */
        public long timedOut()
        {
            return timedOut;
        }

        /** @return measured requests never sent because the run fell too far behind its schedule. */
        public long unsent()
        {
            return unsent;
        }

        /** @return resends after a timeout, warm-up included. */
        public long retries()
        {
            return retries;
        }

        /** @return sends that got no reply within the timeout, warm-up included. */
        public long attemptTimeouts()
        {
            return attemptTimeouts;
        }

        /** @return replies dropped as duplicates, warm-up included. */
        public long duplicatesDropped()
        {
            return duplicatesDropped;
        }

        /** @return replies dropped as stray or malformed, warm-up included. */
        public long strayReplies()
        {
            return strayReplies;
        }

        /** @return length of the measured window, including any overrun at the end. */
        public long measuredNs()
        {
            return measuredNs;
        }

        /**
         * Prints the {@link #summary()}.
         *
         * @param out where to.
         */
        public void print(final PrintStream out)
        {
            out.print(summary());
            out.flush();
        }

        /** @return the summary: throughput, percentiles in microseconds, and error counts, one item a line. */
        public String summary()
        {
            final StringWriter text = new StringWriter();
            final PrintWriter out = new PrintWriter(text);
            final Config c = config;
            if (c.echo)
            {
                out.printf(Locale.ROOT, "echo load: %d client(s), target %.0f round trips/s, %d-byte payloads%n",
                    c.clients, c.ratePerSecond, c.valueSize);
            }
            else
            {
                out.printf(Locale.ROOT, "kv load: %d client(s), target %.0f requests/s, %d%% PUT, %d keys, " +
                    "%d-byte values%n", c.clients, c.ratePerSecond, c.putPercent, c.keys, c.valueSize);
            }
            out.printf(Locale.ROOT, "warm-up %.1f s (discarded), measured %.1f s%n",
                c.warmupNs / 1e9, measuredNs / 1e9);
            out.printf(Locale.ROOT, "throughput: %.1f replies/s (%d replies)%n", throughput(), replies());
            out.printf(Locale.ROOT, "latency from intended send time to reply (us):%n");
            out.printf(Locale.ROOT, "  p50     %10.1f%n", percentileUs(50.0));
            out.printf(Locale.ROOT, "  p90     %10.1f%n", percentileUs(90.0));
            out.printf(Locale.ROOT, "  p99     %10.1f%n", percentileUs(99.0));
            out.printf(Locale.ROOT, "  p99.9   %10.1f%n", percentileUs(99.9));
            out.printf(Locale.ROOT, "  p99.99  %10.1f%n", percentileUs(99.99));
            out.printf(Locale.ROOT, "  max     %10.1f%n", histogram.getMaxValue() / 1e3);
            out.printf(Locale.ROOT, "timeouts: %d   retries: %d   attempts timed out: %d   duplicates dropped: %d   " +
                "stray replies: %d%n", timedOut, retries, attemptTimeouts, duplicatesDropped, strayReplies);
            if (!c.echo)
            {
                final StringBuilder statuses = new StringBuilder("statuses:");
                for (final KvStatus status : KvStatus.values())
                {
                    if (status != KvStatus.TIMED_OUT && statusCounts[status.ordinal()] > 0)
                    {
                        statuses.append(' ').append(status).append('=').append(statusCounts[status.ordinal()]);
                    }
                }
                out.println(statuses);
            }
            if (timedOut + unsent > 0)
            {
                out.printf(Locale.ROOT, "WARNING: %d request(s) timed out and %d were never sent (the run fell behind" +
                    " its schedule); they have no latency, so the percentiles understate the tail%n", timedOut, unsent);
            }
            out.flush();
            return text.toString();
        }

        private double percentileUs(final double percentile)
        {
            return histogram.getValueAtPercentile(percentile) / 1e3;
        }
    }

    /** What to run. */
    public static final class Config
    {
        List<InetSocketAddress> servers = new ArrayList<>();
        double ratePerSecond = 1000;
        long durationNs = TimeUnit.SECONDS.toNanos(10);
        long warmupNs = TimeUnit.SECONDS.toNanos(2);
        int clients = 1;
        int valueSize = 64;
        int keys = 1000;
        int putPercent = 50;
        long timeoutNs = KvClient.DEFAULT_TIMEOUT_NS;
        int maxAttempts = KvClient.DEFAULT_MAX_ATTEMPTS;
        boolean echo;
        long seed = System.nanoTime();
        Recorder intervalRecorder;
        boolean history;

        /**
         * @param servers servers, primary first.
         * @return this.
         */
        public Config servers(final List<InetSocketAddress> servers)
        {
            this.servers = new ArrayList<>(servers);
            return this;
        }

        /**
         * @param ratePerSecond requests per second from all clients together.
         * @return this.
         */
        public Config ratePerSecond(final double ratePerSecond)
        {
            this.ratePerSecond = ratePerSecond;
            return this;
        }

        /**
         * @param durationNs length of the measured window, after the warm-up.
         * @return this.
         */
        public Config durationNs(final long durationNs)
        {
            this.durationNs = durationNs;
            return this;
        }

        /**
         * @param warmupNs time before the measured window whose samples are discarded.
         * @return this.
         */
        public Config warmupNs(final long warmupNs)
        {
            this.warmupNs = warmupNs;
            return this;
        }

        /**
         * @param clients client threads, each with its own client id.
         * @return this.
         */
        public Config clients(final int clients)
        {
            this.clients = clients;
            return this;
        }

        /**
         * @param valueSize bytes per PUT value; in echo mode, bytes per payload.
         * @return this.
         */
        public Config valueSize(final int valueSize)
        {
            this.valueSize = valueSize;
            return this;
        }

        /**
         * @param keys size of the key space, chosen from uniformly.
         * @return this.
         */
        public Config keys(final int keys)
        {
            this.keys = keys;
            return this;
        }

        /**
         * @param putPercent share of PUTs, the rest GETs.
         * @return this.
         */
        public Config putPercent(final int putPercent)
        {
            this.putPercent = putPercent;
            return this;
        }

        /**
         * @param timeoutNs per-attempt reply timeout.
         * @return this.
         */
        public Config timeoutNs(final long timeoutNs)
        {
            this.timeoutNs = timeoutNs;
            return this;
        }

        /**
         * @param maxAttempts sends per request, the first included.
         * @return this.
         */
        public Config maxAttempts(final int maxAttempts)
        {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param echo true to send raw payloads to an echo server instead of key-value requests.
         * @return this.
         */
        public Config echo(final boolean echo)
        {
            this.echo = echo;
            return this;
        }

        /**
         * @param seed seed of the clients' key and operation choices.
         * @return this.
         */
        public Config seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /**
         * @param intervalRecorder also records each measured latency here (wait-free, shared by the
         *                         clients), for a caller that logs intervals while the load runs; null for none.
         * @return this.
         */
        public Config intervalRecorder(final Recorder intervalRecorder)
        {
            this.intervalRecorder = intervalRecorder;
            return this;
        }

        /**
         * @param history true to keep every operation for {@link Report#history()}: each write
         *                then carries a value of its own (its client and request number), so that a
         *                read names the write it saw.
         * @return this.
         */
        public Config history(final boolean history)
        {
            this.history = history;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first setting out of range.
         */
        public void validate()
        {
            if (servers.isEmpty())
            {
                throw new IllegalArgumentException("at least one server address is needed");
            }
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond))
            {
                throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
            }
            if (durationNs <= 0 || warmupNs < 0)
            {
                throw new IllegalArgumentException("duration must be positive and warm-up not negative");
            }
            if (clients < 1 || clients > 1024)
            {
                throw new IllegalArgumentException("clients must be 1..1024: " + clients);
            }
            if (putPercent < 0 || putPercent > 100)
            {
                throw new IllegalArgumentException("PUT percentage must be 0..100: " + putPercent);
            }
            if (echo)
            {
                if (history)
                {
                    throw new IllegalArgumentException("an echo load has no history");
                }
                if (valueSize < EchoClient.STAMP_LENGTH || valueSize > KvProtocol.MAX_DATAGRAM_LENGTH)
                {
                    throw new IllegalArgumentException("echo payload size must be " + EchoClient.STAMP_LENGTH + ".." +
                        KvProtocol.MAX_DATAGRAM_LENGTH + ": " + valueSize);
                }
            }
            else
            {
                if (keys < 1)
                {
                    throw new IllegalArgumentException("keys must be at least 1: " + keys);
                }
                if (keyLength(keys) > KvProtocol.MAX_KEY_LENGTH)
                {
                    throw new IllegalArgumentException("too many keys for " + KvProtocol.MAX_KEY_LENGTH + "-byte names");
                }
                if (valueSize < 0 || valueSize > KvProtocol.MAX_VALUE_LENGTH)
                {
                    throw new IllegalArgumentException("value size must be 0.." + KvProtocol.MAX_VALUE_LENGTH + ": " +
                        valueSize);
                }
                if (history && valueSize < LoadHistory.TAG_LENGTH)
                {
                    throw new IllegalArgumentException("a history needs values of at least " + LoadHistory.TAG_LENGTH +
                        " bytes, to tell the writes apart: " + valueSize);
                }
            }
        }
    }
}
