package io.tandem.tools.pair;

import io.tandem.node.Pair;
import io.tandem.node.JoinFigures;
import io.tandem.node.StateComparison;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.tools.kv.KvClient;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kvstore pair over Aeron IPC in this JVM, under a client's CAS-chain load: its backup is
 * killed, the primary goes on alone, and a new backup joins by state transfer over the transfer
 * stream, again and again. The client never sees a lost acknowledged write or a request applied
 * twice; the last pair ends in the same state; a joined backup takes over when the primary dies.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PairJoinTest
{
    /** Long enough that a starved thread on a loaded 2-core machine is not taken for a dead peer. */
    private static final long FAILURE_TIMEOUT_MS = 1_000;
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int JOINS = 5;

    @TempDir
    Path directory;

    private Pair startKvstore()
    {
        return PairKvstoreTest.startKvstore(directory, FAILURE_TIMEOUT_MS);
    }

    private static KvClient client(final Pair pair)
    {
        return PairKvstoreTest.client(pair, 200);
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        PairKvstoreTest.await(what, condition, DEADLINE_NS);
    }

    /** Kills the backup, waits for the primary to go on alone, and joins a new backup. */
    private static JoinFigures killAndJoin(final Pair pair)
    {
        pair.killBackup();
        await("the primary goes on alone", () -> pair.primaryState() == PrimaryReplica.State.ALONE ||
            pair.primaryState() == PrimaryReplica.State.HALTED);
        assertEquals(PrimaryReplica.State.ALONE, pair.primaryState(), pair.primaryHaltReason());
        final JoinFigures join = pair.joinBackup(DEADLINE_NS);
        assertEquals(PrimaryReplica.State.PAIRED, pair.primaryState());
        assertEquals(BackupReplica.State.FOLLOWING, pair.backupState(), pair.backupHaltReason());
        return join;
    }

    @Test
    void newBackupsJoinTheAlonePrimaryUnderLoadAndTheLastPairEndsInTheSameState() throws Exception
    {
        final Histogram pauseUs = new Histogram(3);
        final Histogram sendPauseUs = new Histogram(3);
        final Histogram transferUs = new Histogram(3);
        try (Pair pair = startKvstore();
            KvClient client = client(pair))
        {
            final CasChainWorkload workload = new CasChainWorkload(client);
            await("the client is under way", () -> workload.done() >= 50 || !workload.running());
            for (int join = 0; join < JOINS; join++)
            {
                final JoinFigures figures = killAndJoin(pair);
                assertEquals(join + 2, figures.generation(), "each new pair fails over on a generation of its own");
                pauseUs.recordValue(Math.max(1, figures.pauseNs() / 1000));
                sendPauseUs.recordValue(Math.max(1, figures.sendPauseNs() / 1000));
                transferUs.recordValue(Math.max(1, figures.transferNs() / 1000));
                final int doneAtJoin = workload.done();
                await("the client carries on with the new pair", () -> workload.done() >= doneAtJoin + 30 ||
                    !workload.running());
                assertTrue(pair.primaryCounters().sequence() > figures.cutSequence(),
                    "the new backup acknowledged the log after the cut");
            }
            workload.close();
            workload.verify();
            final StateComparison comparison = pair.stopAndCompare(TimeUnit.SECONDS.toNanos(30));
            assertNull(comparison.problem(), comparison.toString());
            assertTrue(comparison.same(), comparison.toString());
        }
        System.out.printf("%d joins under kvstore load: primary paused p50 %d us, p90 %d us, max %d us " +
            "(of which sending the last pages and state: p50 %d us, max %d us; the rest copies the disk image); " +
            "whole transfer p50 %d us, max %d us%n", JOINS, pauseUs.getValueAtPercentile(50),
            pauseUs.getValueAtPercentile(90), pauseUs.getMaxValue(), sendPauseUs.getValueAtPercentile(50),
            sendPauseUs.getMaxValue(), transferUs.getValueAtPercentile(50), transferUs.getMaxValue());
    }

    @Test
    void aJoinedBackupTakesOverWhenThePrimaryDiesAndTheClientLosesNothing() throws Exception
    {
        try (Pair pair = startKvstore();
            KvClient client = client(pair))
        {
            final CasChainWorkload workload = new CasChainWorkload(client);
            await("the client is under way", () -> workload.done() >= 50 || !workload.running());
            final JoinFigures join = killAndJoin(pair);
            final int doneAtJoin = workload.done();
            await("the client carries on with the new pair", () -> workload.done() >= doneAtJoin + 50 ||
                !workload.running());
            pair.killPrimary();
            final int doneAtKill = workload.done();
            await("the joined backup went live", () -> pair.backupCounters().wentLiveNs() != 0 ||
                pair.backupState() == BackupReplica.State.HALTED);
            assertNotEquals(0, pair.backupCounters().wentLiveNs(), "backup: " + pair.backupHaltReason());
            assertTrue(Files.exists(pair.workDirectory().resolve("arbiter").resolve("tandem-generation-" +
                join.generation())), "the joined backup won the new pair's generation");
            await("the client carried on against the new primary", () -> workload.done() >= doneAtKill + 100 ||
                !workload.running());
            workload.close();
            assertTrue(workload.done() >= doneAtKill + 100, "ops after the kill: " + (workload.done() - doneAtKill));
            workload.verify();
            assertEquals(BackupReplica.State.LIVE, pair.backupState());
        }
    }
}
