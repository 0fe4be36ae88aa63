package io.tandem.transport.aeron;

import io.aeron.Publication;
import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.wake.WakeSignal;
import org.agrona.DirectBuffer;

/**
 * An {@link EntryPublication} over an Aeron {@link Publication}. Entries longer than the MTU are
 * fragmented by the publication and put together again by an {@link AeronEntrySubscription}.
 * Not thread-safe beyond what the publication itself allows: one sending thread.
 * <p>
 * Each entry offered raises a {@link WakeSignal} ({@link #wakeOnOffer}): over IPC, the idle
 * strategy of the subscriber's thread in this process, which then polls the entry at once; over
 * UDP, the media driver's, which sends it. A quiet offer ({@link #offerQuietly}) raises it only
 * in the second case.
 */
public final class AeronEntryPublication implements EntryPublication
{
    private final Publication publication;
    private WakeSignal onOffer = WakeSignal.NONE;
    private boolean wakeCarries;
    private long backPressured;
    private long notConnected;

    /** @param publication the Aeron publication to offer entries to. */
    public AeronEntryPublication(final Publication publication)
    {
        this.publication = publication;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length, true);
    }

    @Override
    public long offerQuietly(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length, wakeCarries);
    }

    private long offer(final DirectBuffer buffer, final int offset, final int length, final boolean wake)
    {
        final long position = publication.offer(buffer, offset, length);
        if (position > 0)
        {
            if (wake)
            {
                onOffer.wake(); // after the entry is in the log buffer: whoever wakes finds it
            }
            return position;
        }
        // Counted, not thrown: every refusal is retried or judged by the caller (PairLogWriter).
        if (position == Publication.NOT_CONNECTED)
        {
            notConnected++;
        }
        else if (position == Publication.BACK_PRESSURED || position == Publication.ADMIN_ACTION)
        {
            backPressured++;
        }
        else if (position == Publication.MAX_POSITION_EXCEEDED)
        {
            throw new IllegalStateException("Aeron publication " + publication.channel() + " stream " +
                publication.streamId() + " reached its maximum position");
        }
        return position; // Aeron's codes are the port's
    }

    /**
     * @param signal raised after each entry offered, on the sending thread; set before that thread
     *               starts (or from it).
     * @return this publication.
     */
    public AeronEntryPublication wakeOnOffer(final WakeSignal signal)
    {
        return wakeOnOffer(signal, false);
    }

    /**
     * @param signal  raised after each entry offered, on the sending thread; set before that
     *                thread starts (or from it).
     * @param carries true when the signal wakes the thread that carries the entries (a media
     *                driver that sends them): then it is raised for quiet offers too
     *                ({@link #offerQuietly}); false when it wakes the reader's thread, which a
     *                quiet offer leaves to poll in its own time.
     * @return this publication.
     */
    public AeronEntryPublication wakeOnOffer(final WakeSignal signal, final boolean carries)
    {
        onOffer = signal;
        wakeCarries = carries;
        return this;
    }

    @Override
    public boolean connected()
    {
        return publication.isConnected();
    }

    /** @return the underlying publication. */
    public Publication publication()
    {
        return publication;
    }

    /** @return offers refused by back-pressure or an admin action. */
    public long backPressured()
    {
        return backPressured;
    }

    /** @return offers refused because no subscriber was connected. */
    public long notConnected()
    {
        return notConnected;
    }
}
