package io.tandem.engine.mem;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Guest RAM: one off-heap, zero-filled region mapped at {@link MemoryMap#RAM_BASE}.
 * <p>
 * The CPU's hot path reads and writes it by raw address ({@link #address()}) after its own
 * range check; host-side code (loader, devices, tests) goes through the guest-address methods
 * here, which check the range and throw {@link IndexOutOfBoundsException} on a host bug — a
 * guest can never reach these methods with a bad address.
 */
public final class GuestRam implements AutoCloseable
{
    /** Smallest RAM the machine accepts. */
    public static final int MIN_SIZE_BYTES = 64 * 1024;
    /** Largest RAM: a Java array indexes the decode cache, and the region must fit below 4 GiB. */
    public static final int MAX_SIZE_BYTES = 1 << 30;

    /** The written-page flags ({@link WrittenPages#AREA_BYTES}) and then RAM. */
    private final ByteBuffer allocation;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private final int sizeBytes;
    private final WrittenPages writtenPages;

    /**
     * Allocates zero-filled RAM.
     *
     * @param sizeBytes size, a multiple of 4 KiB between {@link #MIN_SIZE_BYTES} and {@link #MAX_SIZE_BYTES}.
     */
    public GuestRam(final int sizeBytes)
    {
        if (sizeBytes < MIN_SIZE_BYTES || sizeBytes > MAX_SIZE_BYTES || (sizeBytes & 0xFFF) != 0)
        {
            throw new IllegalArgumentException("RAM size must be a multiple of 4 KiB between " +
                (MIN_SIZE_BYTES >> 10) + " KiB and " + (MAX_SIZE_BYTES >> 20) + " MiB: " + sizeBytes);
        }
        this.sizeBytes = sizeBytes;
        this.allocation = ByteBuffer.allocateDirect(WrittenPages.AREA_BYTES + sizeBytes);
        this.byteBuffer = allocation.slice(WrittenPages.AREA_BYTES, sizeBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.buffer = new UnsafeBuffer(byteBuffer);
        this.writtenPages = new WrittenPages(buffer.addressOffset() - WrittenPages.AREA_BYTES, sizeBytes);
    }

    /** @return the pages written since the last state check. */
    public WrittenPages writtenPages()
    {
        return writtenPages;
    }

    /** @return size in bytes. */
    public int sizeBytes()
    {
        return sizeBytes;
    }

    /** @return the host address of the first byte, for the CPU's unchecked fast path. */
    public long address()
    {
        return buffer.addressOffset();
    }

    /** @return a buffer over the whole of RAM, indexed by offset from {@link MemoryMap#RAM_BASE}. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return a byte-buffer view of {@code length} bytes from {@code ramOffset}, for channel I/O
     * straight into or out of RAM (snapshots). Raw access: see {@link #putIntRaw(int, int)}.
     */
    public ByteBuffer view(final int ramOffset, final int length)
    {
        if (ramOffset < 0 || length < 0 || ramOffset > sizeBytes - length)
        {
            throw new IndexOutOfBoundsException("RAM range +" + ramOffset + " of " + length + " bytes, RAM has " + sizeBytes);
        }
        final ByteBuffer view = byteBuffer.duplicate();
        view.limit(ramOffset + length).position(ramOffset);
        return view.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param guestAddress a guest physical address.
     * @param length       bytes from it.
     * @return true when the whole range lies in RAM.
     */
    public boolean contains(final int guestAddress, final int length)
    {
        final long offset = Integer.toUnsignedLong(guestAddress) - Integer.toUnsignedLong(MemoryMap.RAM_BASE);
        return offset >= 0 && length >= 0 && offset + length <= sizeBytes;
    }

    /** @return the offset into RAM of a guest address, checked. */
    public int offsetOf(final int guestAddress, final int length)
    {
        if (!contains(guestAddress, length))
        {
            throw new IndexOutOfBoundsException(String.format(
                "guest range 0x%08x+%d is outside RAM 0x%08x..0x%08x", guestAddress, length,
                MemoryMap.RAM_BASE, MemoryMap.RAM_BASE + sizeBytes - 1));
        }
        return guestAddress - MemoryMap.RAM_BASE;
    }

    /** Reads a little-endian word at a guest address. */
    public int getInt(final int guestAddress)
    {
        return buffer.getInt(offsetOf(guestAddress, 4), ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads a byte at a guest address. */
    public byte getByte(final int guestAddress)
    {
        return buffer.getByte(offsetOf(guestAddress, 1));
    }

    /** Copies bytes out of RAM. */
    public void getBytes(final int guestAddress, final byte[] dst, final int dstOffset, final int length)
    {
        buffer.getBytes(offsetOf(guestAddress, length), dst, dstOffset, length);
    }

    /**
     * Raw write of a word, bypassing the CPU: callers that may overwrite code must also
     * invalidate the decode cache (the machine's own host-write methods do).
     */
    public void putIntRaw(final int guestAddress, final int value)
    {
        buffer.putInt(offsetOf(guestAddress, 4), value, ByteOrder.LITTLE_ENDIAN);
    }

    /** Raw copy into RAM; see {@link #putIntRaw(int, int)}. */
    public void putBytesRaw(final int guestAddress, final byte[] src, final int srcOffset, final int length)
    {
        buffer.putBytes(offsetOf(guestAddress, length), src, srcOffset, length);
    }

    /** Raw fill; see {@link #putIntRaw(int, int)}. */
    public void setMemoryRaw(final int guestAddress, final int length, final byte value)
    {
        buffer.setMemory(offsetOf(guestAddress, length), length, value);
    }

    /** Releases the off-heap region now rather than at garbage collection. */
    @Override
    public void close()
    {
        BufferUtil.free(allocation);
    }
}
