package io.tandem.node;

import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.MemoryChannel;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.transport.aeron.PairTransport;
import org.agrona.CloseHelper;
import io.tandem.engine.replica.ReplicaCounters;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup stopped on purpose tells its primary that it will not go live: the primary goes on
 * alone at once, claims nothing at the arbiter and counts no failover, where a backup that just
 * falls silent costs a failure timeout and a failover. Both nodes are the library's, stepped from
 * the test's thread on one virtual clock.
 */
class PlannedBackupStopTest
{
    private static final String THREADS = "threads";
    private static final long FAILURE_TIMEOUT_NS = 200_000_000L;
    private static final long STEP_NS = 1_000_000L;
    private static final long HEARTBEAT_NS = 10 * STEP_NS;

    @TempDir
    Path tmp;

    private final Path elf = TestGuests.guest("echo.elf");
    private final CachedNanoClock clock = new CachedNanoClock();
    private final MemoryChannel logChannel = new MemoryChannel();
    private final MemoryChannel ackChannel = new MemoryChannel();
    private final CountersManager counters = TestCounters.inMemory();
    private FileArbiter arbiter;
    private PrimaryNode primaryNode;
    private BackupNode backupNode;
    private PrimaryReplica primary;
    private BackupReplica backup;
    private PairTransport transport;

    /** Builds both nodes on {@code nodeClock} over the in-memory channels: not started, nothing logged. */
    private void build(final NanoClock nodeClock)
    {
        build(nodeClock, logChannel, ackChannel, logChannel, ackChannel);
    }

