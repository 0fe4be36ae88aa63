package io.tandem.engine.dev.virtio;

import io.tandem.engine.cpu.DecodeCache;
import io.tandem.engine.dev.Plic;
import io.tandem.engine.mem.GuestMemory;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;

/**
 * A driver written in Java for device tests: performs the virtio-mmio handshake, lays out split
 * virtqueues in guest RAM and posts descriptor chains, as a guest driver would.
 */
final class VirtioTestDriver implements AutoCloseable
{
    static final int IRQ = 1;
    static final int QUEUE_SIZE = 8;
    /** Where queue q's rings live: 4 KiB apart from RAM + 64 KiB. */
    static final int RINGS = MemoryMap.RAM_BASE + 0x1_0000;
    /** Data buffers from RAM + 128 KiB. */
    static final int DATA = MemoryMap.RAM_BASE + 0x2_0000;

    final GuestRam ram = new GuestRam(1 << 20);
    final DecodeCache decodeCache = new DecodeCache(ram);
    final GuestMemory memory = new GuestMemory(ram, decodeCache);
    final Plic plic = new Plic();
    VirtioMmio transport;
    private final int[] nextDescriptor = new int[4];
    private final int[] availableIndex = new int[4];
    private final int[] usedSeen = new int[4];

    void attach(final VirtioMmio transport)
    {
        this.transport = transport;
        // Priority 1 and enabled for context 0, so the device's line shows as a pending MEI.
        plic.write(4 * IRQ, 4, 1, 0);
        plic.write(0x2000, 4, 1 << IRQ, 0);
    }

    int read(final int offset)
    {
        return transport.read(offset, 4, 0);
    }

    void write(final int offset, final int value)
    {
        transport.write(offset, 4, value, 0);
    }

    long deviceFeatures()
    {
        write(0x014, 0);
        final long low = Integer.toUnsignedLong(read(0x010));
        write(0x014, 1);
        return low | ((long)read(0x010) << 32);
    }

    /** Writes the driver features and FEATURES_OK; returns whether the device kept FEATURES_OK. */
    boolean negotiate(final long features)
    {
        write(0x070, VirtioMmio.STATUS_ACKNOWLEDGE);
        write(0x070, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER);
        write(0x024, 0);
        write(0x020, (int)features);
        write(0x024, 1);
        write(0x020, (int)(features >>> 32));
        write(0x070, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER | VirtioMmio.STATUS_FEATURES_OK);
        return (read(0x070) & VirtioMmio.STATUS_FEATURES_OK) != 0;
    }

    void setUpQueue(final int queue)
    {
        write(0x030, queue);
        write(0x038, QUEUE_SIZE);
        write(0x080, descriptors(queue));
        write(0x084, 0);
        write(0x090, available(queue));
        write(0x094, 0);
        write(0x0A0, used(queue));
        write(0x0A4, 0);
        write(0x044, 1);
    }

    void driverOk()
    {
        write(0x070, read(0x070) | VirtioMmio.STATUS_DRIVER_OK);
    }

    /** Full handshake with the given features and every queue set up. */
    void start(final long features, final int queues)
    {
        if (!negotiate(features))
        {
            throw new IllegalStateException("device refused features");
        }
        for (int q = 0; q < queues; q++)
        {
            setUpQueue(q);
        }
        driverOk();
    }

    static int descriptors(final int queue)
    {
        return RINGS + queue * 0x1000;
    }

    static int available(final int queue)
    {
        return RINGS + queue * 0x1000 + 0x400;
    }

    static int used(final int queue)
    {
        return RINGS + queue * 0x1000 + 0x800;
    }

    /**
     * Posts a chain of buffers: {address, length, writable (0/1)} triples.
     *
     * @return the head descriptor index.
     */
    int post(final int queue, final long... buffers)
    {
        final int count = buffers.length / 3;
        final int head = nextDescriptor[queue];
        for (int i = 0; i < count; i++)
        {
            final int index = (head + i) % QUEUE_SIZE;
            final long entry = descriptors(queue) + 16L * index;
            final boolean last = i == count - 1;
            final long address = guestAddress(buffers[3 * i]);
            memory.putInt(entry, (int)address);
            memory.putInt(entry + 4, (int)(address >>> 32));
            memory.putInt(entry + 8, (int)buffers[3 * i + 1]);
            memory.putU16(entry + 12, (last ? 0 : 1) | (buffers[3 * i + 2] != 0 ? 2 : 0));
            memory.putU16(entry + 14, last ? 0 : (index + 1) % QUEUE_SIZE);
        }
        nextDescriptor[queue] = (head + count) % QUEUE_SIZE;
        final int slot = availableIndex[queue] % QUEUE_SIZE;
        memory.putU16(available(queue) + 4 + 2L * slot, head);
        availableIndex[queue]++;
        memory.putU16(available(queue) + 2, availableIndex[queue] & 0xFFFF);
        return head;
    }

    /** RAM addresses are negative as Java ints: widen them without sign extension. */
    private static long guestAddress(final long address)
    {
        return address < 0 ? address & 0xFFFF_FFFFL : address;
    }

    /** Writes a raw descriptor, for malformed chains. */
    void rawDescriptor(final int queue, final int index, final long address, final int length, final int flags, final int next)
    {
        final long entry = descriptors(queue) + 16L * index;
        memory.putInt(entry, (int)guestAddress(address));
        memory.putInt(entry + 4, (int)(guestAddress(address) >>> 32));
        memory.putInt(entry + 8, length);
        memory.putU16(entry + 12, flags);
        memory.putU16(entry + 14, next);
    }

    /** Makes descriptor {@code head} available without writing it. */
    void offerHead(final int queue, final int head)
    {
        memory.putU16(available(queue) + 4 + 2L * (availableIndex[queue] % QUEUE_SIZE), head);
        availableIndex[queue]++;
        memory.putU16(available(queue) + 2, availableIndex[queue] & 0xFFFF);
    }

    void notifyQueue(final int queue)
    {
        write(0x050, queue);
    }

    int usedIndex(final int queue)
    {
        return memory.getU16(used(queue) + 2);
    }

    /** @return {id, len} of the next used element not yet looked at, or null. */
    int[] takeUsed(final int queue)
    {
        if (usedIndex(queue) == (usedSeen[queue] & 0xFFFF))
        {
            return null;
        }
        final long element = used(queue) + 4 + 8L * (usedSeen[queue] % QUEUE_SIZE);
        usedSeen[queue]++;
        return new int[] {memory.getInt(element), memory.getInt(element + 4)};
    }

    boolean interruptLineRaised()
    {
        return plic.externalInterrupt();
    }

    void acknowledgeInterrupts()
    {
        write(0x064, read(0x060));
    }

    byte[] readRam(final int address, final int length)
    {
        final byte[] bytes = new byte[length];
        ram.getBytes(address, bytes, 0, length);
        return bytes;
    }

    void writeRam(final int address, final byte[] bytes)
    {
        ram.putBytesRaw(address, bytes, 0, bytes.length);
    }

    @Override
    public void close()
    {
        ram.close();
    }
}
