package io.tandem.engine.cpu.compiler;

import java.util.ArrayList;
import java.util.Arrays;

import io.tandem.engine.cpu.DecodeCache;
import io.tandem.engine.cpu.DecodedInstruction;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.WrittenPages;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;

/**
 * The compiled regions of one machine: by entry pc (a direct-mapped table in front of a map) and
 * by page, with per-pc entry counters that decide what is hot, and the caps that bound memory.
 * <p>
 * Two marks find writes to compiled code. A bitmap with one bit per RAM word, off-heap at a fixed
 * address, marks the words compiled regions hold: compiled stores test it and leave their region
 * when they hit one (stores to data beside code cost nothing more). Every other writer (the
 * interpreter's stores, DMA, host writes) sets the page's {@link WrittenPages#COMPILED_CODE} bit,
 * which regions test on entry. Either way {@link #revalidate} then compares the page's regions'
 * instruction words with RAM and discards exactly the regions whose code changed. A page whose
 * code keeps changing (a code generator) stops being compiled after
 * {@link #MAX_CODE_CHANGES_PER_PAGE} changes.
 */
final class CodeCache
{
    static final int TABLE_SIZE = 1 << 13;
    /** Regions held at most; past it, everything is dropped and compiled again as it gets hot. */
    static final int MAX_REGIONS = 8192;
    /** Generated class bytes held at most, the same way. */
    static final long MAX_CLASS_BYTES = 64L << 20;
    static final int MAX_CODE_CHANGES_PER_PAGE = 64;

    private final CompiledRegion[] table = new CompiledRegion[TABLE_SIZE];
    /** The pc each table slot's region is entered at there (a region has several entries). */
    private final int[] tablePcs = new int[TABLE_SIZE];
    private final int[] entryCounts = new int[TABLE_SIZE];
    /** Per RAM page: interpreter stretches that ended there, up to the warm threshold. */
    private final int[] pageSamples;
    private final Int2ObjectHashMap<CompiledRegion> byPc = new Int2ObjectHashMap<>();
    /** Regions by their other entries (return addresses of their calls) where no region starts. */
    private final Int2ObjectHashMap<CompiledRegion> bySecondaryEntry = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<ArrayList<CompiledRegion>> byPage = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<int[]> codeChanges = new Int2ObjectHashMap<>();
    private final IntHashSet refusedPages = new IntHashSet();
    private final long ramAddress;
    private final WrittenPages writtenPages;
    private final UnsafeBuffer codeWordBits;
    private final DecodeCache decodeCache;

    private long classBytes;
    private long guestBytes;
    private long compiled;
    private long discarded;
    private long flushes;

