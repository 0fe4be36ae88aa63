package io.tandem.engine.replica;

/** What a primary's state transfers to new backups came to: the last one's costs, how many ended, why one stopped. */
final class TransferFigures
{
    private long lastPauseNs;
    private long lastSendPauseNs;
    private long lastTotalNs;
    private long done;
    private String abortReason;

    void completed(final long pauseNs, final long sendPauseNs, final long totalNs)
    {
        lastPauseNs = pauseNs;
        lastSendPauseNs = sendPauseNs;
        lastTotalNs = totalNs;
        done++;
    }

    void aborted(final String reason)
    {
        abortReason = reason;
    }

    long lastPauseNs()
    {
        return lastPauseNs;
    }

    long lastSendPauseNs()
    {
        return lastSendPauseNs;
    }

    long lastTotalNs()
    {
        return lastTotalNs;
    }

    long done()
    {
        return done;
    }

    String abortReason()
    {
        return abortReason;
    }
}
