package io.tandem.engine.elf;

import java.util.Arrays;

/**
 * One loadable segment (a {@code PT_LOAD} program header) of an {@link ElfImage}: the bytes to
 * copy to {@link #address()}, followed by {@link #zeroFillSize()} zero bytes.
 * <p>
 * Addresses are 32-bit guest addresses held in an {@code int} and are to be read as unsigned
 * ({@link Integer#toUnsignedLong(int)}). {@link ElfReader} guarantees that
 * {@code address + memSize} does not exceed 2<sup>32</sup> and that no two segments of an image
 * overlap.
 */
public final class ElfSegment
{
    /** {@code p_flags} bit: the segment holds code. */
    static final int PF_X = 0x1;
    /** {@code p_flags} bit: the segment is written at run time. */
    static final int PF_W = 0x2;
    /** {@code p_flags} bit: the segment is read. */
    static final int PF_R = 0x4;

    private final int address;
    private final int virtualAddress;
    private final byte[] fileBytes;
    private final long memSize;
    private final int flags;

    ElfSegment(final int address, final int virtualAddress, final byte[] fileBytes, final long memSize, final int flags)
    {
        this.address = address;
        this.virtualAddress = virtualAddress;
        this.fileBytes = fileBytes;
        this.memSize = memSize;
        this.flags = flags;
    }

    /**
     * The guest address the segment is loaded at: {@code p_paddr}, because the machine has no MMU
     * and a linker script's {@code AT(...)} load address is where the bytes must go. When every
     * {@code PT_LOAD} of the file has {@code p_paddr == 0} but a non-zero {@code p_vaddr}, the
     * linker left physical addresses unset and {@code p_vaddr} is used instead.
     *
     * @return the unsigned 32-bit load address.
     */
    public int address()
    {
        return address;
    }

    /** @return {@code p_vaddr}: where the program expects the segment at run time (symbols use these addresses). */
    public int virtualAddress()
    {
        return virtualAddress;
    }

    /** @return a fresh copy of the {@code p_filesz} bytes that the file supplies. */
    public byte[] fileBytes()
    {
        return fileBytes.clone();
    }

    /** @return number of bytes the file supplies ({@code p_filesz}). */
    public int fileSize()
    {
        return fileBytes.length;
    }

    /** @return number of bytes the segment occupies in guest memory ({@code p_memsz}), at least {@link #fileSize()}. */
    public long memSize()
    {
        return memSize;
    }

    /** @return number of zero bytes after the file bytes (typically {@code .bss}): {@code memSize - fileSize}. */
    public long zeroFillSize()
    {
        return memSize - fileBytes.length;
    }

    /** @return whether the segment is marked readable ({@code PF_R}). */
    public boolean readable()
    {
        return (flags & PF_R) != 0;
    }

    /** @return whether the segment is marked writable ({@code PF_W}). */
    public boolean writable()
    {
        return (flags & PF_W) != 0;
    }

    /** @return whether the segment is marked executable ({@code PF_X}). */
    public boolean executable()
    {
        return (flags & PF_X) != 0;
    }

    /**
     * @param guestAddress an unsigned 32-bit guest address.
     * @return whether the address falls inside the segment's memory range at {@link #address()}.
     */
    public boolean contains(final int guestAddress)
    {
        final long offset = Integer.toUnsignedLong(guestAddress) - Integer.toUnsignedLong(address);
        return offset >= 0 && offset < memSize;
    }

    @Override
    public String toString()
    {
        return String.format("ElfSegment[0x%08x..0x%08x file=0x%x mem=0x%x %s%s%s]",
            address, Integer.toUnsignedLong(address) + memSize, fileBytes.length, memSize,
            readable() ? "r" : "-", writable() ? "w" : "-", executable() ? "x" : "-");
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof ElfSegment that && address == that.address && virtualAddress == that.virtualAddress &&
            memSize == that.memSize && flags == that.flags && Arrays.equals(fileBytes, that.fileBytes);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * Integer.hashCode(address) + Long.hashCode(memSize)) + Arrays.hashCode(fileBytes);
    }
}
