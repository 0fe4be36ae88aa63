package io.tandem.engine.cpu.compiler;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
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
 * Code on a page that is not warm yet runs on the interpreter in long stretches, not one basic
 * block per call; once compiled, the interpreter hands over at the region's entry.
 */
class ColdCodeDispatchTest
{
    private static final int INSTRUCTIONS = 1_000_000;

    /** A loop of three instructions: a0 += 1, a1 += 2. */
    private static Assembler shortLoop()
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label top = a.newLabel("top");
        a.bind(top);
        a.addi(A0, A0, 1);
        a.addi(A1, A1, 2);
        a.j(top);
        return a;
    }

    private static Machine machine(final CpuEngine engine, final int compileThreshold)
    {
        return new Machine(new MachineContext().cpuEngine(engine).compileThreshold(compileThreshold).ramMib(1)
            .clock(new VirtualClock()).entropy(new SeededEntropy(1)));
    }

    @Test
    void coldCodeRunsInStretchesOfTheInterpreterNotBlockByBlock()
    {
        // Fewer stretches than make a page warm.
        final int instructions = (CompiledEngine.MAX_WARM_PAGE_SAMPLES - 1) * CompiledEngine.MAX_INTERPRETED_STRETCH;
        try (Machine compiled = machine(CpuEngine.COMPILED, Integer.MAX_VALUE);
            Machine interpreted = machine(CpuEngine.INTERPRETED, Integer.MAX_VALUE))
        {
            shortLoop().loadInto(compiled);
            shortLoop().loadInto(interpreted);
            compiled.run(instructions);
            interpreted.run(instructions);
            assertEquals(interpreted.stateHash(), compiled.stateHash());
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            assertEquals(0, engine.regionsCompiled(), "nothing is hot at this threshold");
            // Block by block would be one call per pass of three instructions.
            assertTrue(engine.interpreterSteps() <= CompiledEngine.MAX_WARM_PAGE_SAMPLES,
                "interpreter calls: " + engine.interpreterSteps());
        }
    }

    @Test
    void theInterpreterHandsOverAtACompiledEntry()
    {
        try (Machine compiled = machine(CpuEngine.COMPILED, 20_000);
            Machine interpreted = machine(CpuEngine.INTERPRETED, 20_000))
        {
            shortLoop().loadInto(compiled);
            shortLoop().loadInto(interpreted);
            compiled.run(INSTRUCTIONS);
            interpreted.run(INSTRUCTIONS);
            assertEquals(interpreted.stateHash(), compiled.stateHash());
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            assertEquals(1, engine.regionsCompiled(), "one region holds the loop");
            assertTrue(engine.instructionsInRegions() > INSTRUCTIONS * 9L / 10,
                "instructions in regions: " + engine.instructionsInRegions());
        }
    }
}
