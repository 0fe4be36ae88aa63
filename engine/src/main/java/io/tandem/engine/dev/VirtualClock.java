package io.tandem.engine.dev;

/**
 * mtime as a pure function of the instruction count: {@code icount / instructionsPerTick}, plus
 * the time skipped while the hart waited for the timer. A machine on this clock is fully
 * deterministic without any log, which is what conformance and slicing tests need.
 */
public final class VirtualClock implements MachineClock
{
    /** Ten instructions per tick: a 100 MIPS machine on a 10 MHz timer. */
    public static final int DEFAULT_INSTRUCTIONS_PER_TICK = 10;

    private final int instructionsPerTick;
    private long skippedTicks;

    /** A clock at {@link #DEFAULT_INSTRUCTIONS_PER_TICK}. */
    public VirtualClock()
    {
        this(DEFAULT_INSTRUCTIONS_PER_TICK);
    }

    /** @param instructionsPerTick instructions per 100 ns mtime tick, at least 1. */
    public VirtualClock(final int instructionsPerTick)
    {
        if (instructionsPerTick < 1)
        {
            throw new IllegalArgumentException("instructionsPerTick must be at least 1: " + instructionsPerTick);
        }
        this.instructionsPerTick = instructionsPerTick;
    }

    @Override
    public long mtime(final long icount)
    {
        return icount / instructionsPerTick + skippedTicks;
    }

    @Override
    public boolean skipTo(final long icount, final long deadlineTicks)
    {
        final long now = mtime(icount);
        if (deadlineTicks != -1L && Long.compareUnsigned(now, deadlineTicks) < 0)
        {
            skippedTicks += deadlineTicks - now;
            return true;
        }
        return false;
    }

    /** Sets the ticks skipped so far: a machine loaded from a snapshot goes on from there. */
    public void skippedTicks(final long skippedTicks)
    {
        this.skippedTicks = skippedTicks;
    }

    /** @return ticks skipped by waits so far: part of the machine's state. */
    public long skippedTicks()
    {
        return skippedTicks;
    }
}
