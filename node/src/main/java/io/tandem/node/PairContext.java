package io.tandem.node;

import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryEvents;
import io.tandem.transport.aeron.PairTransport;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Configuration of a {@link Pair} (or one side of it), in the manner of Aeron's contexts: set what
 * differs from the defaults (named constants here, each also read from a {@code tandem.*} system
 * property), then {@link #conclude()} checks the whole once, before anything is opened.
 */
public final class PairContext
{
    /** Default of {@link #attachTimeoutNs(long)}: a second. */
    public static final long DEFAULT_ATTACH_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    /** Default disk image size when none exists yet, MiB (kvstore needs about 3.4 MiB). */
    public static final int DEFAULT_DISK_MIB = 4;
    /** Default wait for the peer and the log's first entry. */
    public static final long DEFAULT_CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** Default idle strategy of each replica's thread ({@link IdleStrategies#parse}). */
    public static final String DEFAULT_IDLE = "wake";
    /** System property: guest RAM of each machine, MiB. */
    public static final String RAM_MIB_PROP_NAME = "tandem.ram.mib";
    /** System property: size of new disk images, MiB. */
    public static final String DISK_MIB_PROP_NAME = "tandem.disk.mib";
    /** System property: wait for the peer and the log's first entry, ns. */
    public static final String CONNECT_TIMEOUT_PROP_NAME = "tandem.connect.timeout.ns";
    /** System property: the work directory (disk images, counters), kept. */
    public static final String WORK_DIR_PROP_NAME = "tandem.work.dir";
    /** System property: the journals' directory, kept. */
    public static final String JOURNAL_DIR_PROP_NAME = "tandem.journal.dir";
    /** System property: the arbiter's directory. */
    public static final String ARBITER_DIR_PROP_NAME = "tandem.arbiter.dir";
    /** System property: {@code false} for no journals. */
    public static final String JOURNALS_PROP_NAME = "tandem.journals";
    /** System property: the primary's idle strategy ({@code busy}, {@code yield}, {@code backoff}, {@code sleep}). */
    public static final String PRIMARY_IDLE_PROP_NAME = "tandem.primary.idle";
    /** System property: the backup's idle strategy. */
    public static final String BACKUP_IDLE_PROP_NAME = "tandem.backup.idle";
    private PairRole role = PairRole.BOTH;
    private long connectTimeoutNs = Long.getLong(CONNECT_TIMEOUT_PROP_NAME, DEFAULT_CONNECT_TIMEOUT_NS);
    private Path elf;
    private int ramMib = Integer.getInteger(RAM_MIB_PROP_NAME, MachineContext.DEFAULT_RAM_MIB);
    private InetSocketAddress bind;
    private int guestPort;
    private boolean disks = true;
    private Path disk;
    private int diskMib = Integer.getInteger(DISK_MIB_PROP_NAME, DEFAULT_DISK_MIB);
    private Path arbiterDirectory = pathProperty(ARBITER_DIR_PROP_NAME);
    private Path workDirectory = pathProperty(WORK_DIR_PROP_NAME);
    private boolean journals = !"false".equals(System.getProperty(JOURNALS_PROP_NAME));
    private boolean join;
    private boolean promoteWhenLive;
    private long attachTimeoutNs = DEFAULT_ATTACH_TIMEOUT_NS;
    private String arbiterCluster;
    private String arbiterEgressChannel;
    private Path journalDirectory = pathProperty(JOURNAL_DIR_PROP_NAME);
    private long snapshotEveryInstructions;
    private PairConfig config = new PairConfig();
    private IdleStrategy primaryIdle = IdleStrategies.parse(System.getProperty(PRIMARY_IDLE_PROP_NAME, DEFAULT_IDLE));
    private PrimaryEvents primaryEvents = PrimaryEvents.NONE;
    private IdleStrategy backupIdle = IdleStrategies.parse(System.getProperty(BACKUP_IDLE_PROP_NAME, DEFAULT_IDLE));
    private PairTransport.Context transport = new PairTransport.Context();
    private PrintStream consoleOut;
    private boolean concluded;

    /**
     * @param role which replicas run in this process; with one only, the transport's
     *             channels must be UDP and the arbiter's directory shared.
     * @return this.
     */
    public PairContext role(final PairRole role)
    {
        this.role = role;
        return this;
    }

    /**
     * @param connectTimeoutNs how long to wait for the peer, then for the log's first entry.
     * @return this.
     */
    public PairContext connectTimeoutNs(final long connectTimeoutNs)
    {
        this.connectTimeoutNs = connectTimeoutNs;
        return this;
    }

    /**
     * @param elf the guest ELF.
     * @return this.
     */
    public PairContext elf(final Path elf)
    {
        this.elf = elf;
        return this;
    }

    /**
     * @param ramMib guest RAM of each machine, MiB.
     * @return this.
     */
    public PairContext ramMib(final int ramMib)
    {
        this.ramMib = ramMib;
        return this;
    }

    /**
     * @param bind      host UDP address of the bridge, or null for no network card.
     * @param guestPort the guest's UDP port that datagrams go to.
     * @return this.
     */
    public PairContext network(final InetSocketAddress bind, final int guestPort)
    {
        this.bind = bind;
        this.guestPort = guestPort;
        return this;
    }

    /**
     * @param disks give each replica a disk (true by default).
     * @return this.
     */
    public PairContext disks(final boolean disks)
    {
        this.disks = disks;
        return this;
    }

    /**
     * @param disk an image the replicas start from (each on its own copy; made if missing), or
     *             null for new empty images.
     * @return this.
     */
    public PairContext disk(final Path disk)
    {
        this.disk = disk;
        return this;
    }

    /**
     * @param diskMib size of new images, MiB.
     * @return this.
     */
    public PairContext diskMib(final int diskMib)
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
    public PairContext arbiterDirectory(final Path arbiterDirectory)
    {
        this.arbiterDirectory = arbiterDirectory;
        return this;
    }

    /**
     * @param ingressEndpoints the Aeron Cluster arbiter's ingress endpoints
     *                         ({@code 0=host:port,1=host:port,...}), instead of a directory.
     * @return this.
     */
    public PairContext arbiterCluster(final String ingressEndpoints)
    {
        this.arbiterCluster = ingressEndpoints;
        return this;
    }

    /**
     * @param egressChannel where the cluster answers this process's claims (port 0 for an ephemeral
     *                      one); null (the default) for this host's address on its route to the
     *                      cluster's first reachable member.
     * @return this.
     */
    public PairContext arbiterEgressChannel(final String egressChannel)
    {
        this.arbiterEgressChannel = egressChannel;
        return this;
    }

    /**
     * @param promoteWhenLive for a replica alone in this process: once its backup goes live (a
     *                        failover, or its primary's hand-over), it records a log of its own
     *                        and takes a backup of its own, on the pair's two channels
     *                        swapped ({@link SwappedChannels}): a new backup joins it by
     *                        state transfer ({@code join}), or after a hand-over the old primary
     *                        follows it at once ({@link Pair#requestSwitchover()}).
     * @return this.
     */
    public PairContext promoteWhenLive(final boolean promoteWhenLive)
    {
        this.promoteWhenLive = promoteWhenLive;
        return this;
    }

    /** @return whether a backup alone in this process becomes a primary that takes a backup once live. */
    public boolean promoteWhenLive()
    {
        return promoteWhenLive;
    }

    /**
     * @param attachTimeoutNs how long a backup that went live by a hand-over holds its guest for the
     *                        old primary to follow it; past it, it claims the pair's next generation
     *                        and goes on alone.
     * @return this.
     */
    public PairContext attachTimeoutNs(final long attachTimeoutNs)
    {
        this.attachTimeoutNs = attachTimeoutNs;
        return this;
    }

    /** @return how long a backup that went live by a hand-over waits for the old primary to follow. */
    public long attachTimeoutNs()
    {
        return attachTimeoutNs;
    }

    /**
     * @param join for a backup alone in this process: join a running primary by state transfer
     *             (it must run alone, its backup gone) instead of following its log from the start.
     * @return this.
     */
    public PairContext join(final boolean join)
    {
        this.join = join;
        return this;
    }

    /**
     * @param journals false for no journals (the log then lives only in the replicas' memory
     *                 and on the channel): faster, but nothing to replay or inspect afterwards.
     * @return this.
     */
    public PairContext journals(final boolean journals)
    {
        this.journals = journals;
        return this;
    }

    /**
     * @param journalDirectory where the replicas' journals go ({@value Pair#PRIMARY_JOURNAL},
     *                         {@value Pair#BACKUP_JOURNAL}), kept; or null for the work directory.
     * @return this.
     */
    public PairContext journalDirectory(final Path journalDirectory)
    {
        this.journalDirectory = journalDirectory;
        return this;
    }

    /**
     * @param everyInstructions the primary saves a snapshot beside its journal this often
     *                          ({@code snapshots/} under {@value Pair#PRIMARY_JOURNAL}); 0 for never.
     * @return this.
     */
    public PairContext snapshotEveryInstructions(final long everyInstructions)
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
    public PairContext workDirectory(final Path workDirectory)
    {
        this.workDirectory = workDirectory;
        return this;
    }

    /**
     * @param config timings and bounds of the pair.
     * @return this.
     */
    public PairContext config(final PairConfig config)
    {
        this.config = config;
        return this;
    }

    /**
     * @param primaryIdle idle strategy of the primary's thread.
     * @return this.
     */
    public PairContext primaryIdle(final IdleStrategy primaryIdle)
    {
        this.primaryIdle = primaryIdle;
        return this;
    }

    /**
     * @param primaryEvents told what the primary's thread does on a request's way out, for a
     *                      tracing tool ({@link PrimaryEvents#NONE} by default).
     * @return this.
     */
    public PairContext primaryEvents(final PrimaryEvents primaryEvents)
    {
        this.primaryEvents = primaryEvents;
        return this;
    }

    /** @return what is told of the primary's thread's moments on a request's way out. */
    public PrimaryEvents primaryEvents()
    {
        return primaryEvents;
    }

    /**
     * @param backupIdle idle strategy of the backup's thread.
     * @return this.
     */
    public PairContext backupIdle(final IdleStrategy backupIdle)
    {
        this.backupIdle = backupIdle;
        return this;
    }

    /**
     * @param transport the Aeron streams' configuration (IPC with both sides by default).
     * @return this.
     */
    public PairContext transport(final PairTransport.Context transport)
    {
        this.transport = transport;
        return this;
    }

    /**
     * @param consoleOut where the guest's console goes, or null to keep it only.
     * @return this.
     */
    public PairContext consoleOut(final PrintStream consoleOut)
    {
        this.consoleOut = consoleOut;
        return this;
    }

    /** @return the pair's timings. */
    public PairConfig config()
    {
        return config;
    }

    /** @return which replicas run in this process. */
    public PairRole role()
    {
        return role;
    }

    /** @return how long to wait for the peer, then for the log's first entry, ns. */
    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    /** @return the guest ELF. */
    public Path elf()
    {
        return elf;
    }

    /** @return guest RAM of each machine, MiB. */
    public int ramMib()
    {
        return ramMib;
    }

    /** @return host UDP address of the bridge, or null for no network card. */
    public InetSocketAddress bind()
    {
        return bind;
    }

    /** @return the guest's UDP port that datagrams go to. */
    public int guestPort()
    {
        return guestPort;
    }

    /** @return true when each replica has a disk. */
    public boolean disks()
    {
        return disks;
    }

    /** @return the image the replicas start from, or null. */
    public Path disk()
    {
        return disk;
    }

    /** @return size of new images, MiB. */
    public int diskMib()
    {
        return diskMib;
    }

    /** @return the arbiter's directory, or null. */
    public Path arbiterDirectory()
    {
        return arbiterDirectory;
    }

    /** @return the Aeron Cluster arbiter's ingress endpoints, or null. */
    public String arbiterCluster()
    {
        return arbiterCluster;
    }

    /** @return where the cluster answers this process's claims, or null for this host's address toward it. */
    public String arbiterEgressChannel()
    {
        return arbiterEgressChannel;
    }

    /** @return true for a backup that joins a running primary by state transfer. */
    public boolean join()
    {
        return join;
    }

    /** @return true when the replicas journal the log. */
    public boolean journals()
    {
        return journals;
    }

    /** @return where the journals go, or null for the work directory. */
    public Path journalDirectory()
    {
        return journalDirectory;
    }

    /** @return how often the primary saves a snapshot, instructions; 0 for never. */
    public long snapshotEveryInstructions()
    {
        return snapshotEveryInstructions;
    }

    /** @return the work directory, or null for a temporary one. */
    public Path workDirectory()
    {
        return workDirectory;
    }

    /** @return idle strategy of the primary's thread. */
    public IdleStrategy primaryIdle()
    {
        return primaryIdle;
    }

    /** @return idle strategy of the backup's thread. */
    public IdleStrategy backupIdle()
    {
        return backupIdle;
    }

    /** @return the Aeron streams' configuration. */
    public PairTransport.Context transport()
    {
        return transport;
    }

    /** @return where the guest's console goes, or null. */
    public PrintStream consoleOut()
    {
        return consoleOut;
    }

    /**
     * Checks the configuration as a whole, once; {@link Pair} calls it before it opens anything.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting, file or directory that cannot be used.
     */
    public PairContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (elf == null)
        {
            throw new IllegalArgumentException("no guest ELF given");
        }
        if (!Files.isRegularFile(elf))
        {
            throw new IllegalArgumentException("guest ELF " + elf + " does not exist or is not a file");
        }
        if (ramMib < 1)
        {
            throw new IllegalArgumentException("guest RAM must be at least 1 MiB: " + ramMib);
        }
        if (connectTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("the connect timeout must be positive: " + connectTimeoutNs + " ns");
        }
        if (join && (role != PairRole.BACKUP || disk != null))
        {
            throw new IllegalArgumentException(role != PairRole.BACKUP ? "only a backup alone in its process joins " +
                "a running primary" : "a joining backup takes its disk from the primary: give no disk image");
        }
        if (role != PairRole.BOTH && arbiterCluster == null)
        {
            checkSharedArbiterDirectory();
        }
        concluded = true;
        return this;
    }

    /**
     * Between processes the arbiter's directory must already exist, be writable and hold no claim
     * of an earlier run: a typo would give each replica its own arbiter and let both go on, and an
     * old claim would make both lose. (In one process it is made when missing.)
     */
    private void checkSharedArbiterDirectory()
    {
        final Path directory = arbiterDirectory;
        if (directory == null)
        {
            throw new IllegalArgumentException("a " + role.name().toLowerCase() + " in its own process " +
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
        final Path claim = new FileArbiter(directory).claimFile(config.pairName(), config.generation());
        // A joining backup's generation comes from the primary, past every claim already made.
        if (Files.exists(claim) && !join)
        {
            throw new IllegalArgumentException("arbiter directory " + directory + " already holds the claim " +
                claim.getFileName() + " of an earlier failover: remove it, or name this pair differently (--pair)");
        }
    }

    /** @return why the pair's streams did not connect, naming the channels to check. */
    String notConnectedMessage()
    {
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(connectTimeoutNs());
        switch (role)
        {
            case PRIMARY:
                return "no backup connected within " + seconds + " s: nothing subscribed to the log at " +
                    transport().logChannel() + ", or the backup's acknowledgements do not reach " +
                    transport().ackChannel();
            case BACKUP:
                return "no primary connected within " + seconds + " s: nothing listens for acknowledgements at " +
                    transport().ackChannel() + ", or the primary's log does not reach " +
                    transport().logChannel();
            default:
                return "the pair's Aeron streams did not connect within " + seconds + " s";
        }
    }

    private static Path pathProperty(final String name)
    {
        final String value = System.getProperty(name);
        return value == null || value.isEmpty() ? null : Path.of(value);
    }
}
