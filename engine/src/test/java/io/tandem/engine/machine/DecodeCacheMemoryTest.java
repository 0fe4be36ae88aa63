package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tandem.engine.cpu.DecodeCache;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.elf.ElfSegment;
import io.tandem.engine.mem.MemoryMap;

/**
 * The decode cache grows with the code that runs, not with RAM: loading an ELF and a host write
 * of 1 MiB make no slots, and after the CPU benchmark (which stores over megabytes of data and
 * stack) on a 64 MiB machine, only pages of its executable
 * segments have slots, and the cache's heap is a few of those pages plus a table of one
 * reference per RAM page, where a slot per RAM halfword took 256 MiB.
 */
class DecodeCacheMemoryTest
{
    private static final int RAM_MIB = 64;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void onlyPagesOfExecutedCodeHaveSlots(final CpuEngine engine)
    {
        final ElfImage elf = ElfReader.read(Guests.BIN.resolve("cpubench_quick.elf"));
        final BitSet codePages = new BitSet();
        for (final ElfSegment segment : elf.segments())
        {
            if (segment.executable())
            {
                final int first = (segment.address() - MemoryMap.RAM_BASE) >>> DecodeCache.PAGE_SHIFT;
                final int last = (int)((segment.address() - MemoryMap.RAM_BASE + segment.memSize() - 1) >>> DecodeCache.PAGE_SHIFT);
                codePages.set(first, last + 1);
            }
        }
        try (Machine m = new Machine(new MachineContext().cpuEngine(engine).ramMib(RAM_MIB)
            .clock(new VirtualClock()).entropy(new SeededEntropy(7)).consoleSink(ConsoleSink.DISCARD)))
        {
            m.load(elf);
            final byte[] data = new byte[1 << 20];
            m.writeRam(MemoryMap.RAM_BASE + (32 << 20), data, 0, data.length);
            assertEquals(0, m.cpu().decodeCache().pagesWithSlots(), "loading and host writes made slots");
            Guests.runTo(m, Guests.MAX_INSTRUCTIONS);
            assertEquals(HaltReason.PASSED, m.haltReason(), m.haltMessage());
            assertTrue(m.ram().writtenPages().count(io.tandem.engine.mem.WrittenPages.STATE_CHECK) > codePages.cardinality(),
                "the guest stored to more pages than its code has (or this test shows nothing)");

            final DecodeCache cache = m.cpu().decodeCache();
            final long[][] pages = cache.pages();
            int withSlots = 0;
            for (int page = 0; page < pages.length - 1; page++)
            {
                if (pages[page] != DecodeCache.EMPTY)
                {
                    withSlots++;
                    assertTrue(codePages.get(page), "page " + page + " has slots but holds no code");
                }
            }
            assertTrue(withSlots > 0, "some code was decoded");
            assertEquals(withSlots, cache.pagesWithSlots());
            final long tableBytes = 4L * pages.length + 16;
            assertTrue(cache.heapBytes() <= tableBytes + (long)(codePages.cardinality() + 1) * DecodeCache.PAGE_HEAP_BYTES,
                "decode cache of " + cache.heapBytes() + " bytes for " + codePages.cardinality() + " pages of code");
            assertTrue(cache.heapBytes() < (1 << 20), "under 1 MiB for a 64 MiB guest: " + cache.heapBytes());
            for (final long slot : DecodeCache.EMPTY)
            {
                assertEquals(0L, slot, "the shared empty page was written");
            }
        }
    }
}
