package io.tandem.tools;

import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.util.Locale;

/** How the pair commands write figures: durations, counts, sizes and latency percentiles. */
final class FigureText
{
    private FigureText()
    {
    }

    static String hostPort(final InetSocketAddress address)
    {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** @return a UDP channel's endpoint ({@code HOST:PORT}), or the channel as given when it names none. */
    static String endpoint(final String channel)
    {
        final int at = channel.indexOf("endpoint=");
        if (at < 0)
        {
            return channel;
        }
        final int end = channel.indexOf('|', at);
        return channel.substring(at + "endpoint=".length(), end < 0 ? channel.length() : end);
    }

    static String ms(final long nanos)
    {
        return String.format(Locale.ROOT, nanos < 10_000_000L ? "%.2f ms" : "%.0f ms", nanos / 1e6);
    }

    static String us(final long nanos)
    {
        return nanos < 1_000_000L ? String.format(Locale.ROOT, "%.0f us", nanos / 1e3) :
            String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String count(final long n)
    {
        if (n < 10_000)
        {
            return Long.toString(n);
        }
        return n < 10_000_000 ? String.format(Locale.ROOT, "%.1fk", n / 1e3) : String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }

    static String bytes(final double bytes)
    {
        if (bytes < 1024)
        {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024) :
            String.format(Locale.ROOT, "%.2f MiB", bytes / (1024 * 1024));
    }

    /** @return p50 and p99 of an interval, or "-" without samples. */
    static String latency(final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return "-";
        }
        return "p50 " + us(histogram.getValueAtPercentile(50)) + " p99 " + us(histogram.getValueAtPercentile(99));
    }

    static String percentiles(final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return "no samples";
        }
        return "p50 " + us(histogram.getValueAtPercentile(50)) + ", p90 " + us(histogram.getValueAtPercentile(90)) +
            ", p99 " + us(histogram.getValueAtPercentile(99)) + ", p99.9 " + us(histogram.getValueAtPercentile(99.9)) +
            ", max " + us(histogram.getMaxValue());
    }

    /** @return the lag in instructions and, at the given speed, in time. */
    static String lag(final long lagInstructions, final double mips)
    {
        return count(lagInstructions) + " instr (" + (lagInstructions == 0 ? "0 ms" :
            mips > 0 ? ms((long)(lagInstructions * 1e3 / mips)) : "-") + ")";
    }
}
