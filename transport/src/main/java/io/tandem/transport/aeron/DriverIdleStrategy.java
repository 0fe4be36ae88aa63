package io.tandem.transport.aeron;

import io.tandem.engine.wake.ChannelWatch;
import io.tandem.engine.wake.WakeSignal;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import java.util.Arrays;

/**
 * The embedded media driver's idle strategy, with two hooks for hand-offs over UDP: a publication
 * in this process wakes the driver ({@link #wake()}) so that its sender sends the entry at once,
 * and each duty cycle in which the driver did work (a datagram received into an image, among
 * others) wakes the replicas of this process that subscribe ({@link #wakeAfterWork}), so that they
 * poll what arrived instead of finding it when their park ends. A wake after work that was not
 * theirs costs them one empty poll.
 */
final class DriverIdleStrategy implements IdleStrategy, WakeSignal
{
    private static final WakeSignal[] NONE = new WakeSignal[0];

    private final IdleStrategy delegate;
    private final WakeSignal delegateWake;
    /** Copied on write: added rarely (a replica starts), read on every busy duty cycle. */
    private volatile WakeSignal[] afterWork = NONE;

    /** @param delegate how the driver waits; wakeable when it is a {@link WakeSignal}. */
    DriverIdleStrategy(final IdleStrategy delegate)
    {
        this.delegate = delegate;
        this.delegateWake = delegate instanceof WakeSignal ? (WakeSignal)delegate : WakeSignal.NONE;
    }

    /** @param signal raised after each duty cycle of the driver that did work. */
    synchronized void wakeAfterWork(final WakeSignal signal)
    {
        final WakeSignal[] signals = Arrays.copyOf(afterWork, afterWork.length + 1);
        signals[signals.length - 1] = signal;
        afterWork = signals;
    }

    /** @return the wrapped strategy when it can wait on the driver's sockets, else null. */
    ChannelWatch channelWatch()
    {
        return delegate instanceof ChannelWatch ? (ChannelWatch)delegate : null;
    }

    /** Once the driver has stopped: the wrapped strategy lets go of the sockets it waited on. */
    void closeWatches()
    {
        if (delegate instanceof ChannelWatch && delegate instanceof AutoCloseable)
        {
            CloseHelper.quietClose((AutoCloseable)delegate);
        }
    }

    @Override
    public void wake()
    {
        delegateWake.wake();
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            final WakeSignal[] signals = afterWork;
            for (int i = 0; i < signals.length; i++)
            {
                signals[i].wake();
            }
        }
        delegate.idle(workCount);
    }

    @Override
    public void idle()
    {
        delegate.idle();
    }

    @Override
    public void reset()
    {
        delegate.reset();
    }

    @Override
    public String alias()
    {
        return "tandem-driver(" + delegate.alias() + ")";
    }
}
