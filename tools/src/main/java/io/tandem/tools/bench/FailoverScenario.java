package io.tandem.tools.bench;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.node.Pair;
import io.tandem.tools.pair.PairLoad;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Repeated crashes of the primary: per trial a fresh kvstore pair over Aeron IPC under a client
 * load, the primary killed ({@link Pair#killPrimary()}: its thread stops, its streams close),
 * and the times from the kill until the backup went live and until the new primary sent its
 * first reply. The failure timeout dominates both; the rest is the arbiter, finishing the log
 * and re-sending held replies.
 */
final class FailoverScenario implements Scenario
{
    private static final int LOAD_RATE = 500;
    private static final long REPLIES_BEFORE_KILL = 50;
    private static final long TRIAL_DEADLINE_NS = TimeUnit.SECONDS.toNanos(10);

    @Override
    public String name()
    {
        return "failover";
    }

    @Override
    public void plan(final BenchRun run)
    {
        run.progress().plan(run.failoverTrials(), 1.0 + run.failureTimeoutMs() / 1e3);
    }

    @Override
    public void run(final BenchRun run)
    {
        final Path elf = run.guests().elf("kvstore.elf");
        final String plot = String.format(Locale.ROOT, "time from the primary's crash (failure timeout %d ms)",
            run.failureTimeoutMs());
        final LatencySeries live = run.results().series("failover-live", name(), plot, "backup live",
            DisplayUnit.MILLISECONDS);
        final LatencySeries firstReply = run.results().series("failover-first-reply", name(), plot,
            "first reply from the new primary", DisplayUnit.MILLISECONDS);
        final LatencySeries client = run.results().series("failover-client", name(),
            "client round trips across the trials, crashes included", "kvstore, pair IPC, " + LOAD_RATE + " requests/s",
            DisplayUnit.MILLISECONDS);
        int failed = 0;
        final int trials = run.failoverTrials();
        for (int trial = 1; trial <= trials; trial++)
        {
            run.progress().step(String.format(Locale.ROOT, "failover: trial %d of %d", trial, trials),
                1.0 + run.failureTimeoutMs() / 1e3);
            final String problem = trial(run, elf, live, firstReply, client);
            if (problem != null)
            {
                failed++;
                run.progress().detail("trial " + trial + " failed: " + problem);
            }
        }
        final Histogram l = live.total();
        final Histogram r = firstReply.total();
        final String configuration = "kvstore, pair IPC, " + run.failureTimeoutMs() + " ms failure timeout";
        for (final double p : new double[] {50, 90, 99})
        {
            run.results().figure(name(), configuration, "backup live p" + (int)p, ms(l, p), "ms");
        }
        for (final double p : new double[] {50, 90, 99})
        {
            run.results().figure(name(), configuration, "first reply p" + (int)p, ms(r, p), "ms");
        }
        run.results().figure(name(), configuration, "first reply max", r.getTotalCount() == 0 ? Double.NaN :
            r.getMaxValue() / 1e6, "ms");
        run.results().figure(name(), configuration, "trials", trials, "trials");
        run.results().figure(name(), configuration, "failed trials", failed, "trials");
        run.summary().printf(Locale.ROOT, "failover %d trials (%d failed), failure timeout %d ms: backup live p50 %.1f " +
            "p99 %.1f ms; first reply p50 %.1f p90 %.1f p99 %.1f max %.1f ms%n", trials, failed, run.failureTimeoutMs(),
            ms(l, 50), ms(l, 99), ms(r, 50), ms(r, 90), ms(r, 99), r.getTotalCount() == 0 ? Double.NaN : r.getMaxValue() / 1e6);
    }

    /** @return null when the trial measured both times, else what went wrong. */
    private static String trial(final BenchRun run, final Path elf, final LatencySeries live,
        final LatencySeries firstReply, final LatencySeries client)
    {
        try (WorkDirectory work = run.workDirectory("failover-");
            Pair pair = new Pair(PairSetup.context(elf, 7000, PairSetup.Link.IPC,
            PairSetup.config(run.failureTimeoutMs()), work)))
        {
            PairSetup.awaitListening(pair, elf);
            try (PairLoad load = new PairLoad(pair.address(), LOAD_RATE, 1, 7))
            {
                final long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (load.replies() < REPLIES_BEFORE_KILL && System.nanoTime() - warmDeadline < 0)
                {
                    SoloServer.sleepMs(5);
                }
                if (load.replies() < REPLIES_BEFORE_KILL)
                {
                    return "the pair served only " + load.replies() + " replies in 5 s before the crash";
                }
                if (pair.primaryState() != PrimaryReplica.State.PAIRED)
                {
                    return "before the crash, the primary took its backup for dead and went on " +
                        pair.primaryState() + " (a silence longer than the failure timeout)";
                }
                final long killNs = pair.killPrimary();
                final long deadline = killNs + TRIAL_DEADLINE_NS;
                while (pair.firstLiveReplyNs() == 0 && pair.backupState() != BackupReplica.State.HALTED &&
                    System.nanoTime() - deadline < 0)
                {
                    SoloServer.sleepMs(1);
                }
                // A little more load after the first reply shows the client's recovery in its histogram.
                SoloServer.sleepMs(100);
                final long wentLiveNs = pair.backupCounters().wentLiveNs();
                final long firstReplyNs = pair.firstLiveReplyNs();
                client.interval(load.intervalHistogram(null));
                if (wentLiveNs == 0)
                {
                    return "the backup did not go live (" + pair.backupState() + ", " + pair.backupHaltReason() + ")";
                }
                live.recordAlone(wentLiveNs - killNs);
                if (firstReplyNs == 0)
                {
                    return "the new primary sent no reply within " + TimeUnit.NANOSECONDS.toSeconds(TRIAL_DEADLINE_NS) + " s";
                }
                firstReply.recordAlone(firstReplyNs - killNs);
                return null;
            }
        }
    }

    private static double ms(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }
}
