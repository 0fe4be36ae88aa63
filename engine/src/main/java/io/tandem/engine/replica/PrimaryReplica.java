package io.tandem.engine.replica;

import io.tandem.codec.Ack;
import io.tandem.codec.EntryType;
import io.tandem.codec.Heartbeat;
import io.tandem.codec.LogEntry;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.StopReason;
import io.tandem.engine.snapshot.PreCopySender;
import io.tandem.engine.snapshot.RamPreCopy;
import io.tandem.engine.wake.IdleBound;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The primary of a pair as an Agrona {@link Agent}: each duty cycle takes acknowledgements,
 * releases the outputs they cover, checks the backup's liveness and lag, runs one slice of the
 * recording machine and sends a heartbeat when the log has been quiet. When the backup falls
 * silent for the failure timeout, the primary claims the next generation at the arbiter: won, it
 * runs alone with its outputs let through; lost or unreachable, it halts.
 * <p>
 * Running alone, it can take a new backup ({@link #acceptBackup}): its state goes out by pre-copy
 * between slices, the guest stops only for the last pages, and at that cut the primary is paired
 * again: the log goes to the new backup from the entry after the cut, outputs are held by the
 * output rule, and a later failover claims the next generation, one the old backup never knew.
 */
public final class PrimaryReplica implements Agent
{
    /** Why a primary asked to {@link #handOver()} halted, once its backup was told to go live. */
    public static final String HANDED_OVER = "stopped on request: handed over to the backup, which goes live where this stopped";
    /** Why a primary asked to {@link #handOver()} halted when the backup did not take the log's end in time. */
    public static final String HAND_OVER_UNACKNOWLEDGED = "stopped on request; the backup did not acknowledge the " +
        "log's end within the failure timeout, so it goes live only after its own failure timeout";

    /** Where the primary stands. */
    public enum State
    {
        /** With a live backup: outputs wait for acknowledgements. */
        PAIRED,
        /** The backup is gone and the primary won the arbiter: outputs leave at once. */
        ALONE,
        /**
         * The primary stopped: the guest ended (and its last outputs left), or it lost (or could
         * not reach) the arbiter.
         */
        HALTED
    }

    private final Machine machine;
    private final Recorder recorder;
    private final OutputGate gate;
    private final PairLogWriter log;
    private final EntrySubscription acks;
    private final Arbiter arbiter;
    private final PairConfig config;
    private final NanoClock clock;
    private final EntrySubscription.Handler ackHandler = this::onAck;
    private final UnsafeBuffer heartbeat = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.HEADER_LENGTH + Heartbeat.SWITCHOVER_LENGTH));
    private final LogEntry entry = new LogEntry();

    private State state = State.PAIRED;
    private boolean guestEnded;
    private String haltReason;
    private long ackedSequence;
    private long announcedRelease;
    private long lastHeartbeatNs;
    private long backupIcount;
    private long lastAckNs;
    private final PeerSilence backupSilence;
    private long lagPauses;
    private long now;
    private final SnapshotSchedule snapshots = new SnapshotSchedule();
    private IdleBound idleBound = IdleBound.NONE;
    private long generation;
    private PreCopySender transfer;
    private long transferStoppedNs;
    private long guestStoppedNanoTime;
    private Runnable atCut;
    private long transferBytes;
    private long transferProgressNs;
    private final TransferFigures transfers = new TransferFigures();
    private ReplicaCounters counters;
    private State publishedState;
    private long failovers;
    private boolean backupLeaving;
    private volatile boolean handOverRequested;
    private volatile boolean staysAsBackup;
    private long handOverSequence = -1;
    private long handOverStartNs;
    private long handOverIcount = -1;
    private long handOverStateHash;
    private long backupsLeft;
    private long publishedBackupsLeft;
    private final JoinOffers joins = new JoinOffers();
    private PrimaryEvents events = PrimaryEvents.NONE;

    /**
     * @param machine  the recording machine (its inputs are {@code recorder}).
     * @param recorder logs into {@code log}.
     * @param gate     holds the machine's outputs.
     * @param log      the journal and the channel to the backup.
     * @param acks     acknowledgements from the backup.
     * @param arbiter  decides who goes on when the pair splits.
     * @param config   timings and bounds.
     * @param clock    time for timeouts and heartbeats.
     */
    public PrimaryReplica(
        final Machine machine, final Recorder recorder, final OutputGate gate, final PairLogWriter log,
        final EntrySubscription acks, final Arbiter arbiter, final PairConfig config, final NanoClock clock)
    {
        this.machine = machine;
        this.recorder = recorder;
        this.gate = gate;
        this.log = log;
        this.acks = acks;
        this.arbiter = arbiter;
        this.config = config;
        this.clock = clock;
        this.lastAckNs = clock.nanoTime();
        this.backupSilence = new PeerSilence(lastAckNs);
        this.generation = config.generation();
        log.readerAwaited(this::backupAwaited);
    }

    /**
     * Whether the entry sent now should wake the backup's thread: when an acknowledgement is
     * waited for (an output is held, the guest ended and its last outputs wait, the backup nears
     * the lag bound). Other entries, the frame a request came in and the epoch marks of a guest
     * at work, reach a backup in this process with the next awaited one or at its next poll: woken
     * for each, it took a core from the primary while the guest worked on the request.
     */
    private boolean backupAwaited()
    {
        return gate.heldBytes() > 0 || guestEnded || handOverSequence >= 0 ||
            machine.icount() - backupIcount > config.maxLagInstructions() / 2;
    }

    @Override
    public String roleName()
    {
        return "tandem-primary";
    }

    /**
     * @param counters where this replica publishes its counters at the end of each duty cycle, or
     *                 null for none; published once now.
     * @return this.
     */
    public PrimaryReplica counters(final ReplicaCounters counters)
    {
        this.counters = counters;
        if (counters != null)
        {
            publishCounters();
        }
        return this;
    }

    private void publishCounters()
    {
        // Why the primary is alone is published before its state, so that a reader seeing ALONE
        // (release/acquire) sees whether it was a failover or a backup that left.
        if (state == State.ALONE && publishedState == State.PAIRED)
        {
            if (publishedBackupsLeft != backupsLeft)
            {
                publishedBackupsLeft = backupsLeft;
                counters.backupsLeft(backupsLeft); // a planned stop of the backup: no failover
            }
            else
            {
                counters.failovers(++failovers); // the backup was lost and the arbiter won: on alone
            }
        }
        if (state == State.HALTED && publishedState != State.HALTED && HANDED_OVER.equals(haltReason))
        {
            counters.handOvers(1); // a planned stop, not a failover
        }
        final long icount = machine.icount();
        final LogStatistics statistics = recorder.statistics();
        counters.publish(icount, state.ordinal(), statistics.totalEntries(), statistics.totalBytes(),
            gate.heldBytes(), ackedSequence, backupIcount, lastAckNs);
        counters.lag(state == State.PAIRED ? icount - backupIcount : 0);
        counters.stateChecks(statistics.entries(EntryType.STATE_HASH));
        counters.generation(generation);
        counters.joined(transfers.done(), transfers.lastPauseNs(), transfers.lastSendPauseNs(), transfers.lastTotalNs());
        publishedState = state;
    }

    /**
     * From another thread: hands a new backup's transfer to this replica's thread, which starts it
     * at its next duty cycle if the primary runs alone ({@link #acceptBackup}), or says why not
     * ({@link #joinFailure()}).
     *
     * @param sender the transfer.
     * @param atCut  work at the cut (with the guest stopped), or null.
     */
    public void offerJoin(final PreCopySender sender, final Runnable atCut)
    {
        joins.offer(sender, atCut);
    }

    /** @return why the last offered join was refused or its transfer stopped, or null (any thread). */
    public String joinFailure()
    {
        return joins.failure();
    }

    private void takeOfferedJoin()
    {
        final PreCopySender join = joins.take();
        if (join != null)
        {
            if (!acceptBackup(join, joins.offeredAtCut()))
            {
                joins.failed("the primary is " + state + (transfer != null ? ", with a transfer under way" : "") +
                    ": only a primary running alone takes a new backup");
            }
        }
    }

    /**
     * One duty cycle, then the counters (when given) as it left them.
     *
     * @return the work done.
     */
    @Override
    public int doWork()
    {
        takeOfferedJoin();
        final int work = dutyCycle();
        joins.noteAbort(transfers.abortReason());
        if (counters != null)
        {
            publishCounters();
        }
        return work;
    }

    private int dutyCycle()
    {
        if (state == State.HALTED)
        {
            return 0;
        }
        now = clock.nanoTime();
        int work = acks.poll(ackHandler, 64);
        if (state == State.PAIRED && backupLeaving)
        {
            goOnWithoutBackup();
        }
        if (handOverRequested && state == State.PAIRED && !guestEnded && transfer == null)
        {
            // A stopping primary never claims: if its backup is alive, that one goes live.
            return work + handOver(now);
        }
        if (state == State.PAIRED && backupSilence.silentPastTimeout(now, config))
        {
            claim();
            if (state == State.HALTED)
            {
                return work;
            }
        }
        if (guestEnded)
        {
            // The guest is done; its last outputs leave once the backup has the log's end.
            if (state == State.ALONE || gate.heldBytes() == 0)
            {
                if (state == State.PAIRED)
                {
                    sendHeartbeat(Heartbeat.ALL_RELEASED); // the backup holds nothing in doubt and need not go live
                }
                halt("the guest ended: " + machine.haltMessage());
            }
            else if (clock.nanoTime() - log.lastSentNs() > config.heartbeatIntervalNs())
            {
                sendHeartbeat();
            }
            return work;
        }
        if (state == State.PAIRED && lagInstructions() > config.maxLagInstructions())
        {
            lagPauses++; // the backup is too far behind: the primary waits, the log does not
            return work;
        }
        if (transferStoppedNs != 0)
        {
            return work + finishTransfer(); // the guest stays stopped until the cut is sent
        }
        final StopReason stop = machine.run(config.sliceInstructions());
        if (stop == StopReason.HALT)
        {
            recorder.finish(machine.icount(), machine.stateHash(), machine.cpu().pc(),
                machine.haltReason().ordinal(), machine.exitCode());
            guestEnded = true;
        }
        else if (stop == StopReason.WFI)
        {
            if (!machine.skipToTimer())
            {
                idleBound.idleAtMost(machine.timerWaitNs()); // the guest's timer, met when it is due
            }
        }
        else
        {
            work++;
        }
        if (!guestEnded)
        {
            snapshots.onSliceEnd(machine, recorder.lastSequence());
        }
        if (transfer != null && !guestEnded)
        {
            if (transfer.step() == PreCopySender.READY && machine.stateSavable())
            {
                transferStoppedNs = clock.nanoTime();
                guestStoppedNanoTime = System.nanoTime(); // the pause is measured in real time
                if (runAtCut())
                {
                    work += finishTransfer();
                }
            }
            else
            {
                checkTransferProgress();
            }
        }
        final long endNs = clock.nanoTime();
        if (state == State.PAIRED && heartbeatDue(endNs))
        {
            sendHeartbeat();
        }
        if (state == State.PAIRED && gate.heldBytes() > 0 && endNs - log.lastSentNs() < config.ackSpinNs())
        {
            // An output waits for an acknowledgement due within a backup's duty cycle: poll for
            // it rather than park and pay a wake-up when it comes.
            idleBound.idleAtMost(0);
        }
        return work;
    }

    /**
     * A heartbeat goes out when the log has been quiet for an interval, and at most once an
     * interval while the release position moves: it tells the backup which outputs have left, so
     * that the backup keeps only those still in doubt.
     */
    private boolean heartbeatDue(final long nowNs)
    {
        final long interval = config.heartbeatIntervalNs();
        return nowNs - log.lastSentNs() > interval ||
            (announcedRelease != ackedSequence && nowNs - lastHeartbeatNs > interval);
    }

    private void onAck(final DirectBuffer buffer, final int offset, final int length)
    {
        entry.wrapForRead(buffer, offset);
        entry.validate(length, 0);
        if (entry.type() != EntryType.ACK)
        {
            return;
        }
        final long sequence = entry.payloadLong(Ack.SEQUENCE_OFFSET);
        if (sequence == Ack.LEAVING)
        {
            // After its last acknowledgement, on the same stream: the backup stops and will never
            // claim the arbiter, so the primary needs no claim to go on.
            backupLeaving = state == State.PAIRED;
            return;
        }
        if (sequence == Ack.JOIN_REQUEST)
        {
            // Asked again and again until the frames come: taken only when alone and idle.
            if (joins.takesRequests() && state == State.ALONE && transfer == null && !guestEnded)
            {
                acceptBackup(joins.requested(), joins.requestedAtCut());
            }
            return;
        }
        lastAckNs = now;
        backupSilence.heard(now);
        events.ackTaken(sequence);
        if (RequestTimeline.ENABLED)
        {
            RequestTimeline.PAIR.ackSeen(sequence);
        }
        log.acknowledged(sequence);
        backupIcount = entry.payloadLong(Ack.BACKUP_ICOUNT_OFFSET);
        if (sequence > ackedSequence)
        {
            ackedSequence = sequence;
            if (state == State.PAIRED)
            {
                gate.release(sequence);
            }
        }
    }

    private void sendHeartbeat()
    {
        sendHeartbeat(gate.isPassThrough() ? Heartbeat.ALL_RELEASED : ackedSequence);
    }

    private void sendHeartbeat(final long released)
    {
        final long nowNs = clock.nanoTime();
        entry.wrap(heartbeat, 0).type(EntryType.HEARTBEAT).sequence(0).icount(machine.icount())
            .payloadLong(Heartbeat.TIME_OFFSET, nowNs).payloadLong(Heartbeat.RELEASED_OFFSET, released);
        log.send(heartbeat, 0, entry.seal(Heartbeat.LENGTH));
        lastHeartbeatNs = nowNs;
        announcedRelease = ackedSequence;
    }

    /**
     * A planned stop: the guest stops where it is, the log ends with the state hash there, and
     * once the backup has acknowledged it (so every output has left), a hand-over heartbeat tells
     * the backup to go live at once; this primary then halts with {@link #HANDED_OVER}. The backup
     * still wins the arbiter before it goes live, so a hand-over the backup never reads turns into
     * an ordinary failover, never into two primaries.
     */
    private int handOver(final long nowNs)
    {
        if (handOverSequence < 0)
        {
            handOverStartNs = nowNs;
            handOverIcount = machine.icount();
            handOverStateHash = machine.stateHash();
            recorder.stateHash(handOverIcount, handOverStateHash, machine.cpu().pc());
            log.flush();
            handOverSequence = recorder.lastSequence();
            return 1;
        }
        if (ackedSequence >= handOverSequence && gate.heldBytes() == 0)
        {
            final long nowSentNs = clock.nanoTime();
            entry.wrap(heartbeat, 0).type(EntryType.HEARTBEAT).sequence(0).icount(handOverIcount)
                .payloadLong(Heartbeat.TIME_OFFSET, nowSentNs).payloadLong(Heartbeat.RELEASED_OFFSET, ackedSequence)
                .payloadLong(Heartbeat.HAND_OVER_ICOUNT_OFFSET, handOverIcount);
            if (staysAsBackup)
            {
                entry.payloadLong(Heartbeat.FOLLOWS_OFFSET, 1);
            }
            log.send(heartbeat, 0, entry.seal(staysAsBackup ? Heartbeat.SWITCHOVER_LENGTH : Heartbeat.HAND_OVER_LENGTH));
            if (log.channelOpen())
            {
                halt(HANDED_OVER);
                return 1;
            }
        }
        if (nowNs - handOverStartNs > config.failureTimeoutNs() || !log.channelOpen())
        {
            halt(HAND_OVER_UNACKNOWLEDGED);
        }
        return 0;
    }

    /**
     * From another thread: asks a paired primary to stop for good and hand over to its backup,
     * which goes live at once at the instruction count where this one stopped, with the same
     * state hash (logged as the log's last entry and checked by the backup's replay). The agent
     * halts with {@link #HANDED_OVER}, or {@link #HAND_OVER_UNACKNOWLEDGED} if the backup does not
     * acknowledge the log's end within the failure timeout. A primary alone has nobody to hand
     * over to: for it this changes nothing.
     */
    public void handOver()
    {
        handOverRequested = true;
    }

    /**
     * As {@link #handOver()}, for a switchover: the hand-over tells the backup that this replica
     * stays and will follow its log as its backup, from where this one stopped.
     */
    public void switchOver()
    {
        staysAsBackup = true;
        handOverRequested = true;
    }

    /** @return where a hand-over stopped the guest, or -1 if none did. */
    public long handOverIcount()
    {
        return handOverIcount;
    }

    /** @return the state hash at {@link #handOverIcount()}, as logged for the backup. */
    public long handOverStateHash()
    {
        return handOverStateHash;
    }

    /** The backup left on purpose: alone from here, outputs no longer held, no failover counted. */
    private void goOnWithoutBackup()
    {
        backupsLeft++;
        backupLeaving = false;
        state = State.ALONE;
        log.closeChannel();
        gate.passThrough();
    }

    /** @return how many backups told this primary that they stopped on purpose. */
    public long backupsLeft()
    {
        return backupsLeft;
    }

    private void claim()
    {
        final Arbiter.Outcome outcome = arbiter.testAndSet(config.pairName(), generation, "primary");
        switch (outcome)
        {
            case WON:
                state = State.ALONE;
                log.closeChannel();
                gate.passThrough();
                break;
            case LOST:
                halt("the backup went live: it won generation " + generation + " at the arbiter");
                break;
            default:
                halt("the backup is silent and the arbiter cannot be reached: stopping, nobody goes live from here");
                break;
        }
    }

    /**
     * Starts sending this primary's state to a new backup. The frames go out between slices, as
     * fast as the sender's sink takes them; the guest stops only for the last pages.
     *
     * @param sender the transfer, over the link to the new backup, not started.
     * @return false, and nothing is sent, unless the primary runs alone with no transfer going on.
     */
    public boolean acceptBackup(final PreCopySender sender)
    {
        return acceptBackup(sender, null);
    }

    /**
     * As {@link #acceptBackup(PreCopySender)}, with work to do at the cut.
     *
     * @param sender the transfer, over the link to the new backup, not started.
     * @param atCut  runs on this thread once the guest is stopped for the cut with no disk I/O in
     *               flight (to copy the disk image the new backup is to use), or null; an
     *               exception from it gives the transfer up, with its message as the reason.
     * @return false, and nothing is sent, unless the primary runs alone with no transfer going on.
     */
    public boolean acceptBackup(final PreCopySender sender, final Runnable atCut)
    {
        if (state != State.ALONE || transfer != null || guestEnded)
        {
            return false;
        }
        transfers.aborted(null);
        this.atCut = atCut;
        transferBytes = -1;
        transferProgressNs = clock.nanoTime();
        sender.pairGeneration(generation + 1).start();
        transfer = sender;
        return true;
    }

    /**
     * For a backup that went live and now records a log of its own: it runs alone, outputs let
     * through, until a new backup joins ({@link #acceptBackup}). Call before the first slice.
     *
     * @param wonGeneration the generation it won at the arbiter: a new pair's failover claims the next.
     * @return this.
     */
    public PrimaryReplica startAlone(final long wonGeneration)
    {
        generation = wonGeneration;
        log.closeChannel();
        gate.passThrough();
        state = State.ALONE;
        return this;
    }

    /**
     * For a backup that went live because its primary handed over, and now records a log of its
     * own from the instruction count where the hand-over stopped (a new RUN_START): the old
     * primary, whose machine stands at that same count with the same state hash, follows this
     * log from its start as the new backup, with no state transfer. Paired from here, outputs
     * held by the output rule; the pair's next failover claims the generation after the one won.
     * Call before the first slice, once the new backup has acknowledged the log's first entry.
     *
     * @param wonGeneration the generation won at the arbiter when the hand-over was taken.
     * @return this.
     */
    public PrimaryReplica pairedAfterHandOver(final long wonGeneration)
    {
        generation = wonGeneration + 1;
        state = State.PAIRED;
        ackedSequence = recorder.lastSequence();
        announcedRelease = ackedSequence;
        backupIcount = machine.icount();
        lastAckNs = clock.nanoTime();
        backupSilence.restart(lastAckNs);
        gate.hold();
        log.openChannel();
        return this;
    }

    /**
     * Lets new backups join by asking ({@link Ack#JOIN_REQUEST} on the acknowledgement channel)
     * while this primary runs alone.
     *
     * @param senders makes a transfer over the link to the joiner, not started; called on this
     *                replica's thread, once per accepted request.
     * @param atCut   work at each cut, or null (see {@link #acceptBackup(PreCopySender, Runnable)}).
     * @return this.
     */
    public PrimaryReplica joinsOnRequest(final Supplier<PreCopySender> senders, final Runnable atCut)
    {
        joins.onRequest(senders, atCut);
        return this;
    }

    /**
     * Gives up a transfer under way (the new backup went away): the guest runs on, the primary
     * stays alone, and a later {@link #acceptBackup} starts again from scratch.
     *
     * @param reason why, for {@link #transferAbortReason()}.
     */
    public void abortTransfer(final String reason)
    {
        if (transfer != null)
        {
            transfer = null;
            atCut = null;
            transferStoppedNs = 0;
            transfers.aborted(reason);
        }
    }

    private boolean runAtCut()
    {
        if (atCut != null)
        {
            try
            {
                atCut.run();
            }
            catch (final RuntimeException ex)
            {
                abortTransfer("the work at the cut failed: " + ex.getMessage());
                return false;
            }
        }
        return true;
    }

    /** Gives the transfer up when its link has taken nothing for the failure timeout. */
    private void checkTransferProgress()
    {
        final long nowNs = clock.nanoTime();
        if (transfer.bytesSent() != transferBytes)
        {
            transferBytes = transfer.bytesSent();
            transferProgressNs = nowNs;
        }
        else if (nowNs - transferProgressNs > config.failureTimeoutNs())
        {
            abortTransfer("the new backup took no frames for " + config.failureTimeoutNs() / 1_000_000 + " ms" +
                (transferStoppedNs != 0 ? " while the guest was stopped" : "") + ": the primary goes on alone");
        }
    }

    /** With the guest stopped: sends the cut; @return 1 when the new backup is taken in. */
    private int finishTransfer()
    {
        if (!transfer.finish(recorder.lastSequence()))
        {
            checkTransferProgress(); // a joiner that stopped reading must not hold the guest
            return 0;
        }
        transfers.completed(System.nanoTime() - guestStoppedNanoTime, transfer.pauseNs(), transfer.totalNs());
        transfer = null;
        atCut = null;
        transferStoppedNs = 0;
        // The new backup's state holds every entry logged so far: its log starts after the cut.
        final long cut = recorder.lastSequence();
        generation++;
        ackedSequence = cut;
        announcedRelease = cut;
        backupIcount = machine.icount();
        lastAckNs = clock.nanoTime();
        backupSilence.restart(lastAckNs); // until its first acknowledgement, the start-up timeout applies
        gate.hold();
        log.openChannel();
        state = State.PAIRED;
        return 1;
    }

    private void halt(final String reason)
    {
        state = State.HALTED;
        haltReason = reason;
    }

    /**
     * Tells the idle strategy of this replica's thread how long its guest may sleep in WFI before
     * its timer is due, so that a thread which parks until woken still meets the guest's timer.
     *
     * @param bound the thread's idle strategy, or {@link IdleBound#NONE}.
     * @return this replica.
     */
    public PrimaryReplica idleBound(final IdleBound bound)
    {
        this.idleBound = bound;
        return this;
    }

    /**
     * For a tracing tool: tells {@code events} what this replica's thread does on a request's way
     * out (entries sent, outputs held and released, acknowledgements taken, frames sent). Call
     * before the replica's thread starts.
     *
     * @param events the recorder of those moments, or {@link PrimaryEvents#NONE}.
     * @return this replica.
     */
    public PrimaryReplica events(final PrimaryEvents events)
    {
        this.events = events;
        gate.events(events);
        log.events(events);
        return this;
    }

    /**
     * Saves the machine's state every {@code everyInstructions}, at the first slice end past each
     * mark where no disk I/O is in flight.
     *
     * @return this.
     */
    public PrimaryReplica snapshots(final StateSaver saver, final long everyInstructions)
    {
        if (everyInstructions <= 0)
        {
            throw new IllegalArgumentException("snapshot interval must be positive: " + everyInstructions);
        }
        snapshots.every(saver, everyInstructions, machine.icount());
        return this;
    }

    /**
     * Saves the machine's state every {@code everyInstructions} without stopping the guest for the
     * save: from each mark on, every slice end copies {@code pagesPerStep} pages of RAM (and then
     * the pages written since), and once few are left the state is captured at a slice end where no
     * disk I/O is in flight and handed to {@code saver}, which writes it on another thread.
     *
     * @return this.
     */
    public PrimaryReplica snapshotsWhileRunning(final RamPreCopy preCopy, final CapturedStateSaver saver,
        final int pagesPerStep, final long everyInstructions)
    {
        if (everyInstructions <= 0 || pagesPerStep <= 0)
        {
            throw new IllegalArgumentException("snapshot interval and pages per step must be positive: " +
                everyInstructions + ", " + pagesPerStep);
        }
        snapshots.whileRunning(preCopy, saver, pagesPerStep, everyInstructions, machine.icount());
        return this;
    }

    /** @return snapshots saved. */
    public long snapshotsSaved()
    {
        return snapshots.saved();
    }

    /** @return where the primary stands. */
    public State state()
    {
        return state;
    }

    /** @return why the primary halted, or null. */
    public String haltReason()
    {
        return haltReason;
    }

    /** @return the highest log sequence the backup acknowledged. */
    public long ackedSequence()
    {
        return ackedSequence;
    }

    /**
     * Counts the backup as heard from at {@code nowNs}: for a start-up that waited for the
     * backup's first acknowledgement before this agent ran.
     */
    public void peerHeard(final long nowNs)
    {
        lastAckNs = nowNs;
        backupSilence.heard(nowNs);
    }

    /** @return when an acknowledgement last came from the backup (clock ns). */
    public long lastAckNs()
    {
        return lastAckNs;
    }

    /** @return the backup's instruction count, as its last acknowledgement reported. */
    public long backupIcount()
    {
        return backupIcount;
    }

    /** @return the primary's icount minus the backup's last reported icount. */
    public long lagInstructions()
    {
        return machine.icount() - backupIcount;
    }

    /** @return duty cycles skipped because the backup lagged too far. */
    public long lagPauses()
    {
        return lagPauses;
    }

    /**
     * @return the generation the next failover claims: the configured one, plus one for each
     * backup taken in by state transfer (that backup must claim the same).
     */
    public long generation()
    {
        return generation;
    }

    /** @return true while a state transfer to a new backup is under way. */
    public boolean transferring()
    {
        return transfer != null;
    }

    /** @return why the last transfer was given up, or null. */
    public String transferAbortReason()
    {
        return transfers.abortReason();
    }

    /** @return state transfers completed. */
    public long transfersDone()
    {
        return transfers.done();
    }

    /**
     * @return how long the guest was stopped for the last completed transfer, ns (real time: the
     * last pages, the components' state, the work at the cut and the END frame).
     */
    public long lastTransferPauseNs()
    {
        return transfers.lastPauseNs();
    }

    /**
     * @return of {@link #lastTransferPauseNs()}, the part spent sending the last pages, the
     * components' state and the END frame (without the work at the cut), ns.
     */
    public long lastTransferSendPauseNs()
    {
        return transfers.lastSendPauseNs();
    }

    /** @return how long the last completed transfer took from its start to the cut, ns. */
    public long lastTransferTotalNs()
    {
        return transfers.lastTotalNs();
    }

    /** @return the machine. */
    public Machine machine()
    {
        return machine;
    }

    /** @return the recorder. */
    public Recorder recorder()
    {
        return recorder;
    }

    /** @return the output gate. */
    public OutputGate gate()
    {
        return gate;
    }
}
