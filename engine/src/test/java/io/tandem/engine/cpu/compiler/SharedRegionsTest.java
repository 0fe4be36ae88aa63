package io.tandem.engine.cpu.compiler;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
import static io.tandem.engine.asm.Assembler.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.mem.MemoryMap;

/**
 * Machines of one process that run the same code share its region classes, and each shared
 * region still runs on its own machine's RAM and registers.
 */
class SharedRegionsTest
{
    /** A loop that sums into a0 and stores a running total to memory, so regions touch RAM. */
    private static Assembler loop(final int step)
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label top = a.newLabel("top");
        a.li(A0, 0);
        a.li(A1, 0);
        a.li(T0, MemoryMap.RAM_BASE + 0x800);
        a.bind(top);
        a.addi(A0, A0, step);
        a.addi(A1, A1, 1);
        a.sw(A0, T0, 0);
        a.lw(A0, T0, 0);
        a.j(top);
        return a;
    }

    private static Machine machine(final CpuEngine engine)
    {
        return new Machine(new MachineContext().cpuEngine(engine).compileThreshold(1).ramMib(1)
            .clock(new VirtualClock()).entropy(new SeededEntropy(1)));
    }

    @Test
    void aSecondMachineTakesTheFirstOnesClassesAndRunsOnItsOwnState()
    {
        try (Machine first = machine(CpuEngine.COMPILED); Machine second = machine(CpuEngine.COMPILED);
            Machine reference = machine(CpuEngine.INTERPRETED))
        {
            loop(3).loadInto(first);
            loop(3).loadInto(second);
            loop(3).loadInto(reference);
            first.run(50_000);
            final CompiledEngine firstEngine = (CompiledEngine)first.engine();
            assertTrue(firstEngine.regionsGenerated() > 0, "the first machine generated its regions");

            second.run(20_000);
            reference.run(20_000);
            final CompiledEngine secondEngine = (CompiledEngine)second.engine();
            assertTrue(secondEngine.regionsCompiled() > 0, "the second machine runs compiled code");
            assertEquals(0, secondEngine.regionsGenerated(), "nothing generated twice");
            assertEquals(secondEngine.regionsCompiled(), secondEngine.regionsShared());
            assertTrue(secondEngine.instructionsInRegions() > 10_000, "the shared regions ran");
            // Had the shared class kept the first machine's RAM, the loads would read its total.
            assertEquals(reference.cpu().register(A0), second.cpu().register(A0));
            assertEquals(reference.stateHash(), second.stateHash());
            assertNotEquals(first.cpu().register(A0), second.cpu().register(A0));
        }
    }

    @Test
    void differentCodeAtTheSameAddressIsNotShared()
    {
        try (Machine first = machine(CpuEngine.COMPILED); Machine other = machine(CpuEngine.COMPILED);
            Machine reference = machine(CpuEngine.INTERPRETED))
        {
            loop(7).loadInto(first);
            loop(11).loadInto(other);
            loop(11).loadInto(reference);
            first.run(20_000);
            other.run(20_000);
            reference.run(20_000);
            final CompiledEngine engine = (CompiledEngine)other.engine();
            assertTrue(engine.regionsGenerated() > 0, "the other step's loop was generated for it");
            assertEquals(reference.stateHash(), other.stateHash());
        }
    }

    @Test
    void keysDifferByAnyInstructionWord()
    {
        final SharedRegions.Key key = new SharedRegions.Key(0x8000_0000, 1024, new int[] {0x8000_0000, 0x8000_0004},
            new int[] {0x13, 0x00a50533});
        assertEquals(key, new SharedRegions.Key(0x8000_0000, 1024, new int[] {0x8000_0000, 0x8000_0004},
            new int[] {0x13, 0x00a50533}));
        assertNotEquals(key, new SharedRegions.Key(0x8000_0000, 1024, new int[] {0x8000_0000, 0x8000_0004},
            new int[] {0x13, 0x00a50534}));
        assertNotEquals(key, new SharedRegions.Key(0x8000_0004, 1024, new int[] {0x8000_0000, 0x8000_0004},
            new int[] {0x13, 0x00a50533}));
        assertNotEquals(key, new SharedRegions.Key(0x8000_0000, 2048, new int[] {0x8000_0000, 0x8000_0004},
            new int[] {0x13, 0x00a50533}));
    }
}
