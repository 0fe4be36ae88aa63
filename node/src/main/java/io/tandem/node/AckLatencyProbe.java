package io.tandem.node;

import io.tandem.codec.Ack;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Measures acknowledgement latency on the primary: the time from an entry's send to the first
 * acknowledgement that covers it, as the primary sees it (that is what releases outputs).
 * <p>
 * One entry is in flight as a sample at a time: the first entry sent after the previous sample
 * was covered becomes the next one. That costs two clock reads per round trip and one branch per
 * other entry, and needs no table of send times. Both decorators run on the primary's thread;
 * a monitoring thread takes interval histograms.
 */
public final class AckLatencyProbe
{
    /** Longest latency tracked; longer ones are recorded as this. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(HIGHEST_TRACKABLE_NS, 3);
    private final LogEntry sentEntry = new LogEntry();
    private final LogEntry ackEntry = new LogEntry();
    private long pendingSequence;
    private long pendingSentNs;

    /**
     * @param delegate the log channel.
     * @return the log channel, sampling send times.
     */
    public EntryPublication logSide(final EntryPublication delegate)
    {
        return new EntryPublication()
        {
            @Override
            public boolean offer(final DirectBuffer buffer, final int offset, final int length)
            {
                if (!delegate.offer(buffer, offset, length))
                {
                    return false;
                }
                if (pendingSequence == 0)
                {
                    final long sequence = sentEntry.wrapForRead(buffer, offset).sequence();
                    if (sequence > 0) // heartbeats carry sequence 0: nothing to acknowledge
                    {
                        pendingSentNs = System.nanoTime();
                        pendingSequence = sequence;
                    }
                }
                return true;
            }

            @Override
            public boolean connected()
            {
                return delegate.connected();
            }
        };
    }

    /**
     * @param delegate the acknowledgement channel.
     * @return the acknowledgement channel, timing the sample's acknowledgement.
     */
    public EntrySubscription ackSide(final EntrySubscription delegate)
    {
        return new EntrySubscription()
        {
            private final Handler forwarder = this::onAck;
            private Handler handler;

            @Override
            public int poll(final Handler handler, final int limit)
            {
                this.handler = handler;
                final int delivered = delegate.poll(forwarder, limit);
                this.handler = null;
                return delivered;
            }

            private void onAck(final DirectBuffer buffer, final int offset, final int length)
            {
                handler.onEntry(buffer, offset, length);
                if (pendingSequence != 0 && length >= LogEntry.HEADER_LENGTH + Ack.LENGTH)
                {
                    ackEntry.wrapForRead(buffer, offset);
                    if (ackEntry.type() == EntryType.ACK && ackEntry.payloadLong(Ack.SEQUENCE_OFFSET) >= pendingSequence)
                    {
                        recorder.recordValue(Math.min(System.nanoTime() - pendingSentNs, HIGHEST_TRACKABLE_NS));
                        pendingSequence = 0;
                    }
                }
            }
        };
    }

    /**
     * @param recycle a histogram from an earlier call to reuse, or null.
     * @return the latencies recorded since the last call, in nanoseconds.
     */
    public Histogram intervalHistogram(final Histogram recycle)
    {
        return recorder.getIntervalHistogram(recycle);
    }
}
