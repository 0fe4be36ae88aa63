package io.tandem.engine.cpu.compiler;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
import static io.tandem.engine.asm.Assembler.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.snapshot.SnapshotFile;

/**
 * Compiled code never outlives the guest code it was compiled from, whoever rewrites it: the
 * host (a page mark the region sees on entry), or a snapshot load that replaces RAM wholesale.
 * Each case runs beside an interpreted machine given the same writes and must reach its state.
 */
class CompiledCodeInvalidationTest
{
    private static final byte[] NO_ELF = new byte[32];

    @TempDir
    Path tmp;

    /** An endless loop: a0 += step, a1 counts, with the addi's address at a known place. */
    private static Assembler loop(final int step)
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label top = a.newLabel("top");
        a.li(A0, 0);
        a.li(A1, 0);
        a.bind(top);
        a.addi(A0, A0, step); // at RAM_BASE + 8
        a.addi(A1, A1, 1);
        a.andi(T0, A1, 7);
        a.j(top);
        return a;
    }

    private static final int STEP_ADDRESS = MemoryMap.RAM_BASE + 8;

    private static Machine machine(final CpuEngine engine)
    {
        return new Machine(new MachineContext().cpuEngine(engine).compileThreshold(1).ramMib(1)
            .clock(new VirtualClock()).entropy(new SeededEntropy(1)));
    }

    @Test
    void aHostWriteIntoACompiledLoopIsSeenAtTheNextEntry()
    {
        try (Machine compiled = machine(CpuEngine.COMPILED); Machine interpreted = machine(CpuEngine.INTERPRETED))
        {
            loop(1).loadInto(compiled);
            loop(1).loadInto(interpreted);
            compiled.run(10_000);
            interpreted.run(10_000);
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            assertTrue(engine.regionsCompiled() > 0, "the loop was compiled");
            final int addi5 = (5 << 20) | (A0 << 15) | (A0 << 7) | 0x13;
            compiled.writeRamInt(STEP_ADDRESS, addi5);
            interpreted.writeRamInt(STEP_ADDRESS, addi5);
            compiled.run(10_001);
            interpreted.run(10_001);
            assertEquals(interpreted.cpu().register(A0), compiled.cpu().register(A0));
            assertEquals(interpreted.stateHash(), compiled.stateHash());
            assertTrue(engine.regionsDiscarded() > 0, "the stale region was dropped");
        }
    }

    /**
     * The snapshot comes from a compiled machine, whose code page has its compiled-code bit
     * clear: only the load itself can tell the loading machine that its code changed.
     */
    @Test
    void aSnapshotOfAnotherProgramReplacesTheCompiledCode()
    {
        final Path file = tmp.resolve("other.snap");
        try (Machine compiled = machine(CpuEngine.COMPILED);
            Machine other = machine(CpuEngine.COMPILED);
            Machine reference = machine(CpuEngine.INTERPRETED))
        {
            loop(1).loadInto(compiled);
            compiled.run(50_000);
            loop(7).loadInto(other);
            other.run(30_001);
            SnapshotFile.write(file, other, NO_ELF, -1);

            SnapshotFile.load(file, compiled, NO_ELF);
            SnapshotFile.load(file, reference, NO_ELF);
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            final long discardedBefore = engine.regionsDiscarded();
            compiled.run(20_000);
            reference.run(20_000);
            assertEquals(reference.stateHash(), compiled.stateHash());
            assertNotEquals(discardedBefore, engine.regionsDiscarded(), "regions of the replaced code were dropped");
        }
    }

    @Test
    void aSnapshotOfTheSameProgramKeepsTheCompiledCode()
    {
        final Path file = tmp.resolve("same.snap");
        try (Machine compiled = machine(CpuEngine.COMPILED); Machine reference = machine(CpuEngine.INTERPRETED))
        {
            loop(3).loadInto(compiled);
            loop(3).loadInto(reference);
            compiled.run(40_000);
            reference.run(40_000);
            SnapshotFile.write(file, reference, NO_ELF, -1);
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            final long compiledBefore = engine.regionsCompiled();
            SnapshotFile.load(file, compiled, NO_ELF);
            compiled.run(20_000);
            reference.run(20_000);
            assertEquals(reference.stateHash(), compiled.stateHash());
            assertEquals(compiledBefore, engine.regionsCompiled(), "the same code was not compiled again");
            assertEquals(0, engine.regionsDiscarded());
        }
    }
}
