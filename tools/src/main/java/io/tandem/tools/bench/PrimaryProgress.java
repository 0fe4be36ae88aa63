package io.tandem.tools.bench;

/**
 * The primary's recent instruction counts with the times they were sampled, to turn the
 * backup's instruction count into a lag in time: how long ago the primary passed the instruction
 * the backup has reached. A ring of the last {@code capacity} samples; older ones are forgotten,
 * so a lag longer than the ring covers reads as the ring's span (a lower bound).
 */
final class PrimaryProgress
{
    private final long[] times;
    private final long[] counts;
    private final int mask;
    private long samples;

    /** @param capacity samples kept, a power of two. */
    PrimaryProgress(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        times = new long[capacity];
        counts = new long[capacity];
        mask = capacity - 1;
    }

    /**
     * @param nowNs          when the count was read.
     * @param primaryIcount  the primary's instruction count then (never smaller than the last one).
     */
    void record(final long nowNs, final long primaryIcount)
    {
        final int slot = (int)(samples++ & mask);
        times[slot] = nowNs;
        counts[slot] = primaryIcount;
    }

    /**
     * @param backupIcount the backup's instruction count, read before the last recorded sample.
     * @param nowNs        now.
     * @return now minus the first recorded time the primary was past {@code backupIcount}; 0 when
     *         the primary is not past it (the backup stands where the primary does), or nothing was recorded.
     */
    long lagNs(final long backupIcount, final long nowNs)
    {
        if (samples == 0 || counts[(int)((samples - 1) & mask)] <= backupIcount)
        {
            return 0;
        }
        // Counts never decrease: binary search for the first sample past the backup.
        long lo = Math.max(0, samples - times.length);
        long hi = samples - 1;
        while (lo < hi)
        {
            final long mid = (lo + hi) >>> 1;
            if (counts[(int)(mid & mask)] > backupIcount)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return nowNs - times[(int)(lo & mask)];
    }
}
