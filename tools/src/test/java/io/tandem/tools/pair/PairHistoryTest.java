package io.tandem.tools.pair;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.node.Pair;
import io.tandem.tools.history.KvOperation;
import io.tandem.tools.history.LinearizabilityChecker;
import io.tandem.tools.kv.KvLoad;
import io.tandem.tools.kv.KvOp;
import io.tandem.tools.kv.KvStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent clients on a few keys while the primary of a kvstore pair crashes: the whole
 * history, reads naming the write they saw, has one order that explains every reply, across the
 * failover.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PairHistoryTest
{
    @TempDir
    Path directory;

    @Test
    void aCrashOfThePrimaryUnderConcurrentClientsLeavesALinearizableHistory() throws Exception
    {
        try (Pair pair = PairKvstoreTest.startKvstore(directory, 1_000))
        {
            final AtomicLong killNs = new AtomicLong();
            final Thread killer = new Thread(() ->
            {
                try
                {
                    Thread.sleep(2_000);
                    killNs.set(pair.killPrimary());
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            final KvLoad.Report report = KvLoad.run(new KvLoad.Config().servers(List.of(pair.address()))
                .ratePerSecond(300).durationNs(TimeUnit.SECONDS.toNanos(5)).warmupNs(0).clients(3).keys(4)
                .putPercent(50).valueSize(32).timeoutNs(TimeUnit.MILLISECONDS.toNanos(300)).maxAttempts(10)
                .seed(7).history(true));
            killer.join();
            assertNotEquals(0, killNs.get(), "the primary was killed mid-load");
            assertEquals(BackupReplica.State.LIVE, pair.backupState(), String.valueOf(pair.backupHaltReason()));

            final List<KvOperation> history = report.history();
            final long afterKill = history.stream().filter(op -> op.invokeNs() > pair.backupCounters().wentLiveNs() &&
                op.status() == KvStatus.OK).count();
            assertTrue(afterKill > 100, "operations answered by the new primary: " + afterKill);
            assertTrue(history.stream().anyMatch(op -> op.op() == KvOp.GET && op.read() != null), "reads saw writes");
            final LinearizabilityChecker.Result result = new LinearizabilityChecker().check(history);
            assertEquals(LinearizabilityChecker.Verdict.LINEARIZABLE, result.verdict(),
                result.summary() + "\n" + result.history().subList(0, Math.min(20, result.history().size())));
        }
    }
}
