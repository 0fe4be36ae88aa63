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
 * Loads through the device path (the CLINT's mtime, via the bus) against the same loads from
 * RAM: the same program with 8 loads in every 17 instructions, pointed at a different address.
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
public class MemoryPathBenchmark
{
    /** Guest instructions per invocation; fewer than for the dispatch mixes because MMIO is slower. */
    public static final int INSTRUCTIONS = 1_000_000;

    /** {@code ram}: loads from guest RAM; {@code mmio}: loads from the CLINT's mtime. */
    @Param({ "ram", "mmio" })
    public String target;

    private Machine machine;

    /** Builds the machine and the load loop. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final int address;
        switch (target)
        {
            case "ram":
                address = Programs.DATA_ADDRESS;
                break;
            case "mmio":
                address = Programs.MTIME_ADDRESS;
                break;
            default:
                throw new IllegalArgumentException("unknown target: " + target);
        }
        machine = Programs.memoryLoads(address).start(CpuEngine.INTERPRETED); // the interpreter's paths: see perf/README.md
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
        return BenchmarkSupport.runExactly(machine, INSTRUCTIONS, target);
    }
}
