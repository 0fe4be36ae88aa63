package io.tandem.engine.replica;

import io.tandem.codec.LogEntry;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The primary's log writer: every entry goes to the journal and to the backup. Back-pressure
 * from the channel is waited out (the log is never dropped while the backup lives); after a
 * failure timeout of refusals the backup is taken as gone and the channel is closed off, so the
 * primary never blocks on a dead peer.
 * <p>
 * It also keeps the log's position in instructions (the highest icount sent) and samples the
 * acknowledgement latency: one entry at a time is timed from its send to the first
 * acknowledgement that covers it ({@link #acknowledged}, called by the primary where the ack
 * arrives). That costs two clock reads per round trip and no table of send times.
 */
public final class PairLogWriter implements LogWriter
{
    private final LogWriter journal;
    private final EntryPublication channel;
    private final NanoClock clock;
    private final long giveUpNs;
    private boolean channelOpen = true;
    private long lastSentNs;
    private long backPressureEvents;
    private final LogEntry sent = new LogEntry();
    private long loggedIcount;
    private AtomicCounter loggedIcountCounter;
    private LongConsumer ackLatencyNs;
    private long sampleSequence;
    private long sampleSentNs;
    private PrimaryEvents events = PrimaryEvents.NONE;
    private BooleanSupplier readerAwaited = () -> true;

    /**
     * @param journal  the primary's own journal, or null.
     * @param channel  the channel to the backup.
     * @param clock    time for the give-up deadline.
     * @param giveUpNs how long refusals may last before the backup is taken as gone.
     */
    public PairLogWriter(final LogWriter journal, final EntryPublication channel, final NanoClock clock, final long giveUpNs)
    {
        this.journal = journal;
        this.channel = channel;
        this.clock = clock;
        this.giveUpNs = giveUpNs;
        this.lastSentNs = clock.nanoTime();
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (RequestTimeline.ENABLED)
        {
            RequestTimeline.PAIR.logged(sent.wrapForRead(buffer, offset).type());
        }
        if (journal != null)
        {
            journal.append(buffer, offset, length);
        }
        send(buffer, offset, length);
    }

    /** Sends an entry to the backup only (heartbeats): not journaled. */
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!channelOpen)
        {
            return;
        }
        final long sequence = sent.wrapForRead(buffer, offset).sequence();
        if (sequence > 0) // heartbeats carry sequence 0 and move no horizon
        {
            loggedIcount = sent.icount();
            if (loggedIcountCounter != null)
            {
                // Before the entry leaves: whoever sees the backup at an icount sees this at or past it.
                loggedIcountCounter.setRelease(loggedIcount);
            }
        }
        long deadline = 0;
        long result;
        // Quiet unless an acknowledgement is waited for: a woken backup takes a core the primary
        // may need; one not woken takes the entry with the next one that is awaited.
        final boolean wake = readerAwaited.getAsBoolean();
        if (RequestTimeline.ENABLED)
        {
            RequestTimeline.PAIR.offering(sequence);
        }
        while ((result = wake ? channel.offer(buffer, offset, length) : channel.offerQuietly(buffer, offset, length)) <= 0)
        {
            if (!EntryPublication.retryable(result))
            {
                // The backup is gone: a backup that misses entries can never catch up, so the
                // channel is closed for good (a new backup starts from a state transfer).
                channelOpen = false;
                return;
            }
            final long now = System.nanoTime(); // real time: back-pressure is waited out for real
            if (deadline == 0)
            {
                deadline = now + giveUpNs;
                backPressureEvents++;
            }
            else if (now - deadline > 0)
            {
                channelOpen = false;
                return;
            }
            Thread.onSpinWait();
        }
        lastSentNs = clock.nanoTime();
        events.entrySent(sent.type());
        if (RequestTimeline.ENABLED)
        {
            RequestTimeline.PAIR.published(sent.type());
        }
        if (sampleSequence == 0 && sequence > 0 && ackLatencyNs != null)
        {
            sampleSentNs = System.nanoTime(); // real time, whatever clock the replica runs on
            sampleSequence = sequence;
        }
    }

    /**
     * @param sink where acknowledgement latencies go, ns (called on the primary's thread), or null
     *             not to measure them.
     * @return this.
     */
    public PairLogWriter ackLatency(final LongConsumer sink)
    {
        this.ackLatencyNs = sink;
        return this;
    }

    /**
     * The backup acknowledged the log up to {@code sequence}: a sampled entry it covers has made
     * its round trip.
     *
     * @param sequence the highest sequence the acknowledgement covers.
     */
    public void acknowledged(final long sequence)
    {
        if (sampleSequence != 0 && sequence >= sampleSequence)
        {
            ackLatencyNs.accept(System.nanoTime() - sampleSentNs);
            sampleSequence = 0;
        }
    }

    /**
     * @param readerAwaited asked before each entry is sent: true when the primary waits for the
     *                      backup's acknowledgement (an output is held, the backup is to catch up),
     *                      so that the entry wakes the backup's thread; false lets the backup take
     *                      it at its next poll ({@link EntryPublication#offerQuietly}). Always true
     *                      unless set.
     * @return this.
     */
    public PairLogWriter readerAwaited(final BooleanSupplier readerAwaited)
    {
        this.readerAwaited = readerAwaited;
        return this;
    }

    /**
     * @param events told of each entry sent to the backup.
     * @return this.
     */
    public PairLogWriter events(final PrimaryEvents events)
    {
        this.events = events;
        return this;
    }

    /**
     * @param counter where the log's position in instructions is published, before each entry
     *                leaves, or null.
     * @return this.
     */
    public PairLogWriter loggedIcountCounter(final AtomicCounter counter)
    {
        this.loggedIcountCounter = counter;
        return this;
    }

    /** @return the highest instruction count among the entries sent (heartbeats aside). */
    public long loggedIcount()
    {
        return loggedIcount;
    }

    @Override
    public void flush()
    {
        if (journal != null)
        {
            journal.flush();
        }
    }

    /** Stops sending to the backup (it is gone, or the primary runs alone). */
    public void closeChannel()
    {
        channelOpen = false;
    }

    /**
     * Sends to the backup again: a new backup that joined by state transfer, whose state holds
     * every entry logged so far, takes the log from the next entry on.
     */
    public void openChannel()
    {
        channelOpen = true;
        lastSentNs = clock.nanoTime();
    }

    /** @return true while entries still go to the backup. */
    public boolean channelOpen()
    {
        return channelOpen;
    }

    /** @return when an entry last went to the backup. */
    public long lastSentNs()
    {
        return lastSentNs;
    }

    /** @return how often the channel pushed back. */
    public long backPressureEvents()
    {
        return backPressureEvents;
    }
}
