package io.tandem.engine.cpu.compiler;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
import static io.tandem.engine.asm.Assembler.RA;
import static io.tandem.engine.asm.Assembler.S0;
import static io.tandem.engine.asm.Assembler.S11;
import static io.tandem.engine.asm.Assembler.SP;
import static io.tandem.engine.asm.Assembler.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A jump out of a region enters the next region from the region itself, down to a bounded depth:
 * an indirect recursion 40 calls deep runs to the interpreter's state in any slicing, with far
 * fewer trips through the dispatcher than calls.
 */
class RegionChainingTest
{
    private static final int DEPTH = 40;

    /** A loop calling rec(DEPTH), which calls itself through a register until n is 0. */
    private static Assembler indirectRecursion()
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label loop = a.newLabel("loop");
        final Label rec = a.newLabel("rec");
        final Label done = a.newLabel("done");
        a.li(SP, MemoryMap.RAM_BASE + (1 << 20));
        a.la(S11, rec);
        a.bind(loop);
        a.li(A0, DEPTH);
        a.jalr(RA, S11, 0);
        a.addi(S0, S0, 1);
        a.j(loop);
        a.bind(rec);                   // rec(a0): a1 += a0; if a0 != 0: rec(a0 - 1)
        a.add(A1, A1, A0);
        a.beq(A0, ZERO, done);
        a.addi(SP, SP, -16);
        a.sw(RA, SP, 12);
        a.addi(A0, A0, -1);
        a.jalr(RA, S11, 0);
        a.lw(RA, SP, 12);
        a.addi(SP, SP, 16);
        a.bind(done);
        a.jalr(ZERO, RA, 0);
        return a;
    }

    private static Machine machine(final CpuEngine engine)
    {
        return new Machine(new MachineContext().cpuEngine(engine).compileThreshold(2).ramMib(1)
            .clock(new VirtualClock()).entropy(new SeededEntropy(1)));
    }

    @Test
    void deepIndirectRecursionRunsChainedToTheInterpretersState()
    {
        try (Machine compiled = machine(CpuEngine.COMPILED); Machine interpreted = machine(CpuEngine.INTERPRETED))
        {
            indirectRecursion().loadInto(compiled);
            indirectRecursion().loadInto(interpreted);
            for (int slice = 0; slice < 60; slice++)
            {
                final int budget = 997 + slice * 131;
                compiled.run(budget);
                interpreted.run(budget);
                assertEquals(interpreted.stateHash(), compiled.stateHash(), "at instruction " + compiled.icount());
            }
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            final long calls = compiled.cpu().register(S0) * (DEPTH + 1L);
            assertTrue(calls > 1_000, "the loop ran: " + calls + " calls");
            assertTrue(engine.instructionsInRegions() > compiled.icount() * 9 / 10,
                engine.instructionsInRegions() + " of " + compiled.icount() + " in regions");
            assertTrue(engine.regionCalls() * 4 < calls,
                engine.regionCalls() + " trips through the dispatcher for " + calls + " calls");
        }
    }
}
