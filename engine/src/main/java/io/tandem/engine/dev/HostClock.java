package io.tandem.engine.dev;

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
    public boolean skipTo(final long icount, final long deadlineTicks)
    {
        return false;
    }
}
