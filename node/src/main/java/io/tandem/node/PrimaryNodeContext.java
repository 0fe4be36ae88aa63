package io.tandem.node;

import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;

/** What a {@link PrimaryNode} is built from: the common settings, its log out and acknowledgements in. */
public final class PrimaryNodeContext extends NodeContext<PrimaryNodeContext>
{
    private EntryPublication logPublication;
    private EntrySubscription ackSubscription;

    /** Defaults; the idle strategy from {@value PairContext#PRIMARY_IDLE_PROP_NAME}. */
    public PrimaryNodeContext()
    {
        super("primary", PairContext.PRIMARY_IDLE_PROP_NAME);
    }

    /**
     * @param logPublication the log channel to the backup.
     * @param ackSubscription the acknowledgements from the backup.
     * @return this.
     */
    public PrimaryNodeContext channels(final EntryPublication logPublication, final EntrySubscription ackSubscription)
    {
        this.logPublication = logPublication;
        this.ackSubscription = ackSubscription;
        return this;
    }

    /** @return the log channel to the backup. */
    public EntryPublication logPublication()
    {
        return logPublication;
    }

    /** @return the acknowledgements from the backup. */
    public EntrySubscription ackSubscription()
    {
        return ackSubscription;
    }

    @Override
    void concludeChannels()
    {
        require(image(), "a guest image");
        require(logPublication, "a log publication");
        require(ackSubscription, "an acknowledgement subscription");
    }
}
