package io.tandem.node;

import io.tandem.codec.LogEntry;
import io.tandem.engine.replica.EntryPublication;
import org.agrona.DirectBuffer;

/**
 * The primary's log channel, publishing the instruction count of each entry (heartbeats aside)
 * to its figures before the entry is offered. The ordered store comes first so that a monitor
 * that sees the backup at some instruction count, then reads the primary's, never finds the
 * backup ahead merely because the primary had not yet published: the entry that let the backup
 * run there was logged after the store. One flyweight read and one ordered store per entry.
 */
final class LoggedIcountPublication implements EntryPublication
{
    private final EntryPublication delegate;
    private final ReplicaCounters figures;
    private final LogEntry entry = new LogEntry();

    LoggedIcountPublication(final EntryPublication delegate, final ReplicaCounters figures)
    {
        this.delegate = delegate;
        this.figures = figures;
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        entry.wrapForRead(buffer, offset);
        if (entry.sequence() > 0) // heartbeats carry sequence 0 and move no horizon
        {
            figures.logIcount(entry.icount());
        }
        return delegate.offer(buffer, offset, length);
    }

    @Override
    public boolean connected()
    {
        return delegate.connected();
    }
}
