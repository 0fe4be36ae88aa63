package io.tandem.engine.cpu;

import io.tandem.engine.mem.WrittenPages;

import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.RamWriteListener;

/**
 * One decoded-instruction slot per RAM word. A slot is filled on first execution and cleared by
 * every write to its word — by the CPU's own stores and by host writes (loader, devices) — so
 * that self-modifying code and FENCE.I are always correct without any flush protocol.
 * Zero means "not decoded"; see {@link DecodedInstruction}.
 * <p>
 * One extra slot past the end of RAM holds a permanent {@link Op#FETCH_FAULT}, so that straight-line
 * execution off the end of RAM traps without the hot loop checking pc on every fetch.
 */
public final class DecodeCache implements RamWriteListener
{
    private final long[] slots;
    private final WrittenPages writtenPages;

    /** @param ram the RAM the cache shadows. */
    public DecodeCache(final GuestRam ram)
    {
        this.slots = new long[(ram.sizeBytes() >>> 2) + 1];
        this.writtenPages = ram.writtenPages();
        slots[slots.length - 1] = DecodedInstruction.pack(Op.FETCH_FAULT, 0, 0, 0, 0, 0);
    }

    /** @return the slots themselves: compiled code clears one per store, as the interpreter does. */
    public long[] slots()
    {
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
        final int first = ramOffset >>> 2;
        final int last = (ramOffset + lengthBytes - 1) >>> 2;
        java.util.Arrays.fill(slots, first, last + 1, 0L);
    }

    @Override
    public void ramWritten(final int ramOffset, final int lengthBytes)
    {
        invalidate(ramOffset, lengthBytes);
    }

    /** Forgets every decoded instruction. */
    public void invalidateAll()
    {
        java.util.Arrays.fill(slots, 0, slots.length - 1, 0L);
    }
}
