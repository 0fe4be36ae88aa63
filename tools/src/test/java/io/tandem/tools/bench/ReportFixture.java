package io.tandem.tools.bench;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small results directory written through the same classes a bench run uses, with values
 * drawn from a fixed seed: test data for the report, not figures of anything.
 */
final class ReportFixture
{
    /** Series in the fixture: two plots, two and one lines. */
    static final int SERIES = 3;

    private ReportFixture()
    {
    }

    /**
     * @param directory where to write.
     * @param scale     multiplies every value (a "before" and an "after" differ by it).
     */
    static void write(final Path directory, final double scale)
    {
        final BenchResults results = new BenchResults(directory, "test fixture", "quick");
        final SplittableRandom random = new SplittableRandom(1);
        for (final String configuration : new String[] {"solo", "pair IPC"})
        {
            final LatencySeries series = results.series("latency-" + configuration.replace(' ', '-'), "latency",
                "kvstore round trip", configuration, DisplayUnit.MICROSECONDS);
            for (int interval = 0; interval < 3; interval++)
            {
                final Histogram h = LatencySeries.newHistogram();
                h.setStartTimeStamp(System.currentTimeMillis());
                for (int i = 0; i < 1000; i++)
                {
                    // A body around 300 us and a tail out to 30 ms, as round trips have.
                    final double u = random.nextDouble();
                    h.recordValue((long)(scale * 300_000 / Math.max(0.01, 1 - u)));
                }
                h.setEndTimeStamp(System.currentTimeMillis());
                series.interval(h);
            }
            results.figure("latency", configuration, "p50", series.total().getValueAtPercentile(50) / 1e3, "us");
        }
        final LatencySeries failover = results.series("failover-first-reply", "failover", "time from the crash",
            "first reply", DisplayUnit.MILLISECONDS);
        for (int trial = 0; trial < 20; trial++)
        {
            failover.recordAlone((long)(scale * (100 + random.nextInt(20)) * 1_000_000L));
        }
        results.figure("failover", "pair IPC", "first reply p50", failover.total().getValueAtPercentile(50) / 1e6, "ms");
        results.finish(List.of("latency", "failover"), 1_000_000_000L);
    }
}
