package io.tandem.engine.replica;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A channel held in memory, for a pair driven from one thread (tests, deterministic embedding).
 * It can be cut ({@link #connected(boolean)}) to model a partition or a dead peer: a cut channel
 * refuses offers, as an Aeron publication without subscribers does, and delivers nothing.
 */
public final class MemoryChannel implements EntryPublication, EntrySubscription
{
    private final ExpandableRingBuffer queue = new ExpandableRingBuffer(64 * 1024, 1 << 30, true);
    private final ExpandableRingBuffer.MessageConsumer deliverer = this::deliver;
    private Handler handler;
    private int delivered;
    private int deliverLimit;
    private boolean connected = true;
    private long position;

    /** Cuts or restores the channel; entries in flight when it is cut are lost. */
    public void connected(final boolean connected)
    {
        this.connected = connected;
        if (!connected)
        {
            queue.reset(64 * 1024);
        }
    }

    @Override
    public boolean connected()
    {
        return connected;
    }

    /** @return bytes in flight. */
    public int inFlightBytes()
    {
        return queue.size();
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!connected)
        {
            return NOT_CONNECTED;
        }
        if (!queue.append(buffer, offset, length))
        {
            return BACK_PRESSURED;
        }
        position += length;
        return position;
    }

    @Override
    public int poll(final Handler handler, final int limit)
    {
        if (!connected)
        {
            return 0;
        }
        this.handler = handler;
        delivered = 0;
        deliverLimit = limit;
        queue.consume(deliverer, Integer.MAX_VALUE);
        this.handler = null;
        return delivered;
    }

    private boolean deliver(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        if (delivered == deliverLimit)
        {
            return false; // the limit counts entries; the ring's own limit counts bytes
        }
        handler.onEntry(buffer, offset, length);
        delivered++;
        return true;
    }
}
