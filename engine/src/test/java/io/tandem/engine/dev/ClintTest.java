package io.tandem.engine.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.StateHasher;

/**
 * The CLINT's registers: msip, mtimecmp in halves, mtime from the clock with guest writes as an
 * offset, and the timer line latched at check points.
 */
class ClintTest
{
    private static final int MSIP = 0x0;
    private static final int MTIMECMP = 0x4000;
    private static final int MTIME = 0xBFF8;

    /** Ten instructions per tick: mtime = icount / 10. */
    private final VirtualClock clock = new VirtualClock();
    private final Clint clint = new Clint(
        new LiveInputs(clock, new SeededEntropy(1), 0, ConsoleSource.NONE, PacketSource.NONE));

    @Test
    void msipRaisesTheSoftwareInterruptAndKeepsOnlyBitZero()
    {
        assertFalse(clint.softwareInterrupt());
        clint.write(MSIP, 4, 0xFFFF_FFFF, 0);
        assertTrue(clint.softwareInterrupt());
        assertEquals(1, clint.read(MSIP, 4, 0));
        clint.write(MSIP, 4, 2, 0);
        assertFalse(clint.softwareInterrupt());
        assertEquals(0, clint.read(MSIP, 4, 0));
    }

    @Test
    void msipAcceptsByteAccess()
    {
        clint.write(MSIP, 1, 1, 0);
        assertTrue(clint.softwareInterrupt());
        assertEquals(1, clint.read(MSIP, 1, 0));
        clint.write(MSIP, 1, 0, 0);
        assertFalse(clint.softwareInterrupt());
    }

    @Test
    void mtimecmpResetsToAllOnesSoTheTimerNeverFires()
    {
        assertEquals(-1L, clint.mtimecmp());
        assertEquals(0xFFFF_FFFF, clint.read(MTIMECMP, 4, 0));
        assertEquals(0xFFFF_FFFF, clint.read(MTIMECMP + 4, 4, 0));
        clint.checkTimer(Long.MAX_VALUE / 2);
        assertFalse(clint.timerInterrupt());
    }

    @Test
    void mtimecmpHalvesAreWrittenAndReadSeparately()
    {
        clint.write(MTIMECMP, 4, 0x1234_5678, 0);
        assertEquals(0xFFFF_FFFF_1234_5678L, clint.mtimecmp());
        clint.write(MTIMECMP + 4, 4, 0x9, 0);
        assertEquals(0x0000_0009_1234_5678L, clint.mtimecmp());
        assertEquals(0x1234_5678, clint.read(MTIMECMP, 4, 0));
        assertEquals(0x9, clint.read(MTIMECMP + 4, 4, 0));
    }

    @Test
    void mtimecmpAcceptsNarrowWrites()
    {
        clint.write(MTIMECMP + 4, 4, 0, 0);
        clint.write(MTIMECMP, 4, 0, 0);
        clint.write(MTIMECMP + 1, 1, 0xAB, 0);
        clint.write(MTIMECMP + 2, 2, 0xCDEF, 0);
        assertEquals(0xCDEF_AB00L, clint.mtimecmp());
        assertEquals(0xAB, clint.read(MTIMECMP + 1, 1, 0));
        assertEquals(0xCDEF, clint.read(MTIMECMP + 2, 2, 0));
    }

    @Test
    void timerLineRisesAtTheFirstCheckPointWhereMtimeHasReachedMtimecmp()
    {
        clint.write(MTIMECMP + 4, 4, 0, 0);
        clint.write(MTIMECMP, 4, 100, 0);
        clint.checkTimer(999);                    // mtime 99
        assertFalse(clint.timerInterrupt());
        clint.checkTimer(1000);                   // mtime 100
        assertTrue(clint.timerInterrupt());
        clint.checkTimer(5000);
        assertTrue(clint.timerInterrupt(), "the line stays up");
    }

    @Test
    void timerLineChangesOnlyAtCheckPoints()
    {
        clint.write(MTIMECMP + 4, 4, 0, 0);
        clint.write(MTIMECMP, 4, 100, 0);
        assertFalse(clint.timerInterrupt(), "no check point yet, however late it is");
        clint.checkTimer(2000);
        assertTrue(clint.timerInterrupt());
    }

