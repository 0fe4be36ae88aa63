package io.tandem.engine.mem;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Device-side (DMA) access to guest RAM by guest-physical address. Every access is range-checked
 * and answers false or -1 instead of throwing when the guest handed the device an address outside
 * RAM; every write tells the {@link RamWriteListener} so that decoded code is never stale.
 * Used only by the machine's own thread, between instructions.
 */
public final class GuestMemory
{
    private final GuestRam ram;
    private final RamWriteListener listener;

    /**
     * @param ram      guest RAM.
     * @param listener told of every write.
     */
    public GuestMemory(final GuestRam ram, final RamWriteListener listener)
    {
        this.ram = ram;
        this.listener = listener;
    }

    /**
     * @param guestAddress a 64-bit guest-physical address as a device sees it.
     * @param length       bytes from there.
     * @return true when the whole range lies in RAM.
     */
    public boolean contains(final long guestAddress, final long length)
    {
        return guestAddress >= 0 && guestAddress <= 0xFFFF_FFFFL && length >= 0 && length <= Integer.MAX_VALUE &&
            ram.contains((int)guestAddress, (int)length);
    }

    /** @return the 16-bit value at an address that {@link #contains} accepted. */
    public int getU16(final long guestAddress)
    {
        return ram.buffer().getShort(offset(guestAddress), ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /** @return the 32-bit value at an address that {@link #contains} accepted. */
    public int getInt(final long guestAddress)
    {
        return ram.buffer().getInt(offset(guestAddress), ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the 64-bit value at an address that {@link #contains} accepted. */
    public long getLong(final long guestAddress)
    {
        return ram.buffer().getLong(offset(guestAddress), ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a 16-bit value at an address that {@link #contains} accepted. */
    public void putU16(final long guestAddress, final int value)
    {
        ram.buffer().putShort(offset(guestAddress), (short)value, ByteOrder.LITTLE_ENDIAN);
        listener.ramWritten(offset(guestAddress), 2);
    }

    /** Writes a 32-bit value at an address that {@link #contains} accepted. */
    public void putInt(final long guestAddress, final int value)
    {
        ram.buffer().putInt(offset(guestAddress), value, ByteOrder.LITTLE_ENDIAN);
        listener.ramWritten(offset(guestAddress), 4);
    }

    /** Copies guest bytes out to a host buffer; the range must be one {@link #contains} accepted. */
    public void copyOut(final long guestAddress, final MutableDirectBuffer dst, final int dstOffset, final int length)
    {
        dst.putBytes(dstOffset, ram.buffer(), offset(guestAddress), length);
    }

    /** Copies host bytes into guest RAM; the range must be one {@link #contains} accepted. */
    public void copyIn(final long guestAddress, final DirectBuffer src, final int srcOffset, final int length)
    {
        ram.buffer().putBytes(offset(guestAddress), src, srcOffset, length);
        listener.ramWritten(offset(guestAddress), length);
    }

    /** Zero-fills a range that {@link #contains} accepted. */
    public void zero(final long guestAddress, final int length)
    {
        ram.buffer().setMemory(offset(guestAddress), length, (byte)0);
        listener.ramWritten(offset(guestAddress), length);
    }

    private static int offset(final long guestAddress)
    {
        return (int)guestAddress - MemoryMap.RAM_BASE;
    }
}
