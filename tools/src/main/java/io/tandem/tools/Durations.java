package io.tandem.tools;

import java.util.concurrent.TimeUnit;

/** Durations on the command line: a number and a unit, {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
public final class Durations
{
    private Durations()
    {
    }

    /**
     * @param text a number followed by ms, s, m or h (s when no unit is given).
     * @return the duration in nanoseconds.
     * @throws IllegalArgumentException when the text is not a non-negative duration.
     */
    public static long parseNs(final String text)
    {
        final String t = text.trim();
        int split = t.length();
        while (split > 0 && Character.isLetter(t.charAt(split - 1)))
        {
            split--;
        }
        final String unit = t.substring(split);
        final double value;
        try
        {
            value = Double.parseDouble(t.substring(0, split));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a duration (e.g. 500ms, 5s, 2m): " + text, ex);
        }
        final long unitNs;
        switch (unit)
        {
            case "ms": unitNs = TimeUnit.MILLISECONDS.toNanos(1); break;
            case "":
            case "s": unitNs = TimeUnit.SECONDS.toNanos(1); break;
            case "m": unitNs = TimeUnit.MINUTES.toNanos(1); break;
            case "h": unitNs = TimeUnit.HOURS.toNanos(1); break;
            default: throw new IllegalArgumentException("unknown unit '" + unit + "' in duration " + text);
        }
        if (!(value >= 0) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException("a duration must not be negative: " + text);
        }
        return (long)(value * unitNs);
    }
}
