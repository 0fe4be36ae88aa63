package io.tandem.node;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Figures a replica's thread publishes after each duty cycle for a monitoring thread to read:
 * ordered stores of a few longs, so publishing costs next to nothing and reading never touches
 * the replica's own single-threaded objects.
 */
public final class ReplicaFigures
{
    private final AtomicLong icount = new AtomicLong();
    private final AtomicLong state = new AtomicLong();
    private final AtomicLong logEntries = new AtomicLong();
    private final AtomicLong logBytes = new AtomicLong();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong logIcount = new AtomicLong();
    private final AtomicLong peerIcount = new AtomicLong();
    private final AtomicLong lastHeardNs = new AtomicLong();
    private final AtomicLong wentLiveNs = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    void publish(
        final long icount, final int state, final long logEntries, final long logBytes, final long heldBytes,
        final long sequence, final long peerIcount, final long lastHeardNs)
    {
        this.icount.lazySet(icount);
        this.state.lazySet(state);
        this.logEntries.lazySet(logEntries);
        this.logBytes.lazySet(logBytes);
        this.heldBytes.lazySet(heldBytes);
        this.sequence.lazySet(sequence);
        this.peerIcount.lazySet(peerIcount);
        this.lastHeardNs.lazySet(lastHeardNs);
    }

    void logIcount(final long icount)
    {
        logIcount.lazySet(icount);
    }

    void wentLiveNs(final long nanos)
    {
        wentLiveNs.lazySet(nanos);
    }

    void failure(final Throwable ex)
    {
        failure.compareAndSet(null, ex);
    }

    /** @return the machine's instruction count. */
    public long icount()
    {
        return icount.get();
    }

    /** @return the ordinal of the replica's state (its role's {@code State} enum). */
    public int state()
    {
        return (int)state.get();
    }

    /** @return entries logged (primary) so far. */
    public long logEntries()
    {
        return logEntries.get();
    }

    /** @return bytes logged (primary) so far. */
    public long logBytes()
    {
        return logBytes.get();
    }

    /** @return bytes of outputs held in the replica's gate. */
    public long heldBytes()
    {
        return heldBytes.get();
    }

    /** @return primary: the highest sequence acknowledged; backup: the highest received. */
    public long sequence()
    {
        return sequence.get();
    }

    /**
     * @return the highest instruction count in the log: logged (primary) or received (backup).
     * A backup never runs past the one it received, so never past the one its primary logged.
     */
    public long logIcount()
    {
        return logIcount.get();
    }

    /** @return primary: the backup's instruction count as last acknowledged; backup: 0. */
    public long peerIcount()
    {
        return peerIcount.get();
    }

    /** @return when the peer was last heard from ({@link System#nanoTime()}): an ack, or an entry. */
    public long lastHeardNs()
    {
        return lastHeardNs.get();
    }

    /** @return when the backup went live ({@link System#nanoTime()}), or 0. */
    public long wentLiveNs()
    {
        return wentLiveNs.get();
    }

    /** @return the exception that stopped the replica's thread, or null. */
    public Throwable failure()
    {
        return failure.get();
    }
}
