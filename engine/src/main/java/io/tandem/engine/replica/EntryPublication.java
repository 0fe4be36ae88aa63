package io.tandem.engine.replica;

import org.agrona.DirectBuffer;

/** Port: one direction of a pair's channel (log entries to the backup, acknowledgements back). */
public interface EntryPublication
{
    /**
     * @return true when the entry was taken; false under back-pressure or with no peer connected,
     * to be retried (as Aeron's {@code Publication.offer} does).
     */
    boolean offer(DirectBuffer buffer, int offset, int length);

    /** @return false when no peer is connected: offers would be refused until one is. */
    default boolean connected()
    {
        return true;
    }
}
