package io.tandem.node;

import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;

/**
 * What a {@link BackupNode} is built from: the common settings, its log in and acknowledgements
 * out. Without a guest image the node joins a running primary by state transfer.
 */
public final class BackupNodeContext extends NodeContext<BackupNodeContext>
{
    /**
     * System property: whether {@link BackupNode#stop()} is a planned stop that tells the primary
     * ({@link BackupNode#leave}) rather than a silent one, which the primary takes for a crash.
     */
    public static final String LEAVE_ON_STOP_PROP_NAME = "tandem.backup.leaveOnStop";

    private EntrySubscription logSubscription;
    private EntryPublication ackPublication;
    private boolean leaveOnStop = Boolean.getBoolean(LEAVE_ON_STOP_PROP_NAME);
    private boolean pastBound;

    /**
     * Defaults; the idle strategy from {@value PairContext#BACKUP_IDLE_PROP_NAME}, leaving on stop
     * from {@value #LEAVE_ON_STOP_PROP_NAME} (false unless set).
     */
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

    /**
     * Breaks the backup's bound on purpose: with nothing more in the log, its machine runs on
     * instead of waiting, past what the primary has logged. Only for showing that the simulation
     * catches a backup that does so.
     *
     * @param runPast true to break the bound; false (the default) for the backup as it must be.
     * @return this.
     */
    public BackupNodeContext runPastBoundForTesting(final boolean runPast)
    {
        this.pastBound = runPast;
        return this;
    }

    /** @return whether the backup runs past its bound on purpose ({@link #runPastBoundForTesting}). */
    public boolean runPastBoundForTesting()
    {
        return pastBound;
    }

    /**
     * @param leaveOnStop true for {@link BackupNode#stop()} to tell the primary that this backup
     *                    will not go live (a planned stop: the primary goes on alone without a
     *                    failover); false (the default) to stop silently, as a crash would.
     * @return this.
     */
    public BackupNodeContext leaveOnStop(final boolean leaveOnStop)
    {
        this.leaveOnStop = leaveOnStop;
        return this;
    }

    /** @return whether {@link BackupNode#stop()} tells the primary. */
    public boolean leaveOnStop()
    {
        return leaveOnStop;
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
