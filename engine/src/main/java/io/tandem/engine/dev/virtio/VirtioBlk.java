package io.tandem.engine.dev.virtio;

import io.tandem.codec.DiskCompletion;
import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.dev.DiskCompletions;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.Plic;
import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.GuestMemory;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import io.tandem.engine.wake.WakeSignal;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * virtio-blk (device id 2) over a {@link BlockStore}: one request queue; read, write, flush and
 * get-id requests; capacity in config space.
 * <p>
 * Completion is asynchronous. Between instructions, after the driver's notification, the device
 * takes each new request from the queue, copies a write's data out of the guest into a staging
 * buffer and tells the machine's inputs ({@link DiskCompletions#requested}); live inputs start the
 * host I/O, at once or on an I/O thread, which never touches guest memory. At every check point
 * the device asks the inputs whether the oldest request completes now
 * ({@link DiskCompletions#completion}), and if so applies the completion there: the read data into
 * the guest's buffers, the status byte, the used ring, the interrupt. A recording logs that point,
 * a replay completes the request at the same instruction, so the guest sees the same thing.
 * <p>
 * A request the device cannot serve (beyond the end of the disk, a length that is not whole
 * sectors, more than {@link #MAX_REQUEST_DATA_BYTES}, a store I/O error, an unknown type) completes
 * with an error status the guest sees; a chain that breaks the virtio contract stops the device
 * with DEVICE_NEEDS_RESET.
 */
public final class VirtioBlk implements VirtioDevice
{
    /** Virtio device id of a block device. */
    public static final int DEVICE_ID = 2;
    /** Queue size offered. */
    public static final int QUEUE_SIZE = 128;
    /** Most data one request moves: a shared disk's read travels in one log entry. */
    public static final int MAX_REQUEST_DATA_BYTES = DiskCompletion.MAX_DATA_LENGTH;

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
    private static final byte[] DEVICE_SERIAL = "tandem-virtio-blk".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final GuestMemory memory;
    private final BlockStore store;
    private final DiskCompletions completions;
    private final BlockRequests requests;
    private final VirtioMmio transport;
    private final DescriptorChain chain = new DescriptorChain(QUEUE_SIZE);
    private final UnsafeBuffer header = new UnsafeBuffer(ByteBuffer.allocateDirect(HEADER_BYTES));

    // The request being examined, before it has a slot.
    private int takenType;
    private long takenPosition;
    private int takenStatus;
    private boolean takenNeedsIo;

    private long requestsTaken;
    private long errors;

    /**
     * A private disk with immediate I/O, completing as soon as the I/O is done (device tests).
     *
     * @param memory guest memory for DMA.
     * @param plic   the interrupt controller.
     * @param irq    this device's PLIC source.
     * @param store  the storage.
     */
    public VirtioBlk(final GuestMemory memory, final Plic plic, final int irq, final BlockStore store)
    {
        this(memory, plic, irq, store, DiskMode.PRIVATE, false, DiskCompletions.LIVE);
    }

    /**
     * @param memory      guest memory for DMA.
     * @param plic        the interrupt controller.
     * @param irq         this device's PLIC source.
     * @param store       the storage.
     * @param mode        whether the image is this replica's own or shared with its peer.
     * @param ioThread    true to perform I/O on a thread of its own, false to perform it at once.
     * @param completions when requests start and complete: the machine's inputs.
     */
    public VirtioBlk(
        final GuestMemory memory, final Plic plic, final int irq, final BlockStore store, final DiskMode mode,
        final boolean ioThread, final DiskCompletions completions)
    {
        this.memory = memory;
        this.store = store;
        this.completions = completions;
        this.requests = new BlockRequests(store, mode, ioThread, QUEUE_SIZE);
        this.transport = new VirtioMmio(this, memory, plic, irq);
    }

    /**
     * Makes requests, performed at once on the machine's thread, complete only when due (a
     * simulated disk's latency).
     *
     * @param latency the latency, or null for none.
     */
    public void latency(final io.tandem.engine.dev.DiskLatency latency)
    {
        requests.latency(latency);
    }

    /**
     * With I/O on its own thread: the I/O thread raises this after each request it completes, so
     * that a machine thread parked while its guest waits for the disk applies the completion at once.
     *
     * @param signal the idle strategy of the machine's thread.
     */
    public void wakeOnCompletion(final WakeSignal signal)
    {
        requests.wakeOnDone(signal);
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
        while (true)
        {
            if (take(queue) > 0)
            {
                completions.requested(requests);
            }
            int completed = 0;
            while (requests.hasOutstanding())
            {
                final int status = completions.completion(requests);
                if (status < 0)
                {
                    break;
                }
                used |= complete(queue, status);
                completed++;
            }
            if (completed == 0 || !queue.hasAvailable())
            {
                break;
            }
            // Completions freed slots or staging space that waiting requests need.
        }
        if (used)
        {
            transport.usedBuffers(queue);
        }
    }

    /**
     * A live machine that was replaying (a backup going live) starts the I/O of every request the
     * guest made whose completion the log never brought: the primary may have died in between.
     *
     * @return how many requests wait for completion.
     */
    public int reissuePending()
    {
        final int pending = (int)(requests.queuedId() - requests.retiredId());
        if (pending > 0)
        {
            completions.requested(requests);
        }
        return pending;
    }

    /** Takes new requests from the queue while there is room for them; returns how many. */
    private int take(final Virtqueue queue)
    {
        int taken = 0;
        while (queue.peek(chain))
        {
            final int stagingBytes = examine();
            final BlockRequest request = requests.claim(stagingBytes);
            if (request == null)
            {
                break; // no room until older requests complete; the chain stays in the queue
            }
            queue.consume();
            request.head = chain.head;
            request.type = takenType;
            request.position = takenPosition;
            request.status = takenStatus;
            request.needsIo = takenNeedsIo;
            if (takenType == TYPE_OUT && takenNeedsIo)
            {
                stageWriteData(request);
            }
            else if (takenType == TYPE_GET_ID && takenStatus == STATUS_OK)
            {
                requests.staging().setMemory(request.dataOffset, ID_BYTES, (byte)0);
                requests.staging().putBytes(request.dataOffset, DEVICE_SERIAL);
            }
            requests.queue(request);
            requestsTaken++;
            taken++;
        }
        return taken;
    }

    /**
     * Checks the request in {@link #chain} and decides what it needs.
     *
     * @return bytes of staging space it needs.
     */
    private int examine()
    {
        final int last = chain.count - 1;
        if (chain.count < 2 || chain.deviceWritable[0] || Integer.toUnsignedLong(chain.length[0]) < HEADER_BYTES ||
            !chain.deviceWritable[last] || chain.length[last] < 1)
        {
            throw new VirtioDeviceException("block request without a readable header and a writable status byte");
        }
        memory.copyOut(chain.address[0], header, 0, HEADER_BYTES);
        takenType = header.getInt(0, ByteOrder.LITTLE_ENDIAN);
        final long sector = header.getLong(8, ByteOrder.LITTLE_ENDIAN);
        takenPosition = 0;
        takenStatus = STATUS_OK;
        takenNeedsIo = false;
        switch (takenType)
        {
            case TYPE_IN:
            case TYPE_OUT:
            {
                final boolean read = takenType == TYPE_IN;
                long dataBytes = 0;
                for (int i = 1; i < last; i++)
                {
                    if (chain.deviceWritable[i] != read)
                    {
                        throw new VirtioDeviceException("block data buffer with the wrong direction");
                    }
                    dataBytes += Integer.toUnsignedLong(chain.length[i]);
                }
                if (dataBytes % BlockStore.SECTOR_BYTES != 0 || dataBytes > MAX_REQUEST_DATA_BYTES || sector < 0 ||
                    sector > store.capacitySectors() ||
                    dataBytes / BlockStore.SECTOR_BYTES > store.capacitySectors() - sector)
                {
                    takenStatus = STATUS_IOERR;
                    return 0;
                }
                takenPosition = sector * BlockStore.SECTOR_BYTES;
                takenNeedsIo = true;
                return (int)dataBytes;
            }
            case TYPE_FLUSH:
                takenNeedsIo = true;
                return 0;
            case TYPE_GET_ID:
                if (last < 2 || !chain.deviceWritable[1])
                {
                    takenStatus = STATUS_IOERR;
                    return 0;
                }
                return ID_BYTES;
            default:
                takenStatus = STATUS_UNSUPPORTED;
                return 0;
        }
    }

    private void stageWriteData(final BlockRequest request)
    {
        int position = request.dataOffset;
        for (int i = 1; i < chain.count - 1; i++)
        {
            memory.copyOut(chain.address[i], requests.staging(), position, chain.length[i]);
            position += chain.length[i];
        }
    }

    /**
     * Applies the oldest request's completion with {@code status}.
     *
     * @return true when something went into the used ring.
     */
    private boolean complete(final Virtqueue queue, final int status)
    {
        final BlockRequest request = requests.oldest();
        // Retired first: if the guest broke the chain meanwhile, the completion is still taken
        // once, as it was logged once, and the device then needs a reset.
        requests.retire();
        if (status != STATUS_OK)
        {
            errors++;
        }
        if (request.discarded)
        {
            return false;
        }
        queue.chainAt(request.head, chain);
        final int last = chain.count - 1;
        if (last < 1 || !chain.deviceWritable[last] || chain.length[last] < 1)
        {
            throw new VirtioDeviceException("block request " + request.id + " lost its status byte while in flight");
        }
        int written = 0;
        if (status == STATUS_OK && request.type == TYPE_IN)
        {
            written = scatter(request, 1, last);
        }
        else if (status == STATUS_OK && request.type == TYPE_GET_ID)
        {
            written = scatter(request, 1, 2);
        }
        header.putByte(0, (byte)status);
        memory.copyIn(chain.address[last] + chain.length[last] - 1, header, 0, 1);
        queue.pushUsed(request.head, written + 1);
        return true;
    }

    /** Copies the request's staged data into the chain's buffers [from, to); returns bytes copied. */
    private int scatter(final BlockRequest request, final int from, final int to)
    {
        int copied = 0;
        for (int i = from; i < to && copied < request.dataLength; i++)
        {
            if (!chain.deviceWritable[i])
            {
                throw new VirtioDeviceException("block request " + request.id + " changed direction while in flight");
            }
            final int piece = (int)Math.min(Integer.toUnsignedLong(chain.length[i]), request.dataLength - copied);
            memory.copyIn(chain.address[i], requests.staging(), request.dataOffset + copied, piece);
            copied += piece;
        }
        return copied;
    }

    @Override
    public void reset()
    {
        requests.discardAll();
    }

    /** Stops the I/O thread, if one runs. */
    public void close()
    {
        requests.close();
    }

    /** @return requests taken from the guest. */
    public long requests()
    {
        return requestsTaken;
    }

    /** @return requests completed. */
    public long completed()
    {
        return requests.retiredId();
    }

    /** @return requests completed with an error status. */
    public long errors()
    {
        return errors;
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        hasher.add(requestsTaken).add(errors).add(requests.retiredId());
    }

    /**
     * @return true when no request has been handed to live I/O without being completed: only
     * then does the disk image match the machine state (see {@link BlockRequests#saveState}).
     */
    public boolean quiescent()
    {
        return requests.quiescent();
    }

    @Override
    public void saveState(final StateWriter out)
    {
        out.putLong(requestsTaken).putLong(errors);
        requests.saveState(out);
    }

    @Override
    public void loadState(final StateReader in)
    {
        requestsTaken = in.getLong();
        errors = in.getLong();
        requests.loadState(in);
    }
}
