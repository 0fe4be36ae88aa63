package io.tandem.engine.replica;

import io.tandem.codec.LogEntry;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The entries a backup has received and journaled but not yet replayed, in order, as the
 * replayer's {@link LogReader}. Single-threaded: the backup's thread adds and takes.
 */
public final class ReceivedLog implements LogReader
{
    private final ExpandableRingBuffer entries = new ExpandableRingBuffer(1 << 20, 1 << 30, true);
    private final ExpandableRingBuffer.MessageConsumer copier = this::copy;
    private final LogEntry header = new LogEntry();
    private long receivedIcount = -1;
    private MutableDirectBuffer target;
    private int copied;
    private boolean finished;

    /** Adds an entry received from the primary. */
    public void add(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!entries.append(buffer, offset, length))
        {
            throw new IllegalStateException("backup's received log is full: the replay is too far behind");
        }
        if (length >= LogEntry.HEADER_LENGTH)
        {
            receivedIcount = Math.max(receivedIcount, header.wrapForRead(buffer, offset).icount());
        }
    }

    @Override
    public long receivedIcount()
    {
        return finished ? Long.MAX_VALUE : receivedIcount;
    }

    /** No more entries will come (the primary is gone): the reader reports the end. */
    public void finish()
    {
        finished = true;
    }

    /** @return bytes waiting to be replayed. */
    public int pendingBytes()
    {
        return entries.size();
    }

    @Override
    public int poll(final MutableDirectBuffer buffer)
    {
        if (entries.isEmpty())
        {
            return finished ? END : NOT_YET;
        }
        target = buffer;
        entries.consume(copier, 1);
        target = null;
        return copied;
    }

    private boolean copy(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        target.putBytes(0, buffer, offset, length);
        copied = length;
        return true;
    }
}
