package io.tandem.tools.pair;

import io.tandem.node.Pair;
import io.tandem.node.JoinFigures;
import io.tandem.node.StateComparison;
import io.tandem.node.PairContext;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.tools.kv.KvClient;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.tandem.tools.pair.PairKvstoreTest.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redundancy restored again and again under a client's CAS-chain load, over Aeron IPC in this
 * JVM: 20 cycles, each killing one side (the backup in even cycles; the primary in odd ones, when
 * the backup goes live and becomes a primary recording a log of its own), each followed by a new
 * backup joining the survivor by state transfer. The client never sees a lost acknowledged write
 * or a request applied twice, and the last pair ends with equal state hashes at the same
 * instruction. Prints the primary's pause percentiles and the transfer times.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PairRejoinLoopTest
{
    private static final int CYCLES = 20;
    /** Long enough that a starved thread on a loaded 2-core machine is not taken for a dead peer. */
    private static final long FAILURE_TIMEOUT_MS = 1_000;
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int STEPS_PER_CYCLE = 20;

    @TempDir
    Path directory;

    private static void await(final String what, final BooleanSupplier condition)
    {
        PairKvstoreTest.await(what, condition, DEADLINE_NS);
    }

    @Test
    void twentyCrashesAlternatingSidesEachFollowedByAJoinLoseNothingAndEndInTheSameState() throws Exception
    {
        final Histogram pauseUs = new Histogram(3);
        final Histogram transferUs = new Histogram(3);
        try (Pair pair = new Pair(new PairContext()
                .elf(guest("kvstore.elf"))
                .network(new InetSocketAddress("127.0.0.1", 0), 7000)
                .workDirectory(directory.resolve("work"))
                .config(new PairConfig().failureTimeoutNs(TimeUnit.MILLISECONDS.toNanos(FAILURE_TIMEOUT_MS))));
            KvClient client = new KvClient(new KvClient.Context().server(pair.address())
                .timeoutNs(TimeUnit.MILLISECONDS.toNanos(100)).maxAttempts(300)))
        {
            assertTrue(pair.console().await("listening", STARTUP), pair.console().text());
            final CasChainWorkload workload = new CasChainWorkload(client);
            await("the client is under way", () -> workload.done() >= 30 || !workload.running());
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                if (cycle % 2 == 0)
                {
                    pair.killBackup();
                    await("the primary goes on alone in cycle " + cycle, () ->
                        pair.primaryState() != PrimaryReplica.State.PAIRED);
                    assertEquals(PrimaryReplica.State.ALONE, pair.primaryState(), pair.primaryHaltReason());
                }
                else
                {
                    pair.killPrimary();
                    await("the backup goes live in cycle " + cycle, () -> pair.backupCounters().wentLiveNs() != 0 ||
                        pair.backupState() == BackupReplica.State.HALTED);
                    assertNotEquals(0, pair.backupCounters().wentLiveNs(), "backup: " + pair.backupHaltReason());
                    pair.promoteLiveBackup();
                }
                final JoinFigures join = pair.joinBackup(DEADLINE_NS);
                assertEquals(cycle + 2, join.generation(), "each pair fails over on a generation of its own");
                pauseUs.recordValue(Math.max(1, join.pauseNs() / 1000));
                transferUs.recordValue(Math.max(1, join.transferNs() / 1000));
                final int doneAtJoin = workload.done();
                await("the client carries on with the new pair in cycle " + cycle, () ->
                    workload.done() >= doneAtJoin + STEPS_PER_CYCLE || !workload.running());
                assertTrue(workload.running(), "the client stopped in cycle " + cycle);
            }
            workload.close();
            workload.verify();
            final StateComparison comparison = pair.stopAndCompare(TimeUnit.SECONDS.toNanos(30));
            assertNull(comparison.problem(), comparison.toString());
            assertTrue(comparison.same(), comparison.toString());
            System.out.printf("%d cycles, %d client steps: state hashes equal at instruction %d%n", CYCLES,
                workload.done(), comparison.primaryIcount());
        }
        System.out.printf("%d joins under kvstore load: primary paused p50 %d us, p90 %d us, p99 %d us, max %d us; " +
            "whole transfer p50 %d us, p90 %d us, max %d us%n", CYCLES, pauseUs.getValueAtPercentile(50),
            pauseUs.getValueAtPercentile(90), pauseUs.getValueAtPercentile(99), pauseUs.getMaxValue(),
            transferUs.getValueAtPercentile(50), transferUs.getValueAtPercentile(90), transferUs.getMaxValue());
    }
}
