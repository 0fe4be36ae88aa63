package io.tandem.engine.dev.virtio;

import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.dev.DiskLatency;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.DiskRequests;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import io.tandem.engine.wake.TimerSlack;
import io.tandem.engine.wake.WakeSignal;
import io.tandem.engine.wake.WakeableIdleStrategy;
import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The block device's requests in flight, in the order the guest made them, and the host I/O that
 * serves them: a ring of reused slots, an off-heap staging buffer for their data, and either
 * immediate I/O on the machine's thread or a {@link BlockIoAgent} on its own.
 * <p>
 * Request ids count up from 1. Four marks follow them: queued (taken from the guest), started
 * (handed to the I/O), done (I/O finished) and retired (completion applied); each is at most the
 * one before. The machine thread owns queued and retired and publishes started with a release
 * store after filling the slots; the I/O thread publishes done with a release store after writing
 * the status and the read data, and the machine reads it with an acquire load before it trusts
 * them. The I/O thread is started with the first live I/O, so a replaying machine, which performs
 * (private image) or skips (shared image) each request's I/O itself at its completion, never runs
 * one beside it.
 * <p>
 * Staging space is handed out in request order from a ring and freed in the same order; a
 * request's data is contiguous, so a request that does not fit before the end of the ring starts
 * again at its beginning.
 */
final class BlockRequests implements DiskRequests
{
    /** Staging space for the data of requests in flight. */
    static final int STAGING_BYTES = 4 * 1024 * 1024;

    // The I/O thread is woken when requests start; its park only paces its own shutdown.
    private static final long IDLE_MAX_PARK_NS = 1_000_000;

    private final BlockStore store;
    private final DiskMode mode;
    private final boolean ioThread;
    private final BlockRequest[] slots;
    private final UnsafeBuffer staging = new UnsafeBuffer(ByteBuffer.allocateDirect(STAGING_BYTES));
    /** Written by the machine thread (release), read by the I/O thread (acquire). */
    private final AtomicLong startedId = new AtomicLong();
    /** Written by whoever performs I/O (release), read by the machine thread (acquire). */
    private final AtomicLong doneId = new AtomicLong();
    private long queuedId;
    private long retiredId;
    private long stagingHead;
    private long stagingTail;
    private AgentRunner ioRunner;
    private final WakeableIdleStrategy ioIdle = new WakeableIdleStrategy(
        WakeableIdleStrategy.DEFAULT_SPINS, IDLE_MAX_PARK_NS, TimerSlack.DEFAULT_NS);
    /** Raised by the I/O thread after each request it completes: the machine's thread may be parked. */
    private volatile WakeSignal onDone = WakeSignal.NONE;
    private DiskLatency latency;

