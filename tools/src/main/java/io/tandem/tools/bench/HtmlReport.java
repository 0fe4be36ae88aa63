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

    private static void figuresTable(final StringBuilder html, final ResultsDirectory after, final ResultsDirectory before)
    {
        html.append("<h2>Figures</h2>\n<table class=\"figures\">\n<tr><th>scenario</th><th>configuration</th>")
            .append("<th>metric</th>");
        html.append(before != null ? "<th>before</th><th>after</th><th>after / before</th>" : "<th>value</th>");
        html.append("<th>unit</th></tr>\n");
        final Map<String, Map<String, Object>> earlier = new LinkedHashMap<>();
        if (before != null)
        {
            for (final Map<String, Object> f : before.figures())
            {
                earlier.put(key(f), f);
            }
        }
        final List<Map<String, Object>> rows = new ArrayList<>(after.figures());
        if (before != null)
        {
            // Figures only the earlier run has still show, with an empty "after".
            final Map<String, Map<String, Object>> later = new LinkedHashMap<>();
            for (final Map<String, Object> f : after.figures())
            {
                later.put(key(f), f);
            }
            earlier.forEach((k, f) -> { if (!later.containsKey(k)) rows.add(f); });
        }
        for (final Map<String, Object> f : rows)
        {
            html.append("<tr><td>").append(escape((String)f.get("scenario"))).append("</td><td>")
                .append(escape((String)f.get("configuration"))).append("</td><td>")
                .append(escape((String)f.get("metric"))).append("</td>");
            if (before != null)
            {
                final Map<String, Object> b = earlier.get(key(f));
                final boolean inAfter = after.figures().contains(f);
                final Object bValue = b == null ? null : b.get("value");
                final Object aValue = inAfter ? f.get("value") : null;
                html.append("<td class=\"num\">").append(number(bValue)).append("</td><td class=\"num\">")
                    .append(number(aValue)).append("</td><td class=\"num\">").append(ratio(aValue, bValue)).append("</td>");
            }
            else
            {
                html.append("<td class=\"num\">").append(number(f.get("value"))).append("</td>");
            }
            html.append("<td>").append(escape((String)f.get("unit"))).append("</td></tr>\n");
        }
        html.append("</table>\n");
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

    private static String key(final Map<String, Object> figure)
    {
        return figure.get("scenario") + "\u0000" + figure.get("configuration") + "\u0000" + figure.get("metric") +
            "\u0000" + figure.get("unit");
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
