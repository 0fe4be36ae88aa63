package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.tandem.engine.cpu.compiler.CompiledEngine;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;

/**
 * Seeded random programs ({@link RandomProgram}: traps, misaligned and unmapped accesses, CSR
 * reads of the counters, atomics, self-modifying stores, FENCE.I, loops, calls, timer interrupts)
 * run on the interpreter and on the compiler, which compiles everything entered twice, in the
 * same random slices (budgets ending anywhere, inside regions included) and with a random
 * interrupt-check interval: the state hashes, icounts and pcs must agree at every slice end.
 */
class EngineDifferentialRandomTest
{
    private static final int SEEDS = 40;
    private static final long INSTRUCTIONS_PER_SEED = 400_000;

    private static long totalInstructions;
    private static long totalChecks;
    private static long totalRegions;
    private static long totalDiscarded;

    static long[] seeds()
    {
        final long[] seeds = new long[SEEDS];
        for (int i = 0; i < SEEDS; i++)
        {
            seeds[i] = 1000 + i;
        }
        return seeds;
    }

    @BeforeAll
    static void reset()
    {
        totalInstructions = 0;
        totalChecks = 0;
        totalRegions = 0;
        totalDiscarded = 0;
    }

    @AfterAll
    static void report()
    {
        System.out.printf("engine differential campaign: seeds %d..%d, %d instructions on each engine, " +
            "%d state hashes compared, %d regions compiled, %d discarded%n",
            seeds()[0], seeds()[SEEDS - 1], totalInstructions, totalChecks, totalRegions, totalDiscarded);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bothEnginesAgreeAtEverySliceEnd(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        final int checkInterval = new int[] {64, 333, 8192}[random.nextInt(3)];
        // Every other seed compiles late: its code first runs in interpreter stretches that stop at
        // marked region entries, then block by block once its page is warm.
        final int compileThreshold = seed % 2 == 0 ? 2 : 1024;
        try (Machine interpreted = newMachine(CpuEngine.INTERPRETED, checkInterval, compileThreshold);
            Machine compiled = newMachine(CpuEngine.COMPILED, checkInterval, compileThreshold))
        {
            RandomProgram.generate(seed).loadInto(interpreted);
            RandomProgram.generate(seed).loadInto(compiled);
            long checks = 0;
            while (interpreted.icount() < INSTRUCTIONS_PER_SEED)
            {
                final int budget = random.nextInt(4) == 0 ? 1 + random.nextInt(20_000) : 1 + random.nextInt(300);
                final StopReason a = interpreted.run(budget);
                final StopReason b = compiled.run(budget);
                assertEquals(a, b, "seed " + seed + " stop at " + interpreted.icount());
                assertEquals(interpreted.icount(), compiled.icount(), "seed " + seed + " icount");
                assertEquals(interpreted.cpu().pc(), compiled.cpu().pc(), "seed " + seed + " pc at " + interpreted.icount());
                assertEquals(interpreted.stateHash(), compiled.stateHash(), "seed " + seed + " state at " + interpreted.icount());
                checks++;
                assertEquals(HaltReason.NONE, interpreted.haltReason(), interpreted.haltMessage());
            }
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            assertTrue(engine.regionsCompiled() > 0, "seed " + seed + " compiled nothing");
            totalInstructions += interpreted.icount();
            totalChecks += checks;
            totalRegions += engine.regionsCompiled();
            totalDiscarded += engine.regionsDiscarded();
        }
    }

    private static Machine newMachine(final CpuEngine engine, final int checkInterval, final int compileThreshold)
    {
        return new Machine(new MachineContext()
            .cpuEngine(engine)
            .compileThreshold(compileThreshold)
            .ramMib(1)
            .interruptCheckInstructions(checkInterval)
            .clock(new VirtualClock())
            .entropy(new SeededEntropy(5)));
    }
}
