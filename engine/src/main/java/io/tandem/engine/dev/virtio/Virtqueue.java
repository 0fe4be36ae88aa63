package io.tandem.engine.dev.virtio;

import io.tandem.engine.mem.GuestMemory;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;

/**
 * A split virtqueue in guest memory (virtio 1.x, section 2.7): descriptor table, available ring
 * written by the driver, used ring written by the device. No indirect descriptors, no event
 * index: neither feature is offered.
 */
final class Virtqueue
{
    private static final int DESCRIPTOR_BYTES = 16;
    private static final int FLAG_NEXT = 1;
    private static final int FLAG_WRITE = 2;
    private static final int FLAG_INDIRECT = 4;
    private static final int AVAIL_FLAG_NO_INTERRUPT = 1;

    private final GuestMemory memory;
    private final int maxSize;

    int size;
    long descriptorTable;
    long availableRing;
    long usedRing;
    boolean ready;
    private int lastAvailableIndex;
    private int usedIndex;

    Virtqueue(final GuestMemory memory, final int maxSize)
    {
        this.memory = memory;
        this.maxSize = maxSize;
        reset();
    }

    int maxSize()
    {
        return maxSize;
    }

    void reset()
    {
        size = maxSize;
        descriptorTable = 0;
        availableRing = 0;
        usedRing = 0;
        ready = false;
        lastAvailableIndex = 0;
        usedIndex = 0;
    }

    /** Checks the driver's layout when it sets QueueReady; throws when the rings do not fit in RAM. */
    void enable()
    {
        if (size < 1 || size > maxSize || Integer.bitCount(size) != 1)
        {
            throw new VirtioDeviceException("queue size " + size + " is not a power of two up to " + maxSize);
        }
        if ((descriptorTable & 15) != 0 || (availableRing & 1) != 0 || (usedRing & 3) != 0)
        {
            throw new VirtioDeviceException("misaligned virtqueue rings");
        }
        if (!memory.contains(descriptorTable, (long)DESCRIPTOR_BYTES * size) ||
            !memory.contains(availableRing, 6 + 2L * size) ||
            !memory.contains(usedRing, 6 + 8L * size))
        {
            throw new VirtioDeviceException(String.format(
                "virtqueue rings outside RAM (descriptors 0x%x, available 0x%x, used 0x%x)",
                descriptorTable, availableRing, usedRing));
        }
        ready = true;
    }

    /** @return true when the driver has made a buffer available that the device has not taken. */
    boolean hasAvailable()
    {
        return ready && memory.getU16(availableRing + 2) != lastAvailableIndex;
    }

    /**
     * Reads the next available chain into {@code chain} without consuming it.
     *
     * @return false when none is available.
     */
    boolean peek(final DescriptorChain chain)
    {
        if (!hasAvailable())
        {
            return false;
        }
        final int head = memory.getU16(availableRing + 4 + 2L * (lastAvailableIndex % size));
        readChain(head, chain);
        return true;
    }

    /** Consumes the chain last returned by {@link #peek}. */
    void consume()
    {
        lastAvailableIndex = (lastAvailableIndex + 1) & 0xFFFF;
    }

    /** Reads the chain that starts at {@code head} again: a request completing after it was taken. */
    void chainAt(final int head, final DescriptorChain chain)
    {
        readChain(head, chain);
    }

    private void readChain(final int head, final DescriptorChain chain)
    {
        if (head >= size)
        {
            throw new VirtioDeviceException("descriptor index " + head + " beyond queue size " + size);
        }
        chain.head = head;
        chain.count = 0;
        int index = head;
        boolean sawWritable = false;
        while (true)
        {
            if (chain.count == size || chain.count == chain.address.length)
            {
                throw new VirtioDeviceException("descriptor chain from " + head + " loops or is too long");
            }
            final long entry = descriptorTable + (long)DESCRIPTOR_BYTES * index;
            final long address = memory.getLong(entry);
            final int length = memory.getInt(entry + 8);
            final int flags = memory.getU16(entry + 12);
            final int next = memory.getU16(entry + 14);
            if ((flags & FLAG_INDIRECT) != 0)
            {
                throw new VirtioDeviceException("indirect descriptor, a feature that was not offered");
            }
            if (!memory.contains(address, Integer.toUnsignedLong(length)))
            {
                throw new VirtioDeviceException(String.format(
                    "descriptor %d points outside RAM (0x%x, %d bytes)", index, address, Integer.toUnsignedLong(length)));
            }
            final boolean writable = (flags & FLAG_WRITE) != 0;
            if (sawWritable && !writable)
            {
                throw new VirtioDeviceException("device-readable descriptor after a device-writable one");
            }
            sawWritable |= writable;
            chain.address[chain.count] = address;
            chain.length[chain.count] = length;
            chain.deviceWritable[chain.count] = writable;
            chain.count++;
            if ((flags & FLAG_NEXT) == 0)
            {
                return;
            }
            if (next >= size)
            {
                throw new VirtioDeviceException("descriptor " + index + " links to " + next + " beyond queue size");
            }
            index = next;
        }
    }

    /** Returns a chain to the driver with the number of bytes the device wrote into it. */
    void pushUsed(final int head, final int writtenBytes)
    {
        final long element = usedRing + 4 + 8L * (usedIndex % size);
        memory.putInt(element, head);
        memory.putInt(element + 4, writtenBytes);
        usedIndex = (usedIndex + 1) & 0xFFFF;
        memory.putU16(usedRing + 2, usedIndex);
    }

    /** @return true when the driver asked not to be interrupted for used buffers. */
    boolean interruptSuppressed()
    {
        return (memory.getU16(availableRing) & AVAIL_FLAG_NO_INTERRUPT) != 0;
    }

    int lastAvailableIndex()
    {
        return lastAvailableIndex;
    }

    int usedIndex()
    {
        return usedIndex;
    }

    void saveState(final StateWriter out)
    {
        out.putInt(size).putLong(descriptorTable).putLong(availableRing).putLong(usedRing).putBoolean(ready)
            .putInt(lastAvailableIndex).putInt(usedIndex);
    }

    /** Loads a queue's registers and indices; a ready queue's rings are checked as at QueueReady. */
    void loadState(final StateReader in)
    {
        size = in.getInt("queue size", 0, maxSize);
        descriptorTable = in.getLong();
        availableRing = in.getLong();
        usedRing = in.getLong();
        final boolean wasReady = in.getBoolean();
        lastAvailableIndex = in.getInt("last available index", 0, 0xFFFF);
        usedIndex = in.getInt("used index", 0, 0xFFFF);
        ready = false;
        if (wasReady)
        {
            try
            {
                enable();
            }
            catch (final VirtioDeviceException ex)
            {
                throw in.error("a ready queue with bad rings: " + ex.getMessage());
            }
        }
    }
}
