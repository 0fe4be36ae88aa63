package io.tandem.engine.replica;

import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A replica's counters, allocated in its node's counters (a memory-mapped file, so that another
 * process reads them, {@code tandem stat}, as well as this one): the replica sets them itself at
 * the end of each duty cycle with release stores, so publishing costs next to nothing and reading
 * never touches the replica's own single-threaded objects. Each counter's type id says
 * what it is ({@link #ICOUNT_TYPE_ID} ...), its label which replica it belongs to.
 */
public final class ReplicaCounters implements AutoCloseable
{
    /** Type id: the machine's instruction count. */
    public static final int ICOUNT_TYPE_ID = 1001;
    /** Type id: the ordinal of the replica's state. */
    public static final int STATE_TYPE_ID = 1002;
    /** Type id: entries logged. */
    public static final int LOG_ENTRIES_TYPE_ID = 1003;
    /** Type id: bytes logged. */
    public static final int LOG_BYTES_TYPE_ID = 1004;
    /** Type id: bytes of outputs held in the gate. */
    public static final int HELD_BYTES_TYPE_ID = 1005;
    /** Type id: the acknowledged (primary) or journaled (backup) log position, a sequence. */
    public static final int ACKED_POSITION_TYPE_ID = 1006;
    /** Type id: the log position in instructions, logged (primary) or received (backup). */
    public static final int LOG_ICOUNT_TYPE_ID = 1007;
    /** Type id: the backup's instruction count as last acknowledged. */
    public static final int PEER_ICOUNT_TYPE_ID = 1008;
    /** Type id: instructions between the replicas. */
    public static final int LAG_TYPE_ID = 1009;
    /** Type id: state checks logged (primary). */
    public static final int STATE_CHECKS_TYPE_ID = 1010;
    /** Type id: failovers this replica went through (the primary going on alone, the backup going live). */
    public static final int FAILOVERS_TYPE_ID = 1011;
    /** Type id: new backups that joined by state transfer. */
    public static final int JOINS_TYPE_ID = 1012;
    /** Type id: the pair's generation. */
    public static final int GENERATION_TYPE_ID = 1013;
    /** Type id: when the peer was last heard from, {@link System#nanoTime()}. */
    public static final int LAST_HEARD_TYPE_ID = 1014;
    /** Type id: when the backup went live, {@link System#nanoTime()}, or 0. */
    public static final int WENT_LIVE_TYPE_ID = 1015;
    /** Type id: errors of the replica's thread. */
    public static final int ERRORS_TYPE_ID = 1016;
    /** Type id: how long the guest stopped for the last state transfer to a new backup, ns. */
    public static final int LAST_JOIN_PAUSE_TYPE_ID = 1017;
    /** Type id: of that pause, the part spent sending the last pages and the state, ns. */
    public static final int LAST_JOIN_SEND_PAUSE_TYPE_ID = 1018;
    /** Type id: the last state transfer from its start to the cut, ns. */
    public static final int LAST_JOIN_TRANSFER_TYPE_ID = 1019;
    /** Type id: backups that stopped on purpose and told the primary, which went on alone without a failover. */
    public static final int BACKUPS_LEFT_TYPE_ID = 1020;
    /**
     * Type id: planned hand-overs (the primary stopping on request, the backup going live at once),
     * which are not failovers.
     */
    public static final int HAND_OVERS_TYPE_ID = 1021;

    private final AtomicCounter icount;
    private final AtomicCounter state;
    private final AtomicCounter logEntries;
    private final AtomicCounter logBytes;
    private final AtomicCounter heldBytes;
    private final AtomicCounter sequence;
    private final AtomicCounter logIcount;
    private final AtomicCounter peerIcount;
    private final AtomicCounter lag;
    private final AtomicCounter stateChecks;
    private final AtomicCounter failovers;
    private final AtomicCounter joins;
    private final AtomicCounter generation;
    private final AtomicCounter lastHeardNs;
    private final AtomicCounter wentLiveNs;
    private final AtomicCounter errors;
    private final AtomicCounter lastJoinPauseNs;
    private final AtomicCounter lastJoinSendPauseNs;
    private final AtomicCounter lastJoinTransferNs;
    private final AtomicCounter backupsLeft;
    private final AtomicCounter handOvers;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * Allocates the counters (on the node's control thread: the manager is not thread-safe).
     *
     * @param manager the node's counters.
     * @param replica the label's prefix: which replica ({@code primary}, {@code backup}).
     */
    public ReplicaCounters(final CountersManager manager, final String replica)
    {
        icount = manager.newCounter(replica + ": icount", ICOUNT_TYPE_ID);
        state = manager.newCounter(replica + ": state", STATE_TYPE_ID);
        logEntries = manager.newCounter(replica + ": entries logged", LOG_ENTRIES_TYPE_ID);
        logBytes = manager.newCounter(replica + ": bytes logged", LOG_BYTES_TYPE_ID);
        heldBytes = manager.newCounter(replica + ": held output bytes", HELD_BYTES_TYPE_ID);
        sequence = manager.newCounter(replica + ": acknowledged position", ACKED_POSITION_TYPE_ID);
        logIcount = manager.newCounter(replica + ": log position (icount)", LOG_ICOUNT_TYPE_ID);
        peerIcount = manager.newCounter(replica + ": peer icount", PEER_ICOUNT_TYPE_ID);
        lag = manager.newCounter(replica + ": lag (instructions)", LAG_TYPE_ID);
        stateChecks = manager.newCounter(replica + ": state checks", STATE_CHECKS_TYPE_ID);
        failovers = manager.newCounter(replica + ": failovers", FAILOVERS_TYPE_ID);
        joins = manager.newCounter(replica + ": joins", JOINS_TYPE_ID);
        generation = manager.newCounter(replica + ": generation", GENERATION_TYPE_ID);
        lastHeardNs = manager.newCounter(replica + ": peer last heard (ns)", LAST_HEARD_TYPE_ID);
        wentLiveNs = manager.newCounter(replica + ": went live (ns)", WENT_LIVE_TYPE_ID);
        errors = manager.newCounter(replica + ": errors", ERRORS_TYPE_ID);
        lastJoinPauseNs = manager.newCounter(replica + ": last join pause (ns)", LAST_JOIN_PAUSE_TYPE_ID);
        lastJoinSendPauseNs = manager.newCounter(replica + ": last join send pause (ns)",
            LAST_JOIN_SEND_PAUSE_TYPE_ID);
        lastJoinTransferNs = manager.newCounter(replica + ": last join transfer (ns)", LAST_JOIN_TRANSFER_TYPE_ID);
        backupsLeft = manager.newCounter(replica + ": backups left (planned stops)", BACKUPS_LEFT_TYPE_ID);
        handOvers = manager.newCounter(replica + ": hand-overs (planned primary stops)", HAND_OVERS_TYPE_ID);
    }

    void publish(
        final long icount, final int state, final long logEntries, final long logBytes, final long heldBytes,
        final long sequence, final long peerIcount, final long lastHeardNs)
    {
        // Release stores: a reader that sees a value sees everything the replica did before it.
        this.icount.setRelease(icount);
        this.state.setRelease(state);
        this.logEntries.setRelease(logEntries);
        this.logBytes.setRelease(logBytes);
        this.heldBytes.setRelease(heldBytes);
        this.sequence.setRelease(sequence);
        this.peerIcount.setRelease(peerIcount);
        this.lastHeardNs.setRelease(lastHeardNs);
    }

    /** Backup: the highest instruction count received (the primary's log writer publishes its own). */
    void logIcount(final long icount)
    {
        logIcount.setRelease(icount);
    }

    void lag(final long instructions)
    {
        lag.setRelease(instructions);
    }

    void stateChecks(final long checks)
    {
        stateChecks.setRelease(checks);
    }

    void backupsLeft(final long count)
    {
        backupsLeft.setRelease(count);
    }

    void handOvers(final long count)
    {
        handOvers.setRelease(count);
    }

    void failovers(final long count)
    {
        failovers.setRelease(count);
    }

    /** The figures of a transfer first, then the count: whoever sees the count sees them. */
    void joined(final long count, final long pauseNs, final long sendPauseNs, final long transferNs)
    {
        if (count != joins.get())
        {
            lastJoinPauseNs.setRelease(pauseNs);
            lastJoinSendPauseNs.setRelease(sendPauseNs);
            lastJoinTransferNs.setRelease(transferNs);
            joins.setRelease(count);
        }
    }

    void generation(final long value)
    {
        generation.setRelease(value);
    }

    void wentLiveNs(final long nanos)
    {
        wentLiveNs.setRelease(nanos);
    }

    /**
     * Keeps the first exception that stopped the replica's thread.
     *
     * @param ex the exception.
     */
    public void failure(final Throwable ex)
    {
        failure.compareAndSet(null, ex);
    }

    /** @return the log's position in instructions, for the log writer to publish before each entry leaves. */
    public AtomicCounter logIcountCounter()
    {
        return logIcount;
    }

    /** @return the counter of errors on the replica's thread, for its {@code AgentRunner}. */
    public AtomicCounter errors()
    {
        return errors;
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

    /** @return primary: the highest sequence acknowledged; backup: the highest journaled. */
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

    /** @return instructions between the replicas, as this one sees it. */
    public long lag()
    {
        return lag.get();
    }

    /** @return backups that stopped on purpose and told this primary (which went on alone, no failover). */
    public long backupsLeft()
    {
        return backupsLeft.get();
    }

    /** @return planned hand-overs this replica went through (a primary stopping on request, its backup going live). */
    public long handOvers()
    {
        return handOvers.get();
    }

    /** @return failovers this replica went through. */
    public long failovers()
    {
        return failovers.get();
    }

    /** @return new backups that joined this primary. */
    public long joins()
    {
        return joins.get();
    }

    /** @return the pair's generation. */
    public long generation()
    {
        return generation.get();
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

    /** @return how long the guest stopped for the last state transfer to a new backup, ns. */
    public long lastJoinPauseNs()
    {
        return lastJoinPauseNs.get();
    }

    /** @return of that pause, the part spent sending the last pages and the state, ns. */
    public long lastJoinSendPauseNs()
    {
        return lastJoinSendPauseNs.get();
    }

    /** @return the last state transfer from its start to the cut, ns. */
    public long lastJoinTransferNs()
    {
        return lastJoinTransferNs.get();
    }

    /** @return errors on the replica's thread. */
    public long errorCount()
    {
        return errors.get();
    }

    /** @return the exception that stopped the replica's thread, or null. */
    public Throwable failure()
    {
        return failure.get();
    }

    /** Frees the counters in the node's file (on the node's control thread). */
    @Override
    public void close()
    {
        CloseHelper.closeAll(icount, state, logEntries, logBytes, heldBytes, sequence, logIcount, peerIcount, lag,
            stateChecks, failovers, joins, generation, lastHeardNs, wentLiveNs, errors, lastJoinPauseNs,
            lastJoinSendPauseNs, lastJoinTransferNs, backupsLeft, handOvers);
    }
}
