package io.tandem.engine.replica;

import io.tandem.codec.Ack;
import io.tandem.codec.EntryType;
import io.tandem.codec.Heartbeat;
import io.tandem.codec.LogEntry;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineInputs;
import io.tandem.engine.machine.StopReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The backup of a pair as an Agrona {@link Agent}: each duty cycle receives log entries, journals
 * them, acknowledges, and replays as far as the entries allow — never past the highest
 * instruction count received (the replayer's horizon). Its own outputs are held, not sent.
 * When the primary falls silent for the failure timeout, the backup claims the next generation at
 * the arbiter: won, it replays every entry it received, switches its inputs to the world, lets its
 * held outputs out again (clients drop the duplicates by sequence number) and goes live; lost or
 * unreachable, it halts. The primary's heartbeats say how far its outputs have left; held
 * outputs up to there are dropped, so that only those in doubt are let out again on going live.
 */
public final class BackupReplica implements Agent
{
    /** Where the backup stands. */
    public enum State
    {
        /** Replaying the primary's log. */
        FOLLOWING,
        /** The primary is gone and the backup won the arbiter: it runs as the primary, alone. */
        LIVE,
        /** Stopped: lost or could not reach the arbiter, the log diverged, or the guest ended. */
        HALTED
    }

    private static final long REPLAY_CHUNK_INSTRUCTIONS = 5_000_000L;
    /** Why a backup that was asked to {@link #leave()} halted, once the primary was told. */
    public static final String LEFT = "stopped on request: the primary was told that this backup will not go live";
    /** Why a backup that was asked to {@link #leave()} halted when the notice could not go out. */
    public static final String LEFT_UNTOLD = "stopped on request; the primary could not be told (silent or " +
        "back-pressured for the failure timeout) and will take the silence for a failure";

    private final Machine machine;
    private final SwitchableInputs inputs;
    private final Replayer replayer;
    private final ReceivedLog received;
    private final LogWriter journal;
    private final EntryPublication ackChannel;
    private final EntrySubscription logChannel;
    private final Arbiter arbiter;
    private final MachineInputs liveInputs;
    private final OutputGate gate;
    private final PairConfig config;
    private final NanoClock clock;
    private final EntrySubscription.Handler entryHandler = this::onEntry;
    private final UnsafeBuffer ack = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.HEADER_LENGTH + Ack.LENGTH));
    private final LogEntry entry = new LogEntry();

    private State state = State.FOLLOWING;
    private boolean guestEnded;
    private String haltReason;
    private long lastHeardNs;
    private final PeerSilence primarySilence;
    private long journaledSequence;
    private long ackedSequence = -1;
    private long lastAckSentNs;
    private long highestReceivedIcount;
    private long primaryReleased = -1;
    private long wentLiveNs;
    private long wentLiveIcount;
    private long now;
    private long generation;
    private long joinedSequence;
    private ReplicaCounters counters;
    private boolean liveCounted;
    // Set by another thread (the one stopping the node), read once per duty cycle: volatile.
    private volatile boolean leaveRequested;
    private long handOverIcount = -1;
    private boolean liveByHandOver;
    private boolean oldPrimaryFollows;
    private long leaveStartNs;
    private long cycleStartNs;
    private boolean holdWhenLive;
    private Runnable onLive = () -> { };

    /**
     * @param machine    the replaying machine; its inputs are {@code inputs}, which start on {@code replayer}.
     * @param inputs     switched to {@code liveInputs} when the backup goes live.
     * @param replayer   reads {@code received}.
     * @param received   entries received, waiting to be replayed.
     * @param journal    the backup's journal, or null.
     * @param ackChannel acknowledgements to the primary.
     * @param logChannel entries from the primary.
     * @param arbiter    decides who goes on when the pair splits.
     * @param liveInputs the world's inputs, for after going live.
     * @param gate       holds the machine's outputs while following.
     * @param config     timings.
     * @param clock      time for timeouts and heartbeats.
     */
    public BackupReplica(
        final Machine machine, final SwitchableInputs inputs, final Replayer replayer, final ReceivedLog received,
        final LogWriter journal, final EntryPublication ackChannel, final EntrySubscription logChannel,
        final Arbiter arbiter, final MachineInputs liveInputs, final OutputGate gate, final PairConfig config,
        final NanoClock clock)
    {
        this.machine = machine;
        this.inputs = inputs;
        this.replayer = replayer;
        this.received = received;
        this.journal = journal;
        this.ackChannel = ackChannel;
        this.logChannel = logChannel;
        this.arbiter = arbiter;
        this.liveInputs = liveInputs;
        this.gate = gate;
        this.config = config;
        this.clock = clock;
        this.lastHeardNs = clock.nanoTime();
        this.primarySilence = new PeerSilence(lastHeardNs);
        this.generation = config.generation();
    }

    @Override
    public String roleName()
    {
        return "tandem-backup";
    }

    /**
     * One duty cycle, then the counters (when given) as it left them.
     *
     * @return the work done.
     */
    @Override
    public int doWork()
    {
        final int work = dutyCycle();
        if (counters != null)
        {
            publishCounters();
        }
        return work;
    }

    /**
     * @param counters where this replica publishes its counters at the end of each duty cycle, or
     *                 null for none; published once now.
     * @return this.
     */
    public BackupReplica counters(final ReplicaCounters counters)
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
        if (!liveCounted && wentLiveNs != 0)
        {
            liveCounted = true;
            counters.wentLiveNs(wentLiveNs);
            if (liveByHandOver)
            {
                counters.handOvers(1); // the primary stopped on purpose and handed over: no failover
            }
            else
            {
                counters.failovers(1); // the primary was lost and the arbiter won: live
            }
        }
        final long icount = machine.icount();
        counters.publish(icount, state.ordinal(), 0, 0, gate.heldBytes(), journaledSequence, 0, lastHeardNs);
        counters.logIcount(highestReceivedIcount);
        counters.lag(state == State.FOLLOWING ? highestReceivedIcount - icount : 0);
        counters.generation(generation);
    }

    private int dutyCycle()
    {
        if (state == State.HALTED)
        {
            return 0;
        }
        now = clock.nanoTime();
        int work = 0;
        if (state == State.FOLLOWING)
        {
            if (RequestTimeline.ENABLED)
            {
                cycleStartNs = System.nanoTime();
            }
            work += logChannel.poll(entryHandler, 256);
            acknowledge();
            if (leaveRequested)
            {
                return work + leave(now);
            }
            if (handOverIcount >= 0)
            {
                // The primary stopped on purpose and handed over: live now, not after the failure
                // timeout, still through the arbiter (a primary that also claimed would lose).
                liveByHandOver = true;
                claim();
                if (state == State.LIVE && (machine.icount() != handOverIcount || replayer.checkedHashIcount() != handOverIcount))
                {
                    halt("the primary handed over at instruction " + handOverIcount + " but its log ends at " +
                        machine.icount() + (replayer.checkedHashIcount() != handOverIcount ? ", its state unchecked" : ""));
                }
                return work + 1;
            }
            if (primarySilence.silentPastTimeout(now, config))
            {
                if (guestEnded && primaryReleased == Heartbeat.ALL_RELEASED)
                {
                    halt("the guest ended: " + machine.haltMessage());
                    return work;
                }
                claim();
                return work + 1;
            }
            if (guestEnded)
            {
                return work; // keep acknowledging until the primary, its outputs released, stops
            }
            final StopReason stop = machine.run(config.sliceInstructions());
            gate.discard(primaryReleased); // the held outputs stay bounded: only those in doubt
            if (stop == StopReason.HALT)
            {
                if (machine.haltReason() == HaltReason.INPUTS_FAILED)
                {
                    halt("replay diverged: " + machine.haltMessage());
                }
                else
                {
                    guestEnded = true;
                }
            }
            else if (stop == StopReason.BUDGET)
            {
                work++;
            }
            return work;
        }
        if (holdWhenLive)
        {
            return 0; // a node that records from here takes the machine over where it went live
        }
        final StopReason stop = machine.run(config.sliceInstructions());
        if (stop == StopReason.HALT)
        {
            halt("the guest ended: " + machine.haltMessage());
        }
        else if (stop == StopReason.WFI)
        {
            machine.skipToTimer();
        }
        else
        {
            work++;
        }
        return work;
    }

    private void onEntry(final DirectBuffer buffer, final int offset, final int length)
    {
        lastHeardNs = now;
        primarySilence.heard(now);
        entry.wrapForRead(buffer, offset);
        if (entry.type() == EntryType.HEARTBEAT)
        {
            // Neither journaled nor replayed: liveness, and how far the primary's outputs have left.
            if (entry.payloadLength() >= Heartbeat.LENGTH)
            {
                primaryReleased = Math.max(primaryReleased, entry.payloadLong(Heartbeat.RELEASED_OFFSET));
                gate.discard(primaryReleased);
            }
            if (entry.payloadLength() >= Heartbeat.HAND_OVER_LENGTH)
            {
                handOverIcount = entry.payloadLong(Heartbeat.HAND_OVER_ICOUNT_OFFSET);
                oldPrimaryFollows = entry.payloadLength() >= Heartbeat.SWITCHOVER_LENGTH &&
                    entry.payloadLong(Heartbeat.FOLLOWS_OFFSET) == 1;
            }
            return;
        }
        if (entry.sequence() <= joinedSequence)
        {
            // Sent before the cut to the backup this one replaces: a new subscriber of a shared
            // stream can start where the dead one stopped reading. The transferred state holds it.
            return;
        }
        if (journal != null)
        {
            journal.append(buffer, offset, length);
        }
        received.add(buffer, offset, length);
        journaledSequence = entry.sequence();
        if (RequestTimeline.ENABLED)
        {
            RequestTimeline.PAIR.backupReceived(journaledSequence, cycleStartNs);
        }
        highestReceivedIcount = entry.icount();
    }

    private void acknowledge()
    {
        if (journaledSequence == ackedSequence && now - lastAckSentNs < config.heartbeatIntervalNs())
        {
            return;
        }
        if (journal != null && journaledSequence != ackedSequence)
        {
            journal.flush();
        }
        if (RequestTimeline.ENABLED)
        {
            RequestTimeline.PAIR.backupJournaled(journaledSequence);
            RequestTimeline.PAIR.backupAcking(journaledSequence);
        }
        entry.wrap(ack, 0).type(EntryType.ACK).sequence(0).icount(machine.icount())
            .payloadLong(Ack.SEQUENCE_OFFSET, journaledSequence).payloadLong(Ack.BACKUP_ICOUNT_OFFSET, machine.icount());
        if (ackChannel.offer(ack, 0, entry.seal(Ack.LENGTH)) > 0)
        {
            ackedSequence = journaledSequence;
            lastAckSentNs = now;
        }
    }

    /**
     * A planned stop: once everything journaled is acknowledged, the leaving notice goes on the
     * same stream (so after those acknowledgements), and the backup halts: it neither replays on
     * nor claims the arbiter, so that the primary can go on alone at once without a failover.
     */
    private int leave(final long nowNs)
    {
        if (leaveStartNs == 0)
        {
            leaveStartNs = nowNs;
        }
        if (ackedSequence == journaledSequence)
        {
            entry.wrap(ack, 0).type(EntryType.ACK).sequence(0).icount(machine.icount())
                .payloadLong(Ack.SEQUENCE_OFFSET, Ack.LEAVING).payloadLong(Ack.BACKUP_ICOUNT_OFFSET, machine.icount());
            if (ackChannel.offer(ack, 0, entry.seal(Ack.LENGTH)) > 0)
            {
                halt(LEFT);
                return 1;
            }
        }
        if (nowNs - leaveStartNs > config.failureTimeoutNs())
        {
            halt(LEFT_UNTOLD);
        }
        return 0;
    }

    /**
     * From another thread: asks a following backup to stop for good, telling the primary that it
     * will not go live ({@link Ack#LEAVING}); the agent halts with {@link #LEFT} once the notice is
     * sent (or {@link #LEFT_UNTOLD} if it cannot be within the failure timeout). A live backup is
     * the primary: for it this changes nothing.
     */
    public void leave()
    {
        leaveRequested = true;
    }

    private void claim()
    {
        final Arbiter.Outcome outcome = arbiter.testAndSet(config.pairName(), generation, "backup");
        switch (outcome)
        {
            case WON:
                goLive();
                break;
            case LOST:
                halt("the primary went on alone: it won generation " + generation + " at the arbiter");
                break;
            default:
                halt("the primary is silent and the arbiter cannot be reached: not going live");
                break;
        }
    }

    private void goLive()
    {
        received.finish();
        if (guestEnded)
        {
            // The primary fell silent after the guest's end but before it confirmed its last
            // outputs: those still in doubt go out again, and the pair is done.
            gate.passThrough();
            halt("the guest ended: " + machine.haltMessage() + "; outputs the primary had not confirmed were sent again");
            return;
        }
        long stalledIcount = -1;
        long stalledSequence = -1;
        while (true)
        {
            final StopReason stop = machine.run(REPLAY_CHUNK_INSTRUCTIONS);
            if (stop == StopReason.HALT)
            {
                halt("the guest ended while the backup finished the log: " + machine.haltMessage());
                return;
            }
            if (replayer.failure() != null)
            {
                halt("replay diverged while finishing the log: " + replayer.failure());
                return;
            }
            if (stop == StopReason.INPUTS || stop == StopReason.WFI)
            {
                if (!replayer.hasNext())
                {
                    break; // every received entry is applied
                }
                if (stop == StopReason.INPUTS && replayer.next().type() == EntryType.STATE_HASH &&
                    replayer.next().icount() == machine.icount())
                {
                    // A planned stop's state hash, logged between two of the primary's slices
                    // rather than at a check point (where a guest at work has none): compared
                    // here, where the replay stands at that count, as the primary computed it.
                    replayer.checkpoint(machine.icount());
                    continue;
                }
                if (machine.icount() == stalledIcount && replayer.lastSequence() == stalledSequence)
                {
                    halt("replay diverged while finishing the log: the machine, at instruction " + machine.icount() +
                        ", does not take sequence " + replayer.next().sequence() + " at " + replayer.next().icount());
                    return;
                }
                stalledIcount = machine.icount();
                stalledSequence = replayer.lastSequence();
            }
        }
        inputs.switchTo(liveInputs);
        // Disk requests the guest made whose completion never reached the log: the primary died
        // in between. Their I/O runs now, against this replica's disk.
        machine.reissuePendingIo();
        gate.passThrough();
        wentLiveNs = clock.nanoTime();
        wentLiveIcount = machine.icount();
        state = State.LIVE;
        onLive.run();
    }

    /**
     * For a backup whose node becomes a recording primary once live (a replica in its own process
     * that takes a backup of its own): once live, the guest does not run on this agent, so that
     * every instruction after the one where it went live is recorded by the primary that takes
     * the machine over; {@code onLive} runs on this agent's thread when it goes live, to tell the
     * one that does. Call before the agent runs.
     *
     * @param onLive told when the backup has gone live (its held outputs out, its inputs the world's).
     * @return this.
     */
    public BackupReplica holdWhenLive(final Runnable onLive)
    {
        this.holdWhenLive = true;
        this.onLive = onLive;
        return this;
    }

    /**
     * For a replica that follows a new primary's log from its start after a switchover (its
     * machine already where that log begins, no state transfer): the generation the pair's next
     * failover claims.
     *
     * @param generation the generation the new primary gave the pair.
     * @return this.
     */
    public BackupReplica pairGeneration(final long generation)
    {
        this.generation = generation;
        return this;
    }

    private void halt(final String reason)
    {
        state = State.HALTED;
        haltReason = reason;
    }

    /**
     * For a backup built by a state transfer: its state holds the log up to {@code lastSequence},
     * which it acknowledges at once, so that the primary releases outputs made from that state.
     *
     * @param lastSequence the transfer's cut.
     * @param generation   the generation the primary gave the new pair: a failover claims it.
     * @return this.
     */
    public BackupReplica joinedAt(final long lastSequence, final long generation)
    {
        this.generation = generation;
        joinedSequence = lastSequence;
        journaledSequence = lastSequence;
        ackedSequence = -1;
        return this;
    }

    /** @return the generation this backup claims on a failover (the one it won, once live). */
    public long generation()
    {
        return generation;
    }

    /** @return where the backup stands. */
    public State state()
    {
        return state;
    }

    /** @return why the backup halted, or null. */
    public String haltReason()
    {
        return haltReason;
    }

    /** @return the highest sequence journaled and acknowledged. */
    public long journaledSequence()
    {
        return journaledSequence;
    }

    /** @return the highest instruction count received in the log. */
    public long highestReceivedIcount()
    {
        return highestReceivedIcount;
    }

    /**
     * Counts the primary as heard from at {@code nowNs}: for a start-up that took the log's first
     * entry before this agent ran, so that the wait for it is not taken for silence.
     */
    public void peerHeard(final long nowNs)
    {
        lastHeardNs = nowNs;
        primarySilence.heard(nowNs);
    }

    /** @return where the primary handed over, or -1 if it did not (read racily from another thread: for messages). */
    public long handOverIcount()
    {
        return handOverIcount;
    }

    /** @return the state hash at {@link #handOverIcount()}, the primary's, matched by this replay. */
    public long handOverStateHash()
    {
        return replayer.checkedHashIcount() == handOverIcount ? replayer.checkedHash() : 0;
    }

    /** @return true when this backup went live because its primary handed over, not because it fell silent. */
    public boolean liveByHandOver()
    {
        return liveByHandOver && state == State.LIVE;
    }

    /**
     * @return true when this backup went live by a switchover: its old primary stays and follows
     * it from the instruction count where it handed over.
     */
    public boolean oldPrimaryFollows()
    {
        return oldPrimaryFollows && liveByHandOver();
    }

    /** @return when an entry or heartbeat last came from the primary (clock ns). */
    public long lastHeardNs()
    {
        return lastHeardNs;
    }

    /** @return when the backup went live (clock ns), or 0. */
    public long wentLiveNs()
    {
        return wentLiveNs;
    }

    /** @return the instruction count at which the backup went live. */
    public long wentLiveIcount()
    {
        return wentLiveIcount;
    }

    /** @return the machine. */
    public Machine machine()
    {
        return machine;
    }
}
