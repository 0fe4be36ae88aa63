package io.tandem.perf;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.cpu.Csr;
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
 * Trap and interrupt entry: a loop from {@link TrapPrograms} that traps once every 5 or 6
 * instructions into a handler that returns with {@code mret}. The score in ops/s is guest
 * instructions per second; the {@code traps} counter ({@link TrapCounters}) is traps per second.
 * Every invocation checks that the guest's own trap count rose by exactly
 * {@code INSTRUCTIONS / instructionsPerTrap}, so a trap that was missed or taken twice fails the
 * run.
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
public class TrapBenchmark
{
    /** Guest instructions per invocation: a multiple of both loop lengths (5 and 6). */
    public static final int INSTRUCTIONS = 1_200_000;

    /** The kind of trap; see {@link TrapPrograms}. */
    @Param({ TrapPrograms.ECALL, TrapPrograms.ILLEGAL, TrapPrograms.SOFTWARE, TrapPrograms.TIMER })
    public String kind;

    private Machine machine;
    private long trapsPerInvocation;

    /** Builds the machine, runs the set-up code and checks that the loop traps as intended. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final TrapPrograms program = TrapPrograms.forKind(kind);
        if (INSTRUCTIONS % program.instructionsPerTrap() != 0)
        {
            throw new IllegalStateException(kind + ": " + INSTRUCTIONS + " is not a multiple of " +
                program.instructionsPerTrap() + " instructions per trap");
        }
        trapsPerInvocation = INSTRUCTIONS / program.instructionsPerTrap();
        machine = program.workload().start(CpuEngine.INTERPRETED); // the interpreter's paths: see perf/README.md
        BenchmarkSupport.runExactly(machine, program.setUpInstructions(), kind);
        final long traps = trapsAfter(program.instructionsPerTrap() * 10L);
        final int cause = machine.cpu().control().peek(Csr.MCAUSE);
        if (traps != 10 || cause != program.cause())
        {
            throw new IllegalStateException(kind + ": 10 loop passes took " + traps + " traps with mcause 0x" +
                Integer.toHexString(cause) + ", expected 10 with mcause 0x" + Integer.toHexString(program.cause()));
        }
    }

    /** Frees guest RAM. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        machine.close();
    }

    /**
     * @param counters receives the traps taken.
     * @return the traps taken, so the run cannot be optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long run(final TrapCounters counters)
    {
        final long traps = trapsAfter(INSTRUCTIONS);
        if (traps != trapsPerInvocation)
        {
            throw new IllegalStateException(kind + ": " + traps + " traps in " + INSTRUCTIONS +
                " instructions, expected " + trapsPerInvocation);
        }
        counters.traps += traps;
        return traps;
    }

    /** @return traps the guest counted in s1 while running {@code instructions}. */
    private long trapsAfter(final long instructions)
    {
        final int before = machine.cpu().register(Assembler.S1);
        BenchmarkSupport.runExactly(machine, instructions, kind);
        return machine.cpu().register(Assembler.S1) - before;
    }
}