    /**
     * @param ram     the machine's RAM.
     * @param decodeCache the decode cache, where each region's entry is marked
     *                    ({@link DecodedInstruction#REGION_ENTRY_MARK}) so that the interpreter stops there.
     */
    CodeCache(final GuestRam ram, final DecodeCache decodeCache)
    {
        this.decodeCache = decodeCache;
        this.pageSamples = new int[(ram.sizeBytes() >>> WrittenPages.PAGE_SHIFT) + 1];
        this.ramAddress = ram.address();
        this.writtenPages = ram.writtenPages();
        this.codeWordBits = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(ram.sizeBytes() >>> 5));
    }

    /** @return host address of the code-word bitmap: bit {@code (offset >>> 2) & 7} of byte {@code offset >>> 5}. */
    long codeWordBitsAddress()
    {
        return codeWordBits.addressOffset();
    }

    /** @return the region to enter at {@code pc}, or null: one that starts there, else one that returns there. */
    CompiledRegion lookup(final int pc)
    {
        final int slot = (pc >>> 1) & (TABLE_SIZE - 1);
        final CompiledRegion cached = table[slot];
        if (cached != null && tablePcs[slot] == pc)
        {
            return cached;
        }
        if (byPc.isEmpty())
        {
            return null;
        }
        CompiledRegion region = byPc.get(pc);
        if (region == null)
        {
            region = bySecondaryEntry.get(pc);
        }
        if (region != null)
        {
            table[slot] = region;
            tablePcs[slot] = pc;
        }
        return region;
    }

    /** Counts an entry at {@code pc} that found no region: @return true when it is now hot. */
    boolean hot(final int pc, final int threshold)
    {
        final int slot = (pc >>> 1) & (TABLE_SIZE - 1);
        if (++entryCounts[slot] < threshold)
        {
            return false;
        }
        entryCounts[slot] = 0;
        return true;
    }

    /**
     * Counts an interpreter stretch that ended at {@code pc} (a fetchable pc).
     *
     * @param samples stretches after which the page is warm.
     */
    void sample(final int pc, final int samples)
    {
        final int page = (pc - MemoryMap.RAM_BASE) >>> WrittenPages.PAGE_SHIFT;
        if (pageSamples[page] < samples)
        {
            pageSamples[page]++;
        }
    }

    /** @return true when {@code pc} (fetchable) is on a page where enough stretches ended. */
    boolean warm(final int pc, final int samples)
    {
        return pageSamples[(pc - MemoryMap.RAM_BASE) >>> WrittenPages.PAGE_SHIFT] >= samples;
    }

    /** @return false when {@code page} is not to be compiled (its code kept changing). */
    boolean compilable(final int page)
    {
        return !refusedPages.contains(page);
    }

    /**
     * Makes the page's regions current before a new one is compiled there: revalidates them if
     * the page was written, which clears its bit so that later writes are seen.
     */
    void prepareForCompile(final int page)
    {
        if (writtenPages.written(page, WrittenPages.COMPILED_CODE))
        {
            revalidate(page);
        }
    }

    void add(final CompiledRegion region)
    {
        if (byPc.size() >= MAX_REGIONS || classBytes + region.classBytes > MAX_CLASS_BYTES)
        {
            discardAll();
            flushes++;
        }
        final CompiledRegion old = byPc.put(region.entryPc, region);
        if (old != null)
        {
            removeFromPage(old);
            forgetSecondaryEntries(old);
            dropFromTable(old);
            account(old, -1);
        }
        bySecondaryEntry.remove(region.entryPc); // where a region starts, it is the one entered
        final int[] entries = region.entries;
        for (int e = 0; e < entries.length; e++)
        {
            if (entries[e] != region.entryPc && !byPc.containsKey(entries[e]))
            {
                bySecondaryEntry.put(entries[e], region);
            }
        }
        ArrayList<CompiledRegion> onPage = byPage.get(region.page);
        if (onPage == null)
        {
            onPage = new ArrayList<>();
            byPage.put(region.page, onPage);
        }
        onPage.add(region);
        markWords(region);
        markEntry(region);
        clearSlots(region.entryPc);
        for (int e = 0; e < entries.length; e++)
        {
            clearSlots(entries[e]);
        }
        account(region, 1);
        compiled++;
    }

    /**
     * Code on the page may have changed: keeps the regions whose words still match RAM, discards
     * the others, clears the page's bit and marks again the words the kept regions hold.
     */
    void revalidate(final int page)
    {
        writtenPages.clear(page, WrittenPages.COMPILED_CODE);
        final ArrayList<CompiledRegion> onPage = byPage.get(page);
        if (onPage == null)
        {
            return;
        }
        boolean changed = false;
        for (int i = onPage.size() - 1; i >= 0; i--)
        {
            final CompiledRegion region = onPage.get(i);
            if (!matchesRam(region))
            {
                onPage.remove(i);
                forget(region);
                changed = true;
            }
            else
            {
                markEntry(region); // a write beside it may have cleared the slot
            }
        }
        if (!changed)
        {
            return;
        }
        int[] count = codeChanges.get(page);
        if (count == null)
        {
            count = new int[1];
            codeChanges.put(page, count);
        }
        if (++count[0] > MAX_CODE_CHANGES_PER_PAGE)
        {
            for (int i = onPage.size() - 1; i >= 0; i--)
            {
                forget(onPage.remove(i));
            }
            refusedPages.add(page);
        }
        codeWordBits.setMemory(page << (WrittenPages.PAGE_SHIFT - 5), WrittenPages.PAGE_BYTES >>> 5, (byte)0);
        for (int i = 0; i < onPage.size(); i++)
        {
            markWords(onPage.get(i));
        }
    }

    /**
     * Marks the decode-cache slots of the region's entries, and maps those no other region
     * claims. Marks are hints that may be lost (a store or a host write clears the slot) or
     * outlive their region (the dispatcher clears those when it meets them); they decide where
     * the interpreter hands over, never what runs.
     */
    void markEntry(final CompiledRegion region)
    {
        final int[] entries = region.entries;
        for (int e = 0; e < entries.length; e++)
        {
            final int pc = entries[e];
            decodeCache.put(pc, DecodedInstruction.REGION_ENTRY_MARK);
            if (pc != region.entryPc && !byPc.containsKey(pc) && !bySecondaryEntry.containsKey(pc))
            {
                bySecondaryEntry.put(pc, region); // another region that returned here was dropped
            }
        }
    }

    /** Drops the table's slot for {@code pc}, so that the next look-up there asks the maps. */
    private void clearSlots(final int pc)
    {
        final int slot = (pc >>> 1) & (TABLE_SIZE - 1);
        if (tablePcs[slot] == pc)
        {
            table[slot] = null;
        }
    }

    private void dropFromTable(final CompiledRegion region)
    {
        final int[] entries = region.entries;
        for (int e = 0; e < entries.length; e++)
        {
            final int slot = (entries[e] >>> 1) & (TABLE_SIZE - 1);
            if (table[slot] == region)
            {
                table[slot] = null;
            }
        }
    }

    private void forgetSecondaryEntries(final CompiledRegion region)
    {
        final int[] entries = region.entries;
        for (int e = 0; e < entries.length; e++)
        {
            if (entries[e] != region.entryPc && bySecondaryEntry.get(entries[e]) == region)
            {
                bySecondaryEntry.remove(entries[e]);
            }
        }
    }

    private void markWords(final CompiledRegion region)
    {
        final int[] pcs = region.pcs;
        final int[] words = region.words;
        for (int i = 0; i < pcs.length; i++)
        {
            final int offset = pcs[i] - MemoryMap.RAM_BASE;
            markWord(offset >>> 2);
            if ((offset & 2) != 0 && !compressed(words[i]))
            {
                markWord((offset >>> 2) + 1); // a 32-bit instruction at a halfword spans two words
            }
        }
    }

    private void markWord(final int word)
    {
        final int index = word >>> 3;
        codeWordBits.putByte(index, (byte)(codeWordBits.getByte(index) | (1 << (word & 7))));
    }

    /** @return true when the instruction bits are a 16-bit (compressed) instruction. */
    private static boolean compressed(final int bits)
    {
        return (bits & 3) != 3;
    }

    private boolean matchesRam(final CompiledRegion region)
    {
        final int[] pcs = region.pcs;
        final int[] words = region.words;
        for (int i = 0; i < pcs.length; i++)
        {
            final long at = ramAddress + (pcs[i] - MemoryMap.RAM_BASE);
            // Only the instruction's own bytes: a 16-bit one may end RAM.
            final int bits = compressed(words[i]) ? UnsafeApi.getShort(at) & 0xFFFF : UnsafeApi.getInt(at);
            if (bits != words[i])
            {
                return false;
            }
        }
        return true;
    }

    private void forget(final CompiledRegion region)
    {
        byPc.remove(region.entryPc);
        forgetSecondaryEntries(region);
        dropFromTable(region);
        account(region, -1);
        discarded++;
    }

    private void removeFromPage(final CompiledRegion region)
    {
        final ArrayList<CompiledRegion> onPage = byPage.get(region.page);
        if (onPage != null)
        {
            onPage.remove(region);
        }
    }

    private void account(final CompiledRegion region, final int sign)
    {
        classBytes += sign * (long)region.classBytes;
        guestBytes += sign * 4L * region.words.length;
    }

    /**
     * Sets the compiled-code bit of every page that holds regions, so that each is revalidated
     * before it runs, and marks every region's entry again in the decode cache (just cleared).
     */
    void markAllCodePagesWritten()
    {
        for (final CompiledRegion region : byPc.values())
        {
            markEntry(region);
        }
        final Int2ObjectHashMap<ArrayList<CompiledRegion>>.KeyIterator pages = byPage.keySet().iterator();
        while (pages.hasNext())
        {
            writtenPages.set(pages.nextInt(), WrittenPages.COMPILED_CODE);
        }
    }

    /** Drops every region, counter and refusal: RAM was rewritten wholesale, or the caps were reached. */
    void discardAll()
    {
        discarded += byPc.size();
        Arrays.fill(table, null);
        Arrays.fill(entryCounts, 0);
        byPc.clear();
        bySecondaryEntry.clear();
        byPage.clear();
        codeChanges.clear();
        refusedPages.clear();
        codeWordBits.setMemory(0, codeWordBits.capacity(), (byte)0);
        classBytes = 0;
        guestBytes = 0;
    }

    /** @return regions held. */
    int regions()
    {
        return byPc.size();
    }

    /** @return generated class bytes held. */
    long classBytes()
    {
        return classBytes;
    }

    /** @return guest code bytes the held regions cover. */
    long guestBytes()
    {
        return guestBytes;
    }

    /** @return regions compiled since the machine started. */
    long compiled()
    {
        return compiled;
    }

    /** @return regions discarded since the machine started (code written, caps, wholesale loads). */
    long discarded()
    {
        return discarded;
    }

    /** @return times the caps emptied the cache. */
    long flushes()
    {
        return flushes;
    }
}
