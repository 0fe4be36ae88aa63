package io.tandem.tools.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PercentileCurveTest
{
    @Test
    void pointsRiseAndEndAtTheMaximumWhereOneSampleInTheCountSits()
    {
        final Histogram h = LatencySeries.newHistogram();
        for (int i = 1; i <= 1000; i++)
        {
            h.recordValue(i * 1_000L); // 1 us .. 1 ms
        }
        final List<List<Double>> points = PercentileCurve.points(h, DisplayUnit.MICROSECONDS);
        assertTrue(points.size() > 10, "enough points for a curve: " + points.size());
        for (int i = 1; i < points.size(); i++)
        {
            assertTrue(points.get(i).get(0) >= points.get(i - 1).get(0), "percentiles never go back");
            assertTrue(points.get(i).get(1) >= points.get(i - 1).get(1), "values never go down");
            assertTrue(points.get(i).get(0) < 1.0, "100% has no place on a 1/(1-p) axis");
        }
        final List<Double> last = points.get(points.size() - 1);
        assertEquals(1.0 - 1.0 / 1000, last.get(0), 1e-12);
        assertEquals(h.getMaxValue() / 1e3, last.get(1), 1e-9);
    }

    @Test
    void anEmptyHistogramHasNoPoints()
    {
        assertEquals(List.of(), PercentileCurve.points(LatencySeries.newHistogram(), DisplayUnit.MILLISECONDS));
    }
}
