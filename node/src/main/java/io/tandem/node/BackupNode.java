package io.tandem.node;

import io.tandem.engine.replica.ReplicaCounters;
import io.tandem.codec.Ack;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.dev.ConsoleSource;
import io.tandem.engine.dev.EntropySource;
import io.tandem.engine.dev.MachineClock;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;
import io.tandem.engine.replica.OutputGate;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.ReceivedLog;
import io.tandem.engine.replica.ReplayMismatchException;
import io.tandem.engine.replica.Replayer;
import io.tandem.engine.replica.SwitchableInputs;
import io.tandem.engine.replica.TakeoverClock;
import io.tandem.engine.replica.TransferIntake;
import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.transport.journal.JournalAppender;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The backup's half of a pair: entries from the log channel are received, replayed by a machine
 * whose outputs wait in a gate (let out only if it goes live), and acknowledged, all by a
 * {@link BackupReplica} running as an agent on its own thread, publishing its counters. Once live,
 * its inputs come from the world and its clock carries on from the last time the guest saw.
 * {@link Pair} makes one when this process plays the backup.
 */
public final class BackupNode implements AutoCloseable
{
    static final int HOST_ID = 2;
    private static final long JOIN_REQUEST_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LEAVE_GRACE_NS = TimeUnit.SECONDS.toNanos(1);

    private final JournalAppender journal;
    private final Machine machine;
    private final ReceivedLog received = new ReceivedLog();
    private final Replayer replayer = new Replayer(received);
    private final EntrySubscription logIn;
    private final BackupReplica replica;
    private final OutputGate gate;
    private final BackupNetworkSink network;
    private final ReplicaCounters figures;
    private final NanoClock clock;
    private final SwitchableInputs inputs;
    private final LiveInputs liveInputs;
    /** What the gate tags outputs with: the replayed log's sequence, the recorder's once promoted. */
    private final OutputTag outputTag;
    /** The host's clock, entropy and network, for the machine's live inputs in a later role. */
    private final MachineClock hostClock;
    private final EntropySource entropy;
    private final PacketSource world;
    private final IdleStrategy idle;
    private AgentRunner runner;
    private final boolean leaveOnStop;
    private final long leaveTimeoutNs;

