package io.tandem.perf;

import io.tandem.codec.LogEntry;
import org.agrona.concurrent.UnsafeBuffer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The log entry codec on its own, in off-heap buffers as the replicas use it: {@code encode} is
 * what the primary does per logged event (wrap, header fields, payload copy, seal with
 * CRC32C); {@code decode} is what the backup does per received entry (wrapForRead, validate:
 * length, CRC32C, version, type, payload length). Scores are entries per second. Neither
 * allocates: run with {@code -prof gc} to see {@code gc.alloc.rate.norm} at 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED" })
public class CodecBenchmark
{
    /** The entry's shape; see {@link SampleEntry}. */
    @Param({ SampleEntry.CLOCK, SampleEntry.FRAME_128, SampleEntry.FRAME_1500 })
    public String entry;

    private SampleEntry sample;
    private int expectedLength;
    private UnsafeBuffer encoded;
    private UnsafeBuffer sealed;
    private final LogEntry reader = new LogEntry();
    private long sequence;

    /** Builds the encoder and one sealed entry to decode. */
    @Setup(Level.Trial)
    public void setUp()
    {
        sample = new SampleEntry(entry);
        expectedLength = sample.length();
        encoded = SampleEntry.offHeap(expectedLength);
        sealed = SampleEntry.offHeap(expectedLength);
        sample.encode(sealed, 0, 1, 1000);
    }

    /**
     * A new sequence and icount each time, as in a log; the sealed bytes are left in the buffer,
     * which the JIT cannot drop (they escape through memory).
     *
     * @return the sealed length.
     */
    @Benchmark
    public int encode()
    {
        final long next = ++sequence;
        final int length = sample.encode(encoded, 0, next, next * 17);
        if (length != expectedLength)
        {
            throw new IllegalStateException("sealed " + length + " bytes, expected " + expectedLength);
        }
        return length;
    }

    /**
     * @param blackhole takes a header field, so that the read after validation is kept too.
     * @return the validated length.
     */
    @Benchmark
    public int decode(final Blackhole blackhole)
    {
        final int length = reader.wrapForRead(sealed, 0).validate(expectedLength, 0);
        if (length != expectedLength)
        {
            throw new IllegalStateException("validated " + length + " bytes, expected " + expectedLength);
        }
        blackhole.consume(reader.icount());
        return length;
    }
}
