package io.tandem.perf;

import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
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

import java.util.concurrent.TimeUnit;

/**
 * The cost of executing code for the first time, i.e. of a decode-cache miss: a program that
 * rewrites its own 256-instruction block on every pass (so each of those instructions is decoded
 * again) against the identical program copying to a scratch area instead. Each pass is 967
 * instructions of which 256 miss in the {@code rewritten} variant, so
 * {@code (1/rewritten - 1/stable) * 967 / 256} seconds is the extra cost of one miss.
 * The score in ops/s is guest instructions per second.
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
public class DecodeBenchmark
{
    /** Guest instructions per invocation. */
    public static final int INSTRUCTIONS = 1_000_000;

    /** Instructions in one pass of {@link Programs#decode(boolean)}: block, three {@code la}, 64 copy steps of 11, jump. */
    public static final int PASS_INSTRUCTIONS = Programs.DECODE_BLOCK_INSTRUCTIONS + 6 +
        (Programs.DECODE_BLOCK_INSTRUCTIONS / 4) * 11 + 1;

    /** {@code stable}: code never changes; {@code rewritten}: the block is overwritten every pass. */
    @Param({ "stable", "rewritten" })
    public String code;

    private Machine machine;

    /** Builds the machine and the program. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final boolean rewrite;
        switch (code)
        {
            case "stable":
                rewrite = false;
                break;
            case "rewritten":
                rewrite = true;
                break;
            default:
                throw new IllegalArgumentException("unknown code variant: " + code);
        }
        machine = Programs.decode(rewrite).start(CpuEngine.INTERPRETED); // the interpreter's paths: see perf/README.md
    }

    /** Frees guest RAM. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        machine.close();
    }

    /** @return the instruction count, so the run cannot be optimised away. */
    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long run()
    {
        return BenchmarkSupport.runExactly(machine, INSTRUCTIONS, code);
    }
}
