package io.tandem.node;

import io.tandem.engine.wake.IdleBound;
import io.tandem.engine.wake.WakeSignal;
import io.tandem.engine.wake.WakeableIdleStrategy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/** The idle strategies a replica's thread can use, by name. */
public final class IdleStrategies
{
    /** Names accepted by {@link #parse(String)}. */
    public static final String NAMES = "wake, busy, yield, backoff, sleep";

    private IdleStrategies()
    {
    }

    /**
     * @return spins, then yields, then parks from 1 us up to 100 us: quick to wake after a short
     * pause, yet leaves the core to others when idle for longer.
     */
    public static IdleStrategy backoff()
    {
        return new BackoffIdleStrategy(
            100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
    }

    /**
     * @return spins briefly, then parks until a hand-off wakes it or 5 ms pass, with a small
     * timer slack: the replicas' default, each hand-off into them signalled.
     */
    public static IdleStrategy wake()
    {
        return new WakeableIdleStrategy();
    }

    /** @return the strategy's wake-up signal, or one that wakes nobody when it cannot be woken. */
    public static WakeSignal signal(final IdleStrategy idle)
    {
        return idle instanceof WakeSignal ? (WakeSignal)idle : WakeSignal.NONE;
    }

    /** @return the strategy's bound for a guest's timer, or none when it takes no bound. */
    public static IdleBound bound(final IdleStrategy idle)
    {
        return idle instanceof IdleBound ? (IdleBound)idle : IdleBound.NONE;
    }

    /**
     * @param name wake, busy, yield, backoff or sleep.
     * @return a new idle strategy of that kind.
     * @throws IllegalArgumentException for another name.
     */
    public static IdleStrategy parse(final String name)
    {
        switch (name)
        {
            case "wake":
                return wake();
            case "busy":
                return new BusySpinIdleStrategy();
            case "yield":
                return new YieldingIdleStrategy();
            case "backoff":
                return backoff();
            case "sleep":
                return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
            default:
                throw new IllegalArgumentException("idle strategy must be one of " + NAMES + ": " + name);
        }
    }
}
