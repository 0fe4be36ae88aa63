package io.tandem.tools.pair;

import io.tandem.node.Pair;
import io.tandem.node.PairContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PairConfig;
import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvStatus;
import io.tandem.transport.arbiter.ClusterArbiter;
import io.tandem.transport.arbiter.ClusterArbiterNode;
import io.tandem.transport.arbiter.ClusterMembers;
import io.tandem.transport.arbiter.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pair whose arbiter is the Aeron Cluster service: after the primary's crash the backup wins the
 * generation at the cluster and goes live, and any other claimant of that generation loses.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PairClusterArbiterTest
{
    @TempDir
    Path directory;

    @Test
    void theBackupWinsTheGenerationAtTheClusterAndNobodyElseCan() throws Exception
    {
        final String members = ClusterMembers.onHosts(List.of("localhost"),
            FreePorts.consecutiveUdp(ClusterMembers.PORTS_PER_MEMBER));
        try (ClusterArbiterNode node = ClusterArbiterNode.start(new ClusterArbiterNode.Config()
            .memberId(0).clusterMembers(members).baseDirectory(directory.resolve("arbiter")));
            Pair pair = new Pair(new PairContext()
                .elf(PairKvstoreTest.guest("kvstore.elf"))
                .network(new InetSocketAddress("127.0.0.1", 0), 7000)
                .workDirectory(directory.resolve("work"))
                .arbiterCluster(node.ingressEndpoints())
                .config(new PairConfig().pairName("cluster-test").failureTimeoutNs(TimeUnit.SECONDS.toNanos(1))));
            KvClient client = new KvClient(new KvClient.Context().server(pair.address())
                .timeoutNs(TimeUnit.MILLISECONDS.toNanos(100)).maxAttempts(100)))
        {
            assertTrue(pair.console().await("listening", Duration.ofSeconds(20)), pair.console().text());
            assertEquals(KvStatus.OK, client.put("before", "crash").status());

            pair.killPrimary();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (pair.backupCounters().wentLiveNs() == 0 && pair.backupState() != BackupReplica.State.HALTED &&
                System.nanoTime() - deadlineNs < 0)
            {
                Thread.sleep(5);
            }
            assertNotEquals(0, pair.backupCounters().wentLiveNs(), "backup: " + pair.backupHaltReason());
            assertEquals("crash", client.get("before").valueAsString());
            assertEquals(KvStatus.OK, client.put("after", "failover").status());

            try (ClusterArbiter intruder = new ClusterArbiter(new ClusterArbiter.Context()
                .ingressEndpoints(node.ingressEndpoints())))
            {
                assertEquals(Arbiter.Outcome.LOST, intruder.testAndSet("cluster-test", 1, "intruder"),
                    String.valueOf(intruder.lastFailure()));
                assertEquals(Arbiter.Outcome.WON, intruder.testAndSet("cluster-test", 2, "intruder"),
                    "the next generation is still free");
            }
        }
    }
}
