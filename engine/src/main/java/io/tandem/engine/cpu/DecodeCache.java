package io.tandem.engine.cpu;

import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.RamWriteListener;
import io.tandem.engine.mem.WrittenPages;

/**
 * One decoded-instruction slot per RAM halfword, where an instruction may start (IALIGN is 16 with
 * the C extension). A slot is filled on first execution and cleared by every write to the bytes
 * its instruction may cover — by the CPU's own stores and by host writes (loader, devices) — so
 * that self-modifying code and FENCE.I are always correct without any flush protocol. A write to
 * a halfword clears that halfword's slot and the one before it, where a 32-bit instruction that
 * reaches into the written halfword starts. Zero means "not decoded"; see {@link DecodedInstruction}.
 * <p>
 * Slot {@code i} holds the instruction at {@link #SLOT_BASE} {@code + 2 i}: slot 0, the halfword
 * just before RAM, is never fetched and only absorbs the clearing of the halfword before a write
 * at the start of RAM, so that stores need no test for it. One extra slot past the end of RAM
 * holds a permanent {@link Op#FETCH_FAULT}, so that straight-line execution off the end of RAM
 * traps without the hot loop checking pc on every fetch.
 */
public final class DecodeCache implements RamWriteListener
{
    /** Guest address of slot 0: the slot of a pc is {@code (pc - SLOT_BASE) >>> 1}. */
    public static final int SLOT_BASE = MemoryMap.RAM_BASE - 2;

    private final long[] slots;
    private final WrittenPages writtenPages;

    /** @param ram the RAM the cache shadows. */
    public DecodeCache(final GuestRam ram)
    {
        this.slots = new long[(ram.sizeBytes() >>> 1) + 2];
        this.writtenPages = ram.writtenPages();
        slots[slots.length - 1] = DecodedInstruction.pack(Op.FETCH_FAULT, 0, 0, 0, 0, MemoryMap.RAM_BASE + ram.sizeBytes());
    }

    /** @return the slot index of a fetchable pc (or of the first address past RAM, the sentinel). */
    public static int slotOf(final int pc)
    {
        return (pc - SLOT_BASE) >>> 1;
    }

    /** @return the slots themselves: compiled code clears them per store, as the interpreter does. */
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
        clear(slots, ramOffset, lengthBytes);
    }

    /**
     * Clears the slots of every instruction that may cover a written RAM range: the slots of its
     * halfwords and the one before, without marking pages (the caller does).
     *
     * @param slots       the decode cache's slots.
     * @param ramOffset   first byte written.
     * @param lengthBytes bytes written, at least 1.
     */
    static void clear(final long[] slots, final int ramOffset, final int lengthBytes)
    {
        // Slot of halfword h is h + 1: the halfword before the first written is slot ramOffset >>> 1.
        final int first = ramOffset >>> 1;
        final int last = ((ramOffset + lengthBytes - 1) >>> 1) + 1;
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
