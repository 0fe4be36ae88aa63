package io.tandem.node;

import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.transport.aeron.PairTransport;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A switchover, on the nodes' own threads over Aeron IPC (the two directions on streams of their
 * own): the primary hands over saying it stays; the backup goes live at that count with its
 * guest held; promoted, it records a log from there and waits for the old primary, whose
 * machine, now a backup's, follows that log with no state transfer. The pair is paired again on
 * the next generation, no failover counted, and a comparison at the end finds both machines at
 * the same count with the same state hash.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SwitchoverTest
{
    private static final long FAILURE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path tmp;

    private final Path elf = TestGuests.guest("echo.elf");
    /** Four nodes' counters: the two that hand over and the two they become. */
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(128 * CountersReader.METADATA_LENGTH)),
        new UnsafeBuffer(ByteBuffer.allocateDirect(128 * CountersReader.COUNTER_LENGTH)));
    private PairTransport forward;
    private PairTransport reverse;
    private PrimaryNode primaryNode;
    private BackupNode backupNode;
    private PrimaryNode promoted;
    private BackupNode follower;

    @AfterEach
    void close()
    {
        // The promoted node and the follower own the machines once made: closing them frees those.
        CloseHelper.closeAll(promoted != null ? promoted : backupNode, follower != null ? follower : primaryNode,
            forward, reverse);
    }

    @Test
    void theOldPrimaryFollowsTheNewOneWithNoStateTransferAndBothEndAtTheSameState() throws Exception
    {
        forward = PairTransport.ipc();
        reverse = PairTransport.launch(new PairTransport.Context().logStreamId(2001).ackStreamId(2002)
            .transferStreamId(2003));
        assertTrue(forward.awaitConnected(WAIT_NS) && reverse.awaitConnected(WAIT_NS));
        final FileArbiter arbiter = new FileArbiter(tmp);
        final PairConfig config = new PairConfig().failureTimeoutNs(FAILURE_TIMEOUT_NS)
            .startupTimeoutNs(FAILURE_TIMEOUT_NS);
        primaryNode = new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(elf)).machine(machine())
            .network(PacketSource.NONE, null).channels(forward.logPublication(), forward.ackSubscription())
            .arbiter(arbiter).config(config).clock(SystemNanoClock.INSTANCE).counters(counters));
        backupNode = new BackupNode(new BackupNodeContext().image(ElfReader.read(elf)).machine(machine())
            .network(PacketSource.NONE, null).channels(forward.logSubscription(), forward.ackPublication())
            .arbiter(arbiter).config(config).clock(SystemNanoClock.INSTANCE).counters(counters));
        final CompletableFuture<Boolean> wentLive = new CompletableFuture<>();
        backupNode.replica().holdWhenLive(() -> wentLive.complete(true));
        final byte[] digest = ElfDigest.sha256(elf);
        primaryNode.start(digest, 0);
        backupNode.start(digest, WAIT_NS);
        final long followingDeadlineNs = System.nanoTime() + WAIT_NS;
        while (backupNode.counters().icount() == 0 || primaryNode.counters().peerIcount() == 0)
        {
            assertTrue(System.nanoTime() - followingDeadlineNs < 0, "the backup never followed");
            Thread.onSpinWait();
        }

        assertTrue(primaryNode.handOver(WAIT_NS, true), primaryNode.replica().haltReason());
        final long handOverIcount = primaryNode.handOverIcount();
        assertTrue(wentLive.get(WAIT_NS, TimeUnit.NANOSECONDS));
        backupNode.stop();
        final BackupReplica live = backupNode.replica();
        assertEquals(BackupReplica.State.LIVE, live.state(), live.haltReason());
        assertTrue(live.oldPrimaryFollows(), "the hand-over said the old primary stays");
        assertEquals(handOverIcount, backupNode.machine().icount(), "held where it went live: nothing unrecorded");
        assertEquals(primaryNode.handOverStateHash(), backupNode.machine().stateHash());

        // The old primary's side follows on the reverse streams while the new one waits for it.
        final CompletableFuture<BackupNode> following = CompletableFuture.supplyAsync(() ->
        {
            final BackupNode node = BackupNode.follow(primaryNode, reverse.logSubscription(), reverse.ackPublication(),
                arbiter, config, SystemNanoClock.INSTANCE, counters, IdleStrategies.backoff());
            node.start(digest, WAIT_NS);
            return node;
        });
        promoted = PrimaryNode.promote(backupNode, reverse.logPublication(), reverse.ackSubscription(), arbiter,
            config, SystemNanoClock.INSTANCE, digest, IdleStrategies.backoff(), counters, null, WAIT_NS);
        follower = following.get(WAIT_NS, TimeUnit.NANOSECONDS);
        assertTrue(promoted.attachWaitNs() >= 0, "the old primary attached within the wait");
        final long pairedDeadlineNs = System.nanoTime() + WAIT_NS;
        while (promoted.counters().peerIcount() < handOverIcount || follower.counters().icount() < handOverIcount)
        {
            assertTrue(System.nanoTime() - pairedDeadlineNs < 0, "the follower never acknowledged");
            Thread.onSpinWait();
        }
        assertEquals(PrimaryReplica.State.PAIRED.ordinal(), promoted.counters().state());
        assertEquals(BackupReplica.State.FOLLOWING.ordinal(), follower.counters().state());
        assertEquals(2, promoted.replica().generation(), "the next failover claims the generation after the one won");
        assertEquals(2, follower.replica().generation());
        assertEquals(0, promoted.counters().failovers() + follower.counters().failovers());

        final StateComparison comparison = ReplicaComparison.stopAndCompare(promoted, follower, config, WAIT_NS);
        assertTrue(comparison.same(), comparison.toString());
        assertTrue(comparison.primaryIcount() >= handOverIcount, comparison.toString());
    }

    private static MachineContext machine()
    {
        return new MachineContext().ramMib(16).clock(new VirtualClock()).entropy(new HostEntropy());
    }
}
