package io.tandem.node;

import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;

/**
 * What a {@link BackupNode} is built from: the common settings, its log in and acknowledgements
 * out. Without a guest image the node joins a running primary by state transfer.
 */
public final class BackupNodeContext extends NodeContext<BackupNodeContext>
{
    private EntrySubscription logSubscription;
    private EntryPublication ackPublication;

    /** Defaults; the idle strategy from {@value PairContext#BACKUP_IDLE_PROP_NAME}. */
    public BackupNodeContext()
    {
        super("backup", PairContext.BACKUP_IDLE_PROP_NAME);
    }

    /**
     * @param logSubscription the log channel from the primary.
     * @param ackPublication  the acknowledgements to the primary.
     * @return this.
     */
    public BackupNodeContext channels(final EntrySubscription logSubscription, final EntryPublication ackPublication)
    {
        this.logSubscription = logSubscription;
        this.ackPublication = ackPublication;
        return this;
    }

    /** @return the log channel from the primary. */
    public EntrySubscription logSubscription()
    {
        return logSubscription;
    }

    /** @return the acknowledgements to the primary. */
    public EntryPublication ackPublication()
    {
        return ackPublication;
    }

    @Override
    void concludeChannels()
    {
        require(logSubscription, "a log subscription");
        require(ackPublication, "an acknowledgement publication");
    }
}
