package io.tandem.node;

import io.tandem.engine.replica.ReplicaCounters;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a replica on a thread of its own. A host-side failure is not a guest event: the first
 * error is kept in the replica's counters (and counted there), and it stops the thread, as an
 * interrupt does an {@link AgentRunner}'s.
 */
final class ReplicaRunners
{
    /** How often {@link #awaitLeavingThenStop} looks at the published state. */
    private static final long POLL_NS = TimeUnit.MICROSECONDS.toNanos(100);

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

    /**
     * Waits for a replica asked to stop on purpose (a backup leaving, a primary handing over) to
     * leave {@code state}, which its thread does within a few duty cycles once its peer is told,
     * then stops the thread.
     *
     * @param runner    the replica's runner, or null.
     * @param counters  the replica's counters, where its thread publishes its state.
     * @param state     the state it leaves (its ordinal).
     * @param timeoutNs how long to wait.
     */
    static void awaitLeavingThenStop(final AgentRunner runner, final ReplicaCounters counters, final int state,
        final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (runner != null && !runner.isClosed() && counters.state() == state && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(POLL_NS);
        }
        CloseHelper.close(runner);
    }
}
