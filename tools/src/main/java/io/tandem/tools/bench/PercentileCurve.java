package io.tandem.tools.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The points of a percentile-distribution plot: (percentile as a fraction, value in the display
 * unit), as HdrHistogram's own percentile output steps them (finer towards the tail), ending at
 * the maximum placed where one sample in the count sits.
 */
final class PercentileCurve
{
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private PercentileCurve()
    {
    }

    /** @return [[fraction, value], ...]; empty for an empty histogram. */
    static List<List<Double>> points(final Histogram histogram, final DisplayUnit unit)
    {
        final List<List<Double>> points = new ArrayList<>();
        final long count = histogram.getTotalCount();
        if (count == 0)
        {
            return points;
        }
        // 100% is infinitely far right on a 1/(1-p) axis: the maximum goes where p = 1 - 1/count.
        final double last = count > 1 ? 1.0 - 1.0 / count : 0.0;
        for (final HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE))
        {
            final double fraction = v.getPercentileLevelIteratedTo() / 100.0;
            if (fraction >= last && !points.isEmpty())
            {
                break;
            }
            points.add(List.of(Math.min(fraction, last), unit.of(v.getValueIteratedTo())));
        }
        points.add(List.of(last, unit.of(histogram.getMaxValue())));
        return points;
    }
}
