package io.tandem.tools.bench;

import io.tandem.tools.kv.KvLoad;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a fixed-rate load ({@link KvLoad}: a schedule of intended send times, latency counted from
 * the intended time, so no coordinated omission) on its own threads while this thread logs one
 * interval histogram per second to a series and says how far the load is.
 */
final class LoadRun
{
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private LoadRun()
    {
    }

    /**
     * @param config   the load, without an interval recorder (this sets its own).
     * @param series   where the measured latencies go, interval by interval.
     * @param progress where to say how far the load is.
     * @return the load's report.
     */
    static KvLoad.Report run(final KvLoad.Config config, final LatencySeries series, final Progress progress,
        final long warmupNs, final long durationNs)
    {
        final Recorder recorder = new Recorder(LatencySeries.HIGHEST_TRACKABLE_NS, LatencySeries.SIGNIFICANT_DIGITS);
        config.intervalRecorder(recorder).warmupNs(warmupNs).durationNs(durationNs);
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final Thread load = new Thread(() ->
        {
            try
            {
                outcome.set(KvLoad.run(config));
            }
            catch (final Throwable ex)
            {
                outcome.set(ex);
            }
        }, "tandem-bench-load");
        load.setDaemon(true);
        final long startNs = System.nanoTime();
        load.start();
        Histogram interval = null;
        long nextReportNs = startNs + TimeUnit.SECONDS.toNanos(5);
        try
        {
            while (load.isAlive())
            {
                load.join(TimeUnit.NANOSECONDS.toMillis(INTERVAL_NS));
                interval = recorder.getIntervalHistogram(interval);
                series.interval(interval);
                final long now = System.nanoTime();
                if (now - nextReportNs >= 0 && load.isAlive())
                {
                    nextReportNs = now + TimeUnit.SECONDS.toNanos(5);
                    progress.detail(String.format(Locale.ROOT, "%.0f s of %.0f, %d replies measured so far",
                        (now - startNs) / 1e9, (warmupNs + durationNs) / 1e9, series.total().getTotalCount()));
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the load ran", ex);
        }
        series.interval(recorder.getIntervalHistogram(interval));
        final Object result = outcome.get();
        if (result instanceof Throwable)
        {
            throw new IllegalStateException("the load failed: " + result, (Throwable)result);
        }
        return (KvLoad.Report)result;
    }
}
