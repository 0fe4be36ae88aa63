package io.tandem.transport.arbiter;

import io.tandem.engine.replica.Arbiter.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One member stopped and started again on its directory forgets no claim. */
class ClusterArbiterRecoveryTest
{
    private static final long CLAIM_TIMEOUT_MS = 5_000;
    private static final long DOWN_CLAIM_TIMEOUT_MS = 500;
    private static final int PAIRS = 40;

    @TempDir
    Path baseDirectory;

    @Test
    void claimsSurviveARestartByLogReplay() throws InterruptedException
    {
        final String members = ArbiterClusters.loopbackMembers(1);
        final String endpoints = ClusterMembers.ingressEndpoints(members);
        // One client throughout: its session dies silently with the member, and its first claim
        // after the restart must notice and claim again on a new session.
        try (ClusterArbiter client = ArbiterClusters.client(endpoints, CLAIM_TIMEOUT_MS))
        {
            final ClusterArbiterNode first = startAndAwaitLeader(members);
            try
            {
                claimAll(client, "primary");
            }
            finally
            {
                first.close();
            }
            assertUnreachableWithinTimeout(endpoints);

            final ClusterArbiterNode restarted = startAndAwaitLeader(members);
            try
            {
                assertRecovered(client);
            }
            finally
            {
                restarted.close();
            }
        }
    }

    @Test
    void claimsSurviveARestartFromASnapshot() throws InterruptedException
    {
        final String members = ArbiterClusters.loopbackMembers(1);
        final String endpoints = ClusterMembers.ingressEndpoints(members);
        try (ClusterArbiterNode node = startAndAwaitLeader(members);
            ClusterArbiter client = ArbiterClusters.client(endpoints, CLAIM_TIMEOUT_MS))
        {
            claimAll(client, "primary");
            assertTrue(node.requestSnapshot(), "snapshot request refused");
            awaitSnapshot(node);
        }
        // The log before the snapshot is not replayed: the claims can only come back from it.
        try (ClusterArbiterNode node = startAndAwaitLeader(members);
            ClusterArbiter client = ArbiterClusters.client(node.ingressEndpoints(), CLAIM_TIMEOUT_MS))
        {
            assertRecovered(client);
        }
    }

    private ClusterArbiterNode startAndAwaitLeader(final String members) throws InterruptedException
    {
        final ClusterArbiterNode node = ArbiterClusters.startMember(0, members, baseDirectory);
        ArbiterClusters.awaitLeader(List.of(node), 10_000);
        return node;
    }

    private static void claimAll(final ClusterArbiter client, final String claimant)
    {
        for (int pair = 0; pair < PAIRS; pair++)
        {
            assertEquals(Outcome.WON, client.testAndSet("pair-" + pair, pair % 3, claimant), client.lastFailure());
        }
    }

    private static void assertRecovered(final ClusterArbiter client)
    {
        for (int pair = 0; pair < PAIRS; pair++)
        {
            assertEquals(Outcome.LOST, client.testAndSet("pair-" + pair, pair % 3, "backup"),
                "pair-" + pair + ": " + client.lastFailure());
            assertEquals(Outcome.WON, client.testAndSet("pair-" + pair, pair % 3, "primary"), client.lastFailure());
        }
        assertEquals(Outcome.WON, client.testAndSet("pair-0", 99, "backup"), client.lastFailure());
    }

    private static void assertUnreachableWithinTimeout(final String endpoints)
    {
        try (ClusterArbiter client = ArbiterClusters.client(endpoints, DOWN_CLAIM_TIMEOUT_MS))
        {
            final long startNs = System.nanoTime();
            assertEquals(Outcome.UNREACHABLE, client.testAndSet("pair-0", 0, "backup"));
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertTrue(elapsedMs < DOWN_CLAIM_TIMEOUT_MS + 250, "took " + elapsedMs + " ms");
        }
    }

    private static void awaitSnapshot(final ClusterArbiterNode node) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.snapshotCount() < 1)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "no snapshot within 10 s");
            Thread.sleep(10);
        }
    }
}
