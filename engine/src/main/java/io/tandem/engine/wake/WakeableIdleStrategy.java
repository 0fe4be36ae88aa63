package io.tandem.engine.wake;

import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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
 * <p>
 * Channels it watches ({@link #watch}: a server's socket) turn its parks into waits in a
 * {@link Selector}: the thread wakes when one is readable, reads it there
 * ({@link ChannelReader}), and a signal ends the wait through {@link Selector#wakeup()}. The
 * selector counts in milliseconds: a wait shorter than one (a guest's timer due sooner) looks at
 * the channels once and parks for the rest. {@link #close()} closes the selector once the thread
 * has stopped (a closed channel stays bound until the selectors it was registered with let it go).
 */
public final class WakeableIdleStrategy implements IdleStrategy, WakeSignal, IdleBound, ChannelWatch, AutoCloseable
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
    private static final long NS_PER_MS = 1_000_000;
    private static final Watched[] NO_CHANNELS = {};
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
    private long parksReady;
    private String timerSlackProblem;
    /** Opened by the first {@link #watch}; the idler reads it once per park. */
    private volatile Selector selector;
    /** Copied on write by {@link #watch} (rare); iterated by the idler before each wait. */
    private volatile Watched[] watched = NO_CHANNELS;
    /**
     * How the idler waits while {@link #parked} is set: in the selector (a wake-up ends it) or in
     * a park (an unpark does). Written before {@code parked}, whose volatile write publishes it.
     */
    private boolean inSelector;
    private int readyThisWait;
    private final Consumer<SelectionKey> onSelected = this::onSelected;

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
            final Selector waitingIn = inSelector ? selector : null;
            if (waitingIn != null)
            {
                waitingIn.wakeup(); // before or during its select: either ends it at once
            }
            else
            {
                LockSupport.unpark(idler);
            }
        }
    }

    @Override
    public synchronized void watch(final SelectableChannel channel, final ChannelReader reader,
        final BooleanSupplier active)
    {
        try
        {
            Selector opened = selector;
            if (opened == null)
            {
                opened = Selector.open();
            }
            final Watched entry = new Watched(reader, active);
            entry.key = channel.register(opened, 0, entry); // interest set by the idler, from active
            final Watched[] more = Arrays.copyOf(watched, watched.length + 1);
            more[more.length - 1] = entry;
            watched = more;
            selector = opened;
        }
        catch (final ClosedChannelException ex)
        {
            throw new IllegalStateException("cannot watch a closed channel", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector to wait on " + channel + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Stops watching channels and closes the selector; call once the idling thread has stopped
     * (or idles no more). A later {@link #watch} opens a new one.
     */
    @Override
    public synchronized void close()
    {
        final Selector open = selector;
        selector = null;
        watched = NO_CHANNELS;
        if (open != null)
        {
            try
            {
                open.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot close the idle strategy's selector: " + ex.getMessage(), ex);
            }
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
        final Selector waitIn = selector;
        if (waitIn != null)
        {
            for (final Watched channel : watched)
            {
                channel.applyInterest(); // before it says it waits: what it waits on is settled then
            }
        }
        inSelector = waitIn != null && thisParkNs >= NS_PER_MS;
        parked = self;
        if ((int)WOKEN.getAndSet(this, 0) == 0)
        {
            parks++;
            readyThisWait = 0;
            if (waitIn == null)
            {
                LockSupport.parkNanos(this, thisParkNs);
            }
            else
            {
                waitOnChannels(waitIn, thisParkNs);
            }
            final boolean signalled = (int)WOKEN.getAndSet(this, 0) != 0;
            if (signalled || readyThisWait > 0)
            {
                parksWoken += signalled ? 1 : 0;
                parksReady += readyThisWait > 0 ? 1 : 0;
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

    /** Waits on the watched channels, a signal or the time, whichever comes first. */
    private void waitOnChannels(final Selector waitIn, final long waitNs)
    {
        try
        {
            if (inSelector)
            {
                waitIn.select(onSelected, waitNs / NS_PER_MS); // ends up to a millisecond early: the next idle waits the rest
            }
            else if (waitIn.selectNow(onSelected) == 0)
            {
                LockSupport.parkNanos(this, waitNs);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("waiting on the watched channels failed: " + ex.getMessage(), ex);
        }
    }

    private void onSelected(final SelectionKey key)
    {
        readyThisWait++;
        ((Watched)key.attachment()).reader.readAvailable();
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

    /** @return parks that a watched channel ended by becoming readable (same reading rule as {@link #parks()}). */
    public long parksReady()
    {
        return parksReady;
    }

    /** @return true while the idling thread waits (parks or selects), or is about to. */
    public boolean waiting()
    {
        return parked != null;
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

    /** A watched channel: its key, how to read it, and whether it is waited on now. */
    private static final class Watched
    {
        final ChannelReader reader;
        final BooleanSupplier active;
        SelectionKey key;
        /** The interest set last given to the key; the idler's only. */
        boolean interested;

        Watched(final ChannelReader reader, final BooleanSupplier active)
        {
            this.reader = reader;
            this.active = active;
        }

        /** On the idler's thread: waits on the channel only while active says so. */
        void applyInterest()
        {
            final boolean wanted = active.getAsBoolean();
            if (wanted != interested && key.isValid())
            {
                try
                {
                    key.interestOps(wanted ? SelectionKey.OP_READ : 0);
                    interested = wanted;
                }
                catch (final CancelledKeyException ex)
                {
                    // the channel closed meanwhile: nothing left to wait on
                }
            }
        }
    }
}
