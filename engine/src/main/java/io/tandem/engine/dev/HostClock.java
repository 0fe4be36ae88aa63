package io.tandem.engine.dev;

import java.util.concurrent.locks.LockSupport;

/** mtime from the host's monotonic clock, starting at zero when the clock is made. */
public final class HostClock implements MachineClock
{
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    private final long startNs = System.nanoTime();

    @Override
    public long mtime(final long icount)
    {
        return (System.nanoTime() - startNs) / NANOS_PER_TICK;
    }

    @Override
    public void awaitDeadline(final long icount, final long deadlineTicks, final long maxWaitNs)
    {
        final long now = mtime(icount);
        if (Long.compareUnsigned(now, deadlineTicks) >= 0)
        {
            return;
        }
        final long untilDeadlineNs = Long.compareUnsigned(deadlineTicks - now, maxWaitNs / NANOS_PER_TICK) < 0 ?
            (deadlineTicks - now) * NANOS_PER_TICK : maxWaitNs;
        LockSupport.parkNanos(untilDeadlineNs);
    }
}
