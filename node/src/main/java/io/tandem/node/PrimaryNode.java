package io.tandem.node;

import io.tandem.engine.replica.ReplicaCounters;
import io.tandem.codec.RunStart;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.ConsoleSource;
import io.tandem.engine.dev.EntropySource;
import io.tandem.engine.dev.MachineClock;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;
import io.tandem.engine.replica.OutputGate;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PairLogWriter;
import io.tandem.transport.journal.JournalAppender;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.engine.replica.Recorder;
import io.tandem.engine.replica.SwitchableInputs;
import io.tandem.engine.snapshot.PreCopySender;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.CountersManager;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The primary's half of a pair: live inputs feed a recorder whose entries go to the log
 * channel, the machine's outputs wait in a gate for acknowledgements, and a
 * {@link PrimaryReplica} runs it all as an agent on its own thread, publishing its counters.
 * Built from a {@link PrimaryNodeContext}; {@link Pair} makes one when this process plays the
 * primary.
 */
public final class PrimaryNode implements AutoCloseable
{
    static final int HOST_ID = 1;
    private static final long HAND_OVER_GRACE_NS = TimeUnit.SECONDS.toNanos(1);

    private final Machine machine;
    private final Recorder recorder;
    private final PairLogWriter log;
    private final JournalAppender journal;
    private final PrimaryReplica replica;
    private final ReplicaCounters figures;
    private final AckLatency ackLatency = new AckLatency();
    private final EntrySubscription acksIn;
    private final NanoClock clock;
    private final MachineContext machineContext;
    private final IdleStrategy idle;
    private AgentRunner runner;
    private final boolean handOverOnStop;
    private final long handOverTimeoutNs;
    /** The machine's inputs: the recorder, or a replayer once this machine follows another primary. */
    private final SwitchableInputs inputs;
    private final OutputTag outputTag;
    private final OutputGate gate;
    /** The host's clock, entropy and network, for the machine's live inputs in a later role. */
    private final MachineClock hostClock;
    private final EntropySource entropy;
    private final PacketSource world;
    /** After a switchover: how long the guest waited for the old primary to follow, ns; -1 if it did not. */
    private long attachWaitNs = -1;
    /** For a promoted backup: how long its guest was held from going live to running as the primary, ns. */
    private long liveHoldNs = -1;

    /**
     * Builds the primary (its machine loaded, nothing logged yet); {@link #start} starts it.
     *
     * @param context what the node is built from; {@link PrimaryNodeContext#conclude()} is called here.
     */
    public PrimaryNode(final PrimaryNodeContext context)
    {
        context.conclude();
        handOverOnStop = context.handOverOnStop();
        // The hand-over gives up after the failure timeout: the wait for the thread, a little longer.
        handOverTimeoutNs = context.config().failureTimeoutNs() + HAND_OVER_GRACE_NS;
        final MachineContext machineContext = context.machine();
        final PacketSource world = context.world();
        final PairConfig config = context.config();
        this.figures = new ReplicaCounters(context.counters(), "primary");
        this.journal = context.journal();
        this.acksIn = context.ackSubscription();
        this.clock = context.clock();
        this.machineContext = machineContext;
        this.idle = context.idle();
        machineContext.hostId(HOST_ID);
        log = new PairLogWriter(journal, context.logPublication(), clock, config.failureTimeoutNs())
            .ackLatency(ackLatency::record)
            .loggedIcountCounter(figures.logIcountCounter());
        recorder = new Recorder(new LiveInputs(machineContext.clock(), machineContext.entropy(), HOST_ID,
            ConsoleSource.NONE, world != null ? world : PacketSource.NONE), log, config.epochInstructions());
        hostClock = machineContext.clock();
        entropy = machineContext.entropy();
        this.world = world;
        inputs = new SwitchableInputs(recorder);
        outputTag = new OutputTag(recorder::outputTag);
        gate = new OutputGate(context.console(), context.worldOut(), outputTag);
        if (context.releaseOutputsBeforeAckForTesting())
        {
            gate.passThrough(); // the seeded bug the fault tests must catch
        }
        machineContext.inputs(inputs).consoleSink(gate.consoleSide());
        if (world != null)
        {
            machineContext.network(world, gate.networkSide());
        }
        machine = new Machine(machineContext);
        try
        {
            machine.load(context.image());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(machine, figures);
            throw ex;
        }
        recorder.stateChecks(machine, config.stateCheckInstructions());
        replica = new PrimaryReplica(machine, recorder, gate, log, acksIn, context.arbiter(), config, clock);
        replica.counters(figures);
    }

