package io.tandem.engine.mem;

/**
 * Routes the accesses that miss RAM to the device whose window holds them. The CPU handles RAM
 * itself on its fast path and only calls here for everything else.
 */
public final class Bus
{
    /** Returned by {@link #load} when no device answers at the address: an access fault. */
    public static final long ACCESS_FAULT = -1L;

    private final MmioDevice finisher;
    private final MmioDevice clint;
    private final MmioDevice plic;
    private final MmioDevice uart;
    private final MmioDevice[] virtioSlots;

    /**
     * @param finisher    the test finisher.
     * @param clint       the CLINT.
     * @param plic        the PLIC.
     * @param uart        the UART.
     * @param virtioSlots the virtio-mmio slots in order from {@link MemoryMap#VIRTIO_BASE}; null entries are empty.
     */
    public Bus(
        final MmioDevice finisher,
        final MmioDevice clint,
        final MmioDevice plic,
        final MmioDevice uart,
        final MmioDevice[] virtioSlots)
    {
        this.finisher = finisher;
        this.clint = clint;
        this.plic = plic;
        this.uart = uart;
        this.virtioSlots = virtioSlots.clone();
    }

    /**
     * A guest load from a device.
     *
     * @return the zero-extended value, or {@link #ACCESS_FAULT}.
     */
    public long load(final int address, final int sizeBytes, final long icount)
    {
        final MmioDevice device = deviceAt(address);
        if (device == null)
        {
            return ACCESS_FAULT;
        }
        return Integer.toUnsignedLong(device.read(address - baseOf(address), sizeBytes, icount));
    }

    /**
     * A guest store to a device.
     *
     * @return false when no device answers at the address: an access fault.
     */
    public boolean store(final int address, final int sizeBytes, final int value, final long icount)
    {
        final MmioDevice device = deviceAt(address);
        if (device == null)
        {
            return false;
        }
        device.write(address - baseOf(address), sizeBytes, value, icount);
        return true;
    }

    private MmioDevice deviceAt(final int address)
    {
        if (within(address, MemoryMap.UART_BASE, MemoryMap.UART_SIZE))
        {
            return uart;
        }
        if (within(address, MemoryMap.CLINT_BASE, MemoryMap.CLINT_SIZE))
        {
            return clint;
        }
        if (within(address, MemoryMap.PLIC_BASE, MemoryMap.PLIC_SIZE))
        {
            return plic;
        }
        if (within(address, MemoryMap.TEST_FINISHER_BASE, MemoryMap.TEST_FINISHER_SIZE))
        {
            return finisher;
        }
        final int slot = Integer.divideUnsigned(address - MemoryMap.VIRTIO_BASE, MemoryMap.VIRTIO_STRIDE);
        if (address - MemoryMap.VIRTIO_BASE >= 0 && slot < virtioSlots.length)
        {
            return virtioSlots[slot];
        }
        return null;
    }

    private static int baseOf(final int address)
    {
        if (within(address, MemoryMap.UART_BASE, MemoryMap.UART_SIZE))
        {
            return MemoryMap.UART_BASE;
        }
        if (within(address, MemoryMap.CLINT_BASE, MemoryMap.CLINT_SIZE))
        {
            return MemoryMap.CLINT_BASE;
        }
        if (within(address, MemoryMap.PLIC_BASE, MemoryMap.PLIC_SIZE))
        {
            return MemoryMap.PLIC_BASE;
        }
        if (within(address, MemoryMap.TEST_FINISHER_BASE, MemoryMap.TEST_FINISHER_SIZE))
        {
            return MemoryMap.TEST_FINISHER_BASE;
        }
        return address & ~(MemoryMap.VIRTIO_STRIDE - 1);
    }

    private static boolean within(final int address, final int base, final int size)
    {
        return Integer.compareUnsigned(address - base, size) < 0;
    }
}
