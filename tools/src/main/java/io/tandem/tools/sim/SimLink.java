package io.tandem.tools.sim;

import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * One direction of a simulated pair channel, as Aeron gives it: reliable and in order, but late.
 * Each entry arrives after a base delay plus jitter drawn from the run's seed, never before the
 * one sent ahead of it. While the link is partitioned nothing arrives and entries wait (Aeron
 * retransmits once the path heals); a severed link refuses offers, as a publication whose
 * subscriber is gone does.
 */
final class SimLink implements EntryPublication, EntrySubscription
{
    private record InFlight(byte[] bytes, long dueNs)
    {
    }

    private final NanoClock clock;
    private final SplittableRandom random;
    private final ArrayDeque<InFlight> queue = new ArrayDeque<>();
    private final UnsafeBuffer delivery = new UnsafeBuffer(new byte[0]);
    private long baseDelayNs;
    private long jitterNs;
    private long partitionedUntilNs;
    private long lastDueNs;
    private long position;
    private boolean severed;

    SimLink(final NanoClock clock, final SplittableRandom random, final long baseDelayNs, final long jitterNs)
    {
        this.clock = clock;
        this.random = random;
        this.baseDelayNs = baseDelayNs;
        this.jitterNs = jitterNs;
    }

    /** Nothing arrives until {@code untilNs}; what is sent meanwhile waits. */
    void partitionUntil(final long untilNs)
    {
        partitionedUntilNs = Math.max(partitionedUntilNs, untilNs);
    }

    /** Delays from now on. */
    void delays(final long baseDelayNs, final long jitterNs)
    {
        this.baseDelayNs = baseDelayNs;
        this.jitterNs = jitterNs;
    }

    /**
     * The sender died: what it had sent and the link had not delivered yet arrives only up to a
     * point drawn from the seed, the rest is lost (its retransmissions died with it); the order
     * holds, so the receiver gets a prefix.
     */
    void senderDied()
    {
        final int keep = queue.isEmpty() ? 0 : random.nextInt(queue.size() + 1);
        while (queue.size() > keep)
        {
            queue.pollLast();
        }
    }

    /** The peer is gone: offers are refused and nothing more arrives. */
    void sever()
    {
        severed = true;
        queue.clear();
    }

    @Override
    public boolean connected()
    {
        return !severed;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (severed)
        {
            return NOT_CONNECTED;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final long dueNs = Math.max(lastDueNs, clock.nanoTime() + baseDelayNs + (jitterNs > 0 ? random.nextLong(jitterNs) : 0));
        lastDueNs = dueNs;
        queue.add(new InFlight(bytes, dueNs));
        position += length;
        return position;
    }

    @Override
    public int poll(final Handler handler, final int limit)
    {
        final long now = clock.nanoTime();
        if (severed || now < partitionedUntilNs)
        {
            return 0;
        }
        int delivered = 0;
        while (delivered < limit && !queue.isEmpty() && queue.peek().dueNs() <= now)
        {
            final byte[] bytes = queue.poll().bytes();
            delivery.wrap(bytes);
            handler.onEntry(delivery, 0, bytes.length);
            delivered++;
        }
        return delivered;
    }
}