    /** A live backup's machine, recording from now on: see {@link #promote}. */
    private PrimaryNode(final BackupNode live, final EntryPublication logOut, final EntrySubscription acksIn,
        final Arbiter arbiter, final PairConfig config, final NanoClock clock, final CountersManager counters,
        final IdleStrategy idle)
    {
        this.figures = new ReplicaCounters(counters, "primary");
        // A backup that stops on purpose, once promoted, stops on purpose as a primary: it hands over.
        this.handOverOnStop = live.leaveOnStop();
        this.handOverTimeoutNs = config.failureTimeoutNs() + HAND_OVER_GRACE_NS;
        this.journal = null;
        this.machineContext = null;
        this.idle = idle;
        this.acksIn = acksIn;
        this.clock = clock;
        this.machine = live.machine();
        log = new PairLogWriter(null, logOut, clock, config.failureTimeoutNs()).ackLatency(ackLatency::record)
            .loggedIcountCounter(figures.logIcountCounter());
        recorder = new Recorder(live.liveInputs(), log, config.epochInstructions());
        inputs = live.inputs();
        gate = live.gate();
        outputTag = live.outputTag();
        outputTag.source(recorder::outputTag);
        hostClock = live.hostClock();
        entropy = live.entropy();
        world = live.world();
        recorder.stateChecks(machine, config.stateCheckInstructions());
        replica = new PrimaryReplica(machine, recorder, gate, log, acksIn, arbiter, config,
            clock);
    }

    /**
     * Makes a backup that went live (its thread stopped) a primary running alone that records a
     * log of its own from here (a new RUN_START), so that a new backup can join it by state
     * transfer; starts its thread.
     *
     * @return the new primary side, owning the live backup's machine.
     */
    static PrimaryNode promote(final BackupNode live, final EntryPublication logOut, final EntrySubscription acksIn,
        final Arbiter arbiter, final PairConfig config, final NanoClock clock, final byte[] elfSha256,
        final IdleStrategy idle, final CountersManager counters)
    {
        return promote(live, logOut, acksIn, arbiter, config, clock, elfSha256, idle, counters, null, 0);
    }

    /**
     * As {@link #promote(BackupNode, EntryPublication, EntrySubscription, Arbiter, PairConfig,
     * NanoClock, byte[], IdleStrategy, CountersManager)}, for a replica in its own process. A
     * backup that went live because its primary handed over first waits, its guest stopped where
     * the hand-over stopped the old primary's, up to {@code attachTimeoutNs} for a backup to
     * acknowledge the new log's first entry: the old primary, whose machine is at that same
     * point, follows it from there with no state transfer, and the pair is PAIRED at once. If
     * none comes in time (or the backup went live by a failover), it runs alone and takes a new
     * backup by state transfer when one asks.
     *
     * @param joins           makes a transfer to a joining backup (see
     *                        {@link PrimaryReplica#joinsOnRequest}), or null.
     * @param attachTimeoutNs how long the guest waits for the old primary after a hand-over; 0
     *                        never to wait.
     */
    static PrimaryNode promote(final BackupNode live, final EntryPublication logOut, final EntrySubscription acksIn,
        final Arbiter arbiter, final PairConfig config, final NanoClock clock, final byte[] elfSha256,
        final IdleStrategy idle, final CountersManager counters, final Supplier<PreCopySender> joins,
        final long attachTimeoutNs)
    {
        final PrimaryNode side = new PrimaryNode(live, logOut, acksIn, arbiter, config, clock, counters, idle);
        final long wonGeneration = live.replica().generation();
        final boolean afterHandOver = attachTimeoutNs > 0 && live.replica().oldPrimaryFollows();
        final long attachStartNs = System.nanoTime();
        if (afterHandOver && side.attachOldPrimary(logOut, elfSha256, attachTimeoutNs))
        {
            side.attachWaitNs = System.nanoTime() - attachStartNs;
            side.replica.pairedAfterHandOver(wonGeneration);
        }
        else if (afterHandOver)
        {
            // The old primary did not attach in time, but it may have taken the log's first entry
            // and, hearing nothing more, would claim the pair's next generation: claimed here
            // first, so that it loses and halts rather than going live beside this one.
            final Arbiter.Outcome outcome = arbiter.testAndSet(config.pairName(), wonGeneration + 1, "primary");
            if (outcome != Arbiter.Outcome.WON)
            {
                CloseHelper.quietClose(side.figures);
                throw new IllegalStateException("the old primary did not follow within " +
                    TimeUnit.NANOSECONDS.toMillis(attachTimeoutNs) + " ms and generation " + (wonGeneration + 1) +
                    " could not be claimed (" + outcome + "): not going on alone");
            }
            side.replica.startAlone(wonGeneration + 1);
            if (side.recorder.lastSequence() == 0)
            {
                side.recorder.start(elfSha256, side.machine.ram().sizeBytes(), side.machine.checkInterval());
            }
        }
        else
        {
            side.replica.startAlone(wonGeneration);
            side.recorder.start(elfSha256, side.machine.ram().sizeBytes(), side.machine.checkInterval());
        }
        live.inputs().switchTo(side.recorder); // the world's inputs, now logged
        if (joins != null)
        {
            side.replica.joinsOnRequest(joins, null);
        }
        side.replica.counters(side.figures); // from here: no failover of its own
        side.replica.idleBound(IdleStrategies.bound(idle));
        side.liveHoldNs = clock.nanoTime() - live.replica().wentLiveNs();
        side.runner = ReplicaRunners.start(idle, side.figures, side.replica);
        return side;
    }

