package io.tandem.perf;

import io.tandem.engine.machine.Machine;
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
 * One state check of a pair: {@link Machine#stateHash()} over the whole machine, RAM included, for
 * 64 and 256 MiB of guest RAM. A primary takes it every {@code tandem.pair.state.check.instructions}
 * (10 M by default) on its own thread, and the backup again at the same count before it goes on:
 * what a request that arrives meanwhile waits for, on each replica.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED" })
public class StateHashBenchmark
{
    /** Guest RAM, MiB. */
    @Param({ "64", "256" })
    public int ramMib;

    private Machine machine;

    /** A machine of that size (its RAM all zero: the hash reads every word whatever it holds). */
    @Setup(Level.Trial)
    public void setUp()
    {
        machine = Machines.newMachine(ramMib);
    }

    /** Frees the machine. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        machine.close();
    }

    /** The state hash a state check logs and the backup compares. */
    @Benchmark
    public long stateHash()
    {
        return machine.stateHash();
    }
}
