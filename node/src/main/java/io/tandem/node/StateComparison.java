package io.tandem.node;

/** Where both replicas of a {@link Pair} stood when compared ({@link Pair#stopAndCompare}). */
public final class StateComparison
{
    private final long primaryIcount;
    private final long primaryHash;
    private final long backupIcount;
    private final long backupHash;
    private final String problem;

    StateComparison(
        final long primaryIcount, final long primaryHash, final long backupIcount, final long backupHash,
        final String problem)
    {
        this.primaryIcount = primaryIcount;
        this.primaryHash = primaryHash;
        this.backupIcount = backupIcount;
        this.backupHash = backupHash;
        this.problem = problem;
    }

    /** @return true when both machines reached the same state hash at the same instruction count. */
    public boolean same()
    {
        return problem == null && primaryIcount == backupIcount && primaryHash == backupHash;
    }

    /** @return the primary's final instruction count. */
    public long primaryIcount()
    {
        return primaryIcount;
    }

    /** @return the primary's final state hash. */
    public long primaryHash()
    {
        return primaryHash;
    }

    /** @return the backup's instruction count when compared. */
    public long backupIcount()
    {
        return backupIcount;
    }

    /** @return the backup's state hash when compared. */
    public long backupHash()
    {
        return backupHash;
    }

    /** @return why the comparison could not be made, or null. */
    public String problem()
    {
        return problem;
    }

    @Override
    public String toString()
    {
        if (problem != null)
        {
            return "not compared: " + problem;
        }
        return same() ?
            String.format("same state: both at instruction %d, state hash %016x", primaryIcount, primaryHash) :
            String.format("DIFFERENT: primary at instruction %d hash %016x, backup at %d hash %016x",
                primaryIcount, primaryHash, backupIcount, backupHash);
    }
}
