package io.tandem.engine.cpu.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;

/**
 * HotSpot compiles no method over 8000 bytes of bytecode, and C1's profiling tier already gave up
 * on region methods of 6596 bytes and more (out of virtual registers), which then never reached
 * C2: a region must stay within {@link CompiledEngine#MAX_CODE_BYTES} (4000). Compiling everything
 * a real program runs (cpubench_quick, with a threshold of one entry) must keep every region
 * within it, and the regions must together cover nearly all the instructions retired.
 */
class RegionSizeTest
{
    /** The smallest region method C1's profiling tier was seen to give up on, in bytes of bytecode. */
    private static final int C1_FAILED_AT = 6596;

    @Test
    void everyRegionOfARealProgramStaysWithinWhatBothOfTheJitsCompile()
    {
        try (Machine machine = new Machine(new MachineContext().cpuEngine(CpuEngine.COMPILED).compileThreshold(1)
            .ramMib(16).clock(new VirtualClock()).entropy(new SeededEntropy(1))))
        {
            machine.load(ElfReader.read(Path.of("..", "guests", "bin", "cpubench_quick.elf")));
            machine.run(Long.MAX_VALUE);
            assertEquals(HaltReason.PASSED, machine.haltReason(), machine.haltMessage());
            final CompiledEngine engine = (CompiledEngine)machine.engine();
            assertTrue(engine.regionsCompiled() > 50, "compiled " + engine.regionsCompiled());
            assertTrue(engine.largestRegionBytecode() > 1000, "measured: " + engine.largestRegionBytecode());
            assertTrue(engine.largestRegionBytecode() <= CompiledEngine.MAX_CODE_BYTES, "largest " + engine.largestRegionBytecode());
            assertTrue(CompiledEngine.MAX_CODE_BYTES < C1_FAILED_AT, "the cap " + CompiledEngine.MAX_CODE_BYTES);
            assertTrue(engine.instructionsInRegions() > 0.95 * machine.icount(),
                engine.instructionsInRegions() + " of " + machine.icount() + " in regions");
        }
    }
}
