package io.tandem.tools.pair;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
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
import io.tandem.engine.replica.PairLogWriter;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.engine.snapshot.PreCopySender;
import io.tandem.engine.wake.WakeSignal;
import io.tandem.transport.aeron.PairTransport;
import io.tandem.transport.arbiter.ClusterArbiter;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalSnapshots;
import io.tandem.transport.net.UdpBridge;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fault-tolerant pair, or one side of it, in this process: each replica ({@link PrimarySide},
 * {@link BackupSide}) an agent on its own thread, the guest's network bridged to a host UDP
 * socket, a disk image per replica and a file arbiter.
 * <p>
 * Each replica journals the log to Chronicle Queue ({@value #PRIMARY_JOURNAL}, {@value #BACKUP_JOURNAL}
 * under the journal or work directory; the backup before it acknowledges).
 * <p>
 * {@link Role#BOTH} (the default) runs primary and backup here over Aeron IPC. The bridge's frames
 * feed only the primary's recorder; the primary's gate sends to the bridge, and so does the
 * backup's, which lets nothing out until the backup goes live. After a crash of the primary
 * ({@link #killPrimary()}) the backup notices the silence, wins the arbiter, finishes the log and
 * serves the same UDP address: the bridge stays up. Both machines read one host clock.
 * <p>
 * {@link Role#PRIMARY} and {@link Role#BACKUP} run one side, its peer in another process or on
 * another host, over the UDP channels of the transport's context. The arbiter's directory must
 * then be one both reach. The primary serves its own address from the start; the backup binds
 * its own only when it goes live ({@link DeferredUdpBridge}), and its clock carries on from the
 * last time its guest saw.
 */
public final class Pair implements AutoCloseable
{
    /** The primary's journal, under the journal directory. */
    public static final String PRIMARY_JOURNAL = "primary-journal";
    /** The backup's journal, under the journal directory. */
    public static final String BACKUP_JOURNAL = "backup-journal";
    /** Default disk image size when none exists yet, MiB (kvstore needs about 3.4 MiB). */
    public static final int DEFAULT_DISK_MIB = 4;
    /** Default wait for the peer and the log's first entry. */
    public static final long DEFAULT_CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** Which replicas run in this process. */
    public enum Role
    {
        /** Primary and backup, over IPC unless the transport says otherwise. */
        BOTH,
        /** The primary only; the backup is elsewhere. */
        PRIMARY,
        /** The backup only; the primary is elsewhere. */
        BACKUP;

        /** @return true when this process runs a primary. */
        public boolean hasPrimary()
        {
            return this != BACKUP;
        }

        /** @return true when this process runs a backup. */
        public boolean hasBackup()
        {
            return this != PRIMARY;
        }
    }

    private final Context context;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final Path workDirectory;
    private final boolean deleteWorkDirectory;
    private final UdpBridge bridge;
    private final DeferredUdpBridge backupBridge;
    private volatile FileBlockStore primaryDisk;
    private volatile FileBlockStore backupDisk;
    private final ChronicleJournal primaryJournal;
    private final ChronicleJournal backupJournal;
    private final PairTransport transport;
    private final ClusterArbiter clusterArbiter;
    private volatile PrimarySide primary;
    private volatile BackupSide backup;
    /** Backups killed or replaced by a join, and their disks: closed with the pair. */
    private final List<AutoCloseable> retired = new ArrayList<>();
    private final byte[] elfSha256;
    private final Arbiter arbiter;
    private final MachineClock hostClock = new HostClock();
    private int joins;
    private final PairConsole console;
    private volatile long killNs;
    private boolean closed;

    /**
     * Builds the pair (or this process's side of it), waits for the peer, and starts.
     *
     * @param context the configuration.
     * @throws IllegalArgumentException naming a file, directory or address that cannot be used.
     * @throws IllegalStateException    when the peer or the log's first entry does not come in time.
     */
    public Pair(final Context context)
    {
        this.context = context;
        final Role role = context.role;
        if (context.join && (role != Role.BACKUP || context.disk != null))
        {
            throw new IllegalArgumentException(role != Role.BACKUP ? "only a backup alone in its process joins a " +
                "running primary" : "a joining backup takes its disk from the primary: give no disk image");
        }
        final ElfImage image = ElfReader.read(context.elf);
        elfSha256 = sha256(context.elf);
        final FileArbiter sharedArbiter = sharedArbiter(context);
        try
        {
            deleteWorkDirectory = context.workDirectory == null;
            workDirectory = deleteWorkDirectory ?
                Files.createTempDirectory("tandem-" + role.name().toLowerCase() + "-") :
                Files.createDirectories(context.workDirectory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make the work directory: " + ex.getMessage(), ex);
        }

        UdpBridge openedBridge = null;
        DeferredUdpBridge deferredBridge = null;
        FileBlockStore openedPrimaryDisk = null;
        FileBlockStore openedBackupDisk = null;
        ChronicleJournal openedPrimaryJournal = null;
        ChronicleJournal openedBackupJournal = null;
        PairTransport openedTransport = null;
        ClusterArbiter openedClusterArbiter = null;
        PrimarySide madePrimary = null;
        BackupSide madeBackup = null;
        Arbiter madeArbiter = null;
        try
        {
            final PairConfig config = context.config;
            Arbiter arbiter = context.arbiterCluster != null ? null : sharedArbiter != null ? sharedArbiter :
                new FileArbiter(Files.createDirectories(
                context.arbiterDirectory != null ? context.arbiterDirectory : workDirectory.resolve("arbiter")));

            if (context.bind != null && role.hasPrimary())
            {
                openedBridge = new UdpBridge(context.bind, context.guestPort, MachineContext.DEFAULT_MAC_ADDRESS);
            }
            else if (context.bind != null)
            {
                deferredBridge = new DeferredUdpBridge(context.bind, context.guestPort,
                    MachineContext.DEFAULT_MAC_ADDRESS);
            }
            if (context.disks)
            {
                openedPrimaryDisk = role.hasPrimary() ? FileBlockStore.open(diskImage("primary.img"), 0) : null;
                openedBackupDisk = role.hasBackup() ? FileBlockStore.open(diskImage("backup.img"), 0) : null;
            }
            if (context.journals)
            {
                // Each replica journals the log it writes or receives (the backup before it acknowledges).
                final Path journals = context.journalDirectory != null ? context.journalDirectory : workDirectory;
                openedPrimaryJournal = role.hasPrimary() ? ChronicleJournal.create(journals.resolve(PRIMARY_JOURNAL)) : null;
                openedBackupJournal = role.hasBackup() ? ChronicleJournal.create(journals.resolve(BACKUP_JOURNAL)) : null;
            }
            console = new PairConsole(context.consoleOut);
            final MachineContext primaryContext = machineContext(hostClock, openedPrimaryDisk);
            final MachineContext backupContext = machineContext(hostClock, openedBackupDisk);

            openedTransport = PairTransport.launch(context.transport
                .primarySide(role.hasPrimary()).backupSide(role.hasBackup()));
            if (context.arbiterCluster != null)
            {
                // The cluster's client rides on the pair's media driver: no second driver to start.
                openedClusterArbiter = new ClusterArbiter(new ClusterArbiter.Context()
                    .ingressEndpoints(context.arbiterCluster)
                    .egressChannel(context.arbiterEgressChannel)
                    .aeronDirectoryName(openedTransport.aeronDirectoryName()));
                arbiter = openedClusterArbiter;
            }
            madeArbiter = arbiter;
            // Each hand-off wakes the replica that takes it: frames, entries, acknowledgements.
            openedTransport.wakeBackupOnEntries(IdleStrategies.signal(context.backupIdle));
            openedTransport.wakePrimaryOnAcks(IdleStrategies.signal(context.primaryIdle));
            if (openedBridge != null)
            {
                // In one process the backup polls the same bridge once it is live.
                openedBridge.wakeOnReceive(role == Role.BOTH ? WakeSignal.both(IdleStrategies.signal(
                    context.primaryIdle), IdleStrategies.signal(context.backupIdle)) :
                    IdleStrategies.signal(context.primaryIdle));
            }
            if (deferredBridge != null)
            {
                deferredBridge.wakeOnReceive(IdleStrategies.signal(context.backupIdle));
            }
            if (!openedTransport.awaitConnected(context.connectTimeoutNs))
            {
                throw new IllegalStateException(notConnectedMessage(role, context));
            }

            if (role.hasPrimary())
            {
                final PacketSink out = openedBridge != null ? openedBridge : (buffer, offset, length) -> { };
                madePrimary = new PrimarySide(image, primaryContext, openedBridge, out,
                    console.primarySide(), openedTransport.logPublication(), openedTransport.ackSubscription(),
                    arbiter, config, clock, openedPrimaryJournal == null ? null : openedPrimaryJournal.appender());
                if (context.snapshotEveryInstructions > 0 && openedPrimaryJournal != null)
                {
                    final JournalSnapshots snapshots = JournalSnapshots.of(openedPrimaryJournal.directory());
                    final FileBlockStore disk = openedPrimaryDisk;
                    madePrimary.snapshots((machine, sequence) -> snapshots.save(machine, elfSha256, sequence, disk),
                        context.snapshotEveryInstructions);
                }
                if (role == Role.PRIMARY)
                {
                    // A backup elsewhere (tandem backup --join) asks for the state once this one runs alone.
                    final Machine machine = madePrimary.machine();
                    final FileBlockStore disk = openedPrimaryDisk;
                    final PairTransport link = openedTransport;
                    madePrimary.replica().joinsOnRequest(() -> new PreCopySender(machine, elfSha256,
                        link.transferPublication()::offer, new PreCopySender.Context()).disk(disk), null);
                }
            }
            if (role.hasBackup())
            {
                // In one process both replicas share the bridge; alone, the backup has its own, bound when live.
                final PacketSource world = role == Role.BOTH ? openedBridge : deferredBridge;
                final PacketSink out = role == Role.BOTH ? openedBridge : deferredBridge;
                final ConsoleSink backupConsole = console.backupSide();
                // A joining backup's machine starts empty and takes the primary's state; its journal
                // would begin mid-log, so it keeps none.
                madeBackup = new BackupSide(context.join ? null : image, backupContext, world,
                    out != null ? out : (buffer, offset, length) -> { }, backupConsole,
                    openedTransport.logSubscription(), openedTransport.ackPublication(), arbiter, config, clock,
                    openedBackupJournal == null || context.join ? null : openedBackupJournal.appender());
            }

            // The first entry says which guest on which machine; the backup checks it before following.
            if (madePrimary != null)
            {
                // Alone, the primary waits for its backup's first acknowledgement; in one process the
                // backup starts only after this.
                madePrimary.start(elfSha256, primaryContext, context.primaryIdle,
                    role == Role.PRIMARY ? context.connectTimeoutNs : 0);
            }
            if (madeBackup != null && context.join)
            {
                madeBackup.join(elfSha256, openedTransport.transferSubscription(), openedTransport.ackPublication(),
                    openedBackupDisk, context.backupIdle, context.connectTimeoutNs);
            }
            else if (madeBackup != null)
            {
                madeBackup.start(elfSha256, backupContext, context.backupIdle,
                    context.connectTimeoutNs);
            }
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(madePrimary, madeBackup, openedTransport, openedBridge, deferredBridge,
                openedPrimaryDisk, openedBackupDisk, openedPrimaryJournal, openedBackupJournal, openedClusterArbiter);
            deleteWorkDirectory();
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(madePrimary, madeBackup, openedTransport, openedBridge, deferredBridge,
                openedPrimaryDisk, openedBackupDisk, openedPrimaryJournal, openedBackupJournal, openedClusterArbiter);
            deleteWorkDirectory();
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
    }

    private MachineContext machineContext(final MachineClock hostClock, final FileBlockStore disk)
    {
        return new MachineContext().ramMib(context.ramMib).clock(hostClock).entropy(new HostEntropy())
            .macAddress(MachineContext.DEFAULT_MAC_ADDRESS).blockStore(disk);
    }

    /**
     * In one process the arbiter's directory is made when missing. Between processes it must
     * already exist, be writable and hold no claim of an earlier run: a typo would give each
     * replica its own arbiter and let both go on, and an old claim would make both lose.
     */
    private static FileArbiter sharedArbiter(final Context context)
    {
        final Path directory = context.arbiterDirectory;
        if (context.role == Role.BOTH || context.arbiterCluster != null)
        {
            return null; // made in the work directory unless given, or the cluster decides
        }
        if (directory == null)
        {
            throw new IllegalArgumentException("a " + context.role.name().toLowerCase() + " in its own process " +
                "needs an arbiter its peer reaches too: --arbiter-dir or --arbiter-cluster");
        }
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("arbiter directory " + directory + " does not exist or is not a " +
                "directory: make it first, where both replicas reach it (a shared disk)");
        }
        if (!Files.isWritable(directory))
        {
            throw new IllegalArgumentException("arbiter directory " + directory + " is not writable");
        }
        final FileArbiter arbiter = new FileArbiter(directory);
        final Path claim = arbiter.claimFile(context.config.pairName(), context.config.generation());
        // A joining backup's generation comes from the primary, past every claim already made.
        if (Files.exists(claim) && !context.join)
        {
            throw new IllegalArgumentException("arbiter directory " + directory + " already holds the claim " +
                claim.getFileName() + " of an earlier failover: remove it, or name this pair differently (--pair)");
        }
        return arbiter;
    }

    private static String notConnectedMessage(final Role role, final Context context)
    {
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(context.connectTimeoutNs);
        switch (role)
        {
            case PRIMARY:
                return "no backup connected within " + seconds + " s: nothing subscribed to the log at " +
                    context.transport.logChannel() + ", or the backup's acknowledgements do not reach " +
                    context.transport.ackChannel();
            case BACKUP:
                return "no primary connected within " + seconds + " s: nothing listens for acknowledgements at " +
                    context.transport.ackChannel() + ", or the primary's log does not reach " +
                    context.transport.logChannel();
            default:
                return "the pair's Aeron streams did not connect within " + seconds + " s";
        }
    }

    /** A replica's own image in the work directory: a copy of the given one (made if missing), or a new one. */
    private Path diskImage(final String name) throws IOException
    {
        final long bytes = (long)context.diskMib << 20;
        final Path image = workDirectory.resolve(name);
        Files.deleteIfExists(image);
        if (context.disk != null)
        {
            if (!Files.exists(context.disk))
            {
                FileBlockStore.open(context.disk, bytes).close();
            }
            Files.copy(context.disk, image, StandardCopyOption.REPLACE_EXISTING);
        }
        else
        {
            FileBlockStore.open(image, bytes).close();
        }
        return image;
    }

    private static byte[] sha256(final Path file)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(file + ": " + ex.getMessage(), ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Crashes the primary: its thread stops between two duty cycles and its ends of both streams
     * close. The backup is left to notice the silence by itself.
     *
     * @return when the crash happened ({@link System#nanoTime()}).
     */
    public long killPrimary()
    {
        final PrimarySide side = primarySide();
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
        final BackupSide side = backupSide();
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
        if (context.role != Role.BOTH)
        {
            throw new IllegalStateException("only a pair in one process joins a backup in process");
        }
        final PrimarySide primarySide = primarySide();
        final BackupSide old = backup; // null after a promotion: that backup is the primary now
        if (old != null)
        {
            old.stop();
        }
        transport.closeBackupSide();
        transport.reopenBackupSide();
        joins++;
        FileBlockStore disk = null;
        BackupSide joined = null;
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
            joined = new BackupSide(null, backupContext, bridge, out, console.backupSide(), transport.logSubscription(),
                transport.ackPublication(), arbiter, context.config, clock, null);
            final PrimaryAgent agent = primarySide.agent();
            final long doneBefore = agent.transfersDone();
            final PreCopySender sender = new PreCopySender(
                primarySide.machine(), elfSha256, transport.transferPublication()::offer,
                new PreCopySender.Context());
            agent.offerJoin(sender, atCut);
            final PreCopyReceiver receiver;
            try
            {
                receiver = joined.join(elfSha256, transport.transferSubscription(), null, null, context.backupIdle,
                    timeoutNs);
            }
            catch (final IllegalStateException ex)
            {
                final String primaryReason = agent.transferAbortReason();
                throw primaryReason == null ? ex : new IllegalStateException(ex.getMessage() + " (the primary: " +
                    primaryReason + ")", ex);
            }
            final long deadlineNs = System.nanoTime() + timeoutNs;
            while (agent.transfersDone() == doneBefore)
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
            return new JoinFigures(agent.lastPauseNs(), agent.lastSendPauseNs(), agent.lastTransferNs(),
                receiver.pagesReceived(),
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
        final BackupSide live = backupSide();
        if (live.replica().state() != BackupReplica.State.LIVE || live.figures().state() !=
            BackupReplica.State.LIVE.ordinal())
        {
            throw new IllegalStateException("only a backup that went live becomes a primary: it is " +
                BackupReplica.State.values()[live.figures().state()]);
        }
        live.stop();
        final PrimarySide dead = primarySide();
        dead.stop();
        transport.closePrimarySide();
        transport.reopenPrimarySide();
        CloseHelper.quietCloseAll(dead, primaryDisk); // its thread has stopped; its machine goes now, as at a join
        primary = PrimarySide.promote(live, transport.logPublication(), transport.ackSubscription(), arbiter,
            context.config, clock, elfSha256, context.primaryIdle);
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
        final PrimaryAgent agent = primarySide().agent();
        return new JoinFigures(agent.lastPauseNs(), agent.lastSendPauseNs(), agent.lastTransferNs(), 0, -1,
            agent.generation());
    }

    /** What a state transfer to a new backup cost the primary. */
    public static final class JoinFigures
    {
        private final long pauseNs;
        private final long sendPauseNs;
        private final long transferNs;
        private final long pages;
        private final long cutSequence;
        private final long generation;

        JoinFigures(final long pauseNs, final long sendPauseNs, final long transferNs, final long pages,
            final long cutSequence, final long generation)
        {
            this.pauseNs = pauseNs;
            this.sendPauseNs = sendPauseNs;
            this.transferNs = transferNs;
            this.pages = pages;
            this.cutSequence = cutSequence;
            this.generation = generation;
        }

        /** @return how long the primary's guest was stopped, ns. */
        public long pauseNs()
        {
            return pauseNs;
        }

        /** @return of the pause, the part spent sending the last pages, state and END frame, ns. */
        public long sendPauseNs()
        {
            return sendPauseNs;
        }

        /** @return from the transfer's start to the cut, ns. */
        public long transferNs()
        {
            return transferNs;
        }

        /** @return pages received, counting pages sent again. */
        public long pages()
        {
            return pages;
        }

        /** @return the last log entry the transferred state holds. */
        public long cutSequence()
        {
            return cutSequence;
        }

        /** @return the generation the new pair's failover claims. */
        public long generation()
        {
            return generation;
        }
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
        if (context.role != Role.BOTH)
        {
            throw new IllegalStateException("only a pair in one process compares its replicas");
        }
        if (killNs != 0)
        {
            throw new IllegalStateException("the primary was killed: there is nothing to compare with");
        }
        final PrimaryReplica primary = this.primary.replica();
        final BackupReplica backup = this.backup.replica();
        final Machine primaryMachine = this.primary.machine();
        final Machine backupMachine = this.backup.machine();
        final PairLogWriter log = this.primary.log();
        final ReplicaFigures backupFigures = this.backup.figures();
        this.primary.stop();
        final long primaryIcount = primaryMachine.icount();
        final long primaryHash = primaryMachine.stateHash();
        String problem = null;
        final boolean guestEnded = primary.state() == PrimaryReplica.State.HALTED &&
            String.valueOf(primary.haltReason()).startsWith("the guest ended");
        if (primary.state() == PrimaryReplica.State.HALTED && !guestEnded)
        {
            problem = "the primary halted: " + primary.haltReason();
        }
        else if (primary.state() == PrimaryReplica.State.ALONE || (!guestEnded && !log.channelOpen()))
        {
            problem = "the primary had lost its backup (" + primary.state() + ")";
        }
        else if (!guestEnded)
        {
            this.primary.recorder().stateHash(primaryIcount, primaryHash, primaryMachine.cpu().pc());
        }
        final UnsafeBuffer heartbeat = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.HEADER_LENGTH + 8));
        final LogEntry entry = new LogEntry();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        long lastHeartbeatNs = 0;
        while (problem == null)
        {
            final long now = System.nanoTime();
            final long backupIcount = backupFigures.icount();
            final int backupState = backupFigures.state();
            if (guestEnded ? backupState == BackupReplica.State.HALTED.ordinal() : backupIcount == primaryIcount)
            {
                break;
            }
            if (backupState != BackupReplica.State.FOLLOWING.ordinal() && !guestEnded)
            {
                problem = "the backup stopped following (" + BackupReplica.State.values()[backupState] + ")";
                break;
            }
            if (backupFigures.failure() != null)
            {
                problem = "the backup failed: " + backupFigures.failure();
                break;
            }
            if (now - deadlineNs > 0)
            {
                problem = "the backup did not catch up within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) +
                    " s (at instruction " + backupIcount + " of " + primaryIcount + ")";
                break;
            }
            if (!guestEnded && now - lastHeartbeatNs > context.config.heartbeatIntervalNs() / 2)
            {
                entry.wrap(heartbeat, 0).type(EntryType.HEARTBEAT).sequence(0).icount(primaryIcount).payloadLong(0, now);
                log.send(heartbeat, 0, entry.seal(8));
                lastHeartbeatNs = now;
            }
            sleepQuietly();
        }
        this.backup.stop();
        final long backupIcount = backupMachine.icount();
        final long backupHash = backupMachine.stateHash();
        if (problem == null && backup.state() == BackupReplica.State.HALTED && !guestEnded)
        {
            problem = "the backup halted: " + backup.haltReason();
        }
        return new StateComparison(primaryIcount, primaryHash, backupIcount, backupHash, problem);
    }

    private static void sleepQuietly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private PrimarySide primarySide()
    {
        if (primary == null)
        {
            throw new IllegalStateException("this process runs no primary (role " + context.role + ")");
        }
        return primary;
    }

    private BackupSide backupSide()
    {
        if (backup == null)
        {
            throw new IllegalStateException("this process runs no backup (role " + context.role + ")");
        }
        return backup;
    }

    /** @return which replicas run in this process. */
    public Role role()
    {
        return context.role;
    }

    /** @return the primary's published figures. */
    public ReplicaFigures primaryFigures()
    {
        return primarySide().figures();
    }

    /** @return the backup's published figures. */
    public ReplicaFigures backupFigures()
    {
        return backupSide().figures();
    }

    /** @return the primary's state, as last published. */
    public PrimaryReplica.State primaryState()
    {
        return PrimaryReplica.State.values()[primaryFigures().state()];
    }

    /** @return the backup's state, as last published. */
    public BackupReplica.State backupState()
    {
        return BackupReplica.State.values()[backupFigures().state()];
    }

    /** @return why the primary halted, or null (read racily: for messages only). */
    public String primaryHaltReason()
    {
        return primarySide().replica().haltReason();
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
        return primarySide().ackProbe().intervalHistogram(recycle);
    }

    /** @return when the live backup sent its first reply ({@link System#nanoTime()}), or 0. */
    public long firstLiveReplyNs()
    {
        return backupSide().network().firstLiveSendNs();
    }

    /** @return outputs the backup held while following and let out again when it went live. */
    public long resentOnGoingLive()
    {
        return backupSide().network().resent();
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
    public Context context()
    {
        return context;
    }

    /** @return the directory holding the disk images (and the arbiter, unless given). */
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
        CloseHelper.closeAll(
            primary == null ? null : (AutoCloseable)primary::stop, backup == null ? null : (AutoCloseable)backup::stop);
        CloseHelper.quietCloseAll(clusterArbiter, transport, bridge, backupBridge, primary, backup, primaryDisk,
            backupDisk, primaryJournal, backupJournal);
        CloseHelper.quietCloseAll(retired);
        deleteWorkDirectory();
    }

    private void deleteWorkDirectory()
    {
        if (deleteWorkDirectory && workDirectory != null)
        {
            try (Stream<Path> paths = Files.walk(workDirectory))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (final IOException | UncheckedIOException ignore)
            {
                // a temporary directory left behind is not worth failing the run for
            }
        }
    }

    /** Where both replicas stood when compared. */
    public static final class StateComparison
    {
        private final long primaryIcount;
        private final long primaryHash;
        private final long backupIcount;
        private final long backupHash;
        private final String problem;

        StateComparison(
            final long primaryIcount, final long primaryHash, final long backupIcount, final long backupHash,
            final String problem)
        {
            this.primaryIcount = primaryIcount;
            this.primaryHash = primaryHash;
            this.backupIcount = backupIcount;
            this.backupHash = backupHash;
            this.problem = problem;
        }

        /** @return true when both machines reached the same state hash at the same instruction count. */
        public boolean same()
        {
            return problem == null && primaryIcount == backupIcount && primaryHash == backupHash;
        }

        /** @return the primary's final instruction count. */
        public long primaryIcount()
        {
            return primaryIcount;
        }

        /** @return the primary's final state hash. */
        public long primaryHash()
        {
            return primaryHash;
        }

        /** @return the backup's instruction count when compared. */
        public long backupIcount()
        {
            return backupIcount;
        }

        /** @return the backup's state hash when compared. */
        public long backupHash()
        {
            return backupHash;
        }

        /** @return why the comparison could not be made, or null. */
        public String problem()
        {
            return problem;
        }

        @Override
        public String toString()
        {
            if (problem != null)
            {
                return "not compared: " + problem;
            }
            return same() ?
                String.format("same state: both at instruction %d, state hash %016x", primaryIcount, primaryHash) :
                String.format("DIFFERENT: primary at instruction %d hash %016x, backup at %d hash %016x",
                    primaryIcount, primaryHash, backupIcount, backupHash);
        }
    }

    /** Configuration of a {@link Pair}. */
    public static final class Context
    {
        private Role role = Role.BOTH;
        private long connectTimeoutNs = DEFAULT_CONNECT_TIMEOUT_NS;
        private Path elf;
        private int ramMib = MachineContext.DEFAULT_RAM_MIB;
        private InetSocketAddress bind;
        private int guestPort;
        private boolean disks = true;
        private Path disk;
        private int diskMib = DEFAULT_DISK_MIB;
        private Path arbiterDirectory;
        private Path workDirectory;
        private boolean journals = true;
        private boolean join;
        private String arbiterCluster;
        private String arbiterEgressChannel = ClusterArbiter.Context.DEFAULT_EGRESS_CHANNEL;
        private Path journalDirectory;
        private long snapshotEveryInstructions;
        private PairConfig config = new PairConfig();
        private IdleStrategy primaryIdle = IdleStrategies.wake();
        private IdleStrategy backupIdle = IdleStrategies.wake();
        private PairTransport.Context transport = new PairTransport.Context();
        private PrintStream consoleOut;

        /**
         * @param role which replicas run in this process; with one only, the transport's
         *             channels must be UDP and the arbiter's directory shared.
         * @return this.
         */
        public Context role(final Role role)
        {
            this.role = role;
            return this;
        }

        /**
         * @param connectTimeoutNs how long to wait for the peer, then for the log's first entry.
         * @return this.
         */
        public Context connectTimeoutNs(final long connectTimeoutNs)
        {
            this.connectTimeoutNs = connectTimeoutNs;
            return this;
        }

        /**
         * @param elf the guest ELF.
         * @return this.
         */
        public Context elf(final Path elf)
        {
            this.elf = elf;
            return this;
        }

        /**
         * @param ramMib guest RAM of each machine, MiB.
         * @return this.
         */
        public Context ramMib(final int ramMib)
        {
            this.ramMib = ramMib;
            return this;
        }

        /**
         * @param bind      host UDP address of the bridge, or null for no network card.
         * @param guestPort the guest's UDP port that datagrams go to.
         * @return this.
         */
        public Context network(final InetSocketAddress bind, final int guestPort)
        {
            this.bind = bind;
            this.guestPort = guestPort;
            return this;
        }

        /**
         * @param disks give each replica a disk (true by default).
         * @return this.
         */
        public Context disks(final boolean disks)
        {
            this.disks = disks;
            return this;
        }

        /**
         * @param disk an image the replicas start from (each on its own copy; made if missing), or
         *             null for new empty images.
         * @return this.
         */
        public Context disk(final Path disk)
        {
            this.disk = disk;
            return this;
        }

        /**
         * @param diskMib size of new images, MiB.
         * @return this.
         */
        public Context diskMib(final int diskMib)
        {
            if (diskMib < 1)
            {
                throw new IllegalArgumentException("disk size must be at least 1 MiB: " + diskMib);
            }
            this.diskMib = diskMib;
            return this;
        }

        /**
         * @param arbiterDirectory the arbiter's directory, or null for one in the work directory.
         * @return this.
         */
        public Context arbiterDirectory(final Path arbiterDirectory)
        {
            this.arbiterDirectory = arbiterDirectory;
            return this;
        }

        /**
         * @param ingressEndpoints the Aeron Cluster arbiter's ingress endpoints
         *                         ({@code 0=host:port,1=host:port,...}), instead of a directory.
         * @return this.
         */
        public Context arbiterCluster(final String ingressEndpoints)
        {
            this.arbiterCluster = ingressEndpoints;
            return this;
        }

        /**
         * @param egressChannel where the cluster answers this process's claims; the default
         *                      {@code localhost} only works with the cluster on this host.
         * @return this.
         */
        public Context arbiterEgressChannel(final String egressChannel)
        {
            this.arbiterEgressChannel = egressChannel;
            return this;
        }

        /**
         * @param join for a backup alone in this process: join a running primary by state transfer
         *             (it must run alone, its backup gone) instead of following its log from the start.
         * @return this.
         */
        public Context join(final boolean join)
        {
            this.join = join;
            return this;
        }

        /**
         * @param journals false for no journals (the log then lives only in the replicas' memory
         *                 and on the channel): faster, but nothing to replay or inspect afterwards.
         * @return this.
         */
        public Context journals(final boolean journals)
        {
            this.journals = journals;
            return this;
        }

        /**
         * @param journalDirectory where the replicas' journals go ({@value #PRIMARY_JOURNAL},
         *                         {@value #BACKUP_JOURNAL}), kept; or null for the work directory.
         * @return this.
         */
        public Context journalDirectory(final Path journalDirectory)
        {
            this.journalDirectory = journalDirectory;
            return this;
        }

        /**
         * @param everyInstructions the primary saves a snapshot beside its journal this often
         *                          ({@code snapshots/} under {@value #PRIMARY_JOURNAL}); 0 for never.
         * @return this.
         */
        public Context snapshotEveryInstructions(final long everyInstructions)
        {
            if (everyInstructions < 0)
            {
                throw new IllegalArgumentException("--snapshot-every must not be negative: " + everyInstructions);
            }
            this.snapshotEveryInstructions = everyInstructions;
            return this;
        }

        /**
         * @param workDirectory where the disk images go, kept; or null for a temporary one, deleted.
         * @return this.
         */
        public Context workDirectory(final Path workDirectory)
        {
            this.workDirectory = workDirectory;
            return this;
        }

        /**
         * @param config timings and bounds of the pair.
         * @return this.
         */
        public Context config(final PairConfig config)
        {
            this.config = config;
            return this;
        }

        /**
         * @param primaryIdle idle strategy of the primary's thread.
         * @return this.
         */
        public Context primaryIdle(final IdleStrategy primaryIdle)
        {
            this.primaryIdle = primaryIdle;
            return this;
        }

        /**
         * @param backupIdle idle strategy of the backup's thread.
         * @return this.
         */
        public Context backupIdle(final IdleStrategy backupIdle)
        {
            this.backupIdle = backupIdle;
            return this;
        }

        /**
         * @param transport the Aeron streams' configuration (IPC with both sides by default).
         * @return this.
         */
        public Context transport(final PairTransport.Context transport)
        {
            this.transport = transport;
            return this;
        }

        /**
         * @param consoleOut where the guest's console goes, or null to keep it only.
         * @return this.
         */
        public Context consoleOut(final PrintStream consoleOut)
        {
            this.consoleOut = consoleOut;
            return this;
        }

        /** @return the pair's timings. */
        public PairConfig config()
        {
            return config;
        }
    }
}
