package io.tandem.tools.bench;

import io.tandem.node.Pair;
import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * The backup's lag behind the primary, sampled about every millisecond, under the CPU benchmark
 * and under kvstore with a client load. In instructions: the primary's count minus the backup's.
 * In time: how long ago the primary passed the instruction the backup has reached (zero when the
 * backup stands where the primary does), found in a ring of the primary's recent counts; that is
 * about how long a failover would spend replaying before the backup can go live.
 */
final class LagScenario implements Scenario
{
    private static final int HISTORY = 1 << 16;
    private static final long INTERVAL_NS = 1_000_000_000L;

    @Override
    public String name()
    {
        return "lag";
    }

    @Override
    public void plan(final BenchRun run)
    {
        run.progress().plan(2, run.size().lagSeconds + 1);
    }

    @Override
    public void run(final BenchRun run)
    {
        final String plot = "backup's lag behind the primary, in time";
        for (final Workload workload : new Workload[] {Workload.CPU, Workload.KVSTORE_LOAD})
        {
            final String label = workload.label(run.size().requestRate);
            run.progress().step("lag: " + label + " for " + run.size().lagSeconds + " s", run.size().lagSeconds + 1);
            final LatencySeries series = run.results().series("lag-" + workload.name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), name(), plot, label, DisplayUnit.MILLISECONDS);
            final Probe probe = new Probe(series);
            try (WorkDirectory work = run.workDirectory("lag-"))
            {
                WorkloadRun.run(run, workload, run.size().lagSeconds, work, probe);
            }
            probe.endInterval();
            final Histogram t = series.total();
            final Histogram i = probe.instructions;
            for (final double p : new double[] {50, 99})
            {
                run.results().figure(name(), label, "time p" + (int)p, t.getValueAtPercentile(p) / 1e6, "ms");
            }
            run.results().figure(name(), label, "time max", t.getMaxValue() / 1e6, "ms");
            for (final double p : new double[] {50, 99})
            {
                run.results().figure(name(), label, "instructions p" + (int)p, i.getValueAtPercentile(p), "instructions");
            }
            run.results().figure(name(), label, "instructions max", i.getMaxValue(), "instructions");
            run.results().figure(name(), label, "samples", t.getTotalCount(), "samples");
            run.summary().printf(Locale.ROOT, "lag      %-40s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms | " +
                "instructions p50 %,d p99 %,d max %,d%n", label, t.getValueAtPercentile(50) / 1e6,
                t.getValueAtPercentile(99) / 1e6, t.getMaxValue() / 1e6, i.getValueAtPercentile(50),
                i.getValueAtPercentile(99), i.getMaxValue());
        }
    }

    /**
     * Samples both counts; keeps the primary's recent counts to turn the backup's into a time;
     * logs the time lag to the series one interval a second.
     */
    private static final class Probe implements WorkloadRun.Sampler
    {
        final Histogram instructions = new Histogram(3);
        private final LatencySeries series;
        private final Histogram timeNs = LatencySeries.newHistogram();
        private final PrimaryProgress primaryProgress = new PrimaryProgress(HISTORY);
        private long intervalStartNs = System.nanoTime();

        Probe(final LatencySeries series)
        {
            this.series = series;
            timeNs.setStartTimeStamp(System.currentTimeMillis());
        }

        /** Logs the values sampled since the last interval. */
        void endInterval()
        {
            timeNs.setEndTimeStamp(System.currentTimeMillis());
            series.interval(timeNs);
            timeNs.reset();
            timeNs.setStartTimeStamp(System.currentTimeMillis());
        }

        @Override
        public void sample(final Pair pair, final long nowNs)
        {
            // Backup first: the primary read after it is at least as far, so the lag is never negative.
            final long backup = pair.backupCounters().icount();
            final long primary = pair.primaryCounters().icount();
            primaryProgress.record(nowNs, primary);
            instructions.recordValue(Math.max(0, primary - backup));
            timeNs.recordValue(Math.min(primaryProgress.lagNs(backup, nowNs), LatencySeries.HIGHEST_TRACKABLE_NS));
            if (nowNs - intervalStartNs >= INTERVAL_NS)
            {
                intervalStartNs = nowNs;
                endInterval();
            }
        }
    }
}
