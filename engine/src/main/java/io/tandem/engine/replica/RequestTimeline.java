package io.tandem.engine.replica;

import io.tandem.codec.EntryType;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A per-request timeline of a pair in one process, for a benchmark to show where a request's
 * time goes between the primary's read of the datagram and its send of the reply: each stage a
 * {@link System#nanoTime()} stamp, taken by the thread that reaches it (the primary's, the
 * backup's). Off unless {@code -Dtandem.timeline=true}: every call site tests {@link #ENABLED},
 * a constant the JIT folds, so a served pair pays nothing. On, the stamps go into preallocated
 * arrays (no allocation, no lock); a completed request's stamps are copied into a ring of rows
 * that {@link #rows} reads once the load is over.
 * <p>
 * One request is followed at a time: the first datagram read while none is open starts it, and
 * each stage is stamped at its first occurrence while it is open. The stages that wait for the
 * output rule follow the sequence the held output waits for (its tag): the entry that carries it
 * offered, the start of the backup's duty cycle that took it, the backup's receipt, journal flush
 * and acknowledgement of it, the primary taking that acknowledgement, the release and the send.
 * Stages of two threads are stamped where each thread is, not in a chain: a backup on the other
 * core can take an entry before the primary's offer has returned, so a stage may precede the one
 * listed before it (a benchmark counts that as zero). A request whose reply leaves without one of
 * the stages (a primary alone, a request overlapping the followed one) is not kept.
 */
public final class RequestTimeline
{
    /** Whether the timeline records ({@code tandem.timeline}). */
    public static final boolean ENABLED = Boolean.getBoolean("tandem.timeline");

    /** The primary read the request's datagram (on its own thread, or the bridge's receiver). */
    public static final int READ = 0;
    /** The recorder logged the frame (the primary's journal append starts). */
    public static final int FRAME_LOGGED = 1;
    /** The frame's entry was published on the backup's channel (journaled, offered). */
    public static final int FRAME_PUBLISHED = 2;
    /** The guest's reply was held by the output rule. */
    public static final int HELD = 3;
    /** The entry the reply waits for is offered to the backup's channel (usually the epoch mark after it). */
    public static final int TAG_OFFERED = 4;
    /** The backup's thread began the duty cycle in which it took that entry. */
    public static final int BACKUP_RUNS = 5;
    /** The backup took that entry from its channel (and appended it to its journal). */
    public static final int BACKUP_RECEIVED = 6;
    /** The backup's journal was flushed up to it. */
    public static final int BACKUP_JOURNALED = 7;
    /** The backup's acknowledgement of it is offered to the primary's channel. */
    public static final int BACKUP_ACKED = 8;
    /** The primary took that acknowledgement. */
    public static final int ACK_SEEN = 9;
    /** The primary let the reply out of the output gate. */
    public static final int RELEASED = 10;
    /** The reply's send returned. */
    public static final int SENT = 11;
    /** Stages per request. */
    public static final int STAGES = 12;

    private static final String[] NAMES = {"read", "frame logged", "frame published", "reply held", "tag offered",
        "backup runs", "backup received", "backup journaled", "backup acked", "ack seen", "released", "sent"};
    /** A request still open after this long lost a stage (a failover, a reply never sent): followed no more. */
    private static final long STALE_NS = 100_000_000L;
    /** The timeline of this process's pair, that the replicas' call sites stamp when {@link #ENABLED}. */
    public static final RequestTimeline PAIR = new RequestTimeline(ENABLED ? 1 << 16 : 0);

    private final int capacity;
    // Written by the thread that reaches each stage, read by the others: volatile per element.
    private final AtomicLongArray stamps = new AtomicLongArray(STAGES);
    private volatile long tag = Long.MAX_VALUE;
    // Written by the primary's thread only; read by rows() after the load.
    private final long[] ring;
    private long completed;
    private long dropped;
    private long incomplete;

    /**
     * @param capacity requests kept at most.
     */
    public RequestTimeline(final int capacity)
    {
        this.capacity = capacity;
        this.ring = new long[capacity * STAGES];
    }

    /** @return the stage's name, e.g. {@code "backup acked"}. */
    public static String name(final int stage)
    {
        return NAMES[stage];
    }

    /** A client's datagram was read: starts a request unless one is followed. */
    public void read()
    {
        final long now = System.nanoTime();
        final long open = stamps.get(READ);
        if (open != 0 && now - open < STALE_NS)
        {
            return;
        }
        tag = Long.MAX_VALUE;
        for (int i = STAGES - 1; i > READ; i--)
        {
            stamps.set(i, 0);
        }
        stamps.set(READ, now);
    }

    /** The recorder logged an entry of {@code type}, before the primary's journal took it. */
    public void logged(final int type)
    {
        if (type == EntryType.NET_FRAME)
        {
            stamp(FRAME_LOGGED);
        }
    }

    /** An entry of {@code sequence} is about to be offered to the backup's channel. */
    public void offering(final long sequence)
    {
        if (sequence >= tag)
        {
            stamp(TAG_OFFERED);
        }
    }

    /** An entry of {@code type} was published on the backup's channel. */
    public void published(final int type)
    {
        if (type == EntryType.NET_FRAME)
        {
            stamp(FRAME_PUBLISHED);
        }
    }

    /** The output rule held a frame waiting for {@code outputTag}. */
    public void held(final long outputTag)
    {
        if (stamp(HELD))
        {
            tag = outputTag;
        }
    }

    /**
     * The backup took the entry of {@code sequence}.
     *
     * @param cycleStartNs when ({@link System#nanoTime()}) the duty cycle that took it began.
     */
    public void backupReceived(final long sequence, final long cycleStartNs)
    {
        if (sequence >= tag && stamp(BACKUP_RECEIVED))
        {
            stamps.set(BACKUP_RUNS, cycleStartNs);
        }
    }

    /** The backup flushed its journal up to {@code sequence}. */
    public void backupJournaled(final long sequence)
    {
        if (sequence >= tag)
        {
            stamp(BACKUP_JOURNALED);
        }
    }

    /** The backup is about to offer its acknowledgement of {@code sequence}. */
    public void backupAcking(final long sequence)
    {
        if (sequence >= tag)
        {
            stamp(BACKUP_ACKED);
        }
    }

    /** The primary took an acknowledgement of {@code sequence}. */
    public void ackSeen(final long sequence)
    {
        if (sequence >= tag)
        {
            stamp(ACK_SEEN);
        }
    }

    /** The output gate lets a held frame out. */
    public void released()
    {
        if (stamps.get(HELD) != 0)
        {
            stamp(RELEASED);
        }
    }

    /** A reply's send returned: the followed request is kept if every stage was reached, and closed. */
    public void sent()
    {
        if (stamps.get(RELEASED) == 0 || !stamp(SENT))
        {
            return;
        }
        boolean complete = true;
        for (int i = 0; i < STAGES; i++)
        {
            complete &= stamps.get(i) != 0;
        }
        if (!complete)
        {
            incomplete++;
        }
        else if (completed < capacity)
        {
            final int row = (int)completed * STAGES;
            for (int i = 0; i < STAGES; i++)
            {
                ring[row + i] = stamps.get(i);
            }
            completed++;
        }
        else
        {
            dropped++;
        }
        tag = Long.MAX_VALUE;
        stamps.set(READ, 0); // the next datagram starts the next request
    }

    /** Stamps {@code stage} if a request is followed and the stage was not reached yet. */
    private boolean stamp(final int stage)
    {
        if (stamps.get(READ) == 0 || stamps.get(stage) != 0)
        {
            return false;
        }
        stamps.set(stage, System.nanoTime());
        return true;
    }

    /** Forgets every request kept: call between loads, with no request in flight. */
    public void clear()
    {
        completed = 0;
        dropped = 0;
        incomplete = 0;
        tag = Long.MAX_VALUE;
        for (int i = 0; i < STAGES; i++)
        {
            stamps.set(i, 0);
        }
    }

    /** @return requests kept since {@link #clear()}. */
    public int rows()
    {
        return (int)completed;
    }

    /** @return requests complete but not kept, the ring being full. */
    public long dropped()
    {
        return dropped;
    }

    /** @return replies sent for a followed request that missed a stage (not kept). */
    public long incomplete()
    {
        return incomplete;
    }

    /** @return the followed request's stamp of {@code stage} so far (nanoTime), 0 if not reached. */
    public long stampNow(final int stage)
    {
        return stamps.get(stage);
    }

    /** @return the stamp of {@code stage} of the kept request {@code row} (nanoTime). */
    public long stamp(final int row, final int stage)
    {
        return ring[row * STAGES + stage];
    }
}
