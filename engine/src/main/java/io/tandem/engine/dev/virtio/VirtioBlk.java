package io.tandem.engine.dev.virtio;

import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.dev.Plic;
import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.GuestMemory;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * virtio-blk (device id 2) over a {@link BlockStore}: one request queue; read, write, flush and
 * get-id requests; capacity in config space. Requests are served between instructions, right
 * after the driver's notification, through a bounce buffer. A request the device cannot serve
 * (beyond the end of the disk, a length that is not whole sectors, a store I/O error, an unknown
 * type) completes with an error status the guest sees; a chain that breaks the virtio contract
 * stops the device with DEVICE_NEEDS_RESET.
 */
public final class VirtioBlk implements VirtioDevice
{
    /** Virtio device id of a block device. */
    public static final int DEVICE_ID = 2;
    /** Queue size offered. */
    public static final int QUEUE_SIZE = 128;

    static final long FEATURE_FLUSH = 1L << 9;

    static final int TYPE_IN = 0;
    static final int TYPE_OUT = 1;
    static final int TYPE_FLUSH = 4;
    static final int TYPE_GET_ID = 8;
    static final int STATUS_OK = 0;
    static final int STATUS_IOERR = 1;
    static final int STATUS_UNSUPPORTED = 2;

    private static final int HEADER_BYTES = 16;
    private static final int ID_BYTES = 20;
    private static final int BOUNCE_BYTES = 64 * 1024;
    private static final byte[] DEVICE_SERIAL = "tandem-virtio-blk".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final GuestMemory memory;
    private final BlockStore store;
    private final VirtioMmio transport;
    private final DescriptorChain chain = new DescriptorChain(QUEUE_SIZE);
    private final UnsafeBuffer bounce = new UnsafeBuffer(ByteBuffer.allocateDirect(BOUNCE_BYTES));
    private final UnsafeBuffer header = new UnsafeBuffer(ByteBuffer.allocateDirect(HEADER_BYTES));

    private long requests;
    private long errors;

    /**
     * @param memory guest memory for DMA.
     * @param plic   the interrupt controller.
     * @param irq    this device's PLIC source.
     * @param store  the storage.
     */
    public VirtioBlk(final GuestMemory memory, final Plic plic, final int irq, final BlockStore store)
    {
        this.memory = memory;
        this.store = store;
        this.transport = new VirtioMmio(this, memory, plic, irq);
    }

    /** @return the MMIO transport to map on the bus. */
    public VirtioMmio transport()
    {
        return transport;
    }

    @Override
    public int deviceId()
    {
        return DEVICE_ID;
    }

    @Override
    public long features()
    {
        return FEATURE_FLUSH;
    }

    @Override
    public int queueCount()
    {
        return 1;
    }

    @Override
    public int queueMaxSize(final int queue)
    {
        return QUEUE_SIZE;
    }

    @Override
    public int readConfig(final int offset, final int sizeBytes)
    {
        // struct virtio_blk_config starts with le64 capacity (sectors); nothing else is offered.
        final long capacity = store.capacitySectors();
        int value = 0;
        for (int i = 0; i < sizeBytes; i++)
        {
            final int index = offset + i;
            final int b = index < 8 ? (int)(capacity >>> (8 * index)) & 0xFF : 0;
            value |= b << (8 * i);
        }
        return value;
    }

    @Override
    public void service(final VirtioMmio transport)
    {
        transport.takeNotifiedQueues();
        final Virtqueue queue = transport.queue(0);
        boolean used = false;
        while (queue.peek(chain))
        {
            queue.consume();
            final int written = serve();
            queue.pushUsed(chain.head, written);
            used = true;
        }
        if (used)
        {
            transport.usedBuffers(queue);
        }
    }

    /** Serves the request in {@link #chain}; returns the bytes written into guest buffers. */
    private int serve()
    {
        requests++;
        final int last = chain.count - 1;
        if (chain.count < 2 || chain.deviceWritable[0] || Integer.toUnsignedLong(chain.length[0]) < HEADER_BYTES ||
            !chain.deviceWritable[last] || chain.length[last] < 1)
        {
            throw new VirtioDeviceException("block request without a readable header and a writable status byte");
        }
        memory.copyOut(chain.address[0], header, 0, HEADER_BYTES);
        final int type = header.getInt(0, ByteOrder.LITTLE_ENDIAN);
        final long sector = header.getLong(8, ByteOrder.LITTLE_ENDIAN);
        final long statusAddress = chain.address[last] + chain.length[last] - 1;

        int status = STATUS_OK;
        int written = 0;
        switch (type)
        {
            case TYPE_IN:
            case TYPE_OUT:
            {
                final boolean read = type == TYPE_IN;
                long dataBytes = 0;
                for (int i = 1; i < last; i++)
                {
                    if (chain.deviceWritable[i] != read)
                    {
                        throw new VirtioDeviceException("block data buffer with the wrong direction");
                    }
                    dataBytes += Integer.toUnsignedLong(chain.length[i]);
                }
                if (dataBytes % BlockStore.SECTOR_BYTES != 0 || sector < 0 ||
                    sector > store.capacitySectors() ||
                    dataBytes / BlockStore.SECTOR_BYTES > store.capacitySectors() - sector)
                {
                    status = STATUS_IOERR;
                    break;
                }
                long position = sector * BlockStore.SECTOR_BYTES;
                for (int i = 1; i < last && status == STATUS_OK; i++)
                {
                    if (!transfer(read, chain.address[i], chain.length[i], position))
                    {
                        status = STATUS_IOERR;
                    }
                    position += Integer.toUnsignedLong(chain.length[i]);
                }
                if (read)
                {
                    written = (int)dataBytes;
                }
                break;
            }
            case TYPE_FLUSH:
                status = store.flush() ? STATUS_OK : STATUS_IOERR;
                break;
            case TYPE_GET_ID:
            {
                if (last < 2 || !chain.deviceWritable[1])
                {
                    status = STATUS_IOERR;
                    break;
                }
                bounce.setMemory(0, ID_BYTES, (byte)0);
                bounce.putBytes(0, DEVICE_SERIAL);
                final int idLength = Math.min(ID_BYTES, chain.length[1]);
                memory.copyIn(chain.address[1], bounce, 0, idLength);
                written = idLength;
                break;
            }
            default:
                status = STATUS_UNSUPPORTED;
                break;
        }
        if (status != STATUS_OK)
        {
            errors++;
        }
        header.putByte(0, (byte)status);
        memory.copyIn(statusAddress, header, 0, 1);
        return written + 1;
    }

    private boolean transfer(final boolean read, final long guestAddress, final int length, final long position)
    {
        int done = 0;
        while (done < length)
        {
            final int chunk = Math.min(BOUNCE_BYTES, length - done);
            if (read)
            {
                if (!store.read(position + done, bounce, 0, chunk))
                {
                    return false;
                }
                memory.copyIn(guestAddress + done, bounce, 0, chunk);
            }
            else
            {
                memory.copyOut(guestAddress + done, bounce, 0, chunk);
                if (!store.write(position + done, bounce, 0, chunk))
                {
                    return false;
                }
            }
            done += chunk;
        }
        return true;
    }

    @Override
    public void reset()
    {
    }

    /** @return requests served. */
    public long requests()
    {
        return requests;
    }

    /** @return requests completed with an error status. */
    public long errors()
    {
        return errors;
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        hasher.add(requests).add(errors);
    }
}
