package io.tandem.engine.replica;

/**
 * Timing and bounds of a primary/backup pair. Defaults are named constants, overridable with
 * {@code tandem.pair.*} system properties.
 */
public final class PairConfig
{
    /** Silence after which a replica declares its peer dead, ms; {@code tandem.pair.failure.timeout.ms}. */
    public static final long DEFAULT_FAILURE_TIMEOUT_MS = Long.getLong("tandem.pair.failure.timeout.ms", 200);
    /**
     * Silence allowed before a replica has heard from its peer at all, ms;
     * {@code tandem.pair.startup.timeout.ms}. A peer still starting (class loading, JIT, a
     * starved thread on a busy machine) is not a dead one: the failure timeout applies from the
     * first word heard.
     */
    public static final long DEFAULT_STARTUP_TIMEOUT_MS = Long.getLong("tandem.pair.startup.timeout.ms", 10_000);
    /** Longest silence on a direction before a heartbeat, ms; {@code tandem.pair.heartbeat.ms}. */
    public static final long DEFAULT_HEARTBEAT_MS = Long.getLong("tandem.pair.heartbeat.ms", 10);
    /** Instructions the primary runs per duty cycle; {@code tandem.pair.slice.instructions}. */
    public static final long DEFAULT_SLICE_INSTRUCTIONS = Long.getLong("tandem.pair.slice.instructions", 200_000);
    /**
     * Lag past which the primary pauses, instructions; {@code tandem.pair.max.lag.instructions}.
     * The backup must replay this much before it can go live: 10 M is about 50 ms at this
     * machine's replay speed, while a CPU-bound primary paired on 2 cores showed no measurable
     * loss of speed between bounds of 5 M and 50 M.
     */
    public static final long DEFAULT_MAX_LAG_INSTRUCTIONS = Long.getLong("tandem.pair.max.lag.instructions", 10_000_000);
    /**
     * How long the primary's thread keeps polling instead of parking while an output waits for
     * the backup's acknowledgement, counted from the last entry sent, µs;
     * {@code tandem.pair.ack.spin.us}; 0 parks as soon as the idle strategy would. The
     * acknowledgement comes one backup duty cycle later: polled for, it costs no wake-up of the
     * primary; bounded, a backup that is slow to answer costs a core no longer than this. Over
     * IPC only: where the media driver carries the log (UDP) a polling primary kept the driver
     * from a core on 2 cores (HandOffTrace echo udp: p50 570-625 µs against 395-480 without).
     */
    public static final long DEFAULT_ACK_SPIN_US = Long.getLong("tandem.pair.ack.spin.us", 200);
    /** Epoch marks while nothing else is logged, instructions; {@code tandem.pair.epoch.instructions}. */
    public static final long DEFAULT_EPOCH_INSTRUCTIONS = Long.getLong("tandem.pair.epoch.instructions", 100_000);

    /**
     * Incremental state checks the primary logs for the backup to compare, instructions apart; 0
     * for none; {@code tandem.pair.state.check.instructions}.
     */
    public static final long DEFAULT_STATE_CHECK_INSTRUCTIONS = Long.getLong("tandem.pair.state.check.instructions",
        Recorder.DEFAULT_STATE_CHECK_INSTRUCTIONS);

    private String pairName = "tandem";
    private long generation = 1;
    private long failureTimeoutNs = DEFAULT_FAILURE_TIMEOUT_MS * 1_000_000L;
    private long startupTimeoutNs = DEFAULT_STARTUP_TIMEOUT_MS * 1_000_000L;
    private long heartbeatIntervalNs = DEFAULT_HEARTBEAT_MS * 1_000_000L;
    private long sliceInstructions = DEFAULT_SLICE_INSTRUCTIONS;
    private long maxLagInstructions = DEFAULT_MAX_LAG_INSTRUCTIONS;
    private long epochInstructions = DEFAULT_EPOCH_INSTRUCTIONS;
    private long stateCheckInstructions = DEFAULT_STATE_CHECK_INSTRUCTIONS;
    private long ackSpinNs = DEFAULT_ACK_SPIN_US * 1_000L;

    /** @return a configuration with the same values, to change without changing this one. */
    public PairConfig copy()
    {
        final PairConfig copy = new PairConfig();
        copy.pairName = pairName;
        copy.generation = generation;
        copy.failureTimeoutNs = failureTimeoutNs;
        copy.startupTimeoutNs = startupTimeoutNs;
        copy.heartbeatIntervalNs = heartbeatIntervalNs;
        copy.sliceInstructions = sliceInstructions;
        copy.maxLagInstructions = maxLagInstructions;
        copy.epochInstructions = epochInstructions;
        copy.stateCheckInstructions = stateCheckInstructions;
        copy.ackSpinNs = ackSpinNs;
        return copy;
    }

    public String pairName()
    {
        return pairName;
    }

    public PairConfig pairName(final String pairName)
    {
        this.pairName = pairName;
        return this;
    }

    /** @return the generation a failover claims at the arbiter. */
    public long generation()
    {
        return generation;
    }

    public PairConfig generation(final long generation)
    {
        this.generation = generation;
        return this;
    }

    public long failureTimeoutNs()
    {
        return failureTimeoutNs;
    }

    public PairConfig failureTimeoutNs(final long failureTimeoutNs)
    {
        this.failureTimeoutNs = failureTimeoutNs;
        return this;
    }

    /** @return silence allowed before the peer was first heard. */
    public long startupTimeoutNs()
    {
        return startupTimeoutNs;
    }

    public PairConfig startupTimeoutNs(final long startupTimeoutNs)
    {
        this.startupTimeoutNs = startupTimeoutNs;
        return this;
    }

    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    public PairConfig heartbeatIntervalNs(final long heartbeatIntervalNs)
    {
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        return this;
    }

    public long sliceInstructions()
    {
        return sliceInstructions;
    }

    public PairConfig sliceInstructions(final long sliceInstructions)
    {
        this.sliceInstructions = sliceInstructions;
        return this;
    }

    public long maxLagInstructions()
    {
        return maxLagInstructions;
    }

    public PairConfig maxLagInstructions(final long maxLagInstructions)
    {
        this.maxLagInstructions = maxLagInstructions;
        return this;
    }

    public long epochInstructions()
    {
        return epochInstructions;
    }

    public PairConfig epochInstructions(final long epochInstructions)
    {
        this.epochInstructions = epochInstructions;
        return this;
    }

    /** @return how long the primary polls instead of parking while an output waits, from the last entry sent, ns. */
    public long ackSpinNs()
    {
        return ackSpinNs;
    }

    /**
     * @param ackSpinNs how long the primary polls instead of parking while an output waits for an
     *                  acknowledgement, from the last entry sent, ns; 0 for not at all.
     * @return this.
     */
    public PairConfig ackSpinNs(final long ackSpinNs)
    {
        if (ackSpinNs < 0)
        {
            throw new IllegalArgumentException("ack spin must not be negative: " + ackSpinNs);
        }
        this.ackSpinNs = ackSpinNs;
        return this;
    }

    /** @return instructions between the primary's state checks; 0 for none. */
    public long stateCheckInstructions()
    {
        return stateCheckInstructions;
    }

    /** @param stateCheckInstructions instructions between the primary's state checks; 0 for none. */
    public PairConfig stateCheckInstructions(final long stateCheckInstructions)
    {
        this.stateCheckInstructions = stateCheckInstructions;
        return this;
    }
}
