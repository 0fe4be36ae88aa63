package io.tandem.engine.mem;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One byte per 4 KiB page of guest RAM, set to 1 by every write to the page (the CPU's stores,
 * atomics, device DMA, host writes) and cleared when a state check has hashed the written pages.
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
        flags.setMemory(first, last - first + 1, (byte)1);
    }

    /** @return true when page {@code page} was written since the last {@link #clear()}. */
    public boolean written(final int page)
    {
        return flags.getByte(page) != 0;
    }

    /**
     * @param from a page index.
     * @return the first written page at or after {@code from}, or -1.
     */
    public int nextWritten(final int from)
    {
        int page = from;
        final long base = flags.addressOffset();
        while (page < pages)
        {
            if ((page & 7) == 0 && page + 8 <= flags.capacity() && UnsafeApi.getLong(base + page) == 0)
            {
                page += 8; // eight clean pages at once
                continue;
            }
            if (UnsafeApi.getByte(base + page) != 0)
            {
                return page;
            }
            page++;
        }
        return -1;
    }

    /** Forgets every write. */
    public void clear()
    {
        flags.setMemory(0, flags.capacity(), (byte)0);
    }
}
