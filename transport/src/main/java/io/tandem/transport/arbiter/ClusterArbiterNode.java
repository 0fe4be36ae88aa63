package io.tandem.transport.arbiter;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One member of the arbiter cluster, in this process: a media driver, an archive and a consensus
 * module ({@link ClusteredMediaDriver}), and a {@link ClusteredServiceContainer} running the
 * {@link ClusterArbiterService}.
 * <p>
 * The member's durable state (the archived log and the snapshots) lives in
 * {@code <baseDirectory>/member-<id>/}; a member started again on the same directory recovers
 * every claim from it. Its media driver's directory is a fresh one, deleted on close.
 * <p>
 * Threads: the driver runs {@link ThreadingMode#SHARED} and the archive
 * {@link ArchiveThreadingMode#SHARED}, so a member has four threads (driver, archive, consensus
 * module, service), all backing off to 1 ms parks when idle. An arbiter answers a claim per
 * failover, not per message, and runs beside the replicas it arbitrates on hosts with few cores:
 * busy-spinning agents would take the CPU from them (never more spinners than cores) to save a
 * few milliseconds on a claim.
 */
public final class ClusterArbiterNode implements AutoCloseable
{
    private final Config config;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;
    private final String ingressEndpoints;
    private volatile boolean closed;

    private ClusterArbiterNode(
        final Config config, final ClusteredMediaDriver clusteredMediaDriver, final ClusteredServiceContainer container)
    {
        this.config = config;
        this.clusteredMediaDriver = clusteredMediaDriver;
        this.container = container;
        this.ingressEndpoints = ClusterMembers.ingressEndpoints(config.clusterMembers());
    }

    /**
     * Starts a member. It joins the others (or, alone, becomes leader) in the background: see
     * {@link #role()}.
     *
     * @throws IllegalArgumentException when the configuration is incomplete or inconsistent.
     */
    public static ClusterArbiterNode start(final Config config)
    {
        final ClusterMember self = config.validate();
        final String host = ClusterMembers.host(self.consensusEndpoint());
        final Path memberDirectory = config.memberDirectory();
        final File archiveDirectory = memberDirectory.resolve("archive").toFile();
        final File clusterDirectory = memberDirectory.resolve("cluster").toFile();
        final String aeronDirectoryName = config.aeronDirectoryName();

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);

        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .archiveDir(archiveDirectory)
            .controlChannel("aeron:udp?endpoint=" + self.archiveEndpoint())
            .localControlChannel(LOCAL_CONTROL_CHANNEL)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(ClusterArbiterNode::idleStrategy);

        final AeronArchive.Context localArchiveClient = new AeronArchive.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .controlRequestChannel(LOCAL_CONTROL_CHANNEL)
            .controlRequestStreamId(archiveContext.localControlStreamId())
            .controlResponseChannel(LOCAL_CONTROL_CHANNEL);

        final ConsensusModule.Context consensusContext = new ConsensusModule.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .clusterMemberId(config.memberId())
            .clusterMembers(config.clusterMembers())
            .clusterDir(clusterDirectory)
            .archiveContext(localArchiveClient.clone())
            .serviceCount(1)
            .ingressChannel("aeron:udp?term-length=64k")
            .logChannel("aeron:udp?term-length=1m")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .leaderHeartbeatTimeoutNs(config.leaderHeartbeatTimeoutNs())
            .sessionTimeoutNs(config.sessionTimeoutNs())
            .idleStrategySupplier(ClusterArbiterNode::idleStrategy);

        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .archiveContext(localArchiveClient.clone())
            .clusterDir(clusterDirectory)
            .clusteredService(new ClusterArbiterService())
            .idleStrategySupplier(ClusterArbiterNode::idleStrategy);

        ClusteredMediaDriver launched = null;
        try
        {
            launched = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(serviceContext);
            return new ClusterArbiterNode(config, launched, container);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(launched);
            throw ex;
        }
    }

    /** @return the ingress endpoints of the whole cluster, for {@link ClusterArbiter.Context#ingressEndpoints}. */
    public String ingressEndpoints()
    {
        return ingressEndpoints;
    }

    /** @return this member's id. */
    public int memberId()
    {
        return config.memberId();
    }

    /** @return this member's current role (a candidate while an election runs). */
    public Cluster.Role role()
    {
        if (closed)
        {
            throw new IllegalStateException("arbiter member " + config.memberId() + " is closed");
        }
        return Cluster.Role.get(clusteredMediaDriver.consensusModule().context().clusterNodeRoleCounter());
    }

    /**
     * Asks the cluster to take a snapshot (on the leader, every member follows), which bounds the
     * log a restarting member replays.
     *
     * @return false if another control action is still pending; ask again later.
     */
    public boolean requestSnapshot()
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(
            clusteredMediaDriver.consensusModule().context().controlToggleCounter());
    }

    /** @return snapshots this member has taken since it started. */
    public long snapshotCount()
    {
        return clusteredMediaDriver.consensusModule().context().snapshotCounter().get();
    }

    /** Stops the member; its durable state stays in its directory. */
    @Override
    public void close()
    {
        closed = true;
        CloseHelper.closeAll(container, clusteredMediaDriver);
    }

    static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    private static final String LOCAL_CONTROL_CHANNEL = "aeron:ipc?term-length=64k";

    /** How to run one member. */
    public static final class Config
    {
        /** Default silence after which followers elect a new leader, in ms ({@code tandem.arbiter.leaderHeartbeatTimeoutMs}). */
        public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS =
            Long.getLong("tandem.arbiter.leaderHeartbeatTimeoutMs", 3_000);
        /** Default silence after which the cluster closes a client's session, in ms ({@code tandem.arbiter.sessionTimeoutMs}). */
        public static final long DEFAULT_SESSION_TIMEOUT_MS = Long.getLong("tandem.arbiter.sessionTimeoutMs", 10_000);

        private int memberId;
        private String clusterMembers;
        private Path baseDirectory;
        private String aeronDirectoryName;
        private long leaderHeartbeatTimeoutNs = TimeUnit.MILLISECONDS.toNanos(DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS);
        private long sessionTimeoutNs = TimeUnit.MILLISECONDS.toNanos(DEFAULT_SESSION_TIMEOUT_MS);

        /** @return this member's id, one of the ids in the members string. */
        public int memberId()
        {
            return memberId;
        }

        /** @return this. */
        public Config memberId(final int memberId)
        {
            this.memberId = memberId;
            return this;
        }

        /** @return every member's endpoints (see {@link ClusterMembers}). */
        public String clusterMembers()
        {
            return clusterMembers;
        }

        /** @return this. */
        public Config clusterMembers(final String clusterMembers)
        {
            this.clusterMembers = clusterMembers;
            return this;
        }

        /** @return the directory under which {@code member-<id>/} holds this member's durable state. */
        public Path baseDirectory()
        {
            return baseDirectory;
        }

        /** @return this. */
        public Config baseDirectory(final Path baseDirectory)
        {
            this.baseDirectory = baseDirectory;
            return this;
        }

        /** @return the media driver's directory; a new unique one (under /dev/shm if present) unless set. */
        public String aeronDirectoryName()
        {
            if (aeronDirectoryName == null)
            {
                final Path shm = Paths.get("/dev/shm");
                final Path base = Files.isDirectory(shm) && Files.isWritable(shm) ?
                    shm : Paths.get(System.getProperty("java.io.tmpdir"));
                aeronDirectoryName = base.resolve("tandem-arbiter-" + memberId + "-" + ProcessHandle.current().pid() +
                    "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)).toString();
            }
            return aeronDirectoryName;
        }

        /** @param aeronDirectoryName the driver's directory (deleted on start and close). @return this. */
        public Config aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /** @return how long followers wait for the leader's heartbeat before electing another. */
        public long leaderHeartbeatTimeoutNs()
        {
            return leaderHeartbeatTimeoutNs;
        }

        /** @return this. */
        public Config leaderHeartbeatTimeoutNs(final long leaderHeartbeatTimeoutNs)
        {
            this.leaderHeartbeatTimeoutNs = leaderHeartbeatTimeoutNs;
            return this;
        }

        /**
         * @return how long a client's session may be silent before the cluster closes it;
         *         {@link ClusterArbiter} reuses a session only within half of the default.
         */
        public long sessionTimeoutNs()
        {
            return sessionTimeoutNs;
        }

        /** @return this. */
        public Config sessionTimeoutNs(final long sessionTimeoutNs)
        {
            this.sessionTimeoutNs = sessionTimeoutNs;
            return this;
        }

        Path memberDirectory()
        {
            return baseDirectory.resolve("member-" + memberId);
        }

        /** @return this member's entry in the members string. */
        ClusterMember validate()
        {
            if (baseDirectory == null)
            {
                throw new IllegalArgumentException("arbiter member " + memberId +
                    ": no base directory given for its log and snapshots");
            }
            if (leaderHeartbeatTimeoutNs <= 0 || sessionTimeoutNs <= 0)
            {
                throw new IllegalArgumentException("arbiter member " + memberId + ": timeouts must be positive");
            }
            final ClusterMember[] members = ClusterMembers.parse(clusterMembers);
            final ClusterMember self = ClusterMember.findMember(members, memberId);
            if (self == null)
            {
                throw new IllegalArgumentException("arbiter member " + memberId + " is not among the cluster members '" +
                    clusterMembers + "'");
            }
            return self;
        }
    }
}
