package io.tandem.tools.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One measured distribution of a run (one line of a plot): values recorded in nanoseconds,
 * written as they come to an HdrHistogram interval log ({@code NAME.hlog}) and, at the end, as a
 * percentile distribution ({@code NAME.hgrm}) in the series' display unit.
 */
final class LatencySeries implements AutoCloseable
{
    /** Largest value tracked: longer ones are recorded as this. */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    /** Value precision of every histogram of a run. */
    static final int SIGNIFICANT_DIGITS = 3;
    private static final int PERCENTILE_TICKS_PER_HALF_DISTANCE = 5;

    private final Path directory;
    private final String file;
    private final String scenario;
    private final String plot;
    private final String configuration;
    private final DisplayUnit unit;
    private final Histogram total = new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private final PrintStream logStream;
    private final HistogramLogWriter log;
    private final long startMs;
    private boolean closed;

    /**
     * @param directory     the results directory.
     * @param file          file name without extension, unique in the directory.
     * @param scenario      the scenario that measured it.
     * @param plot          title of the plot it belongs to (series with the same plot are drawn together).
     * @param configuration the line's label in that plot.
     * @param unit          how values are shown.
     */
    LatencySeries(final Path directory, final String file, final String scenario, final String plot,
        final String configuration, final DisplayUnit unit)
    {
        this.directory = directory;
        this.file = file;
        this.scenario = scenario;
        this.plot = plot;
        this.configuration = configuration;
        this.unit = unit;
        try
        {
            logStream = new PrintStream(directory.resolve(file + ".hlog").toFile(), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + directory.resolve(file + ".hlog") + ": " + ex.getMessage(), ex);
        }
        log = new HistogramLogWriter(logStream);
        startMs = System.currentTimeMillis();
        log.outputLogFormatVersion();
        log.outputComment("tandem bench " + scenario + ": " + plot + ", " + configuration + " (values in ns)");
        log.outputStartTime(startMs);
        log.setBaseTime(startMs);
        log.outputLegend();
    }

    /** @return a new histogram of the run's range and precision, to record an interval into. */
    static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /**
     * Logs one interval's values (ns) and adds them to the total; an empty interval is skipped.
     *
     * @param interval values recorded in the interval, with its start and end time stamps (ms).
     */
    void interval(final Histogram interval)
    {
        if (interval.getTotalCount() == 0)
        {
            return;
        }
        if (interval.getStartTimeStamp() == Long.MAX_VALUE || interval.getStartTimeStamp() == 0)
        {
            interval.setStartTimeStamp(System.currentTimeMillis());
            interval.setEndTimeStamp(System.currentTimeMillis());
        }
        log.outputIntervalHistogram(interval);
        total.add(interval);
    }

    /** Records one value (ns) as an interval of its own: for rare events such as failovers. */
    void recordAlone(final long valueNs)
    {
        final Histogram one = newHistogram();
        final long now = System.currentTimeMillis();
        one.setStartTimeStamp(now);
        one.recordValue(Math.min(valueNs, HIGHEST_TRACKABLE_NS));
        one.setEndTimeStamp(now);
        interval(one);
    }

    /** @return every value recorded so far. */
    Histogram total()
    {
        return total;
    }

    /** @return the series as summary.json describes it, with its percentiles in its display unit. */
    Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("scenario", scenario);
        map.put("plot", plot);
        map.put("configuration", configuration);
        map.put("file", file);
        map.put("unit", unit.symbol());
        map.put("count", total.getTotalCount());
        if (total.getTotalCount() > 0)
        {
            map.put("p50", unit.of(total.getValueAtPercentile(50)));
            map.put("p90", unit.of(total.getValueAtPercentile(90)));
            map.put("p99", unit.of(total.getValueAtPercentile(99)));
            map.put("p99.9", unit.of(total.getValueAtPercentile(99.9)));
            map.put("max", unit.of(total.getMaxValue()));
        }
        return map;
    }

    /** Writes the {@code .hgrm} file and closes the interval log. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        logStream.close();
        final Path hgrm = directory.resolve(file + ".hgrm");
        try (PrintStream out = new PrintStream(hgrm.toFile(), StandardCharsets.US_ASCII))
        {
            total.outputPercentileDistribution(out, PERCENTILE_TICKS_PER_HALF_DISTANCE, unit.nanosPerUnit());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + hgrm + ": " + ex.getMessage(), ex);
        }
    }
}
