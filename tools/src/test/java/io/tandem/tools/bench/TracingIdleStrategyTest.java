package io.tandem.tools.bench;

import io.tandem.codec.EntryType;
import io.tandem.engine.wake.WakeableIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace names who woke whom, how a park ended and when work was found. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TracingIdleStrategyTest
{
    @Test
    void aWakeFromTheBackupsThreadEndsThePrimarysParkAndBothAreRecorded() throws Exception
    {
        final HandOffLog log = new HandOffLog(16);
        final TracingIdleStrategy primary = new TracingIdleStrategy(
            new WakeableIdleStrategy(0, TimeUnit.HOURS.toNanos(1), WakeableIdleStrategy.KEEP_TIMER_SLACK),
            log, HandOffLog.Party.PRIMARY);
        final Thread idler = new Thread(() -> primary.idle(0), "tandem-primary"); // parks an hour unless woken
        idler.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (idler.getState() != Thread.State.TIMED_WAITING)
        {
            assertTrue(System.nanoTime() - deadline < 0, "the idler parks");
            Thread.onSpinWait();
        }
        final Thread backup = new Thread(primary::wake, "tandem-backup");
        backup.start();
        backup.join();
        idler.join();
        primary.idle(1);
        primary.wake(); // from this thread, before the next idle: no park, so the test does not wait an hour
        primary.idle(0);
        assertEquals(List.of("P<-B", "P:up", "P:run", "P<-?", "P:idle"), labels(log));
    }

    @Test
    void aParkThatEndsAtItsDeadlineIsATimeoutAndTheLogKeepsItsCapacity()
    {
        final HandOffLog log = new HandOffLog(1);
        final TracingIdleStrategy driver = new TracingIdleStrategy(
            new WakeableIdleStrategy(0, TimeUnit.MICROSECONDS.toNanos(10), WakeableIdleStrategy.KEEP_TIMER_SLACK),
            log, HandOffLog.Party.DRIVER);
        driver.idle();
        driver.idle();
        assertEquals(List.of("D:up(timeout)"), labels(log));
    }

    @Test
    void thePrimarysMomentsOnTheWayOutAreLabelledWithTheEntryTypeSent()
    {
        final HandOffLog log = new HandOffLog(8);
        final TracingPrimaryEvents events = new TracingPrimaryEvents(log);
        events.entrySent(EntryType.NET_FRAME);
        events.outputHeld(2);
        events.entrySent(EntryType.EPOCH);
        events.ackTaken(2);
        events.outputsReleased(1);
        events.frameSent();
        assertEquals(List.of("P>NET_FRAME", "P:held", "P>EPOCH", "P:ack", "P:released", "P:sent"), labels(log));
    }

    private static List<String> labels(final HandOffLog log)
    {
        final List<String> labels = new ArrayList<>();
        for (int i = 0; i < log.size(); i++)
        {
            labels.add(log.label(i));
        }
        return labels;
    }
}
