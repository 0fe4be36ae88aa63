package io.tandem.node;

import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.MemoryChannel;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pause of the whole process (a safepoint, a collection, a stop signal, a starved host)
 * silences both replicas of a pair at once: the first to run again must not take the other for
 * dead, while a peer that really stopped is still declared dead within the failure timeout. Both
 * nodes are the library's, stepped from the test's thread on one virtual clock.
 */
class ProcessPauseTest
{
    private static final long FAILURE_TIMEOUT_NS = 200_000_000L;
    private static final long STEP_NS = 1_000_000L;
    private static final long HEARTBEAT_NS = 10 * STEP_NS;

    @TempDir
    Path tmp;

    private final Path elf = TestGuests.guest("echo.elf");
    private final CachedNanoClock clock = new CachedNanoClock();
    private FileArbiter arbiter;
    private PrimaryNode primaryNode;
    private BackupNode backupNode;
    private PrimaryReplica primary;
    private BackupReplica backup;

    @BeforeEach
    void startSteppedPair()
    {
        final MemoryChannel logChannel = new MemoryChannel();
        final MemoryChannel ackChannel = new MemoryChannel();
        arbiter = new FileArbiter(tmp);
        final PairConfig config = new PairConfig().failureTimeoutNs(FAILURE_TIMEOUT_NS).startupTimeoutNs(FAILURE_TIMEOUT_NS)
            .heartbeatIntervalNs(HEARTBEAT_NS).sliceInstructions(50_000);
        primaryNode = new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(elf)).machine(machine())
            .network(PacketSource.NONE, null).channels(logChannel, ackChannel).arbiter(arbiter).config(config)
            .clock(clock).counters(TestCounters.inMemory()));
        backupNode = new BackupNode(new BackupNodeContext().image(ElfReader.read(elf)).machine(machine())
            .network(PacketSource.NONE, null).channels(logChannel, ackChannel).arbiter(arbiter).config(config)
            .clock(clock).counters(TestCounters.inMemory()));
        final byte[] digest = ElfDigest.sha256(elf);
        primaryNode.begin(digest);
        backupNode.begin(digest, 1_000_000_000L);
        primary = primaryNode.replica();
        backup = backupNode.replica();
        for (int step = 0; step < 200; step++)
        {
            clock.update(clock.nanoTime() + STEP_NS);
            primary.doWork();
            backup.doWork();
        }
        assertPaired("before the pause");
    }

    @AfterEach
    void closeNodes()
    {
        CloseHelper.closeAll(primaryNode, backupNode);
    }

    private static MachineContext machine()
    {
        return new MachineContext().ramMib(16).clock(new VirtualClock()).entropy(new HostEntropy());
    }

    private void assertPaired(final String when)
    {
        assertEquals(PrimaryReplica.State.PAIRED, primary.state(), when + ": " + primary.haltReason());
        assertEquals(BackupReplica.State.FOLLOWING, backup.state(), when + ": " + backup.haltReason());
        assertEquals(0, arbiter.currentGeneration("tandem"), when + ": nobody claimed a generation");
    }

    @Test
    void aPauseOfBothReplicasIsNotTakenForAFailureByThePrimaryRunningFirst()
    {
        clock.update(clock.nanoTime() + 5 * FAILURE_TIMEOUT_NS); // both threads stood still
        primary.doWork();
        backup.doWork();
        for (int step = 0; step < 400; step++)
        {
            clock.update(clock.nanoTime() + STEP_NS);
            primary.doWork();
            backup.doWork();
        }
        assertPaired("after a pause of both");
    }

    @Test
    void aPauseOfBothReplicasIsNotTakenForAFailureByTheBackupRunningFirst()
    {
        clock.update(clock.nanoTime() + 5 * FAILURE_TIMEOUT_NS);
        backup.doWork();
        primary.doWork();
        for (int step = 0; step < 400; step++)
        {
            clock.update(clock.nanoTime() + STEP_NS);
            backup.doWork();
            primary.doWork();
        }
        assertPaired("after a pause of both");
    }

    @Test
    void aBackupThatStopsAfterThePauseIsStillDeclaredDeadWithinTheFailureTimeout()
    {
        clock.update(clock.nanoTime() + 5 * FAILURE_TIMEOUT_NS);
        primary.doWork(); // the backup never runs again
        long silentNs = 0;
        while (primary.state() == PrimaryReplica.State.PAIRED && silentNs < 10 * FAILURE_TIMEOUT_NS)
        {
            clock.update(clock.nanoTime() + STEP_NS);
            silentNs += STEP_NS;
            primary.doWork();
        }
        assertEquals(PrimaryReplica.State.ALONE, primary.state(), String.valueOf(primary.haltReason()));
        // The pause counts as half a timeout at most; before it, the backup had been silent for
        // less than a heartbeat interval: the rest is the primary's own running time.
        assertTrue(silentNs > FAILURE_TIMEOUT_NS / 2 - HEARTBEAT_NS && silentNs <= FAILURE_TIMEOUT_NS + STEP_NS,
            "went alone after " + silentNs / 1_000_000 + " ms of its own running");
        assertEquals(1, primaryNode.counters().failovers());
    }

    @Test
    void aPrimaryThatStopsIsDeclaredDeadByARunningBackupWithinTheFailureTimeout()
    {
        long silentNs = 0;
        while (backup.state() == BackupReplica.State.FOLLOWING && silentNs < 10 * FAILURE_TIMEOUT_NS)
        {
            clock.update(clock.nanoTime() + STEP_NS);
            silentNs += STEP_NS;
            backup.doWork();
        }
        assertEquals(BackupReplica.State.LIVE, backup.state(), String.valueOf(backup.haltReason()));
        assertTrue(silentNs > FAILURE_TIMEOUT_NS - 20 * STEP_NS && silentNs <= FAILURE_TIMEOUT_NS + 20 * STEP_NS,
            "went live after " + silentNs / 1_000_000 + " ms of silence");
    }
}
