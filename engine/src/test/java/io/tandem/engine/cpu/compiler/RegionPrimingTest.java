package io.tandem.engine.cpu.compiler;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
import static io.tandem.engine.asm.Assembler.A2;
import static io.tandem.engine.asm.Assembler.RA;
import static io.tandem.engine.asm.Assembler.S0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.cpu.DecodeCache;
import io.tandem.engine.cpu.DecodedInstruction;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.WrittenPages;

/**
 * A new region class is called {@link CompiledEngine#PRIMING_CALLS} times with no budget, so that
 * HotSpot compiles it soon: such a call must change nothing a guest can see, whether the region's
 * page was written or not, and a machine whose regions are primed must still retire exactly what
 * the interpreter retires.
 */
class RegionPrimingTest
{
    private static final int RAM_BYTES = 1 << 20;

    /** A loop with a store, a load, a call out and back: a region that writes many registers. */
    private static Assembler program()
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label loop = a.newLabel("loop");
        final Label function = a.newLabel("function");
        a.li(S0, MemoryMap.RAM_BASE + 0x8000);
        a.bind(loop);
        a.addi(A0, A0, 7);
        a.sw(A0, S0, 0);
        a.lw(A1, S0, 0);
        a.xor(A2, A2, A1);
        a.jal(RA, function);
        a.addi(S0, S0, 4);
        a.j(loop);
        a.bind(function);
        a.slli(A2, A2, 1);
        a.jalr(0, RA, 0);
        return a;
    }

    @Test
    void aCallWithNoBudgetChangesNeitherRegistersNorMemory()
    {
        for (final boolean pageWritten : new boolean[] {false, true})
        {
            try (GuestRam ram = new GuestRam(RAM_BYTES))
            {
                final byte[] code = program().bytes();
                ram.putBytesRaw(MemoryMap.RAM_BASE, code, 0, code.length);
                final DecodeCache decodeCache = new DecodeCache(ram);
                decodeCache.put(MemoryMap.RAM_BASE, DecodedInstruction.REGION_ENTRY_MARK); // the code page has slots
                final long[][] decoded = decodeCache.pages();
                final CodeCache cache = new CodeCache(ram, decodeCache);
                final RegionShape shape = RegionShape.scan(MemoryMap.RAM_BASE, ram.address(), RAM_BYTES >>> 1, 512);
                final CompiledRegion region = RegionLoader.instantiate(
                    RegionLoader.define(new RegionGenerator(RAM_BYTES >>> 2).generate(shape, new int[1])));
                region.ramAddress = ram.address();
                region.codeWordBitsAddress = cache.codeWordBitsAddress();
                region.cache = cache;
                region.entryPc = MemoryMap.RAM_BASE;
                region.entries = RegionGenerator.entries(shape);
                if (pageWritten)
                {
                    ram.writtenPages().set(0, WrittenPages.COMPILED_CODE);
                }

                final int[] x = new Random(7).ints(33).toArray();
                x[0] = 0;
                final int[] registersBefore = x.clone();
                final long[][] decodedBefore = new long[decoded.length][];
                for (int page = 0; page < decoded.length; page++)
                {
                    decodedBefore[page] = decoded[page].clone();
                }
                final byte[] ramBefore = new byte[RAM_BYTES];
                ram.getBytes(MemoryMap.RAM_BASE, ramBefore, 0, RAM_BYTES);
                final RegionExit exit = new RegionExit();
                for (int call = 0; call < CompiledEngine.PRIMING_CALLS; call++)
                {
                    assertEquals(MemoryMap.RAM_BASE, region.run(x, decoded, 0, exit, MemoryMap.RAM_BASE));
                    assertEquals(0, exit.remaining, "nothing retired");
                    assertEquals(0, exit.depth);
                }
                assertEquals(pageWritten ? RegionExit.CODE_WRITTEN : RegionExit.INTERPRET, exit.reason);
                assertArrayEquals(registersBefore, x, "registers");
                assertTrue(Arrays.deepEquals(decodedBefore, decoded), "decode cache");
                final byte[] ramAfter = new byte[RAM_BYTES];
                ram.getBytes(MemoryMap.RAM_BASE, ramAfter, 0, RAM_BYTES);
                assertArrayEquals(ramBefore, ramAfter, "RAM");
                assertEquals(pageWritten, ram.writtenPages().written(0, WrittenPages.COMPILED_CODE),
                    "the page's mark is left for the dispatcher");
            }
        }
    }

    @Test
    void primedRegionsRetireWhatTheInterpreterRetires()
    {
        try (Machine compiled = machine(CpuEngine.COMPILED); Machine interpreted = machine(CpuEngine.INTERPRETED))
        {
            program().loadInto(compiled);
            program().loadInto(interpreted);
            for (int slice = 0; slice < 60; slice++)
            {
                compiled.run(997);
                interpreted.run(997);
                assertEquals(interpreted.stateHash(), compiled.stateHash(), "at instruction " + compiled.icount());
            }
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            assertTrue(engine.regionsGenerated() + engine.regionsShared() > 0, "no region was compiled");
            assertTrue(engine.instructionsInRegions() > compiled.icount() / 2,
                engine.instructionsInRegions() + " of " + compiled.icount() + " in regions");
        }
    }

    private static Machine machine(final CpuEngine engine)
    {
        return new Machine(new MachineContext().cpuEngine(engine).compileThreshold(2).ramMib(1)
            .clock(new VirtualClock()).entropy(new SeededEntropy(1)));
    }
}
