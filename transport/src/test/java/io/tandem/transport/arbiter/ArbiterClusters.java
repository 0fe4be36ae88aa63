package io.tandem.transport.arbiter;

import io.aeron.cluster.service.Cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts test clusters of arbiter members on loopback and waits for their leaders. */
final class ArbiterClusters
{
    /** Followers elect a new leader after this much silence in tests (production default: 3 s). */
    static final long TEST_LEADER_HEARTBEAT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(1_000);

    private ArbiterClusters()
    {
    }

    /** @return a members string for {@code count} members on loopback, on free ports. */
    static String loopbackMembers(final int count)
    {
        final int base = FreePorts.consecutiveUdp(count * ClusterMembers.PORTS_PER_MEMBER);
        return ClusterMembers.onHosts(Collections.nCopies(count, "localhost"), base);
    }

    /** @return a started member. */
    static ClusterArbiterNode startMember(final int memberId, final String members, final Path baseDirectory)
    {
        return ClusterArbiterNode.start(new ClusterArbiterNode.Config()
            .memberId(memberId)
            .clusterMembers(members)
            .baseDirectory(baseDirectory)
            .leaderHeartbeatTimeoutNs(TEST_LEADER_HEARTBEAT_TIMEOUT_NS));
    }

    /** @return every member of a members string, started. */
    static List<ClusterArbiterNode> startAll(final String members, final Path baseDirectory)
    {
        final int count = ClusterMembers.parse(members).length;
        final List<ClusterArbiterNode> nodes = new ArrayList<>();
        for (int id = 0; id < count; id++)
        {
            nodes.add(startMember(id, members, baseDirectory));
        }
        return nodes;
    }

    /** @return the one leader among the open nodes, once there is exactly one. */
    static ClusterArbiterNode awaitLeader(final List<ClusterArbiterNode> nodes, final long timeoutMs)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            ClusterArbiterNode leader = null;
            int leaders = 0;
            for (final ClusterArbiterNode node : nodes)
            {
                if (node.role() == Cluster.Role.LEADER)
                {
                    leader = node;
                    leaders++;
                }
            }
            if (leaders == 1)
            {
                return leader;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no single leader among " + nodes.size() + " members within " + timeoutMs + " ms");
    }

    /** @return a client of the cluster whose claims give up after {@code claimTimeoutMs}. */
    static ClusterArbiter client(final String ingressEndpoints, final long claimTimeoutMs)
    {
        return new ClusterArbiter(new ClusterArbiter.Context()
            .ingressEndpoints(ingressEndpoints)
            .claimTimeoutNs(TimeUnit.MILLISECONDS.toNanos(claimTimeoutMs)));
    }
}
