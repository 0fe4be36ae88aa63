package io.tandem.tools.bench;

import io.tandem.codec.EntryType;
import io.tandem.engine.replica.LogStatistics;
import io.tandem.node.Pair;

import java.util.Locale;

/**
 * The log a pair ships and journals, by entry type, per workload: the primary's journal read
 * back after the run and divided by the run's wall time (from the pair's start, so start-up
 * entries are included; the VMware FT paper's figure is the same: logging bandwidth of a workload).
 */
final class BandwidthScenario implements Scenario
{
    @Override
    public String name()
    {
        return "bandwidth";
    }

    @Override
    public void plan(final BenchRun run)
    {
        run.progress().plan(Workload.values().length, run.size().bandwidthSeconds + 1);
    }

    @Override
    public void run(final BenchRun run)
    {
        for (final Workload workload : Workload.values())
        {
            final String label = workload.label(run.size().requestRate);
            run.progress().step("bandwidth: " + label + " for " + run.size().bandwidthSeconds + " s",
                run.size().bandwidthSeconds + 1);
            try (WorkDirectory work = run.workDirectory("bandwidth-"))
            {
                final long elapsedNs = WorkloadRun.run(run, workload, run.size().bandwidthSeconds, work,
                    (pair, now) -> { });
                report(run, label, JournalTally.of(work.path().resolve(Pair.PRIMARY_JOURNAL)), elapsedNs / 1e9);
            }
        }
    }

    private void report(final BenchRun run, final String label, final LogStatistics log, final double seconds)
    {
        final BenchResults results = run.results();
        figures(results, label + ": all entries", log.totalBytes(), log.totalEntries(), seconds);
        final StringBuilder byType = new StringBuilder();
        for (int type = 1; type <= EntryType.MAX; type++)
        {
            if (log.entries(type) == 0)
            {
                continue;
            }
            figures(results, label + ": " + EntryType.name(type), log.bytes(type), log.entries(type), seconds);
            byType.append(' ').append(EntryType.name(type)).append(' ')
                .append(HtmlReport.number(log.entries(type) / seconds)).append("/s");
        }
        run.summary().printf(Locale.ROOT, "bandwidth %-40s %9.3f Mbit/s %8.0f entries/s:%s%n", label,
            log.totalBytes() * 8 / seconds / 1e6, log.totalEntries() / seconds, byType);
    }

    private void figures(final BenchResults results, final String configuration, final long bytes, final long entries,
        final double seconds)
    {
        results.figure(name(), configuration, "bytes/s", bytes / seconds, "B/s");
        results.figure(name(), configuration, "bandwidth", bytes * 8 / seconds / 1e6, "Mbit/s");
        results.figure(name(), configuration, "entries/s", entries / seconds, "1/s");
        results.figure(name(), configuration, "bytes per entry", entries == 0 ? Double.NaN : (double)bytes / entries, "B");
    }
}
