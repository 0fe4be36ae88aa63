package io.tandem.node;

import io.tandem.engine.replica.ReplicaCounters;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/**
 * Runs a replica on a thread of its own. A host-side failure is not a guest event: the first
 * error is kept in the replica's counters (and counted there), and it stops the thread, as an
 * interrupt does an {@link AgentRunner}'s.
 */
final class ReplicaRunners
{
    private ReplicaRunners()
    {
    }

    /**
     * @param idle     the thread's idle strategy.
     * @param counters the replica's counters: its errors, its failure.
     * @param replica  the replica.
     * @return the runner, its thread started.
     */
    static AgentRunner start(final IdleStrategy idle, final ReplicaCounters counters, final Agent replica)
    {
        final AgentRunner runner = new AgentRunner(idle, ex ->
        {
            counters.failure(ex);
            Thread.currentThread().interrupt(); // the runner stops after an error on an interrupted thread
        }, counters.errors(), replica);
        AgentRunner.startOnThread(runner);
        return runner;
    }
}
