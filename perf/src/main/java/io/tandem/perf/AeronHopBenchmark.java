package io.tandem.perf;

import io.tandem.codec.LogEntry;
import io.tandem.engine.replica.EntrySubscription;
import io.tandem.transport.aeron.AeronEntryPublication;
import io.tandem.transport.aeron.AeronEntrySubscription;
import io.tandem.transport.aeron.PairTransport;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The log hop over Aeron IPC through {@link PairTransport}'s embedded media driver (SHARED
 * threading, backoff idle), with entries from an {@link EntryRing}:
 * <ul>
 *   <li>{@code oneWay}: offer one entry on the log stream and poll it from the log subscription,
 *   in one thread; entries per second through the log buffer, both ends.</li>
 *   <li>{@code roundTrip}: offer an entry, an {@link AckEcho} on a second thread polls it and
 *   offers an ACK, this thread polls the ACK; sampled round-trip times in microseconds.</li>
 * </ul>
 * Each trial launches its own driver in a new uniquely named directory (PairTransport's default)
 * and closes it, deleting the directory, in the tear-down.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED" })
public class AeronHopBenchmark
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** A driver with both ends of the log in this thread. */
    @State(Scope.Thread)
    public static class OneWayState implements EntrySubscription.Handler
    {
        /** The entry's shape; see {@link SampleEntry}. */
        @Param({ SampleEntry.CLOCK, SampleEntry.FRAME_128, SampleEntry.FRAME_1500 })
        public String entry;

        EntryRing ring;
        PairTransport transport;
        AeronEntryPublication log;
        AeronEntrySubscription logSubscription;
        long sent;
        int receivedLength;
        long receivedSequence;
        private final LogEntry header = new LogEntry();

        /** Launches the driver and waits for the streams to connect. */
        @Setup(Level.Trial)
        public void launch()
        {
            ring = new EntryRing(entry);
            transport = connectedTransport();
            log = transport.logPublication();
            logSubscription = transport.logSubscription();
        }

        /** Closes the streams and the driver, deleting its directory. */
        @TearDown(Level.Trial)
        public void close()
        {
            CloseHelper.close(transport);
        }

        @Override
        public void onEntry(final DirectBuffer buffer, final int offset, final int length)
        {
            receivedLength = length;
            receivedSequence = header.wrapForRead(buffer, offset).sequence();
        }
    }

    /** A driver, and the echo on its own thread. */
    @State(Scope.Thread)
    public static class RoundTripState implements EntrySubscription.Handler
    {
        /** The entry's shape; see {@link SampleEntry}. */
        @Param({ SampleEntry.CLOCK, SampleEntry.FRAME_128, SampleEntry.FRAME_1500 })
        public String entry;

        /**
         * How the benchmark thread waits for the ACK: {@code backoff}, as the replicas do (see
         * {@link #launch()}), or {@code spin}, busy the whole time, for comparison in one run.
         */
        @Param({ "backoff", "spin" })
        public String ackWait;

        EntryRing ring;
        PairTransport transport;
        AeronEntryPublication log;
        AeronEntrySubscription acks;
        AgentRunner echoRunner;
        volatile Throwable echoFailure;
        IdleStrategy waitStrategy;
        long sent;
        long ackedSequence;
        private final LogEntry header = new LogEntry();

        /**
         * Launches the driver and starts the echo. The echo (and with {@code ackWait=backoff} the
         * benchmark thread) waits as the replicas do by default: spin through the short gap that
         * a round trip takes when each thread has a core, then yield, and park only when really
         * idle (between iterations). On 2 cores shared with the driver, and here with other
         * processes, the two threads often end up on one core; a thread that only spins then
         * holds it until the scheduler preempts it, and a round trip costs a time slice
         * (measured with the benchmark thread spinning: about 1.5 ms per round trip for whole
         * iterations). Yielding hands the core to the other side at once.
         */
        @Setup(Level.Trial)
        public void launch()
        {
            ring = new EntryRing(entry);
            waitStrategy = "spin".equals(ackWait) ? new BusySpinIdleStrategy() : backoff();
            transport = connectedTransport();
            log = transport.logPublication();
            acks = transport.ackSubscription();
            final AckEcho echo = new AckEcho(transport.logSubscription(), transport.ackPublication());
            echoRunner = new AgentRunner(backoff(), failure -> echoFailure = failure, null, echo);
            AgentRunner.startOnThread(echoRunner);
        }

        /** Stops the echo (waits for its thread), then closes the streams and the driver. */
        @TearDown(Level.Trial)
        public void close()
        {
            CloseHelper.closeAll(echoRunner, transport);
        }

        @Override
        public void onEntry(final DirectBuffer buffer, final int offset, final int length)
        {
            ackedSequence = header.wrapForRead(buffer, offset).payloadLong(0);
        }
    }

    /**
     * @param state the driver and the log's two ends.
     * @return the sequence received, checked against the one sent.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long oneWay(final OneWayState state)
    {
        final long n = state.sent++;
        final EntryRing ring = state.ring;
        // Refused only while the driver has not yet moved the publication limit: try again.
        while (state.log.offer(ring.buffer(), ring.offset(n), ring.length()) <= 0)
        {
            Thread.onSpinWait();
        }
        // An entry longer than the IPC MTU (1408 bytes) arrives in two fragments: poll until whole.
        state.receivedLength = 0;
        while (state.receivedLength == 0)
        {
            state.logSubscription.poll(state, 1);
        }
        if (state.receivedLength != ring.length() || state.receivedSequence != EntryRing.sequence(n))
        {
            throw new IllegalStateException("received " + state.receivedLength + " bytes with sequence " +
                state.receivedSequence + ", sent " + ring.length() + " with sequence " + EntryRing.sequence(n));
        }
        return state.receivedSequence;
    }

    /**
     * @param state the driver, the log publication, the ACK subscription and the echo.
     * @return the sequence acknowledged, checked against the one sent.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long roundTrip(final RoundTripState state)
    {
        final long n = state.sent++;
        final EntryRing ring = state.ring;
        final IdleStrategy idle = state.waitStrategy;
        idle.reset();
        while (state.log.offer(ring.buffer(), ring.offset(n), ring.length()) <= 0)
        {
            idle.idle();
        }
        idle.reset();
        while (state.acks.poll(state, 1) == 0)
        {
            if (state.echoFailure != null)
            {
                throw new IllegalStateException("the echo failed", state.echoFailure);
            }
            idle.idle();
        }
        if (state.ackedSequence != EntryRing.sequence(n))
        {
            throw new IllegalStateException("ACK for sequence " + state.ackedSequence + ", sent " + EntryRing.sequence(n));
        }
        return state.ackedSequence;
    }

    /** @return the waiting strategy of both round-trip threads; see {@link RoundTripState#launch()}. */
    static IdleStrategy backoff()
    {
        return new BackoffIdleStrategy(
            100, 1000, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
    }

    static PairTransport connectedTransport()
    {
        final PairTransport transport = PairTransport.ipc();
        if (!transport.awaitConnected(CONNECT_TIMEOUT_NS))
        {
            final String directory = transport.aeronDirectoryName();
            transport.close();
            throw new IllegalStateException("Aeron IPC streams did not connect within 10 s in " + directory);
        }
        return transport;
    }
}
