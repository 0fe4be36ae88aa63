package io.tandem.engine.cpu.compiler;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
import static io.tandem.engine.asm.Assembler.RA;
import static io.tandem.engine.asm.Assembler.S0;
import static io.tandem.engine.asm.Assembler.S11;
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
 * A region is entered at the return address of one of its calls when the callee, compiled
 * elsewhere, returns there: the code after an indirect call runs compiled, not interpreted.
 */
class RegionEntriesTest
{
    private static final int RETURN_ADDRESS = MemoryMap.RAM_BASE + 0x14;

    /** A loop that calls a function through a register; the call returns to RETURN_ADDRESS. */
    private static Assembler indirectCalls(final int step)
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label loop = a.newLabel("loop");
        final Label function = a.newLabel("function");
        a.la(S11, function);           // 2 instructions
        a.li(S0, 0);
        a.bind(loop);                  // RAM_BASE + 0xc
        a.addi(A1, A1, 3);
        a.jalr(RA, S11, 0);
        if (a.pc() != RETURN_ADDRESS)
        {
            throw new IllegalStateException("the return address moved: " + Integer.toHexString(a.pc()));
        }
        a.addi(S0, S0, step);
        a.xor(A1, A1, S0);
        a.j(loop);
        a.bind(function);
        a.addi(A0, A0, 1);
        a.add(A0, A0, A1);
        a.jalr(0, RA, 0);
        return a;
    }

    private static Machine machine(final CpuEngine engine)
    {
        return new Machine(new MachineContext().cpuEngine(engine).compileThreshold(2).ramMib(1)
            .clock(new VirtualClock()).entropy(new SeededEntropy(1)));
    }

    @Test
    void theCodeAfterAnIndirectCallRunsCompiled()
    {
        try (Machine compiled = machine(CpuEngine.COMPILED); Machine interpreted = machine(CpuEngine.INTERPRETED))
        {
            indirectCalls(1).loadInto(compiled);
            indirectCalls(1).loadInto(interpreted);
            for (int slice = 0; slice < 40; slice++)
            {
                compiled.run(2_503);
                interpreted.run(2_503);
                assertEquals(interpreted.stateHash(), compiled.stateHash(), "at instruction " + compiled.icount());
            }
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            assertTrue(engine.instructionsInRegions() > compiled.icount() * 97 / 100,
                engine.instructionsInRegions() + " of " + compiled.icount() + " in regions");
        }
    }

    @Test
    void rewritingCodeAtAReturnAddressIsSeenThere()
    {
        try (Machine compiled = machine(CpuEngine.COMPILED); Machine interpreted = machine(CpuEngine.INTERPRETED))
        {
            indirectCalls(1).loadInto(compiled);
            indirectCalls(1).loadInto(interpreted);
            compiled.run(20_000);
            interpreted.run(20_000);
            final int addi7 = (7 << 20) | (S0 << 15) | (S0 << 7) | 0x13;
            compiled.writeRamInt(RETURN_ADDRESS, addi7);
            interpreted.writeRamInt(RETURN_ADDRESS, addi7);
            compiled.run(20_001);
            interpreted.run(20_001);
            assertEquals(interpreted.cpu().register(S0), compiled.cpu().register(S0));
            assertEquals(interpreted.stateHash(), compiled.stateHash());
        }
    }
}