    @Test
    void writingMtimecmpLowersTheTimerLine()
    {
        for (final int half : new int[] {0, 4})
        {
            clint.write(MTIMECMP + 4, 4, 0, 0);
            clint.write(MTIMECMP, 4, 100, 0);
            clint.checkTimer(1000);
            assertTrue(clint.timerInterrupt());
            clint.write(MTIMECMP + half, 4, half == 0 ? 500 : 0, 1000);
            assertFalse(clint.timerInterrupt(), "half " + half);
            clint.checkTimer(1000);
            assertEquals(half != 0, clint.timerInterrupt(), "re-evaluated at the next check point, half " + half);
        }
    }

    @Test
    void writingMtimeLowersTheTimerLine()
    {
        clint.write(MTIMECMP + 4, 4, 0, 0);
        clint.write(MTIMECMP, 4, 100, 0);
        clint.checkTimer(1000);
        assertTrue(clint.timerInterrupt());
        clint.write(MTIME, 4, 0, 1000);
        assertFalse(clint.timerInterrupt());
        clint.checkTimer(1000);
        assertFalse(clint.timerInterrupt(), "mtime is 0 again");
        clint.checkTimer(2000);
        assertTrue(clint.timerInterrupt(), "mtime 100");
    }

    @Test
    void timerComparisonIsUnsigned()
    {
        clint.write(MTIMECMP + 4, 4, 0x8000_0000, 0);
        clint.write(MTIMECMP, 4, 0, 0);
        clint.checkTimer(1000);
        assertFalse(clint.timerInterrupt(), "mtimecmp with bit 63 set is far in the future, not negative");
    }

    @Test
    void mtimeFollowsTheClock()
    {
        assertEquals(0, clint.read(MTIME, 4, 9));
        assertEquals(1, clint.read(MTIME, 4, 10));
        assertEquals(12345, clint.read(MTIME, 4, 123_456));
        assertEquals(0, clint.read(MTIME + 4, 4, 123_456));
        final long big = 0x1_0000_0005L * 10;
        assertEquals(5, clint.read(MTIME, 4, big));
        assertEquals(1, clint.read(MTIME + 4, 4, big));
        assertEquals(0x1_0000_0005L, clint.mtime(big));
    }

    @Test
    void mtimeWriteIsKeptAsAnOffsetAndTimeKeepsRunning()
    {
        clint.write(MTIME, 4, 1000, 100);          // mtime was 10 at icount 100
        assertEquals(1000, clint.read(MTIME, 4, 100));
        assertEquals(1010, clint.read(MTIME, 4, 200));
        assertEquals(1000 + 5, clint.mtime(150));
        assertEquals(0, clint.read(MTIME + 4, 4, 200));
        clint.write(MTIME + 4, 4, 2, 200);
        assertEquals(0x2_0000_03F2L, clint.mtime(200));
        assertEquals(0, clock.skippedTicks(), "the clock itself is never wound");
    }

    @Test
    void mtimeWriteMovesTheTimerDeadlineOnTheClocksScale()
    {
        clint.write(MTIMECMP + 4, 4, 0, 0);
        clint.write(MTIMECMP, 4, 500, 0);
        assertEquals(500, clint.clockDeadline());
        clint.write(MTIME, 4, 400, 0);             // mtime jumps from 0 to 400
        assertEquals(100, clint.clockDeadline());
        clint.checkTimer(999);                     // clock 99 + offset 400 = 499
        assertFalse(clint.timerInterrupt());
        clint.checkTimer(1000);                    // 500
        assertTrue(clint.timerInterrupt());
    }

    @Test
    void unmappedOffsetsReadZeroAndIgnoreWrites()
    {
        clint.write(0x8, 4, 0x55, 0);
        assertEquals(0, clint.read(0x8, 4, 0));
        assertEquals(0, clint.read(0x4, 4, 0));
        assertFalse(clint.softwareInterrupt());
    }

    @Test
    void stateHashCoversMsipMtimecmpTheMtimeOffsetAndTheTimerLine()
    {
        final long initial = hash(clint);
        clint.write(MSIP, 4, 1, 0);
        final long withMsip = hash(clint);
        assertNotEquals(initial, withMsip);
        clint.write(MTIMECMP, 4, 7, 0);
        clint.write(MTIMECMP + 4, 4, 0, 0);
        final long withCmp = hash(clint);
        assertNotEquals(withMsip, withCmp);
        clint.write(MTIME, 4, 7, 0);
        final long withOffset = hash(clint);
        assertNotEquals(withCmp, withOffset);
        clint.checkTimer(0);
        assertTrue(clint.timerInterrupt());
        assertNotEquals(withOffset, hash(clint));
    }

    private static long hash(final Clint clint)
    {
        final StateHasher hasher = new StateHasher();
        clint.hashState(hasher);
        return hasher.hash();
    }
}
