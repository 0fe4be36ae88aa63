package io.tandem.engine.replica;

import io.tandem.engine.dev.MachineClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A backup's clock after going live never goes back behind what its guest read from the log. */
class TakeoverClockTest
{
    private long hostTicks;
    private final MachineClock host = new MachineClock()
    {
        @Override
        public long mtime(final long icount)
        {
            return hostTicks;
        }

        @Override
        public boolean skipTo(final long icount, final long deadlineTicks)
        {
            return false;
        }
    };

    @Test
    void aHostClockBehindTheLogIsMovedForwardOnceAndThenRunsAtItsOwnPace()
    {
        final TakeoverClock clock = new TakeoverClock(host, () -> 5_000);
        hostTicks = 1_000; // this process started later than the primary: its clock reads less
        assertEquals(5_000, clock.mtime(0));
        hostTicks = 1_700;
        assertEquals(5_700, clock.mtime(0));
    }

    @Test
    void aHostClockAheadOfTheLogIsLeftAsItIs()
    {
        final TakeoverClock clock = new TakeoverClock(host, () -> 5_000);
        hostTicks = 9_000;
        assertEquals(9_000, clock.mtime(0));
        hostTicks = 9_100;
        assertEquals(9_100, clock.mtime(0));
    }
}
