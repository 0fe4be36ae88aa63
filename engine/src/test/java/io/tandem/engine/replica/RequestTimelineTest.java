package io.tandem.engine.replica;

import io.tandem.codec.EntryType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTimelineTest
{
    private static void fullRequest(final RequestTimeline timeline, final long tag)
    {
        timeline.read();
        timeline.logged(EntryType.NET_FRAME);
        timeline.offering(tag - 1);
        timeline.published(EntryType.NET_FRAME);
        timeline.held(tag);
        timeline.offering(tag);
        timeline.backupReceived(tag, System.nanoTime());
        timeline.backupJournaled(tag);
        timeline.backupAcking(tag);
        timeline.ackSeen(tag);
        timeline.released();
        timeline.sent();
    }

    @Test
    void keepsARequestThatReachedEveryStageInOrder()
    {
        final RequestTimeline timeline = new RequestTimeline(4);
        fullRequest(timeline, 10);
        assertEquals(1, timeline.rows());
        for (int s = 1; s < RequestTimeline.STAGES; s++)
        {
            assertTrue(timeline.stamp(0, s) >= timeline.stamp(0, s - 1), RequestTimeline.name(s));
            assertTrue(timeline.stamp(0, s) != 0, RequestTimeline.name(s));
        }
    }

    @Test
    void followsTheSequenceTheHeldOutputWaitsFor()
    {
        final RequestTimeline timeline = new RequestTimeline(4);
        timeline.read();
        timeline.logged(EntryType.NET_FRAME);
        timeline.offering(9);
        timeline.published(EntryType.NET_FRAME);
        timeline.held(11);
        timeline.offering(10); // before the tag: not the entry the output waits for
        timeline.backupReceived(10, System.nanoTime());
        timeline.backupJournaled(10);
        timeline.backupAcking(10);
        timeline.ackSeen(10);
        timeline.released();
        timeline.sent();
        assertEquals(0, timeline.rows(), "a request that skipped the tag's stages is not kept");
        assertEquals(1, timeline.incomplete());
        fullRequest(timeline, 12);
        assertEquals(1, timeline.rows(), "the next datagram starts the next request");
    }

    @Test
    void aStageOfTheOtherThreadMayComeFirst()
    {
        final RequestTimeline timeline = new RequestTimeline(4);
        timeline.read();
        timeline.logged(EntryType.NET_FRAME);
        timeline.published(EntryType.NET_FRAME);
        timeline.held(3);
        final long cycleStart = System.nanoTime();
        timeline.backupReceived(3, cycleStart); // the backup took the entry before the primary's stamp
        timeline.offering(3);
        timeline.backupJournaled(3);
        timeline.backupAcking(3);
        timeline.ackSeen(3);
        timeline.released();
        timeline.sent();
        assertEquals(1, timeline.rows());
        assertEquals(cycleStart, timeline.stamp(0, RequestTimeline.BACKUP_RUNS));
        assertTrue(timeline.stamp(0, RequestTimeline.BACKUP_RECEIVED) <= timeline.stamp(0, RequestTimeline.TAG_OFFERED));
    }

    @Test
    void aDatagramReadWhileARequestIsFollowedStartsNothing()
    {
        final RequestTimeline timeline = new RequestTimeline(4);
        timeline.read();
        timeline.logged(EntryType.NET_FRAME);
        final long logged = timeline.stampNow(RequestTimeline.FRAME_LOGGED);
        timeline.read();
        assertEquals(logged, timeline.stampNow(RequestTimeline.FRAME_LOGGED));
    }

    @Test
    void aFullRingCountsWhatItDrops()
    {
        final RequestTimeline timeline = new RequestTimeline(1);
        fullRequest(timeline, 5);
        fullRequest(timeline, 7);
        assertEquals(1, timeline.rows());
        assertEquals(1, timeline.dropped());
        timeline.clear();
        assertEquals(0, timeline.rows());
    }
}
