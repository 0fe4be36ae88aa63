package io.tandem.perf;

import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.snapshot.SnapshotFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CPU on one instruction mix and one engine per fork: each invocation retires exactly
 * {@link #INSTRUCTIONS} guest instructions through {@link Machine#run(long)}, so the score in
 * ops/s is guest instructions per second.
 * <p>
 * {@code cpubench} is the committed CoreMark-like guest; it halts after about 35 M instructions,
 * so the machine goes back to its state at the start (a snapshot loaded outside the measurement)
 * whenever fewer than {@link #INSTRUCTIONS} remain before its end: a long-running guest's engine
 * keeps what it compiled, and so does this one (the load checks compiled code against RAM). The
 * other mixes are endless loops from {@link Programs}.
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
public class DispatchBenchmark
{
    /** Guest instructions per invocation: tens of milliseconds, long enough that timing is noise-free. */
    public static final int INSTRUCTIONS = 10_000_000;

    /** Committed guest run by the {@code cpubench} mix. */
    public static final String CPUBENCH_ELF = "cpubench_quick.elf";

    /** RAM for the ELF guests: the SDK's link script uses the first 16 MiB. */
    public static final int ELF_RAM_MIB = 16;

    /** The instruction mix; see {@link Programs} and perf/README.md. */
    @Param({ "alu", "loadstore", "branchy", "muldiv", "calls", "atomics", "cpubench" })
    public String mix;

    /** The engine: {@code interpreted} or {@code compiled}. */
    @Param({ "interpreted", "compiled" })
    public String engine;

    private static final byte[] NO_ELF = new byte[32];

    private Workload workload;
    private Machine machine;
    private long startedAt;
    private Path start;

    /** Builds the program (and for {@code cpubench}, runs it once to learn its length). */
    @Setup(Level.Trial)
    public void setUp()
    {
        workload = "cpubench".equals(mix) ?
            new ElfWorkload(Guests.resolve(CPUBENCH_ELF), ELF_RAM_MIB) : Programs.forMix(mix);
        if (workload.runLength() < INSTRUCTIONS)
        {
            throw new IllegalStateException(
                mix + " halts after " + workload.runLength() + " instructions, fewer than one invocation needs");
        }
        machine = workload.start(CpuEngine.parse(engine));
        startedAt = machine.icount();
        if (workload.runLength() != Workload.ENDLESS)
        {
            try
            {
                start = Files.createTempFile("tandem-jmh-dispatch-", ".snap");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            SnapshotFile.write(start, machine, NO_ELF, -1);
        }
    }

    /**
     * Puts the machine back to its start when the guest would halt within the next invocation; a no-op for
     * the endless mixes. Invocations last tens of milliseconds, so the per-invocation hook's own
     * overhead is far below the noise.
     */
    @Setup(Level.Invocation)
    public void ensureBudget()
    {
        if (machine.icount() - startedAt + INSTRUCTIONS > workload.runLength())
        {
            SnapshotFile.load(start, machine, NO_ELF);
            startedAt = machine.icount();
        }
    }

    /** Frees guest RAM and deletes the start snapshot. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        machine.close();
        if (start != null)
        {
            Files.deleteIfExists(start);
        }
    }

    /**
     * @return the instruction count, so the run cannot be optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long run()
    {
        return BenchmarkSupport.runExactly(machine, INSTRUCTIONS, mix);
    }
}
