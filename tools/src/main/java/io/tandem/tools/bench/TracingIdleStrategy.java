package io.tandem.tools.bench;

import io.tandem.engine.wake.ChannelReader;
import io.tandem.engine.wake.ChannelWatch;
import io.tandem.engine.wake.IdleBound;
import io.tandem.engine.wake.WakeSignal;
import io.tandem.engine.wake.WakeableIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.channels.SelectableChannel;
import java.util.function.BooleanSupplier;

/**
 * A {@link WakeableIdleStrategy} that records its hand-offs in a {@link HandOffLog}: who woke it,
 * when its parks ended and how (a signal, the time, a watched socket), and when its thread found
 * work after idling. For {@link HandOffTrace} only.
 */
final class TracingIdleStrategy implements IdleStrategy, WakeSignal, IdleBound, ChannelWatch, AutoCloseable
{
    private final WakeableIdleStrategy delegate;
    private final HandOffLog log;
    private final HandOffLog.Party party;
    private boolean idling = true;

    TracingIdleStrategy(final WakeableIdleStrategy delegate, final HandOffLog log, final HandOffLog.Party party)
    {
        this.delegate = delegate;
        this.log = log;
        this.party = party;
    }

    @Override
    public void wake()
    {
        log.record(party, HandOffLog.Kind.WOKEN_BY, HandOffLog.Party.of(Thread.currentThread()));
        delegate.wake();
    }

    @Override
    public void watch(final SelectableChannel channel, final ChannelReader reader, final BooleanSupplier active)
    {
        delegate.watch(channel, reader, active);
    }

    @Override
    public void close()
    {
        delegate.close();
    }

    @Override
    public void idleAtMost(final long waitNs)
    {
        delegate.idleAtMost(waitNs);
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            if (idling)
            {
                idling = false;
                log.record(party, HandOffLog.Kind.WORK, party);
            }
            delegate.idle(workCount);
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (!idling)
        {
            idling = true;
            log.record(party, HandOffLog.Kind.IDLE, party);
        }
        final long parks = delegate.parks();
        final long woken = delegate.parksWoken();
        final long ready = delegate.parksReady();
        delegate.idle();
        if (delegate.parks() != parks)
        {
            log.record(party, delegate.parksReady() != ready ? HandOffLog.Kind.PARK_END_READY :
                delegate.parksWoken() != woken ? HandOffLog.Kind.PARK_END_SIGNALLED : HandOffLog.Kind.PARK_END_TIMEOUT,
                party);
        }
    }

    @Override
    public void reset()
    {
        delegate.reset();
    }

    @Override
    public String alias()
    {
        return "tracing(" + delegate.alias() + ")";
    }
}
