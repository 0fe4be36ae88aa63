package io.tandem.tools.pair;

import io.tandem.codec.RunStart;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.ConsoleSource;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.elf.ElfImage;
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
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The primary's half of a pair: live inputs feed a recorder whose entries go to the log
 * channel, the machine's outputs wait in a gate for acknowledgements, and a
 * {@link PrimaryReplica} runs it all as an agent on its own thread, publishing its figures.
 * {@link Pair} makes one when this process plays the primary.
 */
final class PrimarySide implements AutoCloseable
{
    static final int HOST_ID = 1;

    private final Machine machine;
    private final Recorder recorder;
    private final PairLogWriter log;
    private final JournalAppender journal;
    private final PrimaryReplica replica;
    private final PrimaryAgent agent;
    private final ReplicaFigures figures = new ReplicaFigures();
    private final AckLatencyProbe ackProbe = new AckLatencyProbe();
    private final EntrySubscription acksIn;
    private final NanoClock clock;
    private AgentRunner runner;

    /**
     * @param image    the guest.
     * @param context  the machine's context (RAM, clock, entropy, disk), without inputs or sinks yet.
     * @param world    frames from the network, or null without a network card.
     * @param worldOut where released frames go.
     * @param console  where released console bytes go.
     * @param logOut   the log channel to the backup.
     * @param acksIn   the acknowledgements from the backup.
     * @param arbiter  decides who goes on when the pair splits.
     * @param config   timings.
     * @param clock    time for timeouts and heartbeats.
     * @param journal  the primary's journal, or null.
     */
    PrimarySide(
        final ElfImage image, final MachineContext context, final PacketSource world, final PacketSink worldOut,
        final ConsoleSink console, final EntryPublication logOut, final EntrySubscription acksIn,
        final Arbiter arbiter, final PairConfig config, final NanoClock clock, final JournalAppender journal)
    {
        this.journal = journal;
        this.acksIn = acksIn;
        this.clock = clock;
        context.hostId(HOST_ID);
        log = new PairLogWriter(journal, ackProbe.logSide(new LoggedIcountPublication(logOut, figures)), clock,
            config.failureTimeoutNs());
        recorder = new Recorder(new LiveInputs(context.clock(), context.entropy(), HOST_ID, ConsoleSource.NONE,
            world != null ? world : PacketSource.NONE), log, config.epochInstructions());
        final OutputGate gate = new OutputGate(console, worldOut, recorder::outputTag);
        context.inputs(recorder).consoleSink(gate.consoleSide());
        if (world != null)
        {
            context.network(world, gate.networkSide());
        }
        machine = new Machine(context);
        try
        {
            machine.load(image);
        }
        catch (final RuntimeException ex)
        {
            machine.close();
            throw ex;
        }
        recorder.stateChecks(machine, config.stateCheckInstructions());
        replica = new PrimaryReplica(machine, recorder, gate, log, ackProbe.ackSide(acksIn), arbiter, config, clock);
        agent = new PrimaryAgent(replica, recorder, figures);
        agent.publish();
    }

    /** A live backup's machine, recording from now on: see {@link #promote}. */
    private PrimarySide(final BackupSide live, final EntryPublication logOut, final EntrySubscription acksIn,
        final Arbiter arbiter, final PairConfig config, final NanoClock clock)
    {
        this.journal = null;
        this.acksIn = acksIn;
        this.clock = clock;
        this.machine = live.machine();
        log = new PairLogWriter(null, ackProbe.logSide(new LoggedIcountPublication(logOut, figures)), clock,
            config.failureTimeoutNs());
        recorder = new Recorder(live.liveInputs(), log, config.epochInstructions());
        live.outputTag(recorder::outputTag);
        recorder.stateChecks(machine, config.stateCheckInstructions());
        replica = new PrimaryReplica(machine, recorder, live.gate(), log, ackProbe.ackSide(acksIn), arbiter, config,
            clock);
        agent = new PrimaryAgent(replica, recorder, figures);
    }

    /**
     * Makes a backup that went live (its thread stopped) a primary running alone that records a
     * log of its own from here (a new RUN_START), so that a new backup can join it by state
     * transfer; starts its thread.
     *
     * @return the new primary side, owning the live backup's machine.
     */
    static PrimarySide promote(final BackupSide live, final EntryPublication logOut, final EntrySubscription acksIn,
        final Arbiter arbiter, final PairConfig config, final NanoClock clock, final byte[] elfSha256,
        final IdleStrategy idle)
    {
        final PrimarySide side = new PrimarySide(live, logOut, acksIn, arbiter, config, clock);
        side.replica.startAlone(live.replica().generation());
        side.recorder.start(elfSha256, side.machine.ram().sizeBytes(), side.machine.checkInterval());
        live.inputs().switchTo(side.recorder); // the world's inputs, now logged
        side.agent.publish();
        side.replica.idleBound(IdleStrategies.bound(idle));
        side.runner = new AgentRunner(idle, side.figures::failure, null, side.agent);
        AgentRunner.startOnThread(side.runner);
        return side;
    }

    /** Saves the machine's state every {@code everyInstructions} (before {@link #start}). */
    void snapshots(final io.tandem.engine.replica.StateSaver saver, final long everyInstructions)
    {
        replica.snapshots(saver, everyInstructions);
    }

    /**
     * Logs the first entry (which guest on which machine) and starts the replica's thread. The
     * log channel must be connected: an entry refused for want of a subscriber closes it.
     *
     * @param ackTimeoutNs how long to wait for the backup to acknowledge the first entry before
     *                     the machine runs, so that a backup still starting is not taken for a
     *                     dead one; 0 not to wait (a backup in this process starts afterwards).
     * @throws IllegalStateException when the backup does not acknowledge in time.
     */
    void start(final byte[] elfSha256, final MachineContext context, final IdleStrategy idle, final long ackTimeoutNs)
    {
        recorder.start(elfSha256, context.ramBytes(), context.interruptCheckInstructions(),
            RunStart.deviceFlags(context.hasNetwork(), context.blockStore() != null));
        if (journal != null)
        {
            journal.handOver(); // the replica's thread appends from here on
        }
        if (ackTimeoutNs > 0)
        {
            awaitFirstAck(ackTimeoutNs);
        }
        replica.idleBound(IdleStrategies.bound(idle));
        if (machine.disk() != null)
        {
            machine.disk().wakeOnCompletion(IdleStrategies.signal(idle));
        }
        runner = new AgentRunner(idle, figures::failure, null, agent);
        AgentRunner.startOnThread(runner);
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

    /** Stops the replica's thread (the machine stays as it was, for a comparison or a crash). */
    void stop()
    {
        CloseHelper.close(runner);
    }

    Machine machine()
    {
        return machine;
    }

    PrimaryAgent agent()
    {
        return agent;
    }

    Recorder recorder()
    {
        return recorder;
    }

    PairLogWriter log()
    {
        return log;
    }

    PrimaryReplica replica()
    {
        return replica;
    }

    ReplicaFigures figures()
    {
        return figures;
    }

    AckLatencyProbe ackProbe()
    {
        return ackProbe;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(runner, machine);
    }
}
