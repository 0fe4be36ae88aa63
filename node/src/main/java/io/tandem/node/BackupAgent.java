package io.tandem.node;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.OutputGate;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/** Runs a {@link BackupReplica} and publishes its figures after each duty cycle. */
final class BackupAgent implements Agent
{
    private final BackupReplica replica;
    private final OutputGate gate;
    private final ReplicaCounters figures;
    private boolean liveSeen;

    BackupAgent(final BackupReplica replica, final OutputGate gate, final ReplicaCounters figures)
    {
        this.replica = replica;
        this.gate = gate;
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
            figures.failure(ex);
            throw new AgentTerminationException(ex);
        }
    }

    void publish()
    {
        if (!liveSeen && replica.wentLiveNs() != 0)
        {
            liveSeen = true;
            figures.wentLiveNs(replica.wentLiveNs());
            figures.failovers(1); // the primary was lost and the arbiter won: live
        }
        figures.publish(replica.machine().icount(), replica.state().ordinal(), 0, 0, gate.heldBytes(),
            replica.journaledSequence(), 0, replica.lastHeardNs());
        final long received = replica.highestReceivedIcount();
        figures.logIcount(received);
        figures.lag(replica.state() == BackupReplica.State.FOLLOWING ? received - replica.machine().icount() : 0);
        figures.generation(replica.generation());
    }

    @Override
    public String roleName()
    {
        return replica.roleName();
    }
}
