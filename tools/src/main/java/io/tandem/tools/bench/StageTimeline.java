package io.tandem.tools.bench;

import io.tandem.engine.replica.RequestTimeline;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The pair's per-request timeline ({@link RequestTimeline}, on with {@code -Dtandem.timeline=true})
 * as one HdrHistogram per stage: the time from each stage to the next, and from the datagram's read
 * to the reply's send, printed as percentiles in microseconds. Read once the load is over.
 */
final class StageTimeline
{
    private static final long HIGHEST_NS = 10_000_000_000L;

    private StageTimeline()
    {
    }

    /** Forgets the requests kept so far, before a load whose timeline is to be printed. */
    static void clear()
    {
        if (RequestTimeline.ENABLED)
        {
            RequestTimeline.PAIR.clear();
        }
    }

    /**
     * Prints each stage's histogram of the requests kept since {@link #clear()}, when the
     * timeline is on.
     *
     * @param out   where.
     * @param title what ran (guest, configuration, rate).
     */
    static void print(final PrintStream out, final String title)
    {
        if (!RequestTimeline.ENABLED)
        {
            return;
        }
        final int rows = RequestTimeline.PAIR.rows();
        final Histogram[] stages = new Histogram[RequestTimeline.STAGES];
        for (int s = 0; s < stages.length; s++)
        {
            stages[s] = new Histogram(HIGHEST_NS, 3);
        }
        for (int r = 0; r < rows; r++)
        {
            for (int s = 1; s < RequestTimeline.STAGES; s++)
            {
                record(stages[s], RequestTimeline.PAIR.stamp(r, s) - RequestTimeline.PAIR.stamp(r, s - 1));
            }
            record(stages[0], RequestTimeline.PAIR.stamp(r, RequestTimeline.SENT) - RequestTimeline.PAIR.stamp(r, RequestTimeline.READ));
        }
        out.printf(Locale.ROOT, "timeline  %s: %d requests followed (not kept: %d the ring full, %d missing a " +
            "stage); us from the stage before (0 when it came first, on the other thread)%n", title, rows,
            RequestTimeline.PAIR.dropped(), RequestTimeline.PAIR.incomplete());
        out.printf(Locale.ROOT, "          %-34s %9s %9s %9s %9s %9s%n", "stage", "p50", "p90", "p99", "p99.9", "max");
        for (int s = 1; s < RequestTimeline.STAGES; s++)
        {
            line(out, RequestTimeline.name(s - 1) + " -> " + RequestTimeline.name(s), stages[s]);
        }
        line(out, "read -> sent (whole)", stages[0]);
        perSecondMaxima(out, rows);
    }

    /**
     * Each second's slowest followed request and its longest stage: where the millisecond stalls
     * of a pair come from.
     */
    private static void perSecondMaxima(final PrintStream out, final int rows)
    {
        if (rows == 0)
        {
            return;
        }
        final long start = RequestTimeline.PAIR.stamp(0, RequestTimeline.READ);
        final StringBuilder line = new StringBuilder("          each second's slowest (us, its longest stage):");
        int second = 0;
        int slowest = -1;
        for (int r = 0; r <= rows; r++)
        {
            final int at = r < rows ? (int)((RequestTimeline.PAIR.stamp(r, RequestTimeline.READ) - start) / 1_000_000_000L) : -1;
            if (at != second && slowest >= 0)
            {
                int longest = 1;
                for (int s = 2; s < RequestTimeline.STAGES; s++)
                {
                    if (stageNs(slowest, s) > stageNs(slowest, longest))
                    {
                        longest = s;
                    }
                }
                line.append(String.format(Locale.ROOT, " %d (%s %d)", whole(slowest) / 1000,
                    RequestTimeline.name(longest), stageNs(slowest, longest) / 1000));
                slowest = -1;
            }
            if (r < rows)
            {
                second = at;
                if (slowest < 0 || whole(r) > whole(slowest))
                {
                    slowest = r;
                }
            }
        }
        out.println(line);
    }

    private static long whole(final int row)
    {
        return RequestTimeline.PAIR.stamp(row, RequestTimeline.SENT) -
            RequestTimeline.PAIR.stamp(row, RequestTimeline.READ);
    }

    private static long stageNs(final int row, final int index)
    {
        return RequestTimeline.PAIR.stamp(row, index) - RequestTimeline.PAIR.stamp(row, index - 1);
    }

    private static void record(final Histogram histogram, final long ns)
    {
        histogram.recordValue(Math.max(0, Math.min(ns, HIGHEST_NS)));
    }

    private static void line(final PrintStream out, final String label, final Histogram h)
    {
        if (h.getTotalCount() == 0)
        {
            out.printf(Locale.ROOT, "          %-34s %9s%n", label, "-");
            return;
        }
        out.printf(Locale.ROOT, "          %-34s %9.1f %9.1f %9.1f %9.1f %9.1f%n", label,
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
}
