package io.tandem.tools.bench;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.node.Pair;
import io.tandem.node.JoinFigures;
import io.tandem.tools.pair.PairLoad;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Redundancy restored: a kvstore pair over Aeron IPC under a client load that writes (half of
 * its requests are PUTs), its backup killed again and again, each time a new backup joining the
 * primary, which runs alone meanwhile, by pre-copy state transfer. Per guest RAM size: how long the
 * primary's guest was stopped, and how long the whole transfer took. Only the pages the guest has
 * written travel (the rest is zero and is skipped), so the RAM size bounds the work, the guest's
 * footprint decides it.
 */
final class JoinScenario implements Scenario
{
    private static final int LOAD_RATE = 500;
    private static final long REPLIES_BETWEEN_JOINS = 50;
    private static final long STEP_DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);
    /**
     * The failure timeout of these pairs, ms: long enough that a starved thread is not taken for
     * a dead peer in the middle of the series (which would end it), short enough that the primary
     * notices its killed backup quickly.
     */
    private static final long FAILURE_TIMEOUT_MS = 500;

    @Override
    public String name()
    {
        return "join";
    }

    @Override
    public void plan(final BenchRun run)
    {
        final int[] sizes = run.size().joinRamMib;
        run.progress().plan(sizes.length * run.size().joins, 1.0);
    }

    @Override
    public void run(final BenchRun run)
    {
        final Path elf = run.guests().elf("kvstore.elf");
        for (final int ramMib : run.size().joinRamMib)
        {
            series(run, elf, ramMib);
        }
    }

    private void series(final BenchRun run, final Path elf, final int ramMib)
    {
        final String configuration = "kvstore, " + ramMib + " MiB RAM, " + LOAD_RATE + " requests/s";
        final LatencySeries pause = run.results().series("join-pause-" + ramMib + "mib", name(),
            "a new backup by state transfer: the primary's guest stopped", configuration, DisplayUnit.MILLISECONDS);
        final LatencySeries transfer = run.results().series("join-transfer-" + ramMib + "mib", name(),
            "a new backup by state transfer: the whole transfer", configuration, DisplayUnit.MILLISECONDS);
        final int joins = run.size().joins;
        long pages = 0;
        String problem = null;
        try (WorkDirectory work = run.workDirectory("join-");
            Pair pair = new Pair(PairSetup.context(elf, 7000, PairSetup.Link.IPC, PairSetup.config(FAILURE_TIMEOUT_MS), work)
                .ramMib(ramMib)))
        {
            PairSetup.awaitListening(pair, elf);
            try (PairLoad load = new PairLoad(pair.address(), LOAD_RATE, 1, 11))
            {
                for (int join = 1; join <= joins && problem == null; join++)
                {
                    run.progress().step(String.format(Locale.ROOT, "join: %d MiB, join %d of %d", ramMib, join, joins), 1.0);
                    problem = awaitReplies(load, load.replies() + REPLIES_BETWEEN_JOINS);
                    if (problem != null)
                    {
                        break;
                    }
                    pair.killBackup();
                    problem = awaitAlone(pair);
                    if (problem != null)
                    {
                        break;
                    }
                    final JoinFigures figures = pair.joinBackup(STEP_DEADLINE_NS);
                    if (pair.primaryState() != PrimaryReplica.State.PAIRED ||
                        pair.backupState() != BackupReplica.State.FOLLOWING)
                    {
                        problem = "after join " + join + " the primary is " + pair.primaryState() + " and the backup " +
                            pair.backupState();
                        break;
                    }
                    pause.recordAlone(figures.pauseNs());
                    transfer.recordAlone(figures.transferNs());
                    pages = figures.pages();
                }
            }
        }
        catch (final RuntimeException ex)
        {
            problem = ex.getMessage();
        }
        final Histogram p = pause.total();
        final Histogram t = transfer.total();
        for (final double percentile : new double[] {50, 90, 99})
        {
            run.results().figure(name(), configuration, "pause p" + (int)percentile, ms(p, percentile), "ms");
        }
        run.results().figure(name(), configuration, "pause max", p.getTotalCount() == 0 ? Double.NaN : p.getMaxValue() / 1e6, "ms");
        run.results().figure(name(), configuration, "transfer p50", ms(t, 50), "ms");
        run.results().figure(name(), configuration, "transfer max", t.getTotalCount() == 0 ? Double.NaN : t.getMaxValue() / 1e6, "ms");
        run.results().figure(name(), configuration, "pages sent", pages, "pages");
        run.results().figure(name(), configuration, "joins", p.getTotalCount(), "joins");
        if (problem != null)
        {
            run.results().note("join: " + configuration + ": stopped after " + p.getTotalCount() + " joins: " + problem);
            run.progress().detail("join series stopped: " + problem);
        }
        run.summary().printf(Locale.ROOT, "join     %-40s %d joins: pause p50 %.1f p90 %.1f max %.1f ms; " +
            "transfer p50 %.1f max %.1f ms; %d pages in the last%s%n", configuration, p.getTotalCount(), ms(p, 50),
            ms(p, 90), p.getTotalCount() == 0 ? Double.NaN : p.getMaxValue() / 1e6, ms(t, 50),
            t.getTotalCount() == 0 ? Double.NaN : t.getMaxValue() / 1e6, pages, problem != null ? " (" + problem + ")" : "");
    }

    private static String awaitReplies(final PairLoad load, final long replies)
    {
        final long deadline = System.nanoTime() + STEP_DEADLINE_NS;
        while (load.replies() < replies)
        {
            if (System.nanoTime() - deadline > 0)
            {
                return "the client got only " + load.replies() + " of " + replies + " replies";
            }
            SoloServer.sleepMs(5);
        }
        return null;
    }

    private static String awaitAlone(final Pair pair)
    {
        final long deadline = System.nanoTime() + STEP_DEADLINE_NS;
        while (pair.primaryState() == PrimaryReplica.State.PAIRED && System.nanoTime() - deadline < 0)
        {
            SoloServer.sleepMs(1);
        }
        return pair.primaryState() == PrimaryReplica.State.ALONE ? null :
            "the primary did not go on alone after its backup died: " + pair.primaryState() + " " + pair.primaryHaltReason();
    }

    private static double ms(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }
}
