package io.tandem.engine.replica;

import io.tandem.engine.snapshot.FrameSink;
import org.agrona.DirectBuffer;

/**
 * Port: one direction of a pair's channel (log entries to the backup, acknowledgements back).
 * {@link #offer} answers as Aeron's {@code Publication.offer} does, with the same codes: a
 * position when the entry was taken, or a negative code that tells back-pressure (try again)
 * from a channel without a peer or closed (the peer is gone).
 */
public interface EntryPublication
{
    /** No peer is connected: nothing is taken until one is. */
    long NOT_CONNECTED = -1;
    /** The peer has not kept up: try again. */
    long BACK_PRESSURED = -2;
    /** The channel was busy with its own work: try again. */
    long ADMIN_ACTION = -3;
    /** The channel is closed: nothing will be taken any more. */
    long CLOSED = -4;
    /** The channel has reached its maximum position: nothing will be taken any more. */
    long MAX_POSITION_EXCEEDED = -5;

    /**
     * @return the channel's position after the entry (positive) when it was taken; or
     * {@link #BACK_PRESSURED} or {@link #ADMIN_ACTION} to be retried; {@link #NOT_CONNECTED},
     * {@link #CLOSED} or {@link #MAX_POSITION_EXCEEDED} when the peer cannot take it.
     */
    long offer(DirectBuffer buffer, int offset, int length);

    /**
     * As {@link #offer}, for an entry that nobody waits for yet: the reader's thread is not woken
     * for it and takes it when it next polls (woken for a later entry, or when its own longest
     * park ends). Where the wake-up is what carries the entry (a media driver that sends it to
     * another process), it is raised as for {@link #offer}. By default, {@link #offer}.
     *
     * @return as {@link #offer}.
     */
    default long offerQuietly(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length);
    }

    /**
     * @param result what {@link #offer} returned.
     * @return true for a refusal that may be retried (back-pressure, an admin action).
     */
    static boolean retryable(final long result)
    {
        return result == BACK_PRESSURED || result == ADMIN_ACTION;
    }

    /**
     * @return this publication as the sink of a state transfer's frames: a frame is taken when
     * {@link #offer} returns a position, and offered again otherwise.
     */
    default FrameSink asFrameSink()
    {
        return (buffer, offset, length) -> offer(buffer, offset, length) > 0;
    }

    /** @return false when no peer is connected: offers would be refused until one is. */
    default boolean connected()
    {
        return true;
    }
}
