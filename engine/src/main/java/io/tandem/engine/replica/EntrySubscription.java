package io.tandem.engine.replica;

import org.agrona.DirectBuffer;

/** Port: the receiving end of an {@link EntryPublication}. */
@FunctionalInterface
public interface EntrySubscription
{
    /** Receives one entry; the bytes are valid only during the call. */
    @FunctionalInterface
    interface Handler
    {
        void onEntry(DirectBuffer buffer, int offset, int length);
    }

    /**
     * @param handler receives entries in order.
     * @param limit   the most entries to deliver.
     * @return entries delivered.
     */
    int poll(Handler handler, int limit);
}
