package io.tandem.node;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;

/**
 * The primary's acknowledgement latencies: the time from an entry's send to the first
 * acknowledgement that covers it, as the primary sees it (that is what releases outputs). The
 * primary's log writer samples them where the ack arrives ({@code PairLogWriter.acknowledged})
 * and {@link #record}s them on the primary's thread; a monitoring thread takes interval
 * histograms.
 */
public final class AckLatency
{
    /** Longest latency tracked; longer ones are recorded as this. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(HIGHEST_TRACKABLE_NS, 3);

    /** @param latencyNs one acknowledgement's latency, ns (on the primary's thread only). */
    public void record(final long latencyNs)
    {
        recorder.recordValue(Math.min(latencyNs, HIGHEST_TRACKABLE_NS));
    }

    /**
     * @param recycle a histogram from an earlier call to reuse, or null.
     * @return the latencies recorded since the last call, in nanoseconds.
     */
    public Histogram intervalHistogram(final Histogram recycle)
    {
        return recorder.getIntervalHistogram(recycle);
    }
}
