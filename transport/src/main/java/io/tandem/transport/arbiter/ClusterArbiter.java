package io.tandem.transport.arbiter;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import io.tandem.engine.replica.Arbiter;
import io.tandem.transport.aeron.StaleDriverDirectories;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Arbiter} port on an Aeron Cluster running the {@link ClusterArbiterService}: a claim
 * is sent on the cluster's ingress and answered on this client's egress once the cluster has
 * committed it, so a WON is always the cluster's word. When no session can be opened, or no
 * answer arrives within the claim timeout, the outcome is {@link Outcome#UNREACHABLE} and
 * {@link #lastFailure()} says why; a claim that timed out may still have been recorded, which is
 * safe: its claimant stops, and a retry by the same claimant wins.
 * <p>
 * Session: opened at the first claim and kept for later ones while it has been used within
 * {@link Context#sessionReuseNs()} (half the cluster's default session timeout), else opened anew,
 * which costs a few milliseconds more. A caller that wants every claim to find a warm session
 * calls {@link #keepAlive()} every second or so. A kept session can be dead without a sign (a
 * single-member cluster restarted since: the member drops the session's messages as of an old
 * leadership term and tells it nothing), so a claim on a kept session that is not answered within
 * half the timeout is sent again on a new session for the other half.
 * <p>
 * Threads: every public method is synchronized, so one instance may be shared, but claims are
 * served one at a time; each blocks its caller (a replica's agent thread, typically, which has
 * nothing else to do while it fails over) until the answer or its timeout, counted from when the
 * call takes the lock. Waiting backs off to 100 µs parks.
 * <p>
 * The Aeron client runs on a media driver already in this process
 * ({@link Context#aeronDirectoryName(String)}, e.g. the pair transport's), or, if none is given,
 * on an embedded one of its own ({@link ThreadingMode#SHARED}, backing off).
 */
public final class ClusterArbiter implements Arbiter, AutoCloseable
{
    private static final String CLIENT_DIRECTORY_PREFIX = "tandem-arbiter-client-";

    private static final long NO_REQUEST = Long.MIN_VALUE;

    private final Context context;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final IdleStrategy idle = ClusterArbiter.waitStrategy();
    private final UnsafeBuffer requestBuffer =
        new UnsafeBuffer(new byte[Math.max(ClaimRequest.MAX_LENGTH, GenerationQuery.MAX_LENGTH)]);
    private final EgressListener answers = new AnswerListener();

    private AeronCluster cluster;
    private long lastExchangeNs;
    private boolean sessionClosed;
    private long awaitedCorrelationId = NO_REQUEST;
    private boolean answered;
    private int verdict;
    private long answeredGeneration;
    private String lastFailure;
    private long callStartNs;
    private boolean closed;
    // Written by the Aeron client's conductor thread, read under the lock by callers: volatile.
    private volatile Throwable clientError;

    /**
     * @throws IllegalArgumentException when the context names no ingress endpoints.
     */
    public ClusterArbiter(final Context context)
    {
        context.validate();
        this.context = context;
        MediaDriver launched = null;
        try
        {
            String directory = context.aeronDirectoryName();
            if (directory == null)
            {
                launched = MediaDriver.launchEmbedded(new MediaDriver.Context()
                    .aeronDirectoryName(uniqueDirectory())
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(ClusterArbiterNode.idleStrategy())
                    .termBufferSparseFile(true)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true));
                directory = launched.aeronDirectoryName();
            }
            // Aeron's default handler exits the process when the driver goes away (a pair closing its
            // transport first, as on a failed start): here that is a claim that fails, not a crash.
            this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory)
                .errorHandler(this::onClientError));
            this.driver = launched;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(launched);
            throw ex;
        }
    }

    @Override
    public synchronized Outcome testAndSet(final String pair, final long generation, final String claimant)
    {
        ArbiterMessage.checkName("pair", pair);
        ArbiterMessage.checkName("claimant", claimant);
        if (closed)
        {
            throw new IllegalStateException("this cluster arbiter client is closed");
        }
        final long startNs = clock.nanoTime();
        callStartNs = startNs;
        final long deadlineNs = startNs + context.claimTimeoutNs();
        try
        {
            if (hasWarmSession())
            {
                final Outcome outcome = claim(pair, generation, claimant, startNs + context.claimTimeoutNs() / 2);
                if (outcome != Outcome.UNREACHABLE || clock.nanoTime() - deadlineNs >= 0)
                {
                    return outcome;
                }
                // A session can die without a word (its only member restarted): claim again on a
                // new one. Safe: a claim repeated by the same claimant wins again.
            }
            return claim(pair, generation, claimant, deadlineNs);
        }
        catch (final AeronException ex)
        {
            closeSession();
            return unreachable("the cluster client failed: " + ex);
        }
        finally
        {
            awaitedCorrelationId = NO_REQUEST;
        }
    }

    /**
     * Asks the cluster for the pair's highest claimed generation, on the session claims use (opened
     * if need be), within the claim timeout: it proves that a claim would reach the cluster and its
     * answer come back to {@link Context#egressChannel()}.
     */
    @Override
    public synchronized long currentGeneration(final String pair)
    {
        ArbiterMessage.checkName("pair", pair);
        if (closed)
        {
            throw new IllegalStateException("this cluster arbiter client is closed");
        }
        final long startNs = clock.nanoTime();
        callStartNs = startNs;
        final long deadlineNs = startNs + context.claimTimeoutNs();
        try
        {
            hasWarmSession();
            if (cluster == null && !openSession(deadlineNs))
            {
                return UNREACHABLE_GENERATION;
            }
            final long correlationId = aeron.nextCorrelationId();
            final int length = GenerationQuery.encode(requestBuffer, 0, correlationId, pair);
            if (!exchange(correlationId, length, deadlineNs))
            {
                return UNREACHABLE_GENERATION;
            }
            if (answeredGeneration == GenerationAnswer.REFUSED)
            {
                lastFailure = "the cluster refused the generation query: does it run another version of the " +
                    "arbiter than this client (" + ArbiterMessage.VERSION + ")?";
                return UNREACHABLE_GENERATION;
            }
            return answeredGeneration;
        }
        catch (final AeronException ex)
        {
            closeSession();
            lastFailure = "the cluster client failed: " + ex;
            return UNREACHABLE_GENERATION;
        }
        finally
        {
            awaitedCorrelationId = NO_REQUEST;
        }
    }

    /**
     * Keeps the session open between claims: polls the egress and sends a keep-alive.
     *
     * @return whether a session is open.
     */
    public synchronized boolean keepAlive()
    {
        if (closed || cluster == null)
        {
            return false;
        }
        try
        {
            cluster.pollEgress();
            if (sessionClosed || cluster.isClosed())
            {
                closeSession();
                return false;
            }
            if (cluster.sendKeepAlive())
            {
                lastExchangeNs = clock.nanoTime();
            }
            return true;
        }
        catch (final AeronException ex)
        {
            closeSession();
            lastFailure = "keep-alive failed: " + ex;
            return false;
        }
    }

    /** @return why the last UNREACHABLE came about, or null if there was none yet. */
    @Override
    public synchronized String lastFailure()
    {
        return lastFailure;
    }

    @Override
    public synchronized void close()
    {
        if (!closed)
        {
            closed = true;
            closeSession();
            CloseHelper.closeAll(aeron, driver);
        }
    }

    /**
     * Sends the request in {@link #requestBuffer} and polls the egress until its answer, the
     * session's end or the deadline.
     *
     * @return whether the answer came ({@link #verdict} or {@link #answeredGeneration} hold it); if
     *         not, {@link #lastFailure} says why.
     */
    private boolean exchange(final long correlationId, final int length, final long deadlineNs)
    {
        awaitedCorrelationId = correlationId;
        answered = false;
        boolean sent = false;
        idle.reset();
        while (true)
        {
            if (!sent)
            {
                final long result = cluster.offer(requestBuffer, 0, length);
                sent = result > 0;
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    closeSession();
                    lastFailure = "the ingress publication is " + Publication.errorString(result);
                    return false;
                }
            }
            final int work = cluster.pollEgress();
            if (answered)
            {
                return true;
            }
            if (sessionClosed || cluster.isClosed())
            {
                closeSession();
                lastFailure = "the cluster closed the session while the request was pending";
                return false;
            }
            if (clock.nanoTime() - deadlineNs >= 0)
            {
                // A session that let a request time out may be dead without knowing it (its member
                // gone, or the cluster restarted): the next request opens a new one.
                closeSession();
                lastFailure = sent ?
                    "no answer " + sinceCallMs() + " ms into the request" :
                    "the request could not be sent " + sinceCallMs() + " ms into it (no leader, or ingress " +
                    "back-pressured)";
                return false;
            }
            idle.idle(work);
        }
    }

    private Outcome outcomeOf(final int verdict)
    {
        switch (verdict)
        {
            case ClaimAnswer.WON:
                return Outcome.WON;
            case ClaimAnswer.LOST:
                return Outcome.LOST;
            case ClaimAnswer.REFUSED:
                return unreachable("the cluster refused the claim as malformed: does it run another version " +
                    "of the arbiter than this client (" + ArbiterMessage.VERSION + ")?");
            default:
                return unreachable("the cluster answered with unknown verdict " + verdict);
        }
    }

    private Outcome claim(final String pair, final long generation, final String claimant, final long deadlineNs)
    {
        if (cluster == null && !openSession(deadlineNs))
        {
            return Outcome.UNREACHABLE;
        }
        final long correlationId = aeron.nextCorrelationId();
        final int length = ClaimRequest.encode(requestBuffer, 0, correlationId, generation, pair, claimant);
        return exchange(correlationId, length, deadlineNs) ? outcomeOf(verdict) : Outcome.UNREACHABLE;
    }

    /** @return whether the open session looks alive and recently used; if not, it is closed. */
    private boolean hasWarmSession()
    {
        if (cluster == null)
        {
            return false;
        }
        if (!sessionClosed && !cluster.isClosed() && clock.nanoTime() - lastExchangeNs < context.sessionReuseNs())
        {
            cluster.pollEgress();
            if (!sessionClosed && !cluster.isClosed() &&
                cluster.ingressPublication().isConnected() && cluster.egressSubscription().isConnected())
            {
                return true;
            }
        }
        closeSession();
        return false;
    }

    private boolean openSession(final long deadlineNs)
    {
        final AeronCluster.AsyncConnect connect = AeronCluster.asyncConnect(new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .ingressEndpoints(context.ingressEndpoints())
            .ingressChannel(context.ingressChannel())
            .egressChannel(context.egressChannel())
            .egressListener(answers)
            .messageTimeoutNs(context.claimTimeoutNs())
            .idleStrategy(ClusterArbiter.waitStrategy()));
        boolean connected = false;
        try
        {
            idle.reset();
            while (true)
            {
                final AeronCluster opened = connect.poll();
                if (opened != null)
                {
                    cluster = opened;
                    sessionClosed = false;
                    lastExchangeNs = clock.nanoTime();
                    connected = true;
                    return true;
                }
                if (clock.nanoTime() - deadlineNs >= 0)
                {
                    unreachable("no session with the cluster at " + context.ingressEndpoints() + " " +
                        sinceCallMs() + " ms into the request (members down, or no leader)");
                    return false;
                }
                idle.idle();
            }
        }
        finally
        {
            if (!connected)
            {
                connect.close();
            }
        }
    }

    private void closeSession()
    {
        final AeronCluster open = cluster;
        cluster = null;
        sessionClosed = false;
        if (open != null)
        {
            open.close();
        }
    }

    private void onClientError(final Throwable error)
    {
        clientError = error;
    }

    private Outcome unreachable(final String why)
    {
        final Throwable error = clientError;
        lastFailure = error == null ? why : why + " (the Aeron client: " + error + ")";
        return Outcome.UNREACHABLE;
    }

    private long sinceCallMs()
    {
        return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - callStartNs);
    }

    private static IdleStrategy waitStrategy()
    {
        return new BackoffIdleStrategy(
            10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
    }

    private static String uniqueDirectory()
    {
        final Path shm = Paths.get("/dev/shm");
        final Path base = Files.isDirectory(shm) && Files.isWritable(shm) ?
            shm : Paths.get(System.getProperty("java.io.tmpdir"));
        StaleDriverDirectories.sweep(base, CLIENT_DIRECTORY_PREFIX);
        return base.resolve(CLIENT_DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)).toString();
    }

    private final class AnswerListener implements EgressListener
    {
        @Override
        public void onMessage(
            final long clusterSessionId,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header header)
        {
            lastExchangeNs = clock.nanoTime();
            // An answer to an earlier request that timed out is ignored: its caller already heard UNREACHABLE.
            if (ClaimAnswer.isAnswer(buffer, offset, length) &&
                ClaimAnswer.correlationId(buffer, offset) == awaitedCorrelationId)
            {
                verdict = ClaimAnswer.verdict(buffer, offset);
                answered = true;
            }
            else if (GenerationAnswer.isAnswer(buffer, offset, length) &&
                GenerationAnswer.correlationId(buffer, offset) == awaitedCorrelationId)
            {
                answeredGeneration = GenerationAnswer.generation(buffer, offset);
                answered = true;
            }
        }

        @Override
        public void onSessionEvent(
            final long correlationId,
            final long clusterSessionId,
            final long leadershipTermId,
            final int leaderMemberId,
            final EventCode code,
            final String detail)
        {
            if (code == EventCode.CLOSED)
            {
                sessionClosed = true;
            }
            else if (code == EventCode.ERROR)
            {
                lastFailure = "the cluster reported an error: " + detail;
            }
        }

        @Override
        public void onNewLeader(
            final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            lastExchangeNs = clock.nanoTime();
        }
    }

    /** How to reach the cluster. */
    public static final class Context
    {
        /** Default time a claim may take, in ms ({@code tandem.arbiter.claimTimeoutMs}). */
        public static final long DEFAULT_CLAIM_TIMEOUT_MS = Long.getLong("tandem.arbiter.claimTimeoutMs", 2_000);
        /** Default ingress channel; the endpoints come from {@link #ingressEndpoints()}. */
        public static final String DEFAULT_INGRESS_CHANNEL = "aeron:udp?term-length=64k";

        private String ingressEndpoints;
        private String ingressChannel = DEFAULT_INGRESS_CHANNEL;
        private String egressChannel;
        private String aeronDirectoryName;
        private long claimTimeoutNs = TimeUnit.MILLISECONDS.toNanos(DEFAULT_CLAIM_TIMEOUT_MS);
        private long sessionReuseNs = TimeUnit.MILLISECONDS.toNanos(ClusterArbiterNode.Config.DEFAULT_SESSION_TIMEOUT_MS / 2);

        /** @return the members' ingress endpoints, {@code 0=host:port,1=host:port,...}. */
        public String ingressEndpoints()
        {
            return ingressEndpoints;
        }

        /** @return this. */
        public Context ingressEndpoints(final String ingressEndpoints)
        {
            this.ingressEndpoints = ingressEndpoints;
            return this;
        }

        /** @return the ingress channel (UDP, without an endpoint). */
        public String ingressChannel()
        {
            return ingressChannel;
        }

        /** @return this. */
        public Context ingressChannel(final String ingressChannel)
        {
            this.ingressChannel = ingressChannel;
            return this;
        }

        /**
         * @return where answers come back: an address of this host that the members can reach
         *         (port 0 picks a free one), e.g. {@code aeron:udp?endpoint=10.0.0.5:0}; unless set,
         *         this host's address on its route to the first member that has one (loopback when
         *         none has), decided at the first call.
         */
        public String egressChannel()
        {
            if (egressChannel == null && ingressEndpoints != null)
            {
                egressChannel = EgressAddress.channelToward(ingressEndpoints);
            }
            return egressChannel;
        }

        /**
         * @param egressChannel where answers come back, or null for this host's address toward the
         *                      members (see {@link #egressChannel()}).
         * @return this.
         */
        public Context egressChannel(final String egressChannel)
        {
            this.egressChannel = egressChannel;
            return this;
        }

        /** @return the directory of a running media driver to use, or null for an embedded one. */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /** @return this. */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /** @return how long a claim (session opening included) may take before it is UNREACHABLE. */
        public long claimTimeoutNs()
        {
            return claimTimeoutNs;
        }

        /** @return this. */
        public Context claimTimeoutNs(final long claimTimeoutNs)
        {
            this.claimTimeoutNs = claimTimeoutNs;
            return this;
        }

        /** @return how long an unused session is trusted to be still open; keep it under the cluster's session timeout. */
        public long sessionReuseNs()
        {
            return sessionReuseNs;
        }

        /** @return this. */
        public Context sessionReuseNs(final long sessionReuseNs)
        {
            this.sessionReuseNs = sessionReuseNs;
            return this;
        }

        void validate()
        {
            if (ingressEndpoints == null || ingressEndpoints.isBlank())
            {
                throw new IllegalArgumentException("no ingress endpoints for the arbiter cluster; expected " +
                    "0=host:port,1=host:port,... (ClusterArbiterNode#ingressEndpoints)");
            }
            for (final String endpoint : ingressEndpoints.split(","))
            {
                if (!endpoint.trim().matches("\\d+=.+:\\d+"))
                {
                    throw new IllegalArgumentException("arbiter ingress endpoint '" + endpoint + "' in '" +
                        ingressEndpoints + "' is not memberId=host:port");
                }
            }
            if (claimTimeoutNs <= 0)
            {
                throw new IllegalArgumentException("the claim timeout must be positive, not " + claimTimeoutNs + " ns");
            }
        }
    }
}
