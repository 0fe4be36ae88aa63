package io.tandem.tools.bench;

import java.util.Arrays;

/**
 * The request path's landmarks in a {@link HandOffLog}, whatever happened around them: for each
 * request the first event of each label after the previous landmark, and the median offset from
 * the client's send of each. Steadier than a whole path's median on a loaded machine, where few
 * requests share one path; for {@link HandOffTrace}.
 */
final class HandOffMilestones
{
    /** The primary's way from the bridge's signal to the frame's send, in the order they must come. */
    static final String[] PRIMARY_PATH = {"P<-N", "P>NET_FRAME", "P:held", "P>EPOCH", "P:ack", "P:sent"};
    /** The same when the primary's thread reads the socket itself: its wait ends with the datagram. */
    static final String[] POLLED_PRIMARY_PATH = {"P:ready", "P>NET_FRAME", "P:held", "P>EPOCH", "P:ack", "P:sent"};

    private HandOffMilestones()
    {
    }

    /**
     * Prints one line per landmark: its median offset from the send and the step from the one before,
     * over the requests that passed every landmark.
     *
     * @param labels     the landmarks, in order.
     * @param log        the events.
     * @param sent       each request's send time.
     * @param replied    each request's reply time.
     * @param firstEvent each request's first event in the log; one more entry: the end of the last.
     */
    static void print(final String[] labels, final HandOffLog log, final long[] sent, final long[] replied,
        final int[] firstEvent)
    {
        final long[][] offsets = new long[labels.length + 1][sent.length];
        int complete = 0;
        for (int r = 0; r < sent.length; r++)
        {
            int from = firstEvent[r];
            boolean all = true;
            for (int m = 0; m < labels.length && all; m++)
            {
                int found = -1;
                for (int e = from; e < firstEvent[r + 1] && found < 0; e++)
                {
                    if (log.time(e) >= sent[r] && labels[m].equals(log.label(e)))
                    {
                        found = e;
                    }
                }
                all = found >= 0;
                if (all)
                {
                    offsets[m][complete] = log.time(found) - sent[r];
                    from = found + 1;
                }
            }
            if (all)
            {
                offsets[labels.length][complete] = replied[r] - sent[r];
                complete++;
            }
        }
        System.out.printf("%n  landmarks (median offset from the send, us; step), %d of %d requests passed them all:%n",
            complete, sent.length);
        if (complete == 0)
        {
            return;
        }
        long previous = 0;
        for (int m = 0; m <= labels.length; m++)
        {
            final long[] at = Arrays.copyOf(offsets[m], complete);
            Arrays.sort(at);
            final long median = at[complete / 2];
            System.out.printf("    %-14s %8.1f  %+8.1f%n", m < labels.length ? labels[m] : "reply", median / 1e3,
                (median - previous) / 1e3);
            previous = median;
        }
    }
}
