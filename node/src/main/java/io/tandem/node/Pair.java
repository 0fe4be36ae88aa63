package io.tandem.node;

import io.tandem.engine.replica.ReplicaCounters;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.MachineClock;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.engine.snapshot.PreCopySender;
import io.tandem.engine.wake.ChannelWatch;
import io.tandem.engine.wake.WakeSignal;
import io.tandem.transport.aeron.PairTransport;
import io.tandem.transport.arbiter.ClusterArbiter;
import io.tandem.transport.journal.BackgroundSnapshots;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalSnapshots;
import io.tandem.transport.net.UdpBridge;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A fault-tolerant pair, or one side of it, in this process: each replica ({@link PrimaryNode},
 * {@link BackupNode}) an agent on its own thread, the guest's network bridged to a host UDP
 * socket, a disk image per replica and a file arbiter.
 * <p>
 * Each replica journals the log to Chronicle Queue ({@value #PRIMARY_JOURNAL}, {@value #BACKUP_JOURNAL}
 * under the journal or work directory; the backup before it acknowledges).
 * <p>
 * {@link PairRole#BOTH} (the default) runs primary and backup here over Aeron IPC. The bridge's frames
 * feed only the primary's recorder; the primary's gate sends to the bridge, and so does the
 * backup's, which lets nothing out until the backup goes live. After a crash of the primary
 * ({@link #killPrimary()}) the backup notices the silence, wins the arbiter, finishes the log and
 * serves the same UDP address: the bridge stays up. Both machines read one host clock.
 * <p>
 * {@link PairRole#PRIMARY} and {@link PairRole#BACKUP} run one side, its peer in another process or on
 * another host, over the UDP channels of the transport's context. The arbiter's directory must
 * then be one both reach. The primary serves its own address from the start; the backup binds
 * its own only when it goes live ({@link DeferredUdpBridge}), and its clock carries on from the
 * last time its guest saw. With {@link PairContext#promoteWhenLive(boolean)} the replica changes
 * roles on a thread of the pair's: a backup gone live becomes a primary that records its own log
 * and takes a backup (a join, or its old primary after a switchover), and a primary asked to
 * switch over ({@link #requestSwitchover()}) hands over and follows its successor; the channels
 * swap with the roles ({@link SwappedChannels}).
 */
public final class Pair implements AutoCloseable
{
    /** The primary's journal, under the journal directory. */
    public static final String PRIMARY_JOURNAL = "primary-journal";
    /** The backup's journal, under the journal directory. */
    public static final String BACKUP_JOURNAL = "backup-journal";

    private final PairContext context;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final Path workDirectory;
    private final NodeDirectory directory;
    private final UdpBridge bridge;
    private final DeferredUdpBridge backupBridge;
    private volatile FileBlockStore primaryDisk;
    private volatile FileBlockStore backupDisk;
    private final ChronicleJournal primaryJournal;
    private final ChronicleJournal backupJournal;
    private final PairTransport transport;
    private final ClusterArbiter clusterArbiter;
    private volatile PrimaryNode primary;
    private volatile BackupNode backup;
    /** Backups killed or replaced by a join, and their disks: closed with the pair. */
    private final List<AutoCloseable> retired = new ArrayList<>();
    private final byte[] elfSha256;
    private final Arbiter arbiter;
    private final MachineClock hostClock = new HostClock();
    private int joins;
    private final PairConsole console;
    private final CountersFile counters;
    private volatile long killNs;
    private boolean closed;
    /** The pair's channels as this process's current role uses them: swapped at each role change. */
    private String logChannel;
    private String ackChannel;
    /** Between processes, with {@link PairContext#promoteWhenLive()}: the thread that changes roles. */
    private Thread roleChanger;
    private volatile boolean closing;
    /** Whether the transport holds the ends of both roles (from the first role change on). */
    private boolean otherRoleOpen;
    private volatile boolean backupWentLive;
    private volatile boolean switchoverAsked;
    private volatile int roleChanges;
    private volatile int switchovers;
    private volatile String switchoverOutcome;
    private volatile String roleChangeFailure;
    /** The nodes this process's replica played last, kept for their figures; their counters go at the next change. */
    private volatile PrimaryNode formerPrimary;
    private volatile BackupNode formerBackup;

    /**
     * Builds the pair (or this process's side of it), waits for the peer, and starts.
     *
     * @param context the configuration.
     * @throws IllegalArgumentException naming a file, directory or address that cannot be used.
     * @throws IllegalStateException    when the peer or the log's first entry does not come in time.
     */
    public Pair(final PairContext context)
    {
        this.context = context;
        context.conclude();
        final PairRole role = context.role();
        final ElfImage image = ElfReader.read(context.elf());
        elfSha256 = ElfDigest.sha256(context.elf());
        // Between processes the arbiter's directory is shared (conclude() checked it); in one it is
        // made in the work directory unless given; or the cluster decides.
        final FileArbiter sharedArbiter = role == PairRole.BOTH || context.arbiterCluster() != null ? null :
            new FileArbiter(context.arbiterDirectory());
        directory = NodeDirectory.open(context.workDirectory(), "tandem-" + role.name().toLowerCase() + "-");
        workDirectory = directory.path();
        // The replicas' counters, readable from another process (tandem stat) while the pair runs.
        try
        {
            counters = CountersFile.create(workDirectory);
        }
        catch (final RuntimeException ex)
        {
            directory.close();
            throw ex;
        }

        UdpBridge openedBridge = null;
        DeferredUdpBridge deferredBridge = null;
        FileBlockStore openedPrimaryDisk = null;
        FileBlockStore openedBackupDisk = null;
        ChronicleJournal openedPrimaryJournal = null;
        ChronicleJournal openedBackupJournal = null;
        PairTransport openedTransport = null;
        ClusterArbiter openedClusterArbiter = null;
        PrimaryNode madePrimary = null;
        BackupNode madeBackup = null;
        Arbiter madeArbiter = null;
        try
        {
            final PairConfig config = context.config();
            Arbiter arbiter = context.arbiterCluster() != null ? null : sharedArbiter != null ? sharedArbiter :
                new FileArbiter(Files.createDirectories(
                context.arbiterDirectory() != null ? context.arbiterDirectory() : workDirectory.resolve("arbiter")));

            if (context.bind() != null && role.hasPrimary())
            {
                // The primary's thread reads the socket itself when its idle strategy can wait on it.
                openedBridge = context.primaryIdle() instanceof ChannelWatch ?
                    UdpBridge.polled(context.bind(), context.guestPort(), MachineContext.DEFAULT_MAC_ADDRESS) :
                    new UdpBridge(context.bind(), context.guestPort(), MachineContext.DEFAULT_MAC_ADDRESS);
            }
            else if (context.bind() != null)
            {
                deferredBridge = new DeferredUdpBridge(context.bind(), context.guestPort(),
                    MachineContext.DEFAULT_MAC_ADDRESS);
            }
            if (context.disks())
            {
                openedPrimaryDisk = role.hasPrimary() ? openDisk("primary.img") : null;
                openedBackupDisk = role.hasBackup() ? openDisk("backup.img") : null;
            }
            if (context.journals())
            {
                // Each replica journals the log it writes or receives (the backup before it acknowledges).
                final Path journals = context.journalDirectory() != null ? context.journalDirectory() : workDirectory;
                openedPrimaryJournal = role.hasPrimary() ? ChronicleJournal.create(journals.resolve(PRIMARY_JOURNAL)) : null;
                openedBackupJournal = role.hasBackup() ? ChronicleJournal.create(journals.resolve(BACKUP_JOURNAL)) : null;
            }
            console = new PairConsole(context.consoleOut());
            final MachineContext primaryContext = machineContext(hostClock, openedPrimaryDisk);
            final MachineContext backupContext = machineContext(hostClock, openedBackupDisk);

            openedTransport = PairTransport.launch(context.transport()
                .primarySide(role.hasPrimary()).backupSide(role.hasBackup()));
            if (context.arbiterCluster() != null)
            {
                // The cluster's client rides on the pair's media driver: no second driver to start.
                openedClusterArbiter = new ClusterArbiter(new ClusterArbiter.Context()
                    .ingressEndpoints(context.arbiterCluster())
                    .egressChannel(context.arbiterEgressChannel())
                    .aeronDirectoryName(openedTransport.aeronDirectoryName()));
                arbiter = openedClusterArbiter;
            }
            madeArbiter = arbiter;
            // Each hand-off wakes the replica that takes it: frames, entries, acknowledgements.
            openedTransport.wakeBackupOnEntries(IdleStrategies.signal(context.backupIdle()));
            openedTransport.wakePrimaryOnAcks(IdleStrategies.signal(context.primaryIdle()));
            if (openedBridge != null && openedBridge.isPolled())
            {
                openedBridge.watchedBy((ChannelWatch)context.primaryIdle(), this::primaryServes);
                if (role == PairRole.BOTH && context.backupIdle() instanceof ChannelWatch)
                {
                    // In one process the backup polls the same socket once it is live (also a
                    // backup that joins later): it waits on it only then. No signal per frame:
                    // the thread that reads a frame is the one that takes it.
                    openedBridge.watchedBy((ChannelWatch)context.backupIdle(), this::backupLive);
                }
            }
            else if (openedBridge != null)
            {
                // In one process the backup polls the same bridge once it is live: it is woken
                // too once it is built (below), and only when live.
                openedBridge.wakeOnReceive(IdleStrategies.signal(context.primaryIdle()));
            }
            if (deferredBridge != null)
            {
                deferredBridge.wakeOnReceive(IdleStrategies.signal(context.backupIdle()));
            }
            if (!openedTransport.awaitConnected(context.connectTimeoutNs()))
            {
                throw new IllegalStateException(context.notConnectedMessage());
            }
            if (role.hasPrimary())
            {
                final PacketSink out = openedBridge != null ? openedBridge : (buffer, offset, length) -> { };
                madePrimary = new PrimaryNode(new PrimaryNodeContext()
                    .image(image).machine(primaryContext).network(openedBridge, out).console(console.primarySide())
                    .channels(openedTransport.logPublication(), openedTransport.ackSubscription())
                    .arbiter(arbiter).config(primaryConfig()).clock(clock)
                    .journal(openedPrimaryJournal == null ? null : openedPrimaryJournal.appender())
                    .counters(counters.manager()).idle(context.primaryIdle()));
                madePrimary.replica().events(context.primaryEvents());
                if (context.snapshotEveryInstructions() > 0 && openedPrimaryJournal != null)
                {
                    // RAM copied while the guest runs, the file written off the machine's thread.
                    final BackgroundSnapshots snapshots = new BackgroundSnapshots(
                        JournalSnapshots.of(openedPrimaryJournal.directory()), openedPrimaryDisk);
                    retired.add(snapshots);
                    madePrimary.snapshotsWhileRunning(snapshots, elfSha256, context.snapshotEveryInstructions());
                }
                if (role == PairRole.PRIMARY)
                {
                    // A backup elsewhere (tandem backup --join) asks for the state once this one runs alone.
                    final Machine machine = madePrimary.machine();
                    final FileBlockStore disk = openedPrimaryDisk;
                    final PairTransport link = openedTransport;
                    madePrimary.replica().joinsOnRequest(() -> new PreCopySender(machine, elfSha256,
                        link.transferPublication().asFrameSink(), new PreCopySender.Context()).disk(disk), null);
                }
            }
            if (role.hasBackup())
            {
                // In one process both replicas share the bridge; alone, the backup has its own, bound when live.
                final PacketSource world = role == PairRole.BOTH ? openedBridge : deferredBridge;
                final PacketSink out = role == PairRole.BOTH ? openedBridge : deferredBridge;
                final ConsoleSink backupConsole = console.backupSide();
                // A joining backup's machine starts empty and takes the primary's state; its journal
                // would begin mid-log, so it keeps none.
                madeBackup = new BackupNode(new BackupNodeContext()
                    .image(context.join() ? null : image).machine(backupContext).network(world, out)
                    .console(backupConsole)
                    .channels(openedTransport.logSubscription(), openedTransport.ackPublication())
                    .arbiter(arbiter).config(config).clock(clock)
                    .journal(openedBackupJournal == null || context.join() ? null : openedBackupJournal.appender())
                    .counters(counters.manager()).idle(context.backupIdle()));
                if (changesRoles())
                {
                    madeBackup.replica().holdWhenLive(this::onBackupLive);
                }
                if (role == PairRole.BOTH && openedBridge != null && !openedBridge.isPolled())
                {
                    wakeOnFrames(openedBridge, madeBackup);
                }
            }

            // The first entry says which guest on which machine; the backup checks it before following.
            if (madePrimary != null)
            {
                // Alone, the primary waits for its backup's first acknowledgement; in one process the
                // backup starts only after this.
                madePrimary.start(elfSha256, role == PairRole.PRIMARY ? context.connectTimeoutNs() : 0);
            }
            if (madeBackup != null && context.join())
            {
                madeBackup.join(elfSha256, openedTransport.transferSubscription(), openedTransport.ackPublication(),
                    openedBackupDisk, context.connectTimeoutNs());
            }
            else if (madeBackup != null)
            {
                madeBackup.start(elfSha256, context.connectTimeoutNs());
            }
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(madePrimary, madeBackup, openedTransport, openedBridge, deferredBridge,
                openedPrimaryDisk, openedBackupDisk, openedPrimaryJournal, openedBackupJournal, openedClusterArbiter,
                counters);
            closeIdleSelectors();
            directory.close();
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(madePrimary, madeBackup, openedTransport, openedBridge, deferredBridge,
                openedPrimaryDisk, openedBackupDisk, openedPrimaryJournal, openedBackupJournal, openedClusterArbiter,
                counters);
            closeIdleSelectors();
            directory.close();
            throw ex;
        }
        bridge = openedBridge;
        backupBridge = deferredBridge;
        primaryDisk = openedPrimaryDisk;
        backupDisk = openedBackupDisk;
        primaryJournal = openedPrimaryJournal;
        backupJournal = openedBackupJournal;
        transport = openedTransport;
        clusterArbiter = openedClusterArbiter;
        primary = madePrimary;
        backup = madeBackup;
        this.arbiter = madeArbiter;
        logChannel = context.transport().logChannel();
        ackChannel = context.transport().ackChannel();
        if (changesRoles())
        {
            roleChanger = new Thread(this::changeRoles, "tandem-role-changes");
            roleChanger.setDaemon(true);
            roleChanger.start();
        }
    }

    /** Between processes, a replica that changes roles: its backup, once live, takes a backup of its own. */
    private boolean changesRoles()
    {
        return context.role() != PairRole.BOTH && context.promoteWhenLive();
    }

    /** On the backup's thread, as it goes live (its guest held): the role-change thread promotes it. */
    private void onBackupLive()
    {
        backupWentLive = true;
        LockSupport.unpark(roleChanger);
    }

    /**
     * Asks this process's primary, between processes, to switch over: it stops its guest at an
     * instruction count N, logs its state hash there, waits for the backup to acknowledge
     * everything up to N and hands over; the backup goes live at N at once and records a log of
     * its own from there; this replica's machine, whose state at N is the same (the backup's
     * replay matched the hash), then follows that log as the new primary's backup, with no state
     * transfer. Done on the pair's role-change thread; {@link #switchovers()} counts those done
     * and {@link #switchoverOutcome()} says how the last one went. Another process asks by
     * creating {@value #SWITCHOVER_REQUEST} in the work directory ({@code tandem switchover}).
     *
     * @throws IllegalStateException unless this is a replica alone in its process that changes roles.
     */
    public void requestSwitchover()
    {
        if (!changesRoles())
        {
            throw new IllegalStateException("only a replica in its own process that takes over roles switches over " +
                "(PairContext.promoteWhenLive)");
        }
        switchoverAsked = true;
        LockSupport.unpark(roleChanger);
    }

    /** A file another process creates in the work directory to ask for a switchover. */
    public static final String SWITCHOVER_REQUEST = "switchover.request";
    /** The file where the last switchover's outcome is written, one line, once it is done. */
    public static final String SWITCHOVER_OUTCOME = "switchover.outcome";
    /** The outcome of a switchover done, as it begins. */
    public static final String SWITCHED_OVER = "switched over";
    /** How often the role-change thread looks for a request file when nothing wakes it. */
    private static final long ROLE_CHANGE_POLL_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private void changeRoles()
    {
        final Path request = workDirectory.resolve(SWITCHOVER_REQUEST);
        while (!closing)
        {
            LockSupport.parkNanos(ROLE_CHANGE_POLL_NS);
            if (closing)
            {
                return;
            }
            try
            {
                if (backupWentLive)
                {
                    backupWentLive = false;
                    becomePrimary();
                }
                if (Files.exists(request))
                {
                    Files.deleteIfExists(request);
                    switchoverAsked = true;
                }
                if (switchoverAsked)
                {
                    switchoverAsked = false;
                    final String outcome = switchover();
                    switchoverOutcome = outcome;
                    writeOutcome(outcome);
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                roleChangeFailure = String.valueOf(ex.getMessage());
                switchoverOutcome = "failed: " + roleChangeFailure;
                writeOutcome(switchoverOutcome);
            }
        }
    }

    private void writeOutcome(final String outcome)
    {
        try
        {
            final Path temporary = workDirectory.resolve(SWITCHOVER_OUTCOME + ".tmp");
            Files.write(temporary, (outcome + "\n").getBytes(StandardCharsets.UTF_8));
            Files.move(temporary, workDirectory.resolve(SWITCHOVER_OUTCOME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            roleChangeFailure = "cannot write " + SWITCHOVER_OUTCOME + ": " + ex.getMessage();
        }
    }

    /** On the role-change thread: hands over and follows; @return the outcome, one line. */
    private String switchover()
    {
        final PrimaryNode side = primary;
        if (side == null)
        {
            return "refused: this process runs the backup; ask the primary's process";
        }
        if (side.counters().state() != PrimaryReplica.State.PAIRED.ordinal())
        {
            return "refused: the primary is " + PrimaryReplica.State.values()[side.counters().state()] +
                ", with no backup to hand over to";
        }
        final long startNs = System.nanoTime();
        // Subscribed to the new primary's log before it exists: its publication then connects
        // at its first setup frame, not at the next round of them.
        openOtherRole();
        if (!side.handOver(context.config().failureTimeoutNs() + TimeUnit.SECONDS.toNanos(1), true))
        {
            return "failed: " + side.replica().haltReason();
        }
        final long handedOverNs = System.nanoTime();
        follow(side);
        switchovers++;
        return String.format(Locale.ROOT, "%s at instruction %d, state hash %016x: the backup went live there, " +
            "this replica follows it as its backup (hand-over %.1f ms, following %.1f ms later)", SWITCHED_OVER,
            side.handOverIcount(), side.handOverStateHash(), (handedOverNs - startNs) / 1e6,
            (System.nanoTime() - handedOverNs) / 1e6);
    }

    /**
     * A primary that handed over (its thread stopped) becomes its successor's backup: the ends of
     * a backup, on the two channels swapped, and its machine replaying the new log.
     */
    private void follow(final PrimaryNode former)
    {
        openOtherRole();
        final String log = SwappedChannels.log(logChannel, ackChannel);
        ackChannel = SwappedChannels.ack(logChannel, ackChannel);
        logChannel = log;
        final BackupNode follower = BackupNode.follow(former, transport.logSubscription(), transport.ackPublication(),
            arbiter, context.config(), clock, counters.manager(), ownIdle());
        follower.replica().holdWhenLive(this::onBackupLive);
        retire(former);
        backupDisk = primaryDisk;
        primaryDisk = null;
        backup = follower;
        primary = null;
        roleChanges++;
        follower.start(elfSha256, context.attachTimeoutNs() + TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * A backup that went live (its guest held where it did) becomes a primary that records a log
     * of its own, on the two channels swapped: after a hand-over its old primary
     * follows it at once; otherwise a new backup joins it by state transfer.
     */
    private void becomePrimary()
    {
        final BackupNode live = backup;
        if (live == null)
        {
            return;
        }
        live.stop();
        if (live.replica().state() != BackupReplica.State.LIVE)
        {
            return; // halted meanwhile: nothing to take over
        }
        openOtherRole();
        final String log = SwappedChannels.log(logChannel, ackChannel);
        ackChannel = SwappedChannels.ack(logChannel, ackChannel);
        logChannel = log;
        final Machine machine = live.machine();
        final FileBlockStore disk = backupDisk;
        final PairTransport link = transport;
        final Supplier<PreCopySender> joins = () -> new PreCopySender(machine, elfSha256,
            link.transferPublication().asFrameSink(), new PreCopySender.Context()).disk(disk);
        final PrimaryNode promoted = PrimaryNode.promote(live, transport.logPublication(), transport.ackSubscription(),
            arbiter, primaryConfig(), clock, elfSha256, ownIdle(), counters.manager(), joins,
            context.attachTimeoutNs());
        retire(live);
        primaryDisk = backupDisk;
        backupDisk = null;
        primary = promoted;
        backup = null;
        roleChanges++;
    }

    /**
     * Opens the ends of the role this replica does not play, on the channels swapped, the first
     * time it changes roles; they stay open for the next changes. They sit on the socket this
     * side receives on anyway, so nothing is bound anew.
     */
    private void openOtherRole()
    {
        final String log = SwappedChannels.log(logChannel, ackChannel);
        final String ack = SwappedChannels.ack(logChannel, ackChannel);
        if (primary != null && !otherRoleOpen)
        {
            transport.reopenBackupSide(log, ack);
            otherRoleOpen = true;
        }
        else if (backup != null && !otherRoleOpen)
        {
            transport.reopenPrimarySide(log, ack);
            otherRoleOpen = true;
        }
    }

    /** The idle strategy of this process's replica, whichever role it plays: its wake-ups stay wired. */
    private IdleStrategy ownIdle()
    {
        return context.role() == PairRole.PRIMARY ? context.primaryIdle() : context.backupIdle();
    }

    /** Keeps the primary node just left for its figures; the one before it lets its counters go. */
    private void retire(final PrimaryNode node)
    {
        final PrimaryNode before = formerPrimary;
        formerPrimary = node;
        if (before != null)
        {
            CloseHelper.quietClose(before.counters());
        }
    }

    /** Keeps the backup node just left for its figures; the one before it lets its counters go. */
    private void retire(final BackupNode node)
    {
        final BackupNode before = formerBackup;
        formerBackup = node;
        if (before != null)
        {
            CloseHelper.quietClose(before.counters());
        }
    }

    /**
     * @return for a primary that took over by a switchover, how long its guest waited for the old
     * primary to follow (ns), or -1.
     */
    public long attachWaitNs()
    {
        return primarySide().attachWaitNs();
    }

    /**
     * @return for a primary promoted from this process's backup, how long its guest was held
     * between going live and running as the primary (ns), or -1.
     */
    public long liveHoldNs()
    {
        return primarySide().liveHoldNs();
    }

    /** @return role changes of this process's replica (a backup promoted, a primary that follows). */
    public int roleChanges()
    {
        return roleChanges;
    }

    /** @return true when a backup of this process went live and became its primary. */
    public boolean wentLiveHere()
    {
        return formerBackup != null;
    }

    /** @return switchovers this process's primary did (handed over, then followed). */
    public int switchovers()
    {
        return switchovers;
    }

    /** @return how the last switchover asked of this process went, or null. */
    public String switchoverOutcome()
    {
        return switchoverOutcome;
    }

    /** @return why the last role change failed, or null. */
    public String roleChangeFailure()
    {
        return roleChangeFailure;
    }

    /**
     * @return the role this process's replica plays now: {@link PairRole#BOTH} in one process;
     * between processes it changes as its replica is promoted or follows.
     */
    public PairRole currentRole()
    {
        if (context.role() == PairRole.BOTH)
        {
            return PairRole.BOTH;
        }
        return primary != null ? PairRole.PRIMARY : PairRole.BACKUP;
    }

    /** @return the channels the current role uses: log, then acknowledgements (swapped at each role change). */
    public String[] currentChannels()
    {
        return new String[] {logChannel, ackChannel};
    }

    /**
     * The primary's timings: the pair's, without polling for acknowledgements when the log goes
     * through the media driver (UDP), which needs the core a polling primary would hold.
     */
    private PairConfig primaryConfig()
    {
        return PairTransport.IPC_CHANNEL.equals(context.transport().logChannel()) ? context.config() :
            context.config().copy().ackSpinNs(0);
    }

    /**
     * In one process, for a polled bridge: whether the backup's thread waits on the socket, which it
     * polls only once live. Asked on the backup's thread before each wait.
     */
    private boolean backupLive()
    {
        // Not once halted: its thread, still idling, would take the frames of a primary that won.
        return publishedBackupState() == BackupReplica.State.LIVE.ordinal();
    }

    /** @return the state the current backup publishes; following while there is none yet. */
    private int publishedBackupState()
    {
        final BackupNode side = backup;
        return side == null ? BackupReplica.State.FOLLOWING.ordinal() : side.counters().state();
    }

    /**
     * For a polled bridge: whether the primary's thread waits on the socket; not once its replica
     * halted (it lost the arbiter), whose thread would take the frames from a live backup.
     */
    private boolean primaryServes()
    {
        final PrimaryNode side = primary;
        if (side == null && context.role() == PairRole.PRIMARY)
        {
            return false; // the replica follows a new primary: its machine takes no frames of its own
        }
        return side == null || side.counters().state() != PrimaryReplica.State.HALTED.ordinal();
    }

    /** In one process: the bridge's frames wake the primary's thread, and the backup's once it is live. */
    private void wakeOnFrames(final UdpBridge shared, final BackupNode backupNode)
    {
        shared.wakeOnReceive(WakeSignal.both(IdleStrategies.signal(context.primaryIdle()),
            new LiveBackupWake(IdleStrategies.signal(context.backupIdle()), backupNode.counters()::state)));
    }

    /**
     * The replicas' idle strategies let go of the selectors they waited on the socket in, once their
     * threads have stopped: a closed socket stays bound while a selector holds it.
     */
    private void closeIdleSelectors()
    {
        for (final Object idle : new Object[] {context.primaryIdle(), context.backupIdle()})
        {
            if (idle instanceof ChannelWatch && idle instanceof AutoCloseable)
            {
                CloseHelper.quietClose((AutoCloseable)idle);
            }
        }
    }

    /** A replica's own disk image in the work directory, open. */
    private FileBlockStore openDisk(final String name) throws IOException
    {
        return FileBlockStore.open(directory.diskImage(name, context.disk(), context.diskMib()), 0);
    }

    private MachineContext machineContext(final MachineClock hostClock, final FileBlockStore disk)
    {
        return new MachineContext().ramMib(context.ramMib()).clock(hostClock).entropy(new HostEntropy())
            .macAddress(MachineContext.DEFAULT_MAC_ADDRESS).blockStore(disk);
    }

    /**
     * Crashes the primary: its thread stops between two duty cycles and its ends of both streams
     * close. The backup is left to notice the silence by itself.
     *
     * @return when the crash happened ({@link System#nanoTime()}).
     */
    public long killPrimary()
    {
        final PrimaryNode side = primarySide();
        final long now = System.nanoTime();
        killNs = now;
        side.stop();
        transport.closePrimarySide();
        return now;
    }

    /**
     * Kills the backup in this process, as a crash would: its thread stops, its ends of the
     * transport close. The primary is left to notice the silence and go on alone.
     */
    public void killBackup()
    {
        final BackupNode side = backupSide();
        side.stop();
        transport.closeBackupSide();
    }

    /**
     * A new backup in this process joins the primary, which must run alone (its old backup
     * killed, the failure noticed): the primary's state comes over the transfer stream while its
     * guest runs, the guest stops for the last pages (and, with disks, a copy of the primary's
     * disk image for the new backup), and the new backup follows the log from that cut. The
     * killed backup is closed once the new one follows.
     *
     * @param timeoutNs how long the primary may be silent mid-transfer, and the wait for it to start.
     * @return what the transfer cost the primary.
     * @throws IllegalStateException when the primary does not take the backup or the transfer fails.
     */
    public JoinFigures joinBackup(final long timeoutNs)
    {
        if (context.role() != PairRole.BOTH)
        {
            throw new IllegalStateException("only a pair in one process joins a backup in process");
        }
        final PrimaryNode primarySide = primarySide();
        final BackupNode old = backup; // null after a promotion: that backup is the primary now
        if (old != null)
        {
            old.stop();
        }
        transport.closeBackupSide();
        transport.reopenBackupSide();
        joins++;
        FileBlockStore disk = null;
        BackupNode joined = null;
        try
        {
            Runnable atCut = null;
            if (primaryDisk != null)
            {
                final Path image = workDirectory.resolve("backup-join-" + joins + ".img");
                FileBlockStore.open(image, primaryDisk.capacitySectors() * 512).close();
                disk = FileBlockStore.open(image, 0);
                final Path from = primaryDisk.path();
                atCut = () -> DiskImages.copyInPlace(from, image);
            }
            final MachineContext backupContext = machineContext(hostClock, disk);
            final PacketSink out = bridge != null ? bridge : (buffer, offset, length) -> { };
            joined = new BackupNode(new BackupNodeContext()
                .machine(backupContext).network(bridge, out).console(console.backupSide())
                .channels(transport.logSubscription(), transport.ackPublication())
                .arbiter(arbiter).config(context.config()).clock(clock)
                .counters(counters.manager()).idle(context.backupIdle()));
            final ReplicaCounters primaryCounters = primarySide.counters();
            final long doneBefore = primaryCounters.joins();
            final PreCopySender sender = new PreCopySender(
                primarySide.machine(), elfSha256, transport.transferPublication().asFrameSink(),
                new PreCopySender.Context());
            primarySide.replica().offerJoin(sender, atCut);
            final PreCopyReceiver receiver;
            try
            {
                receiver = joined.join(elfSha256, transport.transferSubscription(), null, null, timeoutNs);
            }
            catch (final IllegalStateException ex)
            {
                final String primaryReason = primarySide.replica().joinFailure();
                throw primaryReason == null ? ex : new IllegalStateException(ex.getMessage() + " (the primary: " +
                    primaryReason + ")", ex);
            }
            final long deadlineNs = System.nanoTime() + timeoutNs;
            while (primaryCounters.joins() == doneBefore)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalStateException("the primary sent its state but did not count the transfer done");
                }
                Thread.onSpinWait();
            }
            // The killed backup's thread has stopped: its machine (RAM off-heap, the decode cache
            // on the heap, together more than twice the guest's RAM) goes now, not with the pair,
            // or a series of joins runs the process out of memory.
            CloseHelper.quietCloseAll(old, backupDisk);
            backup = joined;
            backupDisk = disk;
            if (bridge != null && !bridge.isPolled())
            {
                wakeOnFrames(bridge, joined); // a polled bridge asks backupLive(), which reads the backup field
            }
            return new JoinFigures(primaryCounters.lastJoinPauseNs(), primaryCounters.lastJoinSendPauseNs(),
                primaryCounters.lastJoinTransferNs(), receiver.pagesReceived(),
                receiver.journalSequence(), receiver.pairGeneration());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(joined, disk);
            if (old != null)
            {
                retired.add(old);
            }
            throw ex;
        }
    }

    /**
     * In this process, after the primary was killed and the backup went live: the live backup
     * becomes a primary running alone that records a log of its own, so that a new backup can
     * join it ({@link #joinBackup}). It keeps its machine, disk and outputs; the dead primary is
     * closed with the pair.
     *
     * @throws IllegalStateException unless the backup is live.
     */
    public void promoteLiveBackup()
    {
        final BackupNode live = backupSide();
        if (live.replica().state() != BackupReplica.State.LIVE || live.counters().state() !=
            BackupReplica.State.LIVE.ordinal())
        {
            throw new IllegalStateException("only a backup that went live becomes a primary: it is " +
                BackupReplica.State.values()[live.counters().state()]);
        }
        live.stop();
        final PrimaryNode dead = primarySide();
        dead.stop();
        transport.closePrimarySide();
        transport.reopenPrimarySide();
        CloseHelper.quietCloseAll(dead, primaryDisk); // its thread has stopped; its machine goes now, as at a join
        primary = PrimaryNode.promote(live, transport.logPublication(), transport.ackSubscription(), arbiter,
            primaryConfig(), clock, elfSha256, context.primaryIdle(), counters.manager());
        primaryDisk = backupDisk;
        backupDisk = null;
        backup = null;
        killNs = 0;
    }

    /**
     * @return the primary's figures of its last state transfer to a new backup (the pages and the
     * cut are known to the backup only: 0 and -1 here).
     */
    public JoinFigures lastJoin()
    {
        final ReplicaCounters primaryCounters = primarySide().counters();
        return new JoinFigures(primaryCounters.lastJoinPauseNs(), primaryCounters.lastJoinSendPauseNs(),
            primaryCounters.lastJoinTransferNs(), 0, -1, primaryCounters.generation());
    }

    /** @return when the primary was killed ({@link System#nanoTime()}), or 0. */
    public long killNs()
    {
        return killNs;
    }

    /**
     * Ends a run without a failover and compares the replicas: the primary's machine stops first;
     * a STATE_HASH entry at its final instruction count lets the backup replay up to exactly there
     * (heartbeats meanwhile keep it from taking the silence for a crash); then the backup stops
     * and both machines' state hashes are compared. A guest that ended compares where both halted.
     *
     * @param timeoutNs how long the backup may take to catch up.
     * @return the comparison.
     */
    public StateComparison stopAndCompare(final long timeoutNs)
    {
        if (context.role() != PairRole.BOTH)
        {
            throw new IllegalStateException("only a pair in one process compares its replicas");
        }
        if (killNs != 0)
        {
            throw new IllegalStateException("the primary was killed: there is nothing to compare with");
        }
        return ReplicaComparison.stopAndCompare(primary, backup, context.config(), timeoutNs);
    }

    private PrimaryNode primarySide()
    {
        final PrimaryNode side = primary != null ? primary : formerPrimary;
        if (side == null)
        {
            throw new IllegalStateException("this process runs no primary (role " + context.role() + ")");
        }
        return side;
    }

    private BackupNode backupSide()
    {
        final BackupNode side = backup != null ? backup : formerBackup;
        if (side == null)
        {
            throw new IllegalStateException("this process runs no backup (role " + context.role() + ")");
        }
        return side;
    }

    /** @return which replicas run in this process. */
    public PairRole role()
    {
        return context.role();
    }

    /** @return the primary's published figures. */
    public ReplicaCounters primaryCounters()
    {
        return primarySide().counters();
    }

    /** @return the backup's published figures. */
    public ReplicaCounters backupCounters()
    {
        return backupSide().counters();
    }

    /** @return the primary's state, as last published. */
    public PrimaryReplica.State primaryState()
    {
        return PrimaryReplica.State.values()[primaryCounters().state()];
    }

    /** @return the backup's state, as last published. */
    public BackupReplica.State backupState()
    {
        return BackupReplica.State.values()[backupCounters().state()];
    }

    /** @return why the primary halted, or null (read racily: for messages only). */
    public String primaryHaltReason()
    {
        return primarySide().replica().haltReason();
    }

    /**
     * @return where the primary stopped and handed over, and the state hash there (its own, or
     * the one the backup matched), or null when no hand-over happened (read racily: for messages).
     */
    public StateAt primaryHandOver()
    {
        final PrimaryReplica p = primarySide().replica();
        return p.handOverIcount() >= 0 ? new StateAt(p.handOverIcount(), p.handOverStateHash()) : null;
    }

    /** @return where the backup took the primary's hand-over and the state hash it matched there, or null. */
    public StateAt backupHandOver()
    {
        final BackupReplica b = backupSide().replica();
        return b.liveByHandOver() ? new StateAt(b.handOverIcount(), b.handOverStateHash()) : null;
    }

    /**
     * An instruction count and the machine's state hash there.
     *
     * @param icount    instructions retired.
     * @param stateHash {@code Machine.stateHash()} at that count.
     */
    public record StateAt(long icount, long stateHash)
    {
    }

    /** @return why the backup halted, or null (read racily: for messages only). */
    public String backupHaltReason()
    {
        return backupSide().replica().haltReason();
    }

    /**
     * @param recycle a histogram from an earlier call to reuse, or null.
     * @return acknowledgement latencies (ns) sampled since the last call.
     */
    public Histogram ackLatencyInterval(final Histogram recycle)
    {
        return primarySide().ackLatency().intervalHistogram(recycle);
    }

    /** @return when the live backup sent its first reply ({@link System#nanoTime()}), or 0. */
    public long firstLiveReplyNs()
    {
        final BackupNetworkSink network = backupSide().network();
        return network == null ? 0 : network.firstLiveSendNs();
    }

    /** @return outputs the backup held while following and let out again when it went live. */
    public long resentOnGoingLive()
    {
        final BackupNetworkSink network = backupSide().network();
        return network == null ? 0 : network.resent();
    }

    /**
     * @return where clients send datagrams, or null without a network. A backup alone serves
     * only once live: until then this is the address it will bind.
     */
    public InetSocketAddress address()
    {
        if (bridge != null)
        {
            return bridge.localAddress();
        }
        return backupBridge == null ? null : backupBridge.address();
    }

    /** @return true when this process's client-facing address is bound (a backup alone: once live). */
    public boolean serving()
    {
        return bridge != null || (backupBridge != null && backupBridge.bound());
    }

    /** @return the UDP bridge the primary serves on, or null. */
    public UdpBridge bridge()
    {
        return bridge;
    }

    /** @return the pair's console. */
    public PairConsole console()
    {
        return console;
    }

    /** @return the configuration. */
    public PairContext context()
    {
        return context;
    }

    /** @return the counters file of this process's replicas ({@code tandem stat} reads it). */
    public Path countersFile()
    {
        return counters.file();
    }

    /** @return the directory holding the disk images and the counters (and the arbiter, unless given). */
    public Path workDirectory()
    {
        return workDirectory;
    }

    /** Stops both replicas and releases everything; a temporary work directory is deleted. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        closing = true;
        if (roleChanger != null)
        {
            LockSupport.unpark(roleChanger);
            try
            {
                roleChanger.join(TimeUnit.SECONDS.toMillis(30));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        CloseHelper.closeAll(
            primary == null ? null : (AutoCloseable)primary::stop, backup == null ? null : (AutoCloseable)backup::stop);
        CloseHelper.quietCloseAll(clusterArbiter, transport, bridge, backupBridge, primary, backup, primaryDisk,
            backupDisk, primaryJournal, backupJournal);
        closeIdleSelectors();
        CloseHelper.quietCloseAll(retired);
        counters.close(); // last: the replicas free their counters in it as they close
        directory.close();
    }
}

