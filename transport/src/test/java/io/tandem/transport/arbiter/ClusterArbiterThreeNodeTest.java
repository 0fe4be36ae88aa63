package io.tandem.transport.arbiter;

import io.tandem.engine.replica.Arbiter.Outcome;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Three members in this process: the claims the cluster answered outlive its leader. */
@Tag("slow")
class ClusterArbiterThreeNodeTest
{
    private static final long CLAIM_TIMEOUT_MS = 10_000;

    @TempDir
    Path baseDirectory;

    private final List<ClusterArbiterNode> nodes = new ArrayList<>();
    private final List<ClusterArbiter> clients = new ArrayList<>();

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(clients);
        CloseHelper.closeAll(nodes);
    }

    @Test
    void claimsAgreeAcrossALeaderKill() throws InterruptedException
    {
        nodes.addAll(ArbiterClusters.startAll(ArbiterClusters.loopbackMembers(3), baseDirectory));
        final ClusterArbiterNode firstLeader = ArbiterClusters.awaitLeader(nodes, 20_000);
        final String endpoints = firstLeader.ingressEndpoints();
        final ClusterArbiter primary = client(endpoints);
        final ClusterArbiter backup = client(endpoints);

        for (long generation = 1; generation <= 5; generation++)
        {
            assertEquals(Outcome.WON, primary.testAndSet("split", generation, "primary"), primary.lastFailure());
            assertEquals(Outcome.LOST, backup.testAndSet("split", generation, "backup"), backup.lastFailure());
        }

        firstLeader.close();
        nodes.remove(firstLeader);
        final ClusterArbiterNode secondLeader = ArbiterClusters.awaitLeader(nodes, 20_000);
        assertNotEquals(firstLeader.memberId(), secondLeader.memberId());

        final ClusterArbiter late = client(endpoints);
        for (long generation = 1; generation <= 5; generation++)
        {
            assertEquals(Outcome.LOST, late.testAndSet("split", generation, "backup"), late.lastFailure());
            assertEquals(Outcome.LOST, backup.testAndSet("split", generation, "backup"), backup.lastFailure());
            assertEquals(Outcome.WON, primary.testAndSet("split", generation, "primary"), primary.lastFailure());
        }
        assertEquals(Outcome.WON, backup.testAndSet("split", 6, "backup"), backup.lastFailure());
        assertEquals(Outcome.LOST, late.testAndSet("split", 6, "primary"), late.lastFailure());
    }

    private ClusterArbiter client(final String endpoints)
    {
        final ClusterArbiter client = ArbiterClusters.client(endpoints, CLAIM_TIMEOUT_MS);
        clients.add(client);
        return client;
    }
}
