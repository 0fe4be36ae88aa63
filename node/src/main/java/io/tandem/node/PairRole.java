package io.tandem.node;

/** Which replicas of a {@link Pair} run in this process. */
public enum PairRole
{
    /** Primary and backup, over IPC unless the transport says otherwise. */
    BOTH,
    /** The primary only; the backup is elsewhere. */
    PRIMARY,
    /** The backup only; the primary is elsewhere. */
    BACKUP;

    /** @return true when this process runs a primary. */
    public boolean hasPrimary()
    {
        return this != BACKUP;
    }

    /** @return true when this process runs a backup. */
    public boolean hasBackup()
    {
        return this != PRIMARY;
    }
}
