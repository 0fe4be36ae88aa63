package io.tandem.engine.wake;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WakeableIdleStrategyTest
{
    private static final long HOUR_NS = TimeUnit.HOURS.toNanos(1);
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @Test
    void aSignalEndsAParkThatWouldLastAnHour() throws InterruptedException
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS, WakeableIdleStrategy.KEEP_TIMER_SLACK);
        final AtomicLong work = new AtomicLong();
        final Thread consumer = new Thread(() ->
        {
            while (work.get() == 0)
            {
                idle.idle();
            }
        });
        consumer.start();
        // Wait until it really parks (an hour, unless woken), then publish the work and signal.
        final long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (consumer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - deadline < 0)
        {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.TIMED_WAITING, consumer.getState());
        work.set(1);
        idle.wake();
        consumer.join(GENEROUS.toMillis());
        assertFalse(consumer.isAlive(), "the signal did not end the park");
        assertEquals(1, idle.parks());
        assertEquals(1, idle.parksWoken());
    }

    @Test
    void aStrategyPassedToANewThreadWakesThatThread() throws InterruptedException
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS, WakeableIdleStrategy.KEEP_TIMER_SLACK);
        final Thread first = new Thread(() -> idle.idle());
        first.start();
        idle.wake();
        first.join(GENEROUS.toMillis());
        assertFalse(first.isAlive());
        // As when a replica's runner is stopped and the strategy is given to its successor's thread.
        final Thread second = new Thread(() -> idle.idle());
        second.start();
        final long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (second.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - deadline < 0)
        {
            Thread.onSpinWait();
        }
        idle.wake();
        second.join(GENEROUS.toMillis());
        assertFalse(second.isAlive(), "the signal went to the thread that used the strategy first");
    }

    @Test
    void oneSignalCanWakeTwoConsumers()
    {
        assertTimeoutPreemptively(GENEROUS, () ->
        {
            final WakeableIdleStrategy first = new WakeableIdleStrategy(0, HOUR_NS,
                WakeableIdleStrategy.KEEP_TIMER_SLACK);
            final WakeableIdleStrategy second = new WakeableIdleStrategy(0, HOUR_NS,
                WakeableIdleStrategy.KEEP_TIMER_SLACK);
            WakeSignal.both(first, second).wake();
            first.idle(); // each would park an hour without its signal
            second.idle();
            assertEquals(0, first.parks() + second.parks());
        });
    }

    @Test
    void unsignalledParksDoubleUpToTheLongestAndWorkOrASignalStartsThemAgain()
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, 1_000, 5_000,
            WakeableIdleStrategy.KEEP_TIMER_SLACK);
        assertEquals(1_000, idle.nextParkNs());
        idle.idle(0);
        assertEquals(2_000, idle.nextParkNs());
        idle.idle(0);
        idle.idle(0);
        assertEquals(5_000, idle.nextParkNs(), "no longer than the longest");
        idle.idle(1);
        assertEquals(1_000, idle.nextParkNs(), "work starts the parks short again");
        idle.idle(0);
        idle.wake();
        idle.idle(0); // a signal before the park: no park at all
        assertEquals(1_000, idle.nextParkNs(), "so does a signal");
    }

    @Test
    void aSignalRaisedBeforeTheParkIsNotLost()
    {
        assertTimeoutPreemptively(GENEROUS, () ->
        {
            final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS,
                WakeableIdleStrategy.KEEP_TIMER_SLACK);
            idle.wake();
            idle.idle(); // would park an hour had the signal been lost
            assertEquals(0, idle.parks());
        });
    }

    @Test
    void manyProducersNeverLeaveTheConsumerParkedWithWorkWaiting() throws InterruptedException
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS, WakeableIdleStrategy.KEEP_TIMER_SLACK);
        final int perProducer = 20_000;
        final AtomicLong published = new AtomicLong();
        final long[] consumed = {0};
        final Thread consumer = new Thread(() ->
        {
            while (consumed[0] < 2L * perProducer)
            {
                final long now = published.get();
                if (now > consumed[0])
                {
                    consumed[0] = now;
                    idle.idle(1);
                }
                else
                {
                    idle.idle(0);
                }
            }
        });
        consumer.start();
        final Runnable producer = () ->
        {
            for (int i = 0; i < perProducer; i++)
            {
                published.incrementAndGet();
                idle.wake();
            }
        };
        final Thread first = new Thread(producer);
        final Thread second = new Thread(producer);
        first.start();
        second.start();
        first.join();
        second.join();
        // A lost signal would leave the consumer in an hour-long park with work published.
        consumer.join(GENEROUS.toMillis());
        assertFalse(consumer.isAlive(), "a signal was lost: the consumer still parks with work waiting");
        assertEquals(2L * perProducer, consumed[0]);
    }

    @Test
    void itSpinsFirstAndWorkStartsTheSpinsAgain()
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(3, TimeUnit.MICROSECONDS.toNanos(1),
            WakeableIdleStrategy.KEEP_TIMER_SLACK);
        idle.idle(0);
        idle.idle(0);
        idle.idle(0);
        assertEquals(0, idle.parks());
        idle.idle(0);
        assertEquals(1, idle.parks());
        idle.idle(1);
        idle.idle(0);
        assertEquals(1, idle.parks(), "work done: it spins again before parking");
    }

    @Test
    void aBoundOfZeroSkipsOneParkOnly()
    {
        assertTimeoutPreemptively(GENEROUS, () ->
        {
            final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, TimeUnit.MICROSECONDS.toNanos(1),
                WakeableIdleStrategy.KEEP_TIMER_SLACK);
            idle.idleAtMost(0);
            idle.idle();
            assertEquals(0, idle.parks(), "a guest timer already due: no park");
            idle.idle();
            assertEquals(1, idle.parks(), "the bound held for one park only");
        });
    }

    @Test
    void aBoundEndsAParkThatWouldLastAnHour()
    {
        assertTimeoutPreemptively(GENEROUS, () ->
        {
            final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS,
                WakeableIdleStrategy.KEEP_TIMER_SLACK);
            idle.idleAtMost(TimeUnit.MILLISECONDS.toNanos(1));
            idle.idle();
            assertEquals(1, idle.parks());
        });
    }

    @Test
    void itSetsItsThreadsTimerSlackAtTheFirstPark() throws InterruptedException
    {
        final long[] seen = {-2};
        final String[] problem = {null};
        final Thread thread = new Thread(() ->
        {
            final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, 1_000, 2_345);
            idle.idle();
            problem[0] = idle.timerSlackProblem();
            seen[0] = TimerSlack.current();
        });
        thread.start();
        thread.join(GENEROUS.toMillis());
        if (seen[0] == -1)
        {
            assertTrue(problem[0] != null, "no timer slack here, and the strategy must say so");
        }
        else
        {
            assertEquals(2_345, seen[0]);
        }
    }
}
