package io.tandem.transport.aeron;

import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.tandem.engine.wake.WakeSignal;

/**
 * With both ends of a UDP stream in this process, the media driver's wake-up for the subscriber
 * after a busy duty cycle, raised only when the subscriber has something to read: the
 * publication's position is past the image's (what the subscriber consumed). Without it every
 * busy duty cycle of the driver (a send, a status message, an acknowledgement for the other
 * replica) woke both replicas, and on two cores each needless wake-up takes a core from the
 * thread that has the work.
 * <p>
 * The publication's position is read on the driver's thread: its publisher wakes the driver
 * after each offer (a volatile write the driver's park reads), and the driver's sender reads the
 * term's tail before it sends, so what it sends is visible here. Its ends change when a side
 * reopens ({@link #watch}).
 */
final class UnreadWake implements WakeSignal
{
    private final WakeSignal subscriber;
    private volatile Publication publication;
    private volatile Subscription subscription;

    /** @param subscriber the subscriber's thread's signal. */
    UnreadWake(final WakeSignal subscriber)
    {
        this.subscriber = subscriber;
    }

    /**
     * @param publication  the stream's publication in this process, or null (closed).
     * @param subscription the stream's subscription in this process, or null (closed).
     */
    void watch(final Publication publication, final Subscription subscription)
    {
        this.publication = publication;
        this.subscription = subscription;
    }

    /** Wakes the subscriber when the stream holds entries it has not read. */
    @Override
    public void wake()
    {
        final Publication pub = publication;
        final Subscription sub = subscription;
        if (pub == null || sub == null)
        {
            return;
        }
        final Image image = sub.imageBySessionId(pub.sessionId());
        if (image != null && pub.position() > image.position())
        {
            subscriber.wake();
        }
    }
}
