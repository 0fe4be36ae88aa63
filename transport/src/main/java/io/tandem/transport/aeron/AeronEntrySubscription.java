package io.tandem.transport.aeron;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.tandem.codec.LogEntry;
import io.tandem.engine.replica.EntrySubscription;
import org.agrona.DirectBuffer;

/**
 * An {@link EntrySubscription} over an Aeron {@link Subscription}. Entries can exceed the MTU, so
 * fragments go through a {@link FragmentAssembler} sized for the largest entry up front (so that
 * it never grows while running). The assembler and the fragment handler are made once; a poll
 * only swaps the caller's handler in, so polling allocates nothing.
 * <p>
 * Single-threaded: one polling thread.
 */
public final class AeronEntrySubscription implements EntrySubscription
{
    private final Subscription subscription;
    private final FragmentAssembler assembler;
    private Handler handler;
    private int delivered;

    /** @param subscription the Aeron subscription to poll. */
    public AeronEntrySubscription(final Subscription subscription)
    {
        this.subscription = subscription;
        final FragmentHandler forwarder = this::onMessage;
        this.assembler = new FragmentAssembler(forwarder, LogEntry.MAX_LENGTH, true);
    }

    /**
     * {@inheritDoc}
     * <p>
     * The limit counts Aeron fragments, so a poll never delivers more than {@code limit} entries,
     * and fewer when entries span several fragments.
     */
    @Override
    public int poll(final Handler handler, final int limit)
    {
        this.handler = handler;
        delivered = 0;
        subscription.poll(assembler, limit);
        this.handler = null;
        return delivered;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        delivered++;
        handler.onEntry(buffer, offset, length);
    }

    /** @return true while at least one publisher is connected. */
    public boolean connected()
    {
        return subscription.isConnected();
    }

    /** @return the underlying subscription. */
    public Subscription subscription()
    {
        return subscription;
    }
}
