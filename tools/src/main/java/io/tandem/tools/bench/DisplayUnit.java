package io.tandem.tools.bench;

import java.util.Locale;

/** The unit a series' values (recorded in nanoseconds) are shown in. */
enum DisplayUnit
{
    /** Microseconds: round trips. */
    MICROSECONDS("us", 1e3),
    /** Milliseconds: failovers, the backup's lag. */
    MILLISECONDS("ms", 1e6);

    private final String symbol;
    private final double nanosPerUnit;

    DisplayUnit(final String symbol, final double nanosPerUnit)
    {
        this.symbol = symbol;
        this.nanosPerUnit = nanosPerUnit;
    }

    /** @return the symbol written to summary.json and the report. */
    String symbol()
    {
        return symbol;
    }

    /** @return nanoseconds in one unit: the hgrm output's scaling ratio. */
    double nanosPerUnit()
    {
        return nanosPerUnit;
    }

    /** @return a value in ns, in this unit. */
    double of(final long nanos)
    {
        return nanos / nanosPerUnit;
    }

    /**
     * @param symbol as written in summary.json.
     * @return the unit.
     * @throws IllegalArgumentException for an unknown symbol.
     */
    static DisplayUnit bySymbol(final String symbol)
    {
        for (final DisplayUnit unit : values())
        {
            if (unit.symbol.equals(symbol))
            {
                return unit;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown unit '%s' (us or ms)", symbol));
    }
}
