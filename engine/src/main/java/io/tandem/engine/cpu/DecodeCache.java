package io.tandem.engine.cpu;

import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.RamWriteListener;
import io.tandem.engine.mem.WrittenPages;

import java.util.Arrays;

/**
 * Decoded instructions, one slot per RAM halfword (where an instruction may start: IALIGN is 16
 * with the C extension), held per 4 KiB page of RAM: a table with one reference per page, which
 * points at the page's slots once something on the page was decoded and at the shared, all-zero
 * {@link #EMPTY} until then. Memory grows with the code that runs, not with RAM: 16 KiB of slots
 * per page of code, and 4 bytes of table per page of RAM.
 * <p>
 * A slot is filled on first execution and cleared by every write to the bytes its instruction may
 * cover — the CPU's own stores and host writes (loader, devices) — so that self-modifying code and
 * FENCE.I are always correct without any flush protocol. A write to a halfword clears that
 * halfword's slot and the one before it, where a 32-bit instruction that reaches into the written
 * halfword starts. A store into a page with nothing decoded finds {@link #EMPTY} in the table and
 * touches no slot. Zero means "not decoded"; see {@link DecodedInstruction}.
 * <p>
 * Slot {@link #indexOf}{@code (pc)} of a page's array holds the instruction at {@code pc}: index 0,
 * the halfword just before the page, is never fetched and only absorbs the clearing of "the one
 * before" for a write at the page's first halfword, so that stores need no test for it. That is
 * enough because the one instruction that reaches from one page into the next, a 32-bit
 * instruction in a page's last halfword, is never cached: its slot holds {@link Op#STRADDLING},
 * which depends on its first halfword alone, and the interpreter decodes it again from RAM each
 * time it runs ({@link HartControl}). One extra page past the end of RAM holds a permanent
 * {@link Op#FETCH_FAULT} at its first halfword, so that straight-line execution off the end of RAM
 * traps without the hot loop checking pc on every fetch.
 */
public final class DecodeCache implements RamWriteListener
{
    /** log2 of the bytes of RAM one array of slots covers. */
    public static final int PAGE_SHIFT = WrittenPages.PAGE_SHIFT;
    /** Bytes of RAM one array of slots covers. */
    public static final int PAGE_BYTES = 1 << PAGE_SHIFT;
    /** Halfwords per page, less one: {@code (pc >>> 1) & HALFWORD_MASK} is a pc's halfword in its page. */
    public static final int HALFWORD_MASK = (PAGE_BYTES >>> 1) - 1;
    /** Slots of a page's array: the absorbing slot before the page, then one per halfword. */
    public static final int PAGE_SLOTS = (PAGE_BYTES >>> 1) + 1;
    /**
     * What the table holds for a page with nothing decoded: zeros ({@link Op#UNDECODED}), shared by
     * every machine and never written (a store compares with it and skips the page).
     */
    public static final long[] EMPTY = new long[PAGE_SLOTS];
    /** Bytes of heap one page's slots take: the array's header and its longs. */
    public static final int PAGE_HEAP_BYTES = 16 + 8 * PAGE_SLOTS;

    private final long[][] pages;
    private final int ramPages;
    private final long ramAddress;
    private final int ramHalfwords;
    private final WrittenPages writtenPages;

    /** @param ram the RAM the cache shadows. */
    public DecodeCache(final GuestRam ram)
    {
        this.ramPages = ram.sizeBytes() >>> PAGE_SHIFT;
        this.ramAddress = ram.address();
        this.ramHalfwords = ram.sizeBytes() >>> 1;
        this.writtenPages = ram.writtenPages();
        this.pages = new long[ramPages + 1][];
        Arrays.fill(pages, 0, ramPages, EMPTY);
        final long[] sentinel = new long[PAGE_SLOTS];
        sentinel[indexOf(MemoryMap.RAM_BASE)] =
            DecodedInstruction.pack(Op.FETCH_FAULT, 0, 0, 0, 0, MemoryMap.RAM_BASE + ram.sizeBytes());
        pages[ramPages] = sentinel;
    }

    /** @return the index in its page's array of the slot of {@code pc}. */
    public static int indexOf(final int pc)
    {
        return ((pc >>> 1) & HALFWORD_MASK) + 1;
    }

    /** @return the table index of the page of a fetchable pc (or of the first address past RAM). */
    public static int pageOf(final int pc)
    {
        return (pc - MemoryMap.RAM_BASE) >>> PAGE_SHIFT;
    }

    /**
     * @return the table itself, one array of slots per RAM page (or {@link #EMPTY}) and the end
     * sentinel's last: the interpreter and compiled code read and clear slots through it. Only
     * this class puts arrays into it.
     */
    public long[][] pages()
    {
        return pages;
    }

    /** @return the slot of a fetchable pc: zero when nothing is decoded there. */
    public long slot(final int pc)
    {
        return pages[pageOf(pc)][indexOf(pc)];
    }

