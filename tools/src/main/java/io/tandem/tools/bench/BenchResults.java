package io.tandem.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a bench run has measured, and its results directory: the latency series (each its own
 * {@code .hgrm} and {@code .hlog}), the figures (one number each, with the configuration and unit
 * it belongs to), and at the end {@code summary.json} and {@code report.html}.
 */
final class BenchResults
{
    /** The machine-readable summary in a results directory. */
    static final String SUMMARY_FILE = "summary.json";
    /** The HTML report in a results directory. */
    static final String REPORT_FILE = "report.html";

    private final Path directory;
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final List<Map<String, Object>> figures = new ArrayList<>();
    private final List<LatencySeries> series = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param directory where to write; made if missing, and must hold no earlier summary.
     * @param command   the command line that produced the run, for the record.
     * @param size      "quick" or "full".
     */
    BenchResults(final Path directory, final String command, final String size)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make the results directory " + directory + ": " + ex.getMessage(), ex);
        }
        if (Files.exists(directory.resolve(SUMMARY_FILE)))
        {
            throw new IllegalArgumentException(directory + " already holds the results of a run (" + SUMMARY_FILE +
                "): give another --out");
        }
        run.put("command", command);
        run.put("size", size);
        run.put("started", Instant.now().toString());
        run.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch"));
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("loadAverageAtStart", loadAverage());
    }

    /** @return the results directory. */
    Path directory()
    {
        return directory;
    }

    /**
     * Starts a latency series; it is written out by {@link #finish}.
     *
     * @return the series, to record into.
     */
    LatencySeries series(final String file, final String scenario, final String plot, final String configuration,
        final DisplayUnit unit)
    {
        final LatencySeries made = new LatencySeries(directory, file, scenario, plot, configuration, unit);
        series.add(made);
        return made;
    }

    /** Adds one figure: a number of one configuration of a scenario. */
    void figure(final String scenario, final String configuration, final String metric, final double value,
        final String unit)
    {
        final Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("scenario", scenario);
        figure.put("configuration", configuration);
        figure.put("metric", metric);
        figure.put("value", value);
        figure.put("unit", unit);
        figures.add(figure);
    }

    /** Adds a sentence that the report shows under the figures (what was skipped, and why). */
    void note(final String note)
    {
        notes.add(note);
    }

    /** @return the figures so far, as summary.json lists them. */
    List<Map<String, Object>> figures()
    {
        return figures;
    }

    /**
     * Closes every series, writes summary.json and report.html.
     *
     * @param scenarios  the scenarios that ran.
     * @param elapsedNs  the run's wall time.
     * @return the summary as written.
     */
    Map<String, Object> finish(final List<String> scenarios, final long elapsedNs)
    {
        final List<Map<String, Object>> latencies = new ArrayList<>();
        for (final LatencySeries s : series)
        {
            s.close();
            latencies.add(s.describe());
        }
        run.put("scenarios", scenarios);
        run.put("elapsedSeconds", elapsedNs / 1e9);
        run.put("loadAverageAtEnd", loadAverage());
        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("format", 1);
        summary.put("run", run);
        summary.put("figures", figures);
        summary.put("latencies", latencies);
        summary.put("notes", notes);
        write(directory.resolve(SUMMARY_FILE), Json.write(summary));
        final ResultsDirectory results = ResultsDirectory.read(directory);
        write(directory.resolve(REPORT_FILE), HtmlReport.render(results, null));
        return summary;
    }

    static void write(final Path file, final String text)
    {
        try
        {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static String loadAverage()
    {
        try
        {
            final String text = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim();
            final String[] parts = text.split(" ");
            return String.format(Locale.ROOT, "%s %s %s", parts[0], parts[1], parts[2]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }
}
