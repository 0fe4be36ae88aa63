package io.tandem.engine.mem;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One byte per 4 KiB page of guest RAM, set to all ones by every write to the page (the CPU's
 * stores, atomics, device DMA, host writes). Each reader of the map owns one bit of the byte and
 * clears only its own: {@link #STATE_CHECK} when a state check has hashed the written pages,
 * {@link #TRANSFER} when a state transfer has sent them, {@link #COMPILED_CODE} when the
 * compiler has checked its code on the page, {@link #SNAPSHOT} when a snapshot has copied it.
 * <p>
 * The flags live off-heap in the {@link #AREA_BYTES} just below RAM, in the same allocation, so
 * that the CPU's store path marks a page with one plain byte store at
 * {@code ramAddress + (ramOffset >>> PAGE_SHIFT) - AREA_BYTES}: the address it already holds, a
 * constant displacement, no second base register in the hot loop, no bounds check (the store's
 * own range check covers it), and no read-modify-write as a bitmap would need.
 */
public final class WrittenPages
{
    /** log2 of the page size. */
    public static final int PAGE_SHIFT = 12;
    /** Bytes per page. */
    public static final int PAGE_BYTES = 1 << PAGE_SHIFT;
    /** The bit that state checks read and clear. */
    public static final int STATE_CHECK = 1;
    /** The bit that a state transfer reads and clears. */
    public static final int TRANSFER = 2;
    /**
     * The bit that the compiler of guest code reads and clears: set on a page that holds compiled
     * code, it says the code there may have changed since it was compiled.
     */
    public static final int COMPILED_CODE = 4;
    /**
     * The bit that a snapshot copied while the guest runs reads and clears: set on a page written
     * since the snapshot copied it, which it must copy again.
     */
    public static final int SNAPSHOT = 8;
    /** What a write stores: every reader's bit. */
    public static final byte ALL = (byte)0xFF;
    /** Bytes reserved for the flags below RAM: one per page of the largest RAM. */
    public static final int AREA_BYTES = GuestRam.MAX_SIZE_BYTES >>> PAGE_SHIFT;

    private final UnsafeBuffer flags;
    private final int pages;

    /**
     * @param areaAddress host address of the {@link #AREA_BYTES} below RAM.
     * @param ramBytes    RAM size, a multiple of the page size.
     */
    WrittenPages(final long areaAddress, final int ramBytes)
    {
        this.pages = ramBytes >>> PAGE_SHIFT;
        // Whole longs (the area is larger), so that scans go eight pages at a time.
        this.flags = new UnsafeBuffer(areaAddress, (pages + 7) & ~7);
    }

    /** @return pages tracked. */
    public int pages()
    {
        return pages;
    }

    /** @return the flags, one byte per page (for saving them). */
    public UnsafeBuffer flags()
    {
        return flags;
    }

    /** Marks the pages of a written range (offsets from the start of RAM). */
    public void mark(final int ramOffset, final int lengthBytes)
    {
        if (lengthBytes <= 0)
        {
            return;
        }
        final int first = ramOffset >>> PAGE_SHIFT;
        final int last = (ramOffset + lengthBytes - 1) >>> PAGE_SHIFT;
        flags.setMemory(first, last - first + 1, ALL);
    }

    /** @return true when page {@code page} was written since {@code bit} was last cleared. */
    public boolean written(final int page, final int bit)
    {
        return (flags.getByte(page) & bit) != 0;
    }

    /**
     * @param from a page index.
     * @param bit  the reader's bit.
     * @return the first page at or after {@code from} with {@code bit} set, or -1.
     */
    public int nextWritten(final int from, final int bit)
    {
        int page = from;
        final long base = flags.addressOffset();
        final long mask = 0x0101_0101_0101_0101L * bit;
        while (page < pages)
        {
            if ((page & 7) == 0 && page + 8 <= flags.capacity() && (UnsafeApi.getLong(base + page) & mask) == 0)
            {
                page += 8; // eight pages without the bit at once
                continue;
            }
            if ((UnsafeApi.getByte(base + page) & bit) != 0)
            {
                return page;
            }
            page++;
        }
        return -1;
    }

    /** @return pages with {@code bit} set. */
    public int count(final int bit)
    {
        int count = 0;
        for (int page = nextWritten(0, bit); page >= 0; page = nextWritten(page + 1, bit))
        {
            count++;
        }
        return count;
    }

    /** Clears {@code bit} on every page: its reader has seen every write so far. */
    public void clear(final int bit)
    {
        final long base = flags.addressOffset();
        final long keep = ~(0x0101_0101_0101_0101L * bit);
        for (int i = 0; i < flags.capacity(); i += 8)
        {
            UnsafeApi.putLong(base + i, UnsafeApi.getLong(base + i) & keep);
        }
    }

    /** Sets {@code bit} alone on one page: its reader must look at the page again, the others need not. */
    public void set(final int page, final int bit)
    {
        flags.putByte(page, (byte)(flags.getByte(page) | bit));
    }

    /** Clears {@code bit} on one page. */
    public void clear(final int page, final int bit)
    {
        flags.putByte(page, (byte)(flags.getByte(page) & ~bit));
    }
}
