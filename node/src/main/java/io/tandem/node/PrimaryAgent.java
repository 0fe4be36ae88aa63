package io.tandem.node;

import io.tandem.codec.EntryType;
import io.tandem.engine.replica.LogStatistics;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.engine.replica.Recorder;
import io.tandem.engine.snapshot.PreCopySender;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * Runs a {@link PrimaryReplica} and publishes its figures after each duty cycle. A new backup's
 * transfer is handed in from another thread ({@link #offerJoin}) and started on this one, which
 * alone touches the replica.
 */
final class PrimaryAgent implements Agent
{
    private final PrimaryReplica replica;
    private final LogStatistics statistics;
    private final ReplicaCounters figures;
    /** Written by the joining thread, taken (and cleared) by the agent's: the hand-over point. */
    private volatile PreCopySender pendingJoin;
    private volatile Runnable pendingAtCut;
    /** Published by the agent's thread after each duty cycle; read by the joining thread. */
    private volatile long joinsAccepted;
    private volatile long transfersDone;
    private volatile long lastPauseNs;
    private volatile long lastSendPauseNs;
    private volatile long lastTransferNs;
    private volatile long generation;
    private volatile String transferAbortReason;
    private String seenAbortReason;
    private PrimaryReplica.State lastState;
    private long failovers;

    PrimaryAgent(final PrimaryReplica replica, final Recorder recorder, final ReplicaCounters figures)
    {
        this.replica = replica;
        this.statistics = recorder.statistics();
        this.figures = figures;
    }

    @Override
    public int doWork()
    {
        try
        {
            final PreCopySender join = pendingJoin;
            if (join != null)
            {
                pendingJoin = null;
                if (replica.acceptBackup(join, pendingAtCut))
                {
                    joinsAccepted++;
                }
                else
                {
                    transferAbortReason = "the primary is " + replica.state() +
                        (replica.transferring() ? ", with a transfer under way" : "") + ": only a primary running " +
                        "alone takes a new backup";
                }
            }
            final int work = replica.doWork();
            if (replica.transfersDone() != transfersDone)
            {
                // Before the state is published: whoever sees PAIRED again finds these figures.
                lastPauseNs = replica.lastTransferPauseNs();
                lastSendPauseNs = replica.lastTransferSendPauseNs();
                lastTransferNs = replica.lastTransferTotalNs();
                generation = replica.generation();
                transfersDone = replica.transfersDone(); // last: the figures above are visible once it is
            }
            publish();
            final String abort = replica.transferAbortReason();
            if (abort != null && abort != seenAbortReason) // a new abort, not one already reported
            {
                seenAbortReason = abort;
                transferAbortReason = abort;
            }
            return work;
        }
        catch (final RuntimeException | Error ex)
        {
            // A host-side failure is not a guest event: stop this replica, keep the reason.
            figures.failure(ex);
            throw new AgentTerminationException(ex);
        }
    }

    /**
     * Hands a new backup's transfer to the agent's thread, which starts it at its next duty cycle.
     *
     * @param sender the transfer.
     * @param atCut  work at the cut (with the guest stopped), or null.
     */
    void offerJoin(final PreCopySender sender, final Runnable atCut)
    {
        transferAbortReason = null;
        pendingAtCut = atCut;
        pendingJoin = sender; // last: the agent reads it first, then the work at the cut
    }

    long joinsAccepted()
    {
        return joinsAccepted;
    }

    long transfersDone()
    {
        return transfersDone;
    }

    long lastPauseNs()
    {
        return lastPauseNs;
    }

    long lastSendPauseNs()
    {
        return lastSendPauseNs;
    }

    long generation()
    {
        return generation;
    }

    long lastTransferNs()
    {
        return lastTransferNs;
    }

    String transferAbortReason()
    {
        return transferAbortReason;
    }

    void publish()
    {
        final long icount = replica.machine().icount();
        final PrimaryReplica.State state = replica.state();
        figures.publish(icount, state.ordinal(), statistics.totalEntries(),
            statistics.totalBytes(), replica.gate().heldBytes(), replica.ackedSequence(), replica.backupIcount(),
            replica.lastAckNs());
        figures.lag(state == PrimaryReplica.State.PAIRED ? icount - replica.backupIcount() : 0);
        figures.stateChecks(statistics.entries(EntryType.STATE_HASH));
        figures.joins(transfersDone);
        figures.generation(replica.generation());
        if (state == PrimaryReplica.State.ALONE && lastState == PrimaryReplica.State.PAIRED)
        {
            figures.failovers(++failovers); // the backup was lost and the arbiter won: on alone
        }
        lastState = state;
    }

    @Override
    public String roleName()
    {
        return replica.roleName();
    }
}