    /**
     * Builds the backup: its machine loaded with the guest, or empty for a backup that joins by
     * state transfer ({@link #join}); {@link #start} starts it.
     *
     * @param context what the node is built from; {@link BackupNodeContext#conclude()} is called here.
     */
    public BackupNode(final BackupNodeContext context)
    {
        context.conclude();
        leaveOnStop = context.leaveOnStop();
        // The notice gives up after the failure timeout: the wait for the thread, a little longer.
        leaveTimeoutNs = context.config().failureTimeoutNs() + LEAVE_GRACE_NS;
        final MachineContext machineContext = context.machine();
        final PacketSource world = context.world();
        final ElfImage image = context.image();
        this.figures = new ReplicaCounters(context.counters(), "backup");
        this.journal = context.journal();
        this.logIn = context.logSubscription();
        this.clock = context.clock();
        this.idle = context.idle();
        this.hostClock = machineContext.clock();
        this.entropy = machineContext.entropy();
        this.world = world;
        machineContext.hostId(HOST_ID);
        inputs = new SwitchableInputs(replayer);
        network = new BackupNetworkSink(context.worldOut());
        outputTag = new OutputTag(replayer::lastSequence);
        gate = new OutputGate(context.console(), network, outputTag);
        machineContext.inputs(inputs).consoleSink(gate.consoleSide());
        if (world != null)
        {
            machineContext.network(world, gate.networkSide());
        }
        machine = new Machine(machineContext);
        try
        {
            if (image != null)
            {
                machine.load(image);
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(machine, figures);
            throw ex;
        }
        replayer.stateHashSource(machine::stateHash);
        replayer.stateCheckSource(machine);
        replayer.runPastBoundForTesting(context.runPastBoundForTesting());
        liveInputs = new LiveInputs(new TakeoverClock(machineContext.clock(), replayer::lastClockTicks),
            machineContext.entropy(), HOST_ID, ConsoleSource.NONE, world != null ? world : PacketSource.NONE);
        replica = new BackupReplica(machine, inputs, replayer, received, journal, context.ackPublication(), logIn,
            context.arbiter(), liveInputs, gate, context.config(), clock);
        network.backup(replica);
        replica.counters(figures);
    }

    /**
     * A primary that handed over (its thread stopped, its machine where the hand-over stopped it)
     * becomes the backup of the replica it handed over to: the same machine, gate and disk now
     * replay the new primary's log, which begins where the hand-over stopped this machine, with
     * no state transfer. {@link #start} takes the log's first entry and starts the thread.
     */
    private BackupNode(final PrimaryNode former, final EntrySubscription logIn, final EntryPublication ackOut,
        final Arbiter arbiter, final PairConfig config, final NanoClock clock, final CountersManager counters,
        final IdleStrategy idle)
    {
        // A primary that stops on purpose, once a backup, stops on purpose as a backup: it leaves.
        this.leaveOnStop = former.handOverOnStop();
        this.leaveTimeoutNs = config.failureTimeoutNs() + LEAVE_GRACE_NS;
        this.figures = new ReplicaCounters(counters, "backup");
        this.journal = null; // the log begins mid-run, where the hand-over stopped: no journal replays it alone
        this.logIn = logIn;
        this.clock = clock;
        this.idle = idle;
        this.machine = former.machine();
        this.inputs = former.inputs();
        this.gate = former.gate();
        this.outputTag = former.outputTag();
        this.hostClock = former.hostClock();
        this.entropy = former.entropy();
        this.world = former.world();
        this.network = null; // outputs go straight to the bridge this process serves on
        outputTag.source(replayer::lastSequence);
        gate.hold();
        replayer.stateHashSource(machine::stateHash);
        replayer.stateCheckSource(machine);
        liveInputs = new LiveInputs(new TakeoverClock(hostClock, replayer::lastClockTicks), entropy, HOST_ID,
            ConsoleSource.NONE, world != null ? world : PacketSource.NONE);
        replica = new BackupReplica(machine, inputs, replayer, received, null, ackOut, logIn, arbiter, liveInputs,
            gate, config, clock);
        inputs.switchTo(replayer);
        replica.pairGeneration(former.replica().generation() + 1);
        replica.counters(figures);
    }

    /**
     * Makes a primary that handed over (its thread stopped) the backup of its successor; see
     * {@link #BackupNode(PrimaryNode, EntrySubscription, EntryPublication, Arbiter, PairConfig,
     * NanoClock, CountersManager, IdleStrategy)}. The caller then {@link #start}s it.
     */
    static BackupNode follow(final PrimaryNode former, final EntrySubscription logIn, final EntryPublication ackOut,
        final Arbiter arbiter, final PairConfig config, final NanoClock clock, final CountersManager counters,
        final IdleStrategy idle)
    {
        return new BackupNode(former, logIn, ackOut, arbiter, config, clock, counters, idle);
    }

    /**
     * Waits for the log's first entry, checks that it belongs to this guest on this machine, and
     * starts the replica's thread.
     *
     * @param elfSha256 the guest ELF's SHA-256, which the log's first entry must name.
     * @param timeoutNs how long to wait for the first entry.
     * @throws IllegalStateException when no entry comes in time, or the log does not fit.
     */
    public void start(final byte[] elfSha256, final long timeoutNs)
    {
        begin(elfSha256, timeoutNs);
        runner = ReplicaRunners.start(idle, figures, replica);
    }

    /**
     * Takes the log's first entry and checks it, for a node whose replica the caller then drives
     * from its own thread ({@link #replica()}'s {@code doWork()}, as a test or a deterministic
     * simulation does); {@link #start} does it and starts the node's thread.
     *
     * @param elfSha256 the guest ELF's SHA-256, which the log's first entry must name.
     * @param timeoutNs how long to wait for the first entry (it must already be on the channel
     *                  when the caller steps both replicas from one thread).
     */
    public void begin(final byte[] elfSha256, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        final EntrySubscription.Handler first = (buffer, offset, length) ->
        {
            received.add(buffer, offset, length);
            if (journal != null)
            {
                journal.append(buffer, offset, length);
            }
        };
        while (logIn.poll(first, 1) == 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("no log entry came from the primary within " +
                    TimeUnit.NANOSECONDS.toSeconds(timeoutNs) + " s");
            }
            Thread.onSpinWait();
        }
        try
        {
            replayer.start(elfSha256, machine.ram().sizeBytes(), machine.checkInterval());
        }
        catch (final ReplayMismatchException ex)
        {
            throw new IllegalStateException("cannot follow this primary: " + ex.getMessage() +
                " (a backup must start with its primary, on the same ELF and RAM size)", ex);
        }
        replica.peerHeard(clock.nanoTime());
        if (journal != null)
        {
            journal.handOver(); // the replica's thread appends from here on
        }
    }

