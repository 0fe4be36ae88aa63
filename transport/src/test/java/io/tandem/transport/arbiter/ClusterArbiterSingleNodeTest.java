package io.tandem.transport.arbiter;

import io.tandem.engine.replica.Arbiter.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims against one arbiter member, shared by the tests (a member takes about a second to start). */
class ClusterArbiterSingleNodeTest
{
    private static final long CLAIM_TIMEOUT_MS = 5_000;

    @TempDir
    static Path baseDirectory;

    private static ClusterArbiterNode node;
    private static ClusterArbiter primary;
    private static ClusterArbiter backup;

    @BeforeAll
    static void startMember() throws InterruptedException
    {
        node = ArbiterClusters.startMember(0, ArbiterClusters.loopbackMembers(1), baseDirectory);
        ArbiterClusters.awaitLeader(List.of(node), 10_000);
        primary = ArbiterClusters.client(node.ingressEndpoints(), CLAIM_TIMEOUT_MS);
        backup = ArbiterClusters.client(node.ingressEndpoints(), CLAIM_TIMEOUT_MS);
    }

    @AfterAll
    static void stopMember()
    {
        org.agrona.CloseHelper.closeAll(primary, backup, node);
    }

    @Test
    void exactlyOneOfTwoRacingClaimantsWinsEachGeneration() throws Exception
    {
        final ExecutorService threads = Executors.newFixedThreadPool(2);
        try
        {
            for (long generation = 1; generation <= 20; generation++)
            {
                final long claimed = generation;
                final CyclicBarrier start = new CyclicBarrier(2);
                final Future<Outcome> primaryClaim = threads.submit(() ->
                {
                    start.await();
                    return primary.testAndSet("race", claimed, "primary");
                });
                final Future<Outcome> backupClaim = threads.submit(() ->
                {
                    start.await();
                    return backup.testAndSet("race", claimed, "backup");
                });
                final Outcome primaryOutcome = primaryClaim.get(2 * CLAIM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                final Outcome backupOutcome = backupClaim.get(2 * CLAIM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                assertEquals(EnumSet.of(Outcome.WON, Outcome.LOST), EnumSet.of(primaryOutcome, backupOutcome),
                    "generation " + generation + ": primary " + primaryOutcome + ", backup " + backupOutcome +
                    " (" + primary.lastFailure() + " / " + backup.lastFailure() + ")");
            }
        }
        finally
        {
            threads.shutdownNow();
        }
    }

    @Test
    void sameClaimantRetryingWinsAgainAndTheOtherStillLoses()
    {
        assertEquals(Outcome.WON, backup.testAndSet("retry", 7, "backup"), backup.lastFailure());
        assertEquals(Outcome.WON, backup.testAndSet("retry", 7, "backup"), backup.lastFailure());
        assertEquals(Outcome.LOST, primary.testAndSet("retry", 7, "primary"), primary.lastFailure());
        assertEquals(Outcome.WON, backup.testAndSet("retry", 7, "backup"), backup.lastFailure());
    }

    @Test
    void pairsAndGenerationsAreClaimedIndependently()
    {
        assertEquals(Outcome.WON, primary.testAndSet("alpha", 1, "primary"));
        assertEquals(Outcome.WON, backup.testAndSet("beta", 1, "backup"));
        assertEquals(Outcome.WON, backup.testAndSet("alpha", 2, "backup"));
        assertEquals(Outcome.LOST, primary.testAndSet("alpha", 2, "primary"));
        assertEquals(Outcome.LOST, backup.testAndSet("alpha", 1, "backup"));
    }

    @Test
    void claimsFromAFreshClientSeeEarlierClaims()
    {
        assertEquals(Outcome.WON, primary.testAndSet("fresh", 3, "primary"));
        try (ClusterArbiter late = ArbiterClusters.client(node.ingressEndpoints(), CLAIM_TIMEOUT_MS))
        {
            assertEquals(Outcome.LOST, late.testAndSet("fresh", 3, "late"), late.lastFailure());
            assertEquals(Outcome.WON, late.testAndSet("fresh", 3, "primary"), late.lastFailure());
        }
    }

    @Test
    void currentGenerationReadsTheHighestClaimWithoutClaiming()
    {
        try (ClusterArbiter reader = ArbiterClusters.client(node.ingressEndpoints(), CLAIM_TIMEOUT_MS))
        {
            assertEquals(0, reader.currentGeneration("read"), reader.lastFailure());
            assertEquals(Outcome.WON, primary.testAndSet("read", 1, "primary"));
            assertEquals(Outcome.WON, backup.testAndSet("read", 4, "backup"));
            assertEquals(4, reader.currentGeneration("read"), reader.lastFailure());
            // The read claimed nothing: generation 5 is still free for whoever claims it first.
            assertEquals(Outcome.WON, primary.testAndSet("read", 5, "primary"));
            assertEquals(5, reader.currentGeneration("read"), reader.lastFailure());
            assertEquals(Outcome.LOST, reader.testAndSet("read", 5, "reader"));
        }
    }

    @Test
    void anEgressTheMemberCannotAnswerMakesTheReadUnreachable()
    {
        // An address no interface of this host has: the member's answers go nowhere.
        try (ClusterArbiter deaf = new ClusterArbiter(new ClusterArbiter.Context()
            .ingressEndpoints(node.ingressEndpoints()).egressChannel("aeron:udp?endpoint=192.0.2.1:0")
            .claimTimeoutNs(TimeUnit.MILLISECONDS.toNanos(1_000))))
        {
            assertEquals(-1, deaf.currentGeneration("deaf"));
            assertNotNull(deaf.lastFailure());
        }
    }

    @Test
    void withoutAnEgressChannelTheClientBindsItsAddressTowardTheMembers()
    {
        assertEquals("aeron:udp?endpoint=127.0.0.1:0",
            new ClusterArbiter.Context().ingressEndpoints("0=127.0.0.1:20110").egressChannel());
        assertEquals("aeron:udp?endpoint=127.0.0.1:0",
            new ClusterArbiter.Context().ingressEndpoints("0=localhost:20110").egressChannel());
        assertEquals("aeron:udp?endpoint=10.9.8.7:0", new ClusterArbiter.Context()
            .ingressEndpoints("0=127.0.0.1:20110").egressChannel("aeron:udp?endpoint=10.9.8.7:0").egressChannel());
        assertEquals(EgressAddress.LOOPBACK_CHANNEL,
            new ClusterArbiter.Context().ingressEndpoints("0=no-such-host.invalid:20110").egressChannel());
    }

    @Test
    void clientOfANodeThatIsNotRunningIsUnreachableWithinItsTimeout()
    {
        final String nobody = ClusterMembers.ingressEndpoints(ArbiterClusters.loopbackMembers(1));
        try (ClusterArbiter orphan = ArbiterClusters.client(nobody, 300))
        {
            final long startNs = System.nanoTime();
            final Outcome outcome = orphan.testAndSet("orphan", 1, "primary");
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertEquals(Outcome.UNREACHABLE, outcome);
            assertTrue(elapsedMs >= 300 && elapsedMs < 300 + 250, "took " + elapsedMs + " ms");
            assertNotNull(orphan.lastFailure());
            assertEquals(-1, orphan.currentGeneration("orphan"));
        }
    }
}
