package io.tandem.perf;

import io.tandem.codec.Ack;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The backup's side of a round trip, reduced to the hop: takes entries from the log stream and
 * answers each with a sealed ACK carrying its sequence (and icount), as the backup acknowledges
 * what it journaled. Acknowledgements are cumulative, so an ACK refused by back-pressure is
 * replaced by the next one rather than queued. Allocates nothing per entry.
 */
final class AckEcho implements Agent, EntrySubscription.Handler
{
    /** Fragments per poll: enough for a few entries, bounded so that acks go out promptly. */
    private static final int FRAGMENT_LIMIT = 16;
    private static final int ACK_PAYLOAD_LENGTH = Ack.LENGTH;

    private final EntrySubscription log;
    private final EntryPublication acks;
    private final LogEntry received = new LogEntry();
    private final LogEntry ack = new LogEntry();
    private final UnsafeBuffer ackBuffer = SampleEntry.offHeap(LogEntry.lengthFor(ACK_PAYLOAD_LENGTH));
    private boolean ackPending;
    private long pendingSequence;
    private long pendingIcount;

    AckEcho(final EntrySubscription log, final EntryPublication acks)
    {
        this.log = log;
        this.acks = acks;
    }

    @Override
    public int doWork()
    {
        int work = log.poll(this, FRAGMENT_LIMIT);
        if (ackPending)
        {
            ack.wrap(ackBuffer, 0).type(EntryType.ACK).sequence(0).icount(pendingIcount)
                .payloadLong(Ack.SEQUENCE_OFFSET, pendingSequence).payloadLong(Ack.BACKUP_ICOUNT_OFFSET, pendingIcount);
            if (acks.offer(ackBuffer, 0, ack.seal(ACK_PAYLOAD_LENGTH)) > 0)
            {
                ackPending = false;
                work++;
            }
        }
        return work;
    }

    @Override
    public void onEntry(final DirectBuffer buffer, final int offset, final int length)
    {
        received.wrapForRead(buffer, offset);
        pendingSequence = received.sequence();
        pendingIcount = received.icount();
        ackPending = true;
    }

    @Override
    public String roleName()
    {
        return "ack-echo";
    }
}
