package io.tandem.tools.pair;

import io.tandem.engine.replica.LogStatistics;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.engine.replica.Recorder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/** Runs a {@link PrimaryReplica} and publishes its figures after each duty cycle. */
final class PrimaryAgent implements Agent
{
    private final PrimaryReplica replica;
    private final LogStatistics statistics;
    private final ReplicaFigures figures;

    PrimaryAgent(final PrimaryReplica replica, final Recorder recorder, final ReplicaFigures figures)
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
            final int work = replica.doWork();
            publish();
            return work;
        }
        catch (final RuntimeException | Error ex)
        {
            // A host-side failure is not a guest event: stop this replica, keep the reason.
            figures.failure(ex);
            throw new AgentTerminationException(ex);
        }
    }

    void publish()
    {
        figures.publish(replica.machine().icount(), replica.state().ordinal(), statistics.totalEntries(),
            statistics.totalBytes(), replica.gate().heldBytes(), replica.ackedSequence(), replica.backupIcount(),
            replica.lastAckNs());
    }

    @Override
    public String roleName()
    {
        return replica.roleName();
    }
}
