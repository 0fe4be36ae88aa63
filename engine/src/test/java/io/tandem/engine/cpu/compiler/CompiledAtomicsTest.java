package io.tandem.engine.cpu.compiler;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
import static io.tandem.engine.asm.Assembler.A2;
import static io.tandem.engine.asm.Assembler.A3;
import static io.tandem.engine.asm.Assembler.A4;
import static io.tandem.engine.asm.Assembler.T0;
import static io.tandem.engine.asm.Assembler.T1;
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
 * Read-modify-write atomics run inside compiled regions, to the interpreter's results, and an
 * atomic that writes a word of compiled code leaves its region as a store does.
 */
class CompiledAtomicsTest
{
    private static final int DATA = MemoryMap.RAM_BASE + 0x1000;

    private static Machine machine(final CpuEngine engine)
    {
        return new Machine(new MachineContext().cpuEngine(engine).compileThreshold(1).ramMib(1)
            .clock(new VirtualClock()).entropy(new SeededEntropy(1)));
    }

    /** A loop through every read-modify-write AMO on words that the loop also changes. */
    private static Assembler everyAtomic()
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label top = a.newLabel("top");
        a.li(T0, DATA);
        a.li(A0, 0x1234_5678);
        a.li(A1, 1);
        a.bind(top);
        a.addi(A1, A1, 0x2f1);
        a.xor(A0, A0, A1);
        a.amoaddW(A2, T0, A0);
        a.amoswapW(A3, T0, A1);
        a.amoxorW(A4, T0, A2);
        a.amoandW(A2, T0, A3);
        a.amoorW(A3, T0, A4);
        a.amominW(A4, T0, A0);
        a.amomaxW(A2, T0, A1);
        a.amominuW(A3, T0, A2);
        a.amomaxuW(A4, T0, A3);
        a.addi(T1, T0, 4);
        a.amoaddW(A0, T1, A4); // rd is an operand of the next round
        a.j(top);
        return a;
    }

    @Test
    void atomicsRunInRegionsToTheInterpretersState()
    {
        try (Machine compiled = machine(CpuEngine.COMPILED); Machine interpreted = machine(CpuEngine.INTERPRETED))
        {
            everyAtomic().loadInto(compiled);
            everyAtomic().loadInto(interpreted);
            for (int slice = 0; slice < 50; slice++)
            {
                compiled.run(1_009);
                interpreted.run(1_009);
                assertEquals(interpreted.stateHash(), compiled.stateHash(), "at instruction " + compiled.icount());
            }
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            assertTrue(engine.instructionsInRegions() > compiled.icount() * 9 / 10,
                engine.instructionsInRegions() + " of " + compiled.icount() + " in regions");
        }
    }

    @Test
    void anAtomicThatRewritesCompiledCodeIsSeen()
    {
        // The loop's addi a1 is rewritten by an amoswap after 100 rounds: a1 then grows by 5.
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label top = a.newLabel("top");
        final Label same = a.newLabel("same");
        a.li(A1, 0);
        a.li(A2, 0);
        a.li(A3, 100);
        a.li(T0, MemoryMap.RAM_BASE + 0x40);
        a.li(A4, (5 << 20) | (A1 << 15) | (A1 << 7) | 0x13); // addi a1, a1, 5
        while (a.pc() < MemoryMap.RAM_BASE + 0x40)
        {
            a.nop();
        }
        a.bind(top);
        a.addi(A1, A1, 1); // at RAM_BASE + 0x40
        a.addi(A2, A2, 1);
        a.bne(A2, A3, same);
        a.amoswapW(A0, T0, A4);
        a.bind(same);
        a.j(top);
        try (Machine compiled = machine(CpuEngine.COMPILED); Machine interpreted = machine(CpuEngine.INTERPRETED))
        {
            a.loadInto(compiled);
            a.loadInto(interpreted);
            compiled.run(5_000);
            interpreted.run(5_000);
            assertEquals(interpreted.cpu().register(A1), compiled.cpu().register(A1));
            assertEquals(interpreted.stateHash(), compiled.stateHash());
            assertTrue(compiled.cpu().register(A1) > 1_000, "the rewritten addi ran: a1 = " + compiled.cpu().register(A1));
        }
    }
}
