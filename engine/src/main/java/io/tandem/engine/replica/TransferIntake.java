package io.tandem.engine.replica;

import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.engine.snapshot.SnapshotFormatException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

/**
 * A joining backup's side of a state transfer: takes the primary's pre-copy frames from a stream
 * into a {@link PreCopyReceiver} until the END frame. A damaged or foreign frame, or a primary
 * that goes silent mid-transfer, ends the intake with a {@link #failure()} message instead of an
 * exception, so that the joiner can stop cleanly; its machine is then to be thrown away.
 */
public final class TransferIntake
{
    private final EntrySubscription frames;
    private final PreCopyReceiver receiver;
    private final NanoClock clock;
    private final long silenceTimeoutNs;
    private final EntrySubscription.Handler handler = this::onFrame;
    private long lastFrameNs;
    private long framesTaken;
    private String failure;

    /**
     * @param frames           the transfer stream from the primary.
     * @param receiver         builds the new machine.
     * @param clock            time for the silence timeout.
     * @param silenceTimeoutNs how long without a frame before the primary counts as gone.
     */
    public TransferIntake(final EntrySubscription frames, final PreCopyReceiver receiver, final NanoClock clock,
        final long silenceTimeoutNs)
    {
        this.frames = frames;
        this.receiver = receiver;
        this.clock = clock;
        this.silenceTimeoutNs = silenceTimeoutNs;
        this.lastFrameNs = clock.nanoTime();
    }

    /** @return frames taken; 0 once {@link #done()}. */
    public int poll()
    {
        if (done())
        {
            return 0;
        }
        final int taken = frames.poll(handler, 64);
        final long nowNs = clock.nanoTime();
        if (taken > 0 && receiver.begun())
        {
            lastFrameNs = nowNs;
            framesTaken += taken; // frames of a transfer joined part-way do not count: the joiner asks on
        }
        else if (failure == null && nowNs - lastFrameNs > silenceTimeoutNs)
        {
            failure = framesTaken == 0 ?
                "no state transfer came from the primary within " + silenceTimeoutNs / 1_000_000 + " ms: it must " +
                "run alone (its backup gone, the failure noticed) and reach this backup on the log's channel" :
                "the primary sent no transfer frame for " + silenceTimeoutNs / 1_000_000 + " ms after " +
                receiver.pagesReceived() + " pages: it went away mid-transfer; start the join again";
        }
        return taken;
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (done())
        {
            return; // frames after a failure are dropped: the intake is over
        }
        try
        {
            receiver.onFrame(buffer, offset, length);
        }
        catch (final SnapshotFormatException ex)
        {
            failure = ex.getMessage();
        }
    }

    /** @return frames taken so far: 0 until the primary has started sending. */
    public long framesTaken()
    {
        return framesTaken;
    }

    /** @return true once the state is complete or the intake failed. */
    public boolean done()
    {
        return failure != null || receiver.complete();
    }

    /** @return why the intake failed, or null. */
    public String failure()
    {
        return failure;
    }

    /** @return the receiver. */
    public PreCopyReceiver receiver()
    {
        return receiver;
    }
}