    /**
     * Writes a slot, making the page's array first if it has none: a decoded instruction, or a
     * compiled region's entry mark.
     *
     * @param pc    a pc in RAM.
     * @param value what the slot is to hold.
     * @return the page's array of slots.
     */
    public long[] put(final int pc, final long value)
    {
        final long[] page = slotsOf(pageOf(pc));
        page[indexOf(pc)] = value;
        return page;
    }

    /** Clears the slot of a pc in RAM, if its page has slots. */
    public void forget(final int pc)
    {
        final long[] page = pages[pageOf(pc)];
        if (page != EMPTY)
        {
            page[indexOf(pc)] = 0L;
        }
    }

    /**
     * Decodes the instruction at a fetchable pc into its slot, or {@link Op#STRADDLING} for a
     * 32-bit instruction that reaches into the next page.
     *
     * @return the page's array of slots, made if this is the page's first decoded instruction.
     */
    public long[] fill(final int pc)
    {
        return put(pc, fetchAndDecode(pc));
    }

    /** @return what {@link #fill} puts in the slot of a fetchable pc. */
    public long fetchAndDecode(final int pc)
    {
        final long d = Decoder.fetchAndDecode(ramAddress, ramHalfwords, pc);
        return straddles(pc, d) ? DecodedInstruction.STRADDLING_MARK : d;
    }

    /** @return true when {@code d}, decoded at {@code pc}, is a 32-bit instruction that ends in the next page. */
    static boolean straddles(final int pc, final long d)
    {
        return (pc & (PAGE_BYTES - 1)) == PAGE_BYTES - 2 && DecodedInstruction.length(d) == 4 &&
            DecodedInstruction.op(d) != Op.FETCH_FAULT;
    }

    private long[] slotsOf(final int page)
    {
        long[] slots = pages[page];
        if (slots == EMPTY)
        {
            slots = new long[PAGE_SLOTS];
            pages[page] = slots;
        }
        return slots;
    }

    /**
     * Forgets decoded instructions over a RAM range (offsets from the start of RAM), and marks
     * its pages written: every write that does not come from the CPU's own stores (loader, DMA,
     * host) passes here.
     *
     * @param ramOffset   first byte written.
     * @param lengthBytes bytes written.
     */
    public void invalidate(final int ramOffset, final int lengthBytes)
    {
        if (lengthBytes <= 0)
        {
            return;
        }
        writtenPages.mark(ramOffset, lengthBytes);
        clear(pages, ramOffset, lengthBytes);
    }

    /**
     * Clears the slots of every instruction that may cover a written RAM range: the slots of its
     * halfwords and the one before, on the pages that have slots, without marking pages (the
     * caller does). Never makes an array and never replaces one, so that the interpreter's
     * current page stays the table's.
     *
     * @param pages       the decode cache's table.
     * @param ramOffset   first byte written.
     * @param lengthBytes bytes written, at least 1.
     */
    static void clear(final long[][] pages, final int ramOffset, final int lengthBytes)
    {
        final int firstHalfword = ramOffset >>> 1;
        final int lastHalfword = (ramOffset + lengthBytes - 1) >>> 1;
        final int firstPage = ramOffset >>> PAGE_SHIFT;
        final int lastPage = (ramOffset + lengthBytes - 1) >>> PAGE_SHIFT;
        for (int page = firstPage; page <= lastPage; page++)
        {
            final long[] slots = pages[page];
            if (slots == EMPTY)
            {
                continue;
            }
            // Index h & mask is the slot of halfword h - 1 (index 0: the absorbing slot).
            final int from = page == firstPage ? firstHalfword & HALFWORD_MASK : 0;
            final int to = page == lastPage ? (lastHalfword & HALFWORD_MASK) + 1 : PAGE_SLOTS - 1;
            Arrays.fill(slots, from, to + 1, 0L);
        }
    }

    @Override
    public void ramWritten(final int ramOffset, final int lengthBytes)
    {
        invalidate(ramOffset, lengthBytes);
    }

    /**
     * Forgets every decoded instruction and lets go of every page's slots (RAM was rewritten
     * wholesale: a snapshot load, a state transfer). Between slices only: the interpreter holds
     * its current page's array while it runs.
     */
    public void invalidateAll()
    {
        Arrays.fill(pages, 0, ramPages, EMPTY);
    }

    /** @return pages of RAM that have slots: pages where something was decoded or marked. */
    public int pagesWithSlots()
    {
        int count = 0;
        for (int page = 0; page < ramPages; page++)
        {
            if (pages[page] != EMPTY)
            {
                count++;
            }
        }
        return count;
    }

    /** @return heap bytes the cache takes now: the table and the slots of every page that has them. */
    public long heapBytes()
    {
        return 16L + 4L * pages.length + (long)PAGE_HEAP_BYTES * (pagesWithSlots() + 1);
    }
}
