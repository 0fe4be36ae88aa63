package io.tandem.node;

import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.MemoryChannel;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.transport.aeron.PairTransport;
import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A primary stopped on purpose hands over: its guest stops at an instruction count, the log ends
 * with the state hash there, and once the backup has it, the backup goes live at once at that
 * count with that state, through the arbiter, counting a hand-over and no failover. Stepped from
 * the test's thread on one virtual clock, and once on the nodes' own threads over Aeron IPC.
 */
class PlannedPrimaryStopTest
{
    private static final long FAILURE_TIMEOUT_NS = 200_000_000L;
    private static final long STEP_NS = 1_000_000L;

    @TempDir
    Path tmp;

    private Path elf = TestGuests.guest("echo.elf");
    private final CachedNanoClock clock = new CachedNanoClock();
    private final CountersManager counters = TestCounters.inMemory();
    private FileArbiter arbiter;
    private PrimaryNode primaryNode;
    private BackupNode backupNode;
    private PairTransport transport;

    private void build(final NanoClock nodeClock, final boolean handOverOnStop,
        final io.tandem.engine.replica.EntryPublication logOut, final io.tandem.engine.replica.EntrySubscription acksIn,
        final io.tandem.engine.replica.EntrySubscription logIn, final io.tandem.engine.replica.EntryPublication acksOut)
    {
        arbiter = new FileArbiter(tmp);
        final PairConfig config = new PairConfig().failureTimeoutNs(FAILURE_TIMEOUT_NS).startupTimeoutNs(FAILURE_TIMEOUT_NS)
            .heartbeatIntervalNs(10 * STEP_NS).sliceInstructions(50_000);
        primaryNode = new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(elf)).machine(machine())
            .network(PacketSource.NONE, null).channels(logOut, acksIn).arbiter(arbiter).config(config)
            .clock(nodeClock).counters(counters).handOverOnStop(handOverOnStop));
        backupNode = new BackupNode(new BackupNodeContext().image(ElfReader.read(elf)).machine(machine())
            .network(PacketSource.NONE, null).channels(logIn, acksOut).arbiter(arbiter).config(config)
            .clock(nodeClock).counters(counters));
    }

    private static MachineContext machine()
    {
        return new MachineContext().ramMib(16).clock(new VirtualClock()).entropy(new HostEntropy());
    }

    @AfterEach
    void closeNodes()
    {
        CloseHelper.closeAll(primaryNode, backupNode, transport);
    }

    private void stepped()
    {
        final MemoryChannel logChannel = new MemoryChannel();
        final MemoryChannel ackChannel = new MemoryChannel();
        build(clock, false, logChannel, ackChannel, logChannel, ackChannel);
        final byte[] digest = ElfDigest.sha256(elf);
        primaryNode.begin(digest);
        backupNode.begin(digest, 1_000_000_000L);
        for (int step = 0; step < 200; step++)
        {
            clock.update(clock.nanoTime() + STEP_NS);
            primaryNode.replica().doWork();
            backupNode.replica().doWork();
        }
        assertEquals(PrimaryReplica.State.PAIRED, primaryNode.replica().state());
        assertEquals(BackupReplica.State.FOLLOWING, backupNode.replica().state());
    }

    @Test
    void theBackupGoesLiveAtOnceWhereThePrimaryStoppedWithItsState()
    {
        stepped();
        final PrimaryReplica primary = primaryNode.replica();
        final BackupReplica backup = backupNode.replica();
        primary.handOver();
        long tookNs = 0;
        while (backup.state() == BackupReplica.State.FOLLOWING)
        {
            assertTrue(tookNs < FAILURE_TIMEOUT_NS, "the backup did not go live within the failure timeout");
            clock.update(clock.nanoTime() + STEP_NS);
            tookNs += STEP_NS;
            primary.doWork();
            backup.doWork();
        }
        assertEquals(BackupReplica.State.LIVE, backup.state(), backup.haltReason());
        assertTrue(tookNs <= 5 * STEP_NS, "a few duty cycles, not a timeout: " + tookNs / 1_000_000 + " ms");
        assertTrue(backup.liveByHandOver());
        assertEquals(PrimaryReplica.State.HALTED, primary.state());
        assertEquals(PrimaryReplica.HANDED_OVER, primary.haltReason());
        assertTrue(primary.handOverIcount() > 0);
        assertEquals(primary.handOverIcount(), backupNode.machine().icount(), "live where the primary stopped");
        assertEquals(primary.handOverStateHash(), backupNode.machine().stateHash(), "with the primary's state there");
        assertEquals(primaryNode.machine().stateHash(), backupNode.machine().stateHash());

        for (int step = 0; step < 50; step++)
        {
            clock.update(clock.nanoTime() + STEP_NS);
            primary.doWork();
            backup.doWork();
        }
        assertEquals(PrimaryReplica.State.HALTED, primary.state(), "a handed-over primary runs no more");
        assertEquals(BackupReplica.State.LIVE, backup.state());
        assertEquals(1, primaryNode.counters().handOvers());
        assertEquals(0, primaryNode.counters().failovers());
        assertEquals(1, backupNode.counters().handOvers());
        assertEquals(0, backupNode.counters().failovers());
        assertEquals(1, arbiter.currentGeneration("tandem"), "the backup won the next generation");
        assertEquals(Arbiter.Outcome.LOST, arbiter.testAndSet("tandem", 1, "primary"));
    }

    /**
     * A guest at work when the primary stops (not waiting in WFI): the primary stops between two
     * slices, at no check point, and the backup's replay, held at that count by the log's last
     * entry, must still compare the state hash there and go live.
     */
    @Test
    void aGuestAtWorkIsHandedOverWhereItStoodBetweenTwoSlices()
    {
        elf = TestGuests.guest("cpubench_quick.elf");
        stepped();
        final PrimaryReplica primary = primaryNode.replica();
        final BackupReplica backup = backupNode.replica();
        assertTrue(primaryNode.machine().icount() % primaryNode.machine().checkInterval() != 0 ||
            primaryNode.machine().icount() == 0, "set up: the primary stands between two check points");
        primary.handOver();
        long tookNs = 0;
        while (backup.state() == BackupReplica.State.FOLLOWING)
        {
            assertTrue(tookNs < FAILURE_TIMEOUT_NS, "the backup did not go live within the failure timeout");
            clock.update(clock.nanoTime() + STEP_NS);
            tookNs += STEP_NS;
            primary.doWork();
            backup.doWork();
        }
        assertEquals(BackupReplica.State.LIVE, backup.state(), backup.haltReason());
        assertTrue(backup.liveByHandOver());
        assertEquals(primary.handOverIcount(), backupNode.machine().icount(), "live where the primary stopped");
        assertEquals(primary.handOverStateHash(), backup.handOverStateHash(), "the hash there compared by the replay");
        assertEquals(primaryNode.machine().stateHash(), backupNode.machine().stateHash());
    }

    @Test
    void aHandOverTheBackupNeverAcknowledgesStopsThePrimaryAfterTheFailureTimeoutWithNobodyClaiming()
    {
        stepped();
        final PrimaryReplica primary = primaryNode.replica();
        primary.handOver();
        long tookNs = 0;
        while (primary.state() == PrimaryReplica.State.PAIRED)
        {
            assertTrue(tookNs < 3 * FAILURE_TIMEOUT_NS, "the primary never gave up");
            clock.update(clock.nanoTime() + STEP_NS);
            tookNs += STEP_NS;
            primary.doWork(); // the backup's thread no longer runs
        }
        assertEquals(PrimaryReplica.HAND_OVER_UNACKNOWLEDGED, primary.haltReason());
        assertEquals(0, primaryNode.counters().handOvers());
        assertEquals(0, arbiter.currentGeneration("tandem"), "the stopping primary claims nothing");
    }

    @Test
    void aPrimaryNodeStoppedWithHandOverOnStopHandsOverOnItsOwnThread()
    {
        transport = PairTransport.ipc();
        assertTrue(transport.awaitConnected(TimeUnit.SECONDS.toNanos(10)));
        build(SystemNanoClock.INSTANCE, true, transport.logPublication(), transport.ackSubscription(),
            transport.logSubscription(), transport.ackPublication());
        final byte[] digest = ElfDigest.sha256(elf);
        primaryNode.start(digest, 0);
        backupNode.start(digest, TimeUnit.SECONDS.toNanos(10));
        final long followingDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (backupNode.counters().icount() == 0 || primaryNode.counters().peerIcount() == 0)
        {
            assertTrue(System.nanoTime() - followingDeadlineNs < 0, "the backup never followed");
            Thread.onSpinWait();
        }
        primaryNode.stop();
        assertEquals(PrimaryReplica.HANDED_OVER, primaryNode.replica().haltReason());
        final long liveDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backupNode.counters().state() != BackupReplica.State.LIVE.ordinal())
        {
            assertTrue(System.nanoTime() - liveDeadlineNs < 0, "the backup did not go live");
            Thread.onSpinWait();
        }
        assertEquals(1, backupNode.counters().handOvers());
        assertEquals(0, backupNode.counters().failovers());
        assertEquals(1, primaryNode.counters().handOvers());
    }
}
