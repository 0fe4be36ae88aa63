package io.tandem.tools.pair;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.ConsoleSource;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.MachineClock;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.OutputGate;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PairLogWriter;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.engine.replica.ReceivedLog;
import io.tandem.engine.replica.Recorder;
import io.tandem.engine.replica.Replayer;
import io.tandem.engine.replica.SwitchableInputs;
import io.tandem.transport.aeron.PairTransport;
import io.tandem.transport.net.UdpBridge;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A primary and a backup in one process over Aeron IPC with an embedded media driver: each replica
 * an agent on its own thread, the guest's network bridged to one host UDP socket, a disk image per
 * replica and a file arbiter.
 * <p>
 * The bridge's frames feed only the primary's recorder; the primary's gate sends to the bridge,
 * and so does the backup's, which lets nothing out until the backup goes live. After a crash of
 * the primary ({@link #killPrimary()}) the backup notices the silence, wins the arbiter, finishes
 * the log and serves the same UDP address: the bridge stays up.
 * <p>
 * Both machines read one host clock, so that a backup going live carries on from the time the
 * primary last logged instead of starting again from zero.
 */
public final class Pair implements AutoCloseable
{
    /** Default disk image size when none exists yet, MiB (kvstore needs about 3.4 MiB). */
    public static final int DEFAULT_DISK_MIB = 4;

    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int PRIMARY_HOST_ID = 1;
    private static final int BACKUP_HOST_ID = 2;

    private final Context context;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final Path workDirectory;
    private final boolean deleteWorkDirectory;
    private final UdpBridge bridge;
    private final FileBlockStore primaryDisk;
    private final FileBlockStore backupDisk;
    private final PairTransport transport;
    private final Machine primaryMachine;
    private final Machine backupMachine;
    private final Recorder recorder;
    private final PairLogWriter log;
    private final PrimaryReplica primary;
    private final BackupReplica backup;
    private final OutputGate backupGate;
    private final AckLatencyProbe ackProbe = new AckLatencyProbe();
    private final BackupNetworkSink backupNetwork;
    private final PairConsole console;
    private final ReplicaFigures primaryFigures = new ReplicaFigures();
    private final ReplicaFigures backupFigures = new ReplicaFigures();
    private final PrimaryAgent primaryAgent;
    private final BackupAgent backupAgent;
    private AgentRunner primaryRunner;
    private AgentRunner backupRunner;
    private volatile long killNs;
    private boolean closed;

    /**
     * Builds the pair and starts both replicas.
     *
     * @param context the configuration.
     * @throws IllegalArgumentException naming a file or address that cannot be used.
     */
    public Pair(final Context context)
    {
        this.context = context;
        final ElfImage image = ElfReader.read(context.elf);
        final byte[] elfSha256 = sha256(context.elf);
        try
        {
            deleteWorkDirectory = context.workDirectory == null;
            workDirectory = deleteWorkDirectory ?
                Files.createTempDirectory("tandem-pair-") : Files.createDirectories(context.workDirectory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make the pair's work directory: " + ex.getMessage(), ex);
        }

        UdpBridge openedBridge = null;
        FileBlockStore openedPrimaryDisk = null;
        FileBlockStore openedBackupDisk = null;
        PairTransport openedTransport = null;
        Machine madePrimary = null;
        Machine madeBackup = null;
        try
        {
            final Path arbiterDirectory = context.arbiterDirectory != null ?
                Files.createDirectories(context.arbiterDirectory) :
                Files.createDirectories(workDirectory.resolve("arbiter"));
            final FileArbiter arbiter = new FileArbiter(arbiterDirectory);
            final PairConfig config = context.config;
            final MachineClock hostClock = new HostClock();

            if (context.bind != null)
            {
                openedBridge = new UdpBridge(context.bind, context.guestPort, MachineContext.DEFAULT_MAC_ADDRESS);
            }
            final PacketSource world = openedBridge != null ? openedBridge : PacketSource.NONE;
            final PacketSink worldSink = openedBridge != null ? openedBridge : (buffer, offset, length) -> { };
            if (context.disks)
            {
                final Path[] images = diskImages();
                openedPrimaryDisk = FileBlockStore.open(images[0], 0);
                openedBackupDisk = FileBlockStore.open(images[1], 0);
            }

            openedTransport = PairTransport.launch(context.transport);
            if (!openedTransport.awaitConnected(CONNECT_TIMEOUT_NS))
            {
                throw new IllegalStateException("the pair's Aeron streams did not connect within " +
                    TimeUnit.NANOSECONDS.toSeconds(CONNECT_TIMEOUT_NS) + " s");
            }
            console = new PairConsole(context.consoleOut);

            // Primary: live inputs -> recorder -> log (Aeron); outputs wait in its gate for acks.
            final MachineContext primaryContext = new MachineContext().ramMib(context.ramMib)
                .clock(hostClock).entropy(new HostEntropy()).hostId(PRIMARY_HOST_ID)
                .macAddress(MachineContext.DEFAULT_MAC_ADDRESS).blockStore(openedPrimaryDisk);
            log = new PairLogWriter(null, ackProbe.logSide(openedTransport.logPublication()), clock,
                config.failureTimeoutNs());
            recorder = new Recorder(new LiveInputs(hostClock, primaryContext.entropy(), PRIMARY_HOST_ID,
                ConsoleSource.NONE, world), log, config.epochInstructions());
            final OutputGate primaryGate = new OutputGate(console.primarySide(), worldSink, recorder::outputTag);
            primaryContext.inputs(recorder).consoleSink(primaryGate.consoleSide());
            if (openedBridge != null)
            {
                primaryContext.network(world, primaryGate.networkSide());
            }
            madePrimary = new Machine(primaryContext);
            madePrimary.load(image);
            primaryMachine = madePrimary;

            // Backup: log (Aeron) -> received -> replayer; live inputs only once it goes live.
            final MachineContext backupContext = new MachineContext().ramMib(context.ramMib)
                .clock(hostClock).entropy(new HostEntropy()).hostId(BACKUP_HOST_ID)
                .macAddress(MachineContext.DEFAULT_MAC_ADDRESS).blockStore(openedBackupDisk);
            final ReceivedLog received = new ReceivedLog();
            final Replayer replayer = new Replayer(received);
            final SwitchableInputs inputs = new SwitchableInputs(replayer);
            backupNetwork = new BackupNetworkSink(worldSink);
            backupGate = new OutputGate(console.backupSide(), backupNetwork, replayer::lastSequence);
            backupContext.inputs(inputs).consoleSink(backupGate.consoleSide());
            if (openedBridge != null)
            {
                backupContext.network(world, backupGate.networkSide());
            }
            madeBackup = new Machine(backupContext);
            madeBackup.load(image);
            backupMachine = madeBackup;
            replayer.stateHashSource(madeBackup::stateHash);

            primary = new PrimaryReplica(madePrimary, recorder, primaryGate, log,
                ackProbe.ackSide(openedTransport.ackSubscription()), arbiter, config, clock);
            backup = new BackupReplica(madeBackup, inputs, replayer, received, null,
                openedTransport.ackPublication(), openedTransport.logSubscription(), arbiter,
                new LiveInputs(hostClock, backupContext.entropy(), BACKUP_HOST_ID, ConsoleSource.NONE, world),
                backupGate, config, clock);
            backupNetwork.backup(backup);

            // The first entry says which guest on which machine; the backup checks it before following.
            recorder.start(elfSha256, primaryContext.ramBytes(), primaryContext.interruptCheckInstructions());
            final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
            while (openedTransport.logSubscription().poll(received::add, 1) == 0)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalStateException("the backup did not receive the log's first entry");
                }
                Thread.onSpinWait();
            }
            replayer.start(elfSha256, backupContext.ramBytes(), backupContext.interruptCheckInstructions());

            primaryAgent = new PrimaryAgent(primary, recorder, primaryFigures);
            backupAgent = new BackupAgent(backup, backupGate, backupFigures);
            primaryAgent.publish();
            backupAgent.publish();
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(openedTransport, openedBridge, madePrimary, madeBackup, openedPrimaryDisk,
                openedBackupDisk);
            deleteWorkDirectory();
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(openedTransport, openedBridge, madePrimary, madeBackup, openedPrimaryDisk,
                openedBackupDisk);
            deleteWorkDirectory();
            throw ex;
        }
        bridge = openedBridge;
        primaryDisk = openedPrimaryDisk;
        backupDisk = openedBackupDisk;
        transport = openedTransport;

        backupRunner = new AgentRunner(context.backupIdle, backupFigures::failure, null, backupAgent);
        primaryRunner = new AgentRunner(context.primaryIdle, primaryFigures::failure, null, primaryAgent);
        AgentRunner.startOnThread(backupRunner);
        AgentRunner.startOnThread(primaryRunner);
    }

    /** Each replica's own image: copies of the given one (made if missing), or new ones. */
    private Path[] diskImages() throws IOException
    {
        final long bytes = (long)context.diskMib << 20;
        final Path primaryImage = workDirectory.resolve("primary.img");
        final Path backupImage = workDirectory.resolve("backup.img");
        Files.deleteIfExists(primaryImage);
        Files.deleteIfExists(backupImage);
        if (context.disk != null)
        {
            if (!Files.exists(context.disk))
            {
                FileBlockStore.open(context.disk, bytes).close();
            }
            Files.copy(context.disk, primaryImage, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(context.disk, backupImage, StandardCopyOption.REPLACE_EXISTING);
        }
        else
        {
            FileBlockStore.open(primaryImage, bytes).close();
            FileBlockStore.open(backupImage, bytes).close();
        }
        return new Path[] {primaryImage, backupImage};
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
        final long now = System.nanoTime();
        killNs = now;
        CloseHelper.close(primaryRunner);
        transport.closePrimarySide();
        return now;
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
        if (killNs != 0)
        {
            throw new IllegalStateException("the primary was killed: there is nothing to compare with");
        }
        CloseHelper.close(primaryRunner);
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
            recorder.stateHash(primaryIcount, primaryHash, primaryMachine.cpu().pc());
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
        CloseHelper.close(backupRunner);
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

    /** @return the primary's published figures. */
    public ReplicaFigures primaryFigures()
    {
        return primaryFigures;
    }

    /** @return the backup's published figures. */
    public ReplicaFigures backupFigures()
    {
        return backupFigures;
    }

    /** @return the primary's state, as last published. */
    public PrimaryReplica.State primaryState()
    {
        return PrimaryReplica.State.values()[primaryFigures.state()];
    }

    /** @return the backup's state, as last published. */
    public BackupReplica.State backupState()
    {
        return BackupReplica.State.values()[backupFigures.state()];
    }

    /** @return why the primary halted, or null (read racily: for messages only). */
    public String primaryHaltReason()
    {
        return primary.haltReason();
    }

    /** @return why the backup halted, or null (read racily: for messages only). */
    public String backupHaltReason()
    {
        return backup.haltReason();
    }

    /**
     * @param recycle a histogram from an earlier call to reuse, or null.
     * @return acknowledgement latencies (ns) sampled since the last call.
     */
    public Histogram ackLatencyInterval(final Histogram recycle)
    {
        return ackProbe.intervalHistogram(recycle);
    }

    /** @return when the live backup sent its first reply ({@link System#nanoTime()}), or 0. */
    public long firstLiveReplyNs()
    {
        return backupNetwork.firstLiveSendNs();
    }

    /** @return outputs the backup held while following and let out again when it went live. */
    public long resentOnGoingLive()
    {
        return backupNetwork.resent();
    }

    /** @return where clients send datagrams, or null without a network. */
    public InetSocketAddress address()
    {
        return bridge == null ? null : bridge.localAddress();
    }

    /** @return the UDP bridge, or null. */
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
        CloseHelper.closeAll(primaryRunner, backupRunner);
        CloseHelper.quietCloseAll(transport, bridge, primaryMachine, backupMachine, primaryDisk, backupDisk);
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
        private Path elf;
        private int ramMib = MachineContext.DEFAULT_RAM_MIB;
        private InetSocketAddress bind;
        private int guestPort;
        private boolean disks = true;
        private Path disk;
        private int diskMib = DEFAULT_DISK_MIB;
        private Path arbiterDirectory;
        private Path workDirectory;
        private PairConfig config = new PairConfig();
        private IdleStrategy primaryIdle = IdleStrategies.backoff();
        private IdleStrategy backupIdle = IdleStrategies.backoff();
        private PairTransport.Context transport = new PairTransport.Context();
        private PrintStream consoleOut;

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
         * @param disk an image both replicas start from (each on its own copy; made if missing), or
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
