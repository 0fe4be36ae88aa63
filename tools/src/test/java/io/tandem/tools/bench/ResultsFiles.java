package io.tandem.tools.bench;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a results directory's files parse: summary.json, and each series' .hgrm and .hlog. */
final class ResultsFiles
{
    private ResultsFiles()
    {
    }

    /** @return summary.json, after checking it and every file it names. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> check(final Path directory) throws IOException
    {
        final Map<String, Object> summary = (Map<String, Object>)Json.parse(
            Files.readString(directory.resolve("summary.json"), StandardCharsets.UTF_8));
        assertEquals(1L, summary.get("format"));
        final Map<String, Object> run = (Map<String, Object>)summary.get("run");
        for (final String key : new String[] {"command", "size", "started", "java", "cores", "scenarios", "elapsedSeconds"})
        {
            assertTrue(run.containsKey(key), "run lacks " + key);
        }
        for (final Map<String, Object> figure : (List<Map<String, Object>>)summary.get("figures"))
        {
            assertTrue(figure.keySet().containsAll(List.of("scenario", "configuration", "metric", "value", "unit")),
                "figure " + figure);
        }
        for (final Map<String, Object> latency : (List<Map<String, Object>>)summary.get("latencies"))
        {
            assertTrue(latency.keySet().containsAll(List.of("scenario", "plot", "configuration", "file", "unit", "count")),
                "latency " + latency);
            final String file = (String)latency.get("file");
            final long intervalCount = checkLog(directory.resolve(file + ".hlog"), (Long)latency.get("count"));
            assertTrue(intervalCount > 0 || (Long)latency.get("count") == 0, file + ".hlog has no interval");
            checkPercentiles(directory.resolve(file + ".hgrm"), (Long)latency.get("count"));
        }
        assertTrue(Files.size(directory.resolve("report.html")) > 0);
        return summary;
    }

    /** @return intervals in the log, after checking that their counts add up to {@code count}. */
    private static long checkLog(final Path hlog, final long count) throws IOException
    {
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        long intervals = 0;
        long values = 0;
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram())
        {
            intervals++;
            values += ((org.HdrHistogram.Histogram)h).getTotalCount();
        }
        reader.close();
        assertEquals(count, values, hlog + ": values in the intervals");
        return intervals;
    }

    /** An .hgrm: the header, rows of four numbers, and the footer with the total count. */
    private static void checkPercentiles(final Path hgrm, final long count) throws IOException
    {
        final List<String> lines = Files.readAllLines(hgrm, StandardCharsets.US_ASCII);
        assertTrue(lines.get(0).trim().startsWith("Value"), hgrm + ": header " + lines.get(0));
        int rows = 0;
        for (final String line : lines)
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length == 4 && !line.startsWith("#") && !fields[0].equals("Value"))
            {
                Double.parseDouble(fields[0]);
                Double.parseDouble(fields[1]);
                Long.parseLong(fields[2]);
                rows++;
            }
        }
        assertTrue(count == 0 || rows > 0, hgrm + ": no percentile rows");
        final Pattern footer = Pattern.compile("Total count\\s*=\\s*(\\d+)");
        assertTrue(lines.stream().map(footer::matcher).anyMatch(m -> m.find() && Long.parseLong(m.group(1)) == count),
            hgrm + ": footer count");
    }
}
