package io.tandem.node;

/** What a state transfer to a new backup cost the primary ({@link Pair#joinBackup}, {@link Pair#lastJoin}). */
public final class JoinFigures
{
    private final long pauseNs;
    private final long sendPauseNs;
    private final long transferNs;
    private final long pages;
    private final long cutSequence;
    private final long generation;

    JoinFigures(final long pauseNs, final long sendPauseNs, final long transferNs, final long pages,
        final long cutSequence, final long generation)
    {
        this.pauseNs = pauseNs;
        this.sendPauseNs = sendPauseNs;
        this.transferNs = transferNs;
        this.pages = pages;
        this.cutSequence = cutSequence;
        this.generation = generation;
    }

    /** @return how long the primary's guest was stopped, ns. */
    public long pauseNs()
    {
        return pauseNs;
    }

    /** @return of the pause, the part spent sending the last pages, state and END frame, ns. */
    public long sendPauseNs()
    {
        return sendPauseNs;
    }

    /** @return from the transfer's start to the cut, ns. */
    public long transferNs()
    {
        return transferNs;
    }

    /** @return pages received, counting pages sent again. */
    public long pages()
    {
        return pages;
    }

    /** @return the last log entry the transferred state holds. */
    public long cutSequence()
    {
        return cutSequence;
    }

    /** @return the generation the new pair's failover claims. */
    public long generation()
    {
        return generation;
    }
}
