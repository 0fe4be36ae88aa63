package io.tandem.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report of a results directory, or of two (before and after): one self-contained file
 * (no network, no external script) with the figures table and, per plot, the percentile
 * distributions of its series drawn as SVG by the page's own script from the data embedded in it:
 * percentile on a log scale of 1/(1-p), so the tail gets the room, one line per configuration.
 */
final class HtmlReport
{
    private HtmlReport()
    {
    }

    /**
     * @param after  the run to show.
     * @param before an earlier run to compare with, or null.
     * @return the HTML text.
     */
    static String render(final ResultsDirectory after, final ResultsDirectory before)
    {
        final StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<title>Tandem bench").append(before != null ? " comparison" : "").append("</title>\n<style>\n")
            .append(ReportAssets.CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Tandem bench").append(before != null ? ": before and after" : "").append("</h1>\n");
        if (before != null)
        {
            runInfo(html, "before", before);
            runInfo(html, "after", after);
        }
        else
        {
            runInfo(html, null, after);
        }
        figuresTable(html, after, before);
        notes(html, after, before);
        html.append("<h2>Distributions</h2>\n<p class=\"hint\">Percentile on a log scale of 1/(1&minus;p): ")
            .append("each step right is ten times rarer. Latency from the intended send time (fixed-rate senders), ")
            .append("so a stall counts in full.").append(before != null ? " Dashed: before; solid: after." : "")
            .append("</p>\n<div id=\"plots\"></div>\n");
        html.append("<script type=\"application/json\" id=\"bench-data\">")
            .append(Json.write(plots(after, before)).replace("</", "<\\/")).append("</script>\n");
        html.append("<script>\n").append(ReportAssets.PLOT_SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void runInfo(final StringBuilder html, final String label, final ResultsDirectory results)
    {
        final Map<String, Object> run = results.run();
        html.append("<p class=\"run\">");
        if (label != null)
        {
            html.append("<b>").append(label).append(":</b> ");
        }
        html.append(escape(results.directory().toString())).append(" &mdash; <code>")
            .append(escape(String.valueOf(run.get("command")))).append("</code>, started ")
            .append(escape(String.valueOf(run.get("started")))).append(", ")
            .append(escape(number(run.get("elapsedSeconds")))).append(" s; ")
            .append(escape(String.valueOf(run.get("java")))).append(", ")
            .append(escape(String.valueOf(run.get("cores")))).append(" cores, load average ")
            .append(escape(String.valueOf(run.get("loadAverageAtStart")))).append(" at the start, ")
            .append(escape(String.valueOf(run.get("loadAverageAtEnd")))).append(" at the end</p>\n");
    }

    /**
     * One table per scenario: a row per configuration, a column per metric; compared, each cell
     * shows the after figure, and under it the before figure and the ratio.
     */
    private static void figuresTable(final StringBuilder html, final ResultsDirectory after, final ResultsDirectory before)
    {
        html.append("<h2>Figures</h2>\n");
        final Map<String, Map<String, Object>> earlier = index(before == null ? List.of() : before.figures());
        final Map<String, Map<String, Object>> later = index(after.figures());
        final List<Map<String, Object>> all = new ArrayList<>(after.figures());
        earlier.forEach((k, f) -> { if (!later.containsKey(k)) all.add(f); });
        final Map<String, List<Map<String, Object>>> byScenario = new LinkedHashMap<>();
        for (final Map<String, Object> f : all)
        {
            byScenario.computeIfAbsent((String)f.get("scenario"), k -> new ArrayList<>()).add(f);
        }
        for (final Map.Entry<String, List<Map<String, Object>>> scenario : byScenario.entrySet())
        {
            final Map<String, String> columns = new LinkedHashMap<>();
            final Map<String, Boolean> rows = new LinkedHashMap<>();
            for (final Map<String, Object> f : scenario.getValue())
            {
                columns.put(f.get("metric") + "\u0000" + f.get("unit"), (String)f.get("unit"));
                rows.put((String)f.get("configuration"), true);
            }
            html.append("<h3>").append(escape(scenario.getKey())).append("</h3>\n<table class=\"figures\">\n<tr><th></th>");
            for (final String column : columns.keySet())
            {
                final String[] parts = column.split("\u0000", 2);
                html.append("<th>").append(escape(parts[0])).append("<br><small>").append(escape(parts[1]))
                    .append("</small></th>");
            }
            html.append("</tr>\n");
            for (final String row : rows.keySet())
            {
                html.append("<tr><th class=\"row\">").append(escape(row)).append("</th>");
                for (final String column : columns.keySet())
                {
                    final String key = scenario.getKey() + "\u0000" + row + "\u0000" + column;
                    final Map<String, Object> a = later.get(key);
                    final Map<String, Object> b = earlier.get(key);
                    html.append("<td class=\"num\">").append(a == null ? "" : number(a.get("value")));
                    if (before != null && b != null)
                    {
                        html.append("<br><small>before ").append(number(b.get("value")));
                        final String ratio = a == null ? "" : ratio(a.get("value"), b.get("value"));
                        html.append(ratio.isEmpty() ? "" : ", &times;" + ratio).append("</small>");
                    }
                    html.append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static Map<String, Map<String, Object>> index(final List<Map<String, Object>> figures)
    {
        final Map<String, Map<String, Object>> index = new LinkedHashMap<>();
        for (final Map<String, Object> f : figures)
        {
            index.put(f.get("scenario") + "\u0000" + f.get("configuration") + "\u0000" + f.get("metric") + "\u0000" +
                f.get("unit"), f);
        }
        return index;
    }

    private static void notes(final StringBuilder html, final ResultsDirectory after, final ResultsDirectory before)
    {
        final List<String> all = new ArrayList<>(after.notes());
        if (before != null)
        {
            before.notes().forEach(n -> all.add("before: " + n));
        }
        if (all.isEmpty())
        {
            return;
        }
        html.append("<ul class=\"notes\">\n");
        for (final String note : all)
        {
            html.append("<li>").append(escape(note)).append("</li>\n");
        }
        html.append("</ul>\n");
    }

    /** The plots' data: [{title, unit, series: [{label, dashed, points}]}], in order of first appearance. */
    private static List<Object> plots(final ResultsDirectory after, final ResultsDirectory before)
    {
        final Map<String, Map<String, Object>> plots = new LinkedHashMap<>();
        addSeries(plots, after, before != null ? "after: " : "", false);
        if (before != null)
        {
            addSeries(plots, before, "before: ", true);
        }
        return new ArrayList<>(plots.values());
    }

    @SuppressWarnings("unchecked")
    private static void addSeries(final Map<String, Map<String, Object>> plots, final ResultsDirectory results,
        final String prefix, final boolean dashed)
    {
        for (final ResultsDirectory.Series s : results.series())
        {
            final String title = s.scenario + ": " + s.plot;
            final Map<String, Object> plot = plots.computeIfAbsent(title + " [" + s.unit.symbol() + "]", k ->
            {
                final Map<String, Object> made = new LinkedHashMap<>();
                made.put("title", title);
                made.put("unit", s.unit.symbol());
                made.put("series", new ArrayList<>());
                return made;
            });
            final Map<String, Object> line = new LinkedHashMap<>();
            line.put("label", prefix + s.configuration);
            line.put("configuration", s.configuration);
            line.put("dashed", dashed);
            line.put("count", s.histogram.getTotalCount());
            line.put("points", PercentileCurve.points(s.histogram, s.unit));
            ((List<Object>)plot.get("series")).add(line);
        }
    }

    private static String ratio(final Object after, final Object before)
    {
        if (!(after instanceof Number) || !(before instanceof Number) || ((Number)before).doubleValue() == 0)
        {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", ((Number)after).doubleValue() / ((Number)before).doubleValue());
    }

    /** @return a figure as people read it: three significant digits, no exponent for everyday sizes. */
    static String number(final Object value)
    {
        if (!(value instanceof Number))
        {
            return value == null ? "" : escape(String.valueOf(value));
        }
        final double d = ((Number)value).doubleValue();
        final double magnitude = Math.abs(d);
        if (magnitude >= 100 || d == Math.rint(d) && magnitude < 1e15)
        {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (magnitude >= 10)
        {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        if (magnitude >= 1)
        {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return String.format(Locale.ROOT, "%.3g", d);
    }

    static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