    /**
     * @param store    the image.
     * @param mode     private or shared image.
     * @param ioThread true to perform I/O on a thread of its own, false to perform it at once.
     * @param capacity most requests in flight.
     */
    BlockRequests(final BlockStore store, final DiskMode mode, final boolean ioThread, final int capacity)
    {
        this.store = store;
        this.mode = mode;
        this.ioThread = ioThread;
        this.slots = new BlockRequest[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i] = new BlockRequest();
        }
    }

    /**
     * Makes requests performed at once complete only when the latency says they are due.
     *
     * @param latency the latency, or null for none.
     * @throws IllegalStateException with an I/O thread, which has the host's latency.
     */
    void latency(final DiskLatency latency)
    {
        if (ioThread && latency != null)
        {
            throw new IllegalStateException("a disk with an I/O thread takes the host's latency, not a simulated one");
        }
        this.latency = latency;
    }

    /**
     * Claims the next slot with {@code dataLength} bytes of staging space.
     *
     * @return the slot, its id, data offset and staging end set; null when no slot or space is
     * free until older requests retire.
     */
    BlockRequest claim(final int dataLength)
    {
        if (queuedId - retiredId == slots.length)
        {
            return null;
        }
        long start = stagingHead;
        final int position = (int)(start % STAGING_BYTES);
        if (position + dataLength > STAGING_BYTES)
        {
            start += STAGING_BYTES - position;
        }
        if (start + dataLength - stagingTail > STAGING_BYTES)
        {
            return null;
        }
        final BlockRequest request = slots[(int)(queuedId % slots.length)];
        request.id = queuedId + 1;
        request.dataOffset = (int)(start % STAGING_BYTES);
        request.dataLength = dataLength;
        request.stagingEnd = start + dataLength;
        request.discarded = false;
        return request;
    }

    /** Queues the slot {@link #claim} returned, once the device has filled it. */
    void queue(final BlockRequest request)
    {
        stagingHead = request.stagingEnd;
        queuedId = request.id;
    }

    /** @return the oldest request not yet retired (valid while {@link #hasOutstanding()}). */
    BlockRequest oldest()
    {
        return slots[(int)(retiredId % slots.length)];
    }

    /** The oldest request's completion has been applied: its slot and staging space are free. */
    void retire()
    {
        final BlockRequest request = oldest();
        retiredId = request.id;
        stagingTail = request.stagingEnd;
        if (doneId.get() < retiredId)
        {
            // Completed from the log (a replay): no I/O thread exists, the marks are ours to move.
            if (ioRunner != null)
            {
                throw new IllegalStateException("disk request " + retiredId + " completed before its live I/O finished");
            }
            doneId.set(retiredId);
            startedId.set(retiredId);
        }
    }

    /** Marks every request in flight as one the guest no longer waits for (the driver reset the device). */
    void discardAll()
    {
        for (long id = retiredId + 1; id <= queuedId; id++)
        {
            slots[(int)((id - 1) % slots.length)].discarded = true;
        }
    }

    /** @return the id of the last request taken. */
    long queuedId()
    {
        return queuedId;
    }

    /** @return the id of the last request completed. */
    long retiredId()
    {
        return retiredId;
    }

    /** @param signal raised after each request the I/O thread completes (not for I/O done at once). */
    void wakeOnDone(final WakeSignal signal)
    {
        onDone = signal;
    }

    /** The I/O thread's unit of work: performs the next started request, if any. */
    boolean performNextStarted()
    {
        final long next = doneId.get() + 1;
        if (next > startedId.getAcquire())
        {
            return false;
        }
        final BlockRequest request = slots[(int)((next - 1) % slots.length)];
        try
        {
            perform(request);
        }
        catch (final RuntimeException ex)
        {
            // A store that throws instead of answering false: the guest sees an I/O error, the
            // runner's error handler reports the cause, and the queue goes on.
            request.status = VirtioBlk.STATUS_IOERR;
            doneId.setRelease(next);
            onDone.wake();
            throw ex;
        }
        doneId.setRelease(next);
        onDone.wake(); // after the release: the woken thread sees the request done
        return true;
    }

    private void perform(final BlockRequest request)
    {
        if (!request.needsIo)
        {
            return;
        }
        final boolean ok;
        switch (request.type)
        {
            case VirtioBlk.TYPE_IN:
                ok = store.read(request.position, staging, request.dataOffset, request.dataLength);
                break;
            case VirtioBlk.TYPE_OUT:
                ok = store.write(request.position, staging, request.dataOffset, request.dataLength);
                break;
            default:
                ok = store.flush();
                break;
        }
        request.status = ok ? VirtioBlk.STATUS_OK : VirtioBlk.STATUS_IOERR;
    }

    @Override
    public DiskMode mode()
    {
        return mode;
    }

    @Override
    public boolean hasOutstanding()
    {
        return retiredId < queuedId;
    }

    @Override
    public long oldestId()
    {
        return oldest().id;
    }

    @Override
    public int oldestHead()
    {
        return oldest().head;
    }

    @Override
    public boolean oldestIsRead()
    {
        return oldest().type == VirtioBlk.TYPE_IN;
    }

    @Override
    public int oldestDataLength()
    {
        return oldest().dataLength;
    }

    @Override
    public int oldestDataOffset()
    {
        return oldest().dataOffset;
    }

    @Override
    public MutableDirectBuffer staging()
    {
        return staging;
    }

    @Override
    public int startQueued()
    {
        final long started = startedId.get();
        if (started >= queuedId)
        {
            return 0;
        }
        if (!ioThread)
        {
            for (long id = started + 1; id <= queuedId; id++)
            {
                final BlockRequest request = slots[(int)((id - 1) % slots.length)];
                perform(request);
                request.dueNs = latency != null ? latency.dueNs() : 0;
            }
            startedId.set(queuedId);
            doneId.set(queuedId);
            return (int)(queuedId - started);
        }
        startedId.setRelease(queuedId);
        ioIdle.wake();
        if (ioRunner == null)
        {
            ioRunner = new AgentRunner(ioIdle,
                BlockRequests::reportIoError, null, new BlockIoAgent(this));
            AgentRunner.startOnThread(ioRunner);
        }
        return (int)(queuedId - started);
    }

    @Override
    public int pollOldest()
    {
        if (!hasOutstanding())
        {
            return NOT_DONE;
        }
        final BlockRequest request = oldest();
        if (doneId.getAcquire() < request.id || latency != null && latency.nowNs() < request.dueNs)
        {
            return NOT_DONE;
        }
        return request.status;
    }

    @Override
    public int performOldest()
    {
        final BlockRequest request = oldest();
        if (ioRunner != null || startedId.get() >= request.id)
        {
            throw new IllegalStateException("disk request " + request.id + " was already handed to live I/O");
        }
        perform(request);
        return request.status;
    }

    private static void reportIoError(final Throwable error)
    {
        System.err.println("tandem: disk I/O failed, the guest sees an I/O error: " + error);
    }

    /** Stops the I/O thread, letting the request it is performing finish. */
    void close()
    {
        CloseHelper.close(ioRunner);
    }

    /** @return true when every request handed to live I/O has also been completed into the guest. */
    boolean quiescent()
    {
        return startedId.get() <= retiredId;
    }

    /**
     * Saves the marks and every request in flight with its staged data. Only a quiescent disk can
     * be saved: a request whose live I/O already ran has changed the image (a write) or holds data
     * (a read) that the saved state could not account for, whereas a request not yet started is
     * performed by whoever loads the state, at its completion, as a replay does.
     *
     * @throws IllegalStateException when live I/O is in flight.
     */
    void saveState(final StateWriter out)
    {
        if (!quiescent())
        {
            throw new IllegalStateException("disk requests up to " + startedId.get() +
                " are in live I/O but only " + retiredId + " completed: save at a quiescent check point");
        }
        out.putLong(queuedId).putLong(retiredId).putLong(stagingHead).putLong(stagingTail);
        for (long id = retiredId + 1; id <= queuedId; id++)
        {
            final BlockRequest request = slots[(int)((id - 1) % slots.length)];
            out.putLong(request.id).putInt(request.head).putInt(request.type).putLong(request.position)
                .putInt(request.dataOffset).putInt(request.dataLength).putLong(request.stagingEnd)
                .putBoolean(request.needsIo).putBoolean(request.discarded).putInt(request.status);
            // A write's data (and get-id's answer) was staged when the request was taken.
            out.putBytes(staging, request.dataOffset, request.dataLength);
        }
    }

    /** Loads what {@link #saveState} saved; the requests in flight are not started. */
    void loadState(final StateReader in)
    {
        final long queued = in.getLong();
        final long retired = in.getLong();
        if (retired < 0 || queued < retired || queued - retired > slots.length)
        {
            throw in.error("disk request marks queued " + queued + " retired " + retired + " do not fit " +
                slots.length + " slots");
        }
        final long head = in.getLong();
        final long tail = in.getLong();
        if (tail < 0 || head < tail || head - tail > STAGING_BYTES)
        {
            throw in.error("disk staging marks head " + head + " tail " + tail + " do not fit the staging buffer");
        }
        for (long id = retired + 1; id <= queued; id++)
        {
            final BlockRequest request = slots[(int)((id - 1) % slots.length)];
            final long loadedId = in.getLong();
            if (loadedId != id)
            {
                throw in.error("disk request " + loadedId + " where " + id + " was due");
            }
            request.id = id;
            request.head = in.getInt("descriptor head", 0, VirtioBlk.QUEUE_SIZE - 1);
            request.type = in.getInt();
            request.position = in.getLong();
            request.dataOffset = in.getInt("staging offset", 0, STAGING_BYTES);
            request.dataLength = in.getInt("data length", 0, STAGING_BYTES - request.dataOffset);
            request.stagingEnd = in.getLong();
            request.needsIo = in.getBoolean();
            request.discarded = in.getBoolean();
            request.status = in.getInt();
            in.getBytes("staged data", staging, request.dataOffset, request.dataLength);
        }
        queuedId = queued;
        retiredId = retired;
        stagingHead = head;
        stagingTail = tail;
        startedId.set(retired);
        doneId.set(retired);
    }
}
