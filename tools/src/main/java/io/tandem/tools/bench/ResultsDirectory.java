package io.tandem.tools.bench;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A results directory read back: summary.json checked for the keys a report needs, and each
 * latency series rebuilt from its interval log (the {@code .hlog} holds every value; the
 * {@code .hgrm} is for people and plotting tools).
 */
final class ResultsDirectory
{
    private final Path directory;
    private final Map<String, Object> run;
    private final List<Map<String, Object>> figures;
    private final List<String> notes;
    private final List<Series> series;

    /** A latency series: where it is drawn, and all its values (ns). */
    static final class Series
    {
        final String scenario;
        final String plot;
        final String configuration;
        final DisplayUnit unit;
        final Histogram histogram;

        Series(final String scenario, final String plot, final String configuration, final DisplayUnit unit,
            final Histogram histogram)
        {
            this.scenario = scenario;
            this.plot = plot;
            this.configuration = configuration;
            this.unit = unit;
            this.histogram = histogram;
        }
    }

    private ResultsDirectory(final Path directory, final Map<String, Object> run,
        final List<Map<String, Object>> figures, final List<String> notes, final List<Series> series)
    {
        this.directory = directory;
        this.run = run;
        this.figures = figures;
        this.notes = notes;
        this.series = series;
    }

    /**
     * @param directory a directory written by {@code tandem bench}.
     * @return its contents.
     * @throws IllegalArgumentException naming the directory or file and what is wrong with it.
     */
    @SuppressWarnings("unchecked")
    static ResultsDirectory read(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException(directory + ": no such directory");
        }
        final Path summaryFile = directory.resolve(BenchResults.SUMMARY_FILE);
        if (!Files.isRegularFile(summaryFile))
        {
            throw new IllegalArgumentException(directory + " is not a results directory: it has no " +
                BenchResults.SUMMARY_FILE + " (written by tandem bench)");
        }
        final Object parsed;
        try
        {
            parsed = Json.parse(Files.readString(summaryFile, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(summaryFile + ": cannot read it: " + ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(summaryFile + ": " + ex.getMessage(), ex);
        }
        if (!(parsed instanceof Map))
        {
            throw new IllegalArgumentException(summaryFile + ": not a JSON object");
        }
        final Map<String, Object> summary = (Map<String, Object>)parsed;
        final Map<String, Object> run = member(summary, "run", Map.class, summaryFile);
        final List<Map<String, Object>> figures = member(summary, "figures", List.class, summaryFile);
        final List<Map<String, Object>> latencies = member(summary, "latencies", List.class, summaryFile);
        final List<String> notes = summary.containsKey("notes") ?
            member(summary, "notes", List.class, summaryFile) : List.of();
        for (final Object figure : figures)
        {
            if (!(figure instanceof Map))
            {
                throw new IllegalArgumentException(summaryFile + ": a figure is not an object");
            }
            final Map<String, Object> f = (Map<String, Object>)figure;
            member(f, "scenario", String.class, summaryFile);
            member(f, "configuration", String.class, summaryFile);
            member(f, "metric", String.class, summaryFile);
            member(f, "unit", String.class, summaryFile);
            if (f.get("value") != null && !(f.get("value") instanceof Number))
            {
                throw new IllegalArgumentException(summaryFile + ": a figure's value is not a number");
            }
        }
        final List<Series> series = new ArrayList<>();
        for (final Object latency : latencies)
        {
            if (!(latency instanceof Map))
            {
                throw new IllegalArgumentException(summaryFile + ": a latency is not an object");
            }
            final Map<String, Object> l = (Map<String, Object>)latency;
            final String file = member(l, "file", String.class, summaryFile);
            if (file.contains("/") || file.contains("\\") || file.startsWith("."))
            {
                throw new IllegalArgumentException(summaryFile + ": a latency file name must be a plain name: " + file);
            }
            series.add(new Series(
                member(l, "scenario", String.class, summaryFile),
                member(l, "plot", String.class, summaryFile),
                member(l, "configuration", String.class, summaryFile),
                DisplayUnit.bySymbol(member(l, "unit", String.class, summaryFile)),
                readLog(directory.resolve(file + ".hlog"))));
        }
        return new ResultsDirectory(directory, run, figures, notes, series);
    }

    /** @return every interval of an interval log, added up. */
    static Histogram readLog(final Path hlog)
    {
        if (!Files.isRegularFile(hlog))
        {
            throw new IllegalArgumentException(hlog + ": missing (summary.json names it)");
        }
        final Histogram total = LatencySeries.newHistogram();
        try
        {
            final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
            try
            {
                for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram())
                {
                    total.add((Histogram)h);
                }
            }
            finally
            {
                reader.close();
            }
        }
        catch (final FileNotFoundException ex)
        {
            throw new IllegalArgumentException(hlog + ": cannot read it: " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(hlog + ": not a readable HdrHistogram interval log: " + ex, ex);
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static <T> T member(final Map<String, Object> map, final String key, final Class<?> type, final Path file)
    {
        final Object value = map.get(key);
        if (!type.isInstance(value))
        {
            throw new IllegalArgumentException(file + ": '" + key + "' is missing or is not a" +
                (type == Map.class ? "n object" : type == List.class ? "n array" : " string"));
        }
        return (T)value;
    }

    Path directory()
    {
        return directory;
    }

    Map<String, Object> run()
    {
        return run;
    }

    List<Map<String, Object>> figures()
    {
        return figures;
    }

    List<String> notes()
    {
        return notes;
    }

    List<Series> series()
    {
        return series;
    }
}
