package io.tandem.engine.wake;

import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An idle strategy that spins briefly, then parks until it is woken ({@link #wake()}, from a
 * producer's thread) or until its longest park ends, whichever comes first; the agent's own work
 * can bound one park further ({@link #idleAtMost(long)}). With every hand-off into the agent
 * signalled, the longest park only paces what nothing signals (heartbeats, timeouts), so it can be
 * long and an idle thread costs little, while a signalled one wakes in the few microseconds a
 * futex wake takes instead of when its park happens to end.
 * <p>
 * The first time a thread parks in it, it sets that thread's timer slack ({@link TimerSlack}) so that the
 * timed parks it cannot avoid end close to when they should.
 * <p>
 * One idling thread at a time (it may pass from a stopped thread to a new one); {@link #wake()}
 * from any number of others. No wake-up is lost: the idler
 * says it parks, then looks for a signal; a waker signals, then looks whether the idler parks
 * (both through volatile accesses, so one of them sees the other), and {@code unpark} before
 * {@code park} leaves a permit that ends the park at once.
 */
public final class WakeableIdleStrategy implements IdleStrategy, WakeSignal, IdleBound
{
    /** Name of this strategy in Agrona's terms. */
    public static final String ALIAS = "wakeable";
    /** Default number of {@link Thread#onSpinWait()} rounds before the first park; {@code tandem.idle.spins}. */
    public static final int DEFAULT_SPINS = Integer.getInteger("tandem.idle.spins", 50);
    /**
     * Default longest park, ns: what paces heartbeats (every 10 ms) and timeouts (200 ms) when
     * nothing signals. Measured on an idle kvstore pair over IPC: each of its two threads spent
     * 1.3-2.7% of a core waking every 1 ms.
     */
    public static final long DEFAULT_MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Leave the thread's timer slack as it is. */
    public static final long KEEP_TIMER_SLACK = 0;

    private static final long NO_BOUND = Long.MAX_VALUE;
    private static final VarHandle WOKEN;

    static
    {
        try
        {
            WOKEN = MethodHandles.lookup().findVarHandle(WakeableIdleStrategy.class, "woken", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int maxSpins;
    private final long minParkNs;
    private final long maxParkNs;
    private final long timerSlackNs;
    /** Set by a waker, cleared by the idler (getAndSet: it acquires what the waker published). */
    private volatile int woken;
    /** The idler's thread while it parks or is about to; null otherwise. */
    private volatile Thread parked;
    private Thread slackSetFor;
    private int spins;
    private long parkNs;
    private long boundNs = NO_BOUND;
    private long parks;
    private long parksWoken;
    private String timerSlackProblem;

    /** Spins {@link #DEFAULT_SPINS} times, parks up to {@link #DEFAULT_MAX_PARK_NS}, timer slack {@link TimerSlack#DEFAULT_NS}. */
    public WakeableIdleStrategy()
    {
        this(DEFAULT_SPINS, DEFAULT_MAX_PARK_NS, TimerSlack.DEFAULT_NS);
    }

    /**
     * @param maxSpins     rounds of {@link Thread#onSpinWait()} between doing no work and parking.
     * @param maxParkNs    longest park, ns, when neither a signal nor a bound comes first.
     * @param timerSlackNs the timer slack its thread gets at the first park, or {@link #KEEP_TIMER_SLACK}.
     */
    public WakeableIdleStrategy(final int maxSpins, final long maxParkNs, final long timerSlackNs)
    {
        this(maxSpins, maxParkNs, maxParkNs, timerSlackNs);
    }

    /**
     * Parks that back off: each park that no signal ended doubles the next, from the shortest to
     * the longest; work done or a signal starts again from the shortest. For a thread that must
     * also poll for what nobody signals (a media driver's socket): quick while traffic flows,
     * cheap once it stops.
     *
     * @param maxSpins     rounds of {@link Thread#onSpinWait()} between doing no work and parking.
     * @param minParkNs    first park after the spins, ns.
     * @param maxParkNs    longest park, ns.
     * @param timerSlackNs the timer slack its thread gets at the first park, or {@link #KEEP_TIMER_SLACK}.
     */
    public WakeableIdleStrategy(final int maxSpins, final long minParkNs, final long maxParkNs,
        final long timerSlackNs)
    {
        if (maxSpins < 0 || minParkNs < 1 || maxParkNs < minParkNs || timerSlackNs < 0)
        {
            throw new IllegalArgumentException("spins must be 0 or more, the parks positive with the shortest " +
                "first, the timer slack 0 (keep) or more: " + maxSpins + ", " + minParkNs + ", " + maxParkNs +
                ", " + timerSlackNs);
        }
        this.maxSpins = maxSpins;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
        this.timerSlackNs = timerSlackNs;
        this.parkNs = minParkNs;
    }

    @Override
    public void wake()
    {
        woken = 1; // the work was published before this: whoever clears the flag sees it
        final Thread idler = parked;
        if (idler != null)
        {
            LockSupport.unpark(idler);
        }
    }

    @Override
    public void idleAtMost(final long waitNs)
    {
        boundNs = Math.min(boundNs, Math.max(0, waitNs));
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (spins < maxSpins)
        {
            spins++;
            Thread.onSpinWait();
            return;
        }
        final long thisParkNs = Math.min(parkNs, boundNs);
        boundNs = NO_BOUND;
        if (thisParkNs == 0)
        {
            return;
        }
        final Thread self = Thread.currentThread();
        if (self != slackSetFor)
        {
            // A strategy may pass to a new thread (a replica restarted on the same one): set each once.
            slackSetFor = self;
            if (timerSlackNs != KEEP_TIMER_SLACK)
            {
                timerSlackProblem = TimerSlack.set(timerSlackNs);
            }
        }
        parked = self;
        if ((int)WOKEN.getAndSet(this, 0) == 0)
        {
            parks++;
            LockSupport.parkNanos(this, thisParkNs);
            if ((int)WOKEN.getAndSet(this, 0) != 0)
            {
                parksWoken++;
                parkNs = minParkNs;
            }
            else
            {
                parkNs = Math.min(parkNs << 1, maxParkNs);
            }
        }
        else
        {
            parkNs = minParkNs;
        }
        parked = null;
    }

    @Override
    public void reset()
    {
        spins = 0;
        parkNs = minParkNs;
        boundNs = NO_BOUND;
    }

    @Override
    public String alias()
    {
        return ALIAS;
    }

    /** @return how long the next park lasts unless a signal or a bound ends it sooner, ns. */
    public long nextParkNs()
    {
        return parkNs;
    }

    /** @return parks begun so far (read on the idling thread, or after it stopped). */
    public long parks()
    {
        return parks;
    }

    /** @return parks that a signal had ended, or that one came during (same reading rule as {@link #parks()}). */
    public long parksWoken()
    {
        return parksWoken;
    }

    /** @return null when the thread's timer slack was set (or not asked for), else why not. */
    public String timerSlackProblem()
    {
        return timerSlackProblem;
    }

    @Override
    public String toString()
    {
        return "WakeableIdleStrategy{spins=" + maxSpins + ", minParkNs=" + minParkNs + ", maxParkNs=" + maxParkNs +
            ", timerSlackNs=" +
            timerSlackNs + '}';
    }
}
