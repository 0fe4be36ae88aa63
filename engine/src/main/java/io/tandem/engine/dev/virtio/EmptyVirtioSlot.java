package io.tandem.engine.dev.virtio;

import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.MmioDevice;

/**
 * A virtio-mmio slot with no device behind it: it answers the magic value, version 2 and device
 * id 0, as QEMU's empty transports do, so that a driver probing every slot finds nothing there
 * rather than faulting.
 */
public final class EmptyVirtioSlot implements MmioDevice
{
    @Override
    public int read(final int offset, final int sizeBytes, final long icount)
    {
        if (sizeBytes != 4)
        {
            return 0;
        }
        switch (offset)
        {
            case 0x000: return VirtioMmio.MAGIC;
            case 0x004: return VirtioMmio.VERSION;
            case 0x00C: return VirtioMmio.VENDOR_ID;
            default: return 0;
        }
    }

    @Override
    public void write(final int offset, final int sizeBytes, final int value, final long icount)
    {
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
    }
}
