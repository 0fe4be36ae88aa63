package io.tandem.engine.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tandem.engine.machine.StateHasher;

/** The PLIC: priorities, threshold, enables, claim/complete, level-triggered gateways, source 0. */
class PlicTest
{
    private static final int PENDING = 0x1000;
    private static final int ENABLE_CONTEXT0 = 0x2000;
    private static final int ENABLE_CONTEXT1 = 0x2080;
    private static final int THRESHOLD_CONTEXT0 = 0x20_0000;
    private static final int CLAIM_CONTEXT0 = 0x20_0004;
    private static final int THRESHOLD_CONTEXT1 = 0x20_1000;
    private static final int CLAIM_CONTEXT1 = 0x20_1004;

    private final Plic plic = new Plic();

    private void priority(final int source, final int value)
    {
        plic.write(4 * source, 4, value, 0);
    }

    private void enable(final int... sources)
    {
        for (final int source : sources)
        {
            final int offset = ENABLE_CONTEXT0 + 4 * (source >>> 5);
            plic.write(offset, 4, plic.read(offset, 4, 0) | (1 << (source & 31)), 0);
        }
    }

    private int claim()
    {
        return plic.read(CLAIM_CONTEXT0, 4, 0);
    }

    private void complete(final int source)
    {
        plic.write(CLAIM_CONTEXT0, 4, source, 0);
    }

    @Test
    void pendingEnabledSourceAboveThresholdRaisesTheExternalInterrupt()
    {
        priority(10, 1);
        plic.setLevel(10, true);
        assertFalse(plic.externalInterrupt(), "not enabled yet");
        enable(10);
        assertTrue(plic.externalInterrupt());
    }

    @Test
    void priorityZeroNeverInterrupts()
    {
        enable(10);
        plic.setLevel(10, true);
        assertFalse(plic.externalInterrupt());
        assertEquals(0, claim());
    }

    @Test
    void sourcesAtOrBelowTheThresholdAreMasked()
    {
        priority(10, 3);
        enable(10);
        plic.setLevel(10, true);
        plic.write(THRESHOLD_CONTEXT0, 4, 3, 0);
        assertFalse(plic.externalInterrupt());
        assertEquals(0, claim());
        plic.write(THRESHOLD_CONTEXT0, 4, 2, 0);
        assertTrue(plic.externalInterrupt());
        assertEquals(2, plic.read(THRESHOLD_CONTEXT0, 4, 0));
    }

    @Test
    void prioritiesAndThresholdHoldThreeBits()
    {
        priority(5, 0xFF);
        assertEquals(7, plic.read(4 * 5, 4, 0));
        plic.write(THRESHOLD_CONTEXT0, 4, 0xFF, 0);
        assertEquals(7, plic.read(THRESHOLD_CONTEXT0, 4, 0));
    }

    @Test
    void claimReturnsTheHighestPrioritySourceAndTheLowestIdOnTies()
    {
        priority(3, 2);
        priority(7, 5);
        priority(9, 5);
        priority(40, 4);
        enable(3, 7, 9, 40);
        plic.setLevel(3, true);
        plic.setLevel(40, true);
        plic.setLevel(9, true);
        plic.setLevel(7, true);
        assertEquals(7, claim());
        assertEquals(9, claim());
        assertEquals(40, claim());
        assertEquals(3, claim());
        assertEquals(0, claim());
        assertFalse(plic.externalInterrupt(), "everything is in service");
    }

    @Test
    void claimClearsPendingAndCompleteOfAStillRaisedLevelMakesItPendingAgain()
    {
        priority(10, 1);
        enable(10);
        plic.setLevel(10, true);
        assertEquals(1 << 10, plic.read(PENDING, 4, 0));
        assertEquals(10, claim());
        assertEquals(0, plic.read(PENDING, 4, 0));
        assertFalse(plic.externalInterrupt());
        plic.setLevel(10, true); // still raised while in service: not pending yet
        assertFalse(plic.externalInterrupt());
        complete(10);
        assertTrue(plic.externalInterrupt(), "level-triggered: pending again after completion");
        assertEquals(10, claim());
    }

