package io.tandem.engine.replica;

import io.tandem.engine.dev.MachineClock;

import java.util.function.LongSupplier;

/**
 * The clock of a backup once it goes live: the host's clock, moved forward when needed so that
 * it starts no earlier than the last time the guest read from the log. A backup in another
 * process has its own host clock, which need not agree with the primary's (each starts at zero
 * when made); without this the guest would see time go back at the failover.
 * <p>
 * The offset is fixed at the first reading, which comes only after the backup went live.
 */
public final class TakeoverClock implements MachineClock
{
    private final MachineClock host;
    private final LongSupplier floorTicks;
    private boolean anchored;
    private long offsetTicks;

    /**
     * @param host       the host's clock.
     * @param floorTicks the latest mtime the guest has seen (the replayer's last clock read).
     */
    public TakeoverClock(final MachineClock host, final LongSupplier floorTicks)
    {
        this.host = host;
        this.floorTicks = floorTicks;
    }

    @Override
    public long mtime(final long icount)
    {
        final long hostTicks = host.mtime(icount);
        if (!anchored)
        {
            anchored = true;
            offsetTicks = Math.max(0, floorTicks.getAsLong() - hostTicks);
        }
        return hostTicks + offsetTicks;
    }

    @Override
    public boolean skipTo(final long icount, final long deadlineTicks)
    {
        return host.skipTo(icount, deadlineTicks);
    }
}