    /**
     * For a backup made without a guest: takes the primary's state from the transfer stream, then
     * follows the log from the transfer's cut on its own thread.
     *
     * @param transferIn the transfer stream from the primary.
     * @param timeoutNs  how long the primary may stay silent mid-transfer.
     * @return the receiver, complete.
     * @throws IllegalStateException when the transfer fails (a damaged or foreign frame, a silent
     *                               primary): the side is then to be closed.
     */
    public PreCopyReceiver join(final byte[] elfSha256, final EntrySubscription transferIn,
        final EntryPublication requestsOut, final BlockStore disk, final long timeoutNs)
    {
        final PreCopyReceiver receiver = new PreCopyReceiver(machine, elfSha256, "the primary's state transfer")
            .disk(disk);
        final TransferIntake intake = new TransferIntake(transferIn, receiver, clock, timeoutNs);
        final UnsafeBuffer request = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.HEADER_LENGTH + Ack.LENGTH));
        final int requestLength = new LogEntry().wrap(request, 0).type(EntryType.ACK).sequence(0).icount(0)
            .payloadLong(Ack.SEQUENCE_OFFSET, Ack.JOIN_REQUEST).payloadLong(Ack.BACKUP_ICOUNT_OFFSET, 0).seal(Ack.LENGTH);
        long lastRequestNs = 0;
        while (!intake.done())
        {
            final long nowNs = System.nanoTime();
            if (requestsOut != null && intake.framesTaken() == 0 && nowNs - lastRequestNs > JOIN_REQUEST_INTERVAL_NS)
            {
                // Asked until the frames come: the primary takes one request when it is alone.
                requestsOut.offer(request, 0, requestLength);
                lastRequestNs = nowNs;
            }
            if (intake.poll() == 0)
            {
                Thread.onSpinWait();
            }
        }
        if (intake.failure() != null)
        {
            throw new IllegalStateException("cannot join: " + intake.failure());
        }
        followFrom(receiver);
        runner = ReplicaRunners.start(idle, figures, replica);
        return receiver;
    }

    /**
     * After a complete transfer: follows the log from the transfer's cut (the caller's thread
     * drives the replica, or {@link #join} starts the node's).
     */
    void followFrom(final PreCopyReceiver receiver)
    {
        // The guest's time at the cut is not sent: both replicas of a pair in one process share a
        // host clock, and the first clock read after the cut sets the takeover floor anyway.
        replayer.startAfter(receiver.journalSequence(), machine.icount(), 0);
        replica.joinedAt(receiver.journalSequence(), receiver.pairGeneration());
        replica.peerHeard(clock.nanoTime());
    }

    /**
     * Stops the replica's thread: as a crash would, to the primary, unless the context asked to
     * leave on stop ({@link BackupNodeContext#leaveOnStop(boolean)}), when it is {@link #leave}.
     */
    public void stop()
    {
        if (leaveOnStop && runner != null && !runner.isClosed())
        {
            leave(leaveTimeoutNs);
        }
        else
        {
            CloseHelper.close(runner);
        }
    }

    /**
     * A planned stop of a following backup: its thread acknowledges what it holds, tells the
     * primary that it will not go live, halts and stops, so that the primary goes on alone at once
     * and counts no failover. A backup that went live is the primary: it is only stopped.
     *
     * @param timeoutNs how long to wait for the replica's thread to halt (the notice itself gives
     *                  up after the failure timeout).
     * @return true when the notice went out; false when the backup was live or halted already,
     *         or the primary could not be told.
     */
    public boolean leave(final long timeoutNs)
    {
        replica.leave();
        ReplicaRunners.awaitLeavingThenStop(runner, figures, BackupReplica.State.FOLLOWING.ordinal(), timeoutNs);
        return BackupReplica.LEFT.equals(replica.haltReason());
    }

    /** @return whether a stop of this node is a planned one that tells the peer. */
    boolean leaveOnStop()
    {
        return leaveOnStop;
    }

    SwitchableInputs inputs()
    {
        return inputs;
    }

    LiveInputs liveInputs()
    {
        return liveInputs;
    }

    OutputGate gate()
    {
        return gate;
    }

    /** @return what the gate tags outputs with: a live backup promoted to a recording primary switches it. */
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

    /** @return the replaying machine (for a caller that drives the replica from its own thread). */
    public Machine machine()
    {
        return machine;
    }

    /** @return the replica, to drive from the caller's own thread after {@link #begin} (not with {@link #start}). */
    public BackupReplica replica()
    {
        return replica;
    }

    /** @return the replica's counters. */
    public ReplicaCounters counters()
    {
        return figures;
    }

    BackupNetworkSink network()
    {
        return network;
    }

    /** Stops the replica's thread and frees the machine and the counters. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(runner, machine, figures);
    }
}
