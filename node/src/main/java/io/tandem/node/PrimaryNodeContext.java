package io.tandem.node;

import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;

/** What a {@link PrimaryNode} is built from: the common settings, its log out and acknowledgements in. */
public final class PrimaryNodeContext extends NodeContext<PrimaryNodeContext>
{
    /**
     * System property: whether {@link PrimaryNode#stop()} is a planned stop that hands over to the
     * backup ({@link PrimaryNode#handOver}) rather than a silent one, which the backup takes for a crash.
     */
    public static final String HAND_OVER_ON_STOP_PROP_NAME = "tandem.primary.handOverOnStop";

    private EntryPublication logPublication;
    private EntrySubscription ackSubscription;
    private boolean handOverOnStop = Boolean.getBoolean(HAND_OVER_ON_STOP_PROP_NAME);
    private boolean releaseBeforeAck;

    /**
     * Defaults; the idle strategy from {@value PairContext#PRIMARY_IDLE_PROP_NAME}, handing over
     * on stop from {@value #HAND_OVER_ON_STOP_PROP_NAME} (false unless set).
     */
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

    /**
     * @param handOverOnStop true for {@link PrimaryNode#stop()} to hand over to a following backup,
     *                       which goes live at once where this primary stopped (a planned stop:
     *                       no failure timeout, no failover); false (the default) to stop
     *                       silently, as a crash would.
     * @return this.
     */
    public PrimaryNodeContext handOverOnStop(final boolean handOverOnStop)
    {
        this.handOverOnStop = handOverOnStop;
        return this;
    }

    /**
     * Breaks the output rule on purpose: outputs leave as the guest makes them, before the backup
     * has acknowledged the log that explains them. Only for showing that fault tests and the
     * simulation catch a primary that does so; a pair built with it loses acknowledged writes
     * when its primary dies.
     *
     * @param releaseBeforeAck true to break the rule.
     * @return this.
     */
    public PrimaryNodeContext releaseOutputsBeforeAckForTesting(final boolean releaseBeforeAck)
    {
        this.releaseBeforeAck = releaseBeforeAck;
        return this;
    }

    /** @return whether the output rule is broken on purpose ({@link #releaseOutputsBeforeAckForTesting}). */
    public boolean releaseOutputsBeforeAckForTesting()
    {
        return releaseBeforeAck;
    }

    /** @return whether {@link PrimaryNode#stop()} hands over. */
    public boolean handOverOnStop()
    {
        return handOverOnStop;
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