    private void build(
        final NanoClock nodeClock, final EntryPublication logOut, final EntrySubscription acksIn,
        final EntrySubscription logIn, final EntryPublication acksOut)
    {
        arbiter = new FileArbiter(tmp);
        final PairConfig config = new PairConfig().failureTimeoutNs(FAILURE_TIMEOUT_NS).startupTimeoutNs(FAILURE_TIMEOUT_NS)
            .heartbeatIntervalNs(HEARTBEAT_NS).sliceInstructions(50_000);
        primaryNode = new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(elf)).machine(machine())
            .network(PacketSource.NONE, null).channels(logOut, acksIn).arbiter(arbiter).config(config)
            .clock(nodeClock).counters(counters));
        backupNode = new BackupNode(new BackupNodeContext().image(ElfReader.read(elf)).machine(machine())
            .network(PacketSource.NONE, null).channels(logIn, acksOut).arbiter(arbiter).config(config)
            .clock(nodeClock).counters(counters));
    }

    /** Both nodes on the test's clock, stepped from this thread until the backup follows. */
    @BeforeEach
    void startSteppedPair(final TestInfo test)
    {
        if (test.getTags().contains(THREADS))
        {
            return;
        }
        build(clock);
        final byte[] digest = ElfDigest.sha256(elf);
        primaryNode.begin(digest);
        backupNode.begin(digest, 1_000_000_000L);
        primary = primaryNode.replica();
        backup = backupNode.replica();
        for (int step = 0; step < 200; step++)
        {
            stepBoth();
        }
        assertEquals(PrimaryReplica.State.PAIRED, primary.state(), primary.haltReason());
        assertEquals(BackupReplica.State.FOLLOWING, backup.state(), backup.haltReason());
        assertTrue(backup.machine().icount() > 0, "the backup replays");
    }

    @AfterEach
    void closeNodes()
    {
        CloseHelper.closeAll(primaryNode, backupNode, transport);
    }

    private MachineContext machine()
    {
        return new MachineContext().ramMib(16).clock(new VirtualClock()).entropy(new HostEntropy());
    }

    private void stepBoth()
    {
        clock.update(clock.nanoTime() + STEP_NS);
        primary.doWork();
        backup.doWork();
    }

    @Test
    void aBackupThatLeavesLetsThePrimaryGoOnAloneAtOnceWithoutAFailover() throws Exception
    {
        backup.leave();
        stepBoth();
        assertEquals(BackupReplica.State.HALTED, backup.state());
        assertEquals(BackupReplica.LEFT, backup.haltReason());
        primary.doWork();
        assertEquals(PrimaryReplica.State.ALONE, primary.state(), "alone at the duty cycle that reads the notice");

        for (long waitedNs = 0; waitedNs < 3 * FAILURE_TIMEOUT_NS; waitedNs += STEP_NS)
        {
            stepBoth(); // the halted backup neither replays on nor claims
        }
        assertEquals(PrimaryReplica.State.ALONE, primary.state(), primary.haltReason());
        assertEquals(BackupReplica.State.HALTED, backup.state());
        assertEquals(0, primaryNode.counters().failovers());
        assertEquals(1, primaryNode.counters().backupsLeft());
        assertEquals(0, backupNode.counters().failovers());
        assertEquals(0, arbiter.currentGeneration("tandem"), "nobody claimed a generation");
        try (var files = Files.list(tmp))
        {
            assertFalse(files.findAny().isPresent(), "no claim in the arbiter's directory");
        }
    }

    @Test
    @Tag(THREADS)
    void leavingBackupNodeHaltsItsThreadAndThePrimaryNodeGoesOnAlone()
    {
        transport = PairTransport.ipc();
        assertTrue(transport.awaitConnected(TimeUnit.SECONDS.toNanos(10)));
        build(SystemNanoClock.INSTANCE, transport.logPublication(), transport.ackSubscription(),
            transport.logSubscription(), transport.ackPublication());
        final byte[] digest = ElfDigest.sha256(elf);
        primaryNode.start(digest, 0);
        backupNode.start(digest, TimeUnit.SECONDS.toNanos(10));
        final ReplicaCounters primaryCounters = primaryNode.counters();
        final long followingDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (backupNode.counters().icount() == 0 || primaryCounters.peerIcount() == 0)
        {
            assertTrue(System.nanoTime() - followingDeadlineNs < 0, "the backup never followed");
            Thread.onSpinWait();
        }

        assertTrue(backupNode.leave(TimeUnit.SECONDS.toNanos(10)), backupNode.replica().haltReason());
        assertEquals(BackupReplica.State.HALTED.ordinal(), backupNode.counters().state());
        final long aloneDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (primaryCounters.state() != PrimaryReplica.State.ALONE.ordinal())
        {
            assertTrue(System.nanoTime() - aloneDeadlineNs < 0, "the primary did not go on alone");
            Thread.onSpinWait();
        }
        primaryNode.stop();
        assertEquals(1, primaryCounters.backupsLeft());
        assertEquals(0, primaryCounters.failovers());
        assertEquals(0, arbiter.currentGeneration("tandem"));
    }

    @Test
    void aBackupThatFallsSilentCostsAFailureTimeoutAndAFailover()
    {
        long silentNs = 0;
        while (primary.state() == PrimaryReplica.State.PAIRED)
        {
            clock.update(clock.nanoTime() + STEP_NS);
            primary.doWork(); // the backup's thread no longer runs
            silentNs += STEP_NS;
            assertTrue(silentNs < 3 * FAILURE_TIMEOUT_NS, "the primary never noticed");
        }
        assertEquals(PrimaryReplica.State.ALONE, primary.state(), primary.haltReason());
        // Counted from the backup's last acknowledgement, up to one heartbeat interval before it stopped.
        assertTrue(silentNs >= FAILURE_TIMEOUT_NS - HEARTBEAT_NS, "alone after " + silentNs + " ns");
        assertEquals(1, primaryNode.counters().failovers());
        assertEquals(0, primaryNode.counters().backupsLeft());
        assertEquals(1, arbiter.currentGeneration("tandem"));
        assertEquals(Arbiter.Outcome.LOST, arbiter.testAndSet("tandem", 1, "backup"));
    }
}