    /**
     * With the guest stopped: logs the first entry once a backup subscribes, and waits for its
     * first acknowledgement. @return true when one came within the timeout.
     */
    private boolean attachOldPrimary(final EntryPublication logOut, final byte[] elfSha256, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!logOut.connected())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        recorder.start(elfSha256, machine.ram().sizeBytes(), machine.checkInterval());
        if (!log.channelOpen())
        {
            return false;
        }
        try
        {
            awaitFirstAck(deadlineNs - System.nanoTime());
            return true;
        }
        catch (final IllegalStateException ex)
        {
            return false;
        }
    }

    /** Saves the machine's state every {@code everyInstructions} (before {@link #start}). */
    void snapshots(final io.tandem.engine.replica.StateSaver saver, final long everyInstructions)
    {
        replica.snapshots(saver, everyInstructions);
    }

    /**
     * Saves the machine's state every {@code everyInstructions}, RAM copied while the guest runs
     * and the file written by {@code saver}'s thread (before {@link #start}).
     */
    void snapshotsWhileRunning(final io.tandem.engine.replica.CapturedStateSaver saver, final byte[] elfSha256,
        final long everyInstructions)
    {
        replica.snapshotsWhileRunning(new io.tandem.engine.snapshot.RamPreCopy(machine, elfSha256), saver,
            io.tandem.engine.snapshot.RamPreCopy.DEFAULT_PAGES_PER_STEP, everyInstructions);
    }

    /**
     * Logs the first entry (which guest on which machine) and starts the replica's thread. The
     * log channel must be connected: an entry refused for want of a subscriber closes it.
     *
     * @param elfSha256    the guest ELF's SHA-256, which the backup checks against its own.
     * @param ackTimeoutNs how long to wait for the backup to acknowledge the first entry before
     *                     the machine runs, so that a backup still starting is not taken for a
     *                     dead one; 0 not to wait (a backup in this process starts afterwards).
     * @throws IllegalStateException when the backup does not acknowledge in time.
     */
    public void start(final byte[] elfSha256, final long ackTimeoutNs)
    {
        begin(elfSha256);
        if (ackTimeoutNs > 0)
        {
            awaitFirstAck(ackTimeoutNs);
        }
        replica.idleBound(IdleStrategies.bound(idle));
        if (machine.disk() != null)
        {
            machine.disk().wakeOnCompletion(IdleStrategies.signal(idle));
        }
        runner = ReplicaRunners.start(idle, figures, replica);
    }

    /**
     * Logs the first entry, for a node whose replica the caller then drives from its own thread
     * ({@link #replica()}'s {@code doWork()}, as a test or a deterministic simulation does);
     * {@link #start} does it and starts the node's thread.
     *
     * @param elfSha256 the guest ELF's SHA-256, which the backup checks against its own.
     */
    public void begin(final byte[] elfSha256)
    {
        recorder.start(elfSha256, machineContext.ramBytes(), machineContext.interruptCheckInstructions(),
            RunStart.deviceFlags(machineContext.hasNetwork(), machineContext.blockStore() != null));
        if (journal != null)
        {
            journal.handOver(); // the replica's thread appends from here on
        }
    }

    private void awaitFirstAck(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        final LogEntry entry = new LogEntry();
        final boolean[] acked = {false};
        // Any acknowledgement will do: it says the backup runs. The sequences it covers are
        // acknowledged again by the next one, which the replica takes.
        final EntrySubscription.Handler handler = (buffer, offset, length) ->
            acked[0] |= entry.wrapForRead(buffer, offset).type() == EntryType.ACK;
        while (!acked[0])
        {
            acksIn.poll(handler, 1);
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the backup did not acknowledge the log's first entry within " +
                    TimeUnit.NANOSECONDS.toSeconds(timeoutNs) + " s");
            }
            Thread.onSpinWait();
        }
        replica.peerHeard(clock.nanoTime());
    }

    /**
     * Stops the replica's thread (the machine stays as it was, for a comparison or a crash): as a
     * crash would, to the backup, unless the context asked to hand over on stop
     * ({@link PrimaryNodeContext#handOverOnStop(boolean)}) and a backup follows, when it is
     * {@link #handOver}.
     */
    public void stop()
    {
        if (handOverOnStop && runner != null && !runner.isClosed() &&
            figures.state() == PrimaryReplica.State.PAIRED.ordinal())
        {
            handOver(handOverTimeoutNs);
        }
        else
        {
            CloseHelper.close(runner);
        }
    }

    /**
     * A planned stop of a paired primary: its thread stops the guest, logs the state hash where
     * it stopped, waits for the backup to acknowledge it (every held output leaves), tells the
     * backup to go live there, halts and stops. The backup goes live at once, with no failure
     * timeout, and counts a hand-over, not a failover.
     *
     * @param timeoutNs how long to wait for the replica's thread to halt (the hand-over itself
     *                  gives up after the failure timeout).
     * @return true when the backup was told; false when the primary was alone or halted
     *         already, or the backup did not acknowledge in time.
     */
    public boolean handOver(final long timeoutNs)
    {
        return handOver(timeoutNs, false);
    }

    /**
     * As {@link #handOver(long)}; for a switchover, {@code staysAsBackup} tells the backup that
     * this replica will follow it.
     */
    boolean handOver(final long timeoutNs, final boolean staysAsBackup)
    {
        if (staysAsBackup)
        {
            replica.switchOver();
        }
        else
        {
            replica.handOver();
        }
        ReplicaRunners.awaitLeavingThenStop(runner, figures, PrimaryReplica.State.PAIRED.ordinal(), timeoutNs);
        return PrimaryReplica.HANDED_OVER.equals(replica.haltReason());
    }

    /** @return where a hand-over stopped the guest, or -1 if none did. */
    public long handOverIcount()
    {
        return replica.handOverIcount();
    }

    /** @return the state hash where a hand-over stopped the guest, as logged for the backup. */
    public long handOverStateHash()
    {
        return replica.handOverStateHash();
    }

    /** @return the recording machine (for a caller that drives the replica from its own thread). */
    public Machine machine()
    {
        return machine;
    }

    /**
     * For a caller that drives the replica from its own thread and has stopped stepping it: logs
     * the machine's full state hash at its instruction count, so that the backup, replaying up to
     * exactly there, checks that it reached the same state (it halts, diverged, if not).
     *
     * @return the instruction count of the hash.
     */
    public long logStateHash()
    {
        final long icount = machine.icount();
        recorder.stateHash(icount, machine.stateHash(), machine.cpu().pc());
        return icount;
    }


    Recorder recorder()
    {
        return recorder;
    }

    SwitchableInputs inputs()
    {
        return inputs;
    }

    OutputGate gate()
    {
        return gate;
    }

    OutputTag outputTag()
    {
        return outputTag;
    }

    MachineClock hostClock()
    {
        return hostClock;
    }

    EntropySource entropy()
    {
        return entropy;
    }

    PacketSource world()
    {
        return world;
    }

    /**
     * @return for a primary that took over by a switchover, how long its guest waited for the old
     * primary to follow it (the role change's own pause), ns; -1 otherwise.
     */
    public long attachWaitNs()
    {
        return attachWaitNs;
    }

    /**
     * @return for a backup promoted once live, how long its guest was held between going live and
     * running as the primary (the promotion and, after a switchover, the wait for the old
     * primary), ns; -1 otherwise.
     */
    public long liveHoldNs()
    {
        return liveHoldNs;
    }

    /** @return whether a stop of this node is a planned one that hands over. */
    boolean handOverOnStop()
    {
        return handOverOnStop;
    }

    PairLogWriter log()
    {
        return log;
    }

    /** @return the replica, to drive from the caller's own thread after {@link #begin} (not with {@link #start}). */
    public PrimaryReplica replica()
    {
        return replica;
    }

    /** @return the replica's counters. */
    public ReplicaCounters counters()
    {
        return figures;
    }

    /** @return the acknowledgement latencies, sampled where the acks arrive. */
    public AckLatency ackLatency()
    {
        return ackLatency;
    }

    /** Stops the replica's thread and frees the machine and the counters. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(runner, machine, figures);
    }
}