    @Test
    void completeAfterTheLineDroppedLeavesTheSourceIdle()
    {
        priority(10, 1);
        enable(10);
        plic.setLevel(10, true);
        assertEquals(10, claim());
        plic.setLevel(10, false);
        complete(10);
        assertFalse(plic.externalInterrupt());
        assertEquals(0, claim());
    }

    @Test
    void droppingTheLineWithdrawsAPendingRequest()
    {
        priority(10, 1);
        enable(10);
        plic.setLevel(10, true);
        plic.setLevel(10, false);
        assertFalse(plic.externalInterrupt());
        assertEquals(0, plic.read(PENDING, 4, 0));
    }

    @Test
    void completionOfASourceNotEnabledIsIgnored()
    {
        priority(10, 1);
        enable(10);
        plic.setLevel(10, true);
        assertEquals(10, claim());
        plic.write(ENABLE_CONTEXT0, 4, 0, 0);
        complete(10);
        plic.write(ENABLE_CONTEXT0, 4, 1 << 10, 0);
        assertFalse(plic.externalInterrupt(), "still in service: the completion was ignored");
        complete(10);
        assertTrue(plic.externalInterrupt());
    }

    @Test
    void sourceZeroDoesNotExist()
    {
        priority(0, 7);
        assertEquals(0, plic.read(0, 4, 0));
        plic.write(ENABLE_CONTEXT0, 4, 0xFFFF_FFFF, 0);
        assertEquals(0xFFFF_FFFE, plic.read(ENABLE_CONTEXT0, 4, 0));
        complete(0); // harmless
        assertFalse(plic.externalInterrupt());
    }

    @Test
    void sourcesAboveThirtyOneUseTheNextEnableAndPendingWords()
    {
        priority(40, 1);
        enable(40);
        assertEquals(1 << 8, plic.read(ENABLE_CONTEXT0 + 4, 4, 0));
        plic.setLevel(40, true);
        assertEquals(1 << 8, plic.read(PENDING + 4, 4, 0));
        assertTrue(plic.externalInterrupt());
        assertEquals(40, claim());
    }

    @Test
    void outOfRangeCompletionIsIgnored()
    {
        complete(Plic.SOURCES);
        complete(-1);
        assertFalse(plic.externalInterrupt());
    }

    @Test
    void contextOneKeepsItsRegistersButNeverInterrupts()
    {
        priority(10, 1);
        plic.write(ENABLE_CONTEXT1, 4, 1 << 10, 0);
        plic.write(THRESHOLD_CONTEXT1, 4, 0, 0);
        plic.setLevel(10, true);
        assertEquals(1 << 10, plic.read(ENABLE_CONTEXT1, 4, 0));
        assertFalse(plic.externalInterrupt());
        assertEquals(0, plic.read(CLAIM_CONTEXT1, 4, 0));
        assertEquals(1 << 10, plic.read(PENDING, 4, 0), "a context 1 claim read takes nothing");
    }

    @Test
    void pendingRegistersAreReadOnly()
    {
        plic.write(PENDING, 4, 0xFFFF_FFFF, 0);
        assertEquals(0, plic.read(PENDING, 4, 0));
    }

    @Test
    void stateHashCoversPriorityEnableThresholdAndPending()
    {
        long last = hash();
        priority(2, 1);
        last = assertChanged(last);
        enable(2);
        last = assertChanged(last);
        plic.write(THRESHOLD_CONTEXT0, 4, 1, 0);
        last = assertChanged(last);
        plic.setLevel(2, true);
        assertChanged(last);
    }

    private long assertChanged(final long previous)
    {
        final long now = hash();
        assertNotEquals(previous, now);
        return now;
    }

    private long hash()
    {
        final StateHasher hasher = new StateHasher();
        plic.hashState(hasher);
        return hasher.hash();
    }
}
