package io.tandem.transport.aeron;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ReceiveChannelEndpointSupplier;
import io.aeron.driver.SendChannelEndpointSupplier;
import io.aeron.driver.ThreadingMode;
import io.tandem.codec.LogEntry;
import io.tandem.engine.wake.TimerSlack;
import io.tandem.engine.wake.ChannelWatch;
import io.tandem.engine.wake.WakeSignal;
import io.tandem.engine.wake.WakeableIdleStrategy;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A pair's channels over Aeron, with an embedded media driver: the log stream (primary to backup)
 * and the acknowledgement stream (backup to primary), over IPC ({@code aeron:ipc}) when both
 * replicas share a process, or over UDP ({@code aeron:udp?endpoint=HOST:PORT}, one endpoint per
 * direction) between processes or hosts.
 * <p>
 * The driver runs {@link ThreadingMode#SHARED} on a parking idle strategy: on few cores it must
 * leave the CPU to the replicas' threads, which carry the data themselves over IPC (measured:
 * busy application threads with a backing-off shared driver gave the best IPC figures; busy
 * everywhere starved the driver). Hand-offs wake the thread that waits
 * ({@link #wakeBackupOnEntries}, {@link #wakePrimaryOnAcks}): over IPC a publication wakes its
 * subscriber's thread, over UDP it wakes the driver, whose busy duty cycles wake the subscribers
 * of this process (with both replicas here, only one whose stream holds unread entries: {@link UnreadWake}). Its directory is unique to this transport, under
 * {@code /dev/shm} when there is one, and is deleted on start and on close.
 * <p>
 * Each side can be made alone ({@link Context#primarySide(boolean)},
 * {@link Context#backupSide(boolean)}) for a replica in its own process; in one process both are
 * made and {@link #closePrimarySide()} models the primary's crash.
 */
public final class PairTransport implements AutoCloseable
{
    /** Drivers' directories are named this, then the owning process id and a random suffix. */
    static final String DIRECTORY_PREFIX = "tandem-aeron-";
    /**
     * Whether an entry the primary offers quietly (nobody awaits its acknowledgement: a request's
     * frame, a disk completion, an epoch mark of a guest at work) wakes the media driver over UDP;
     * {@code tandem.driver.wake.on.quiet}, false by default. Each wake-up is a
     * {@code Selector.wakeup()} on the primary's thread, on the request's path (the pair's
     * timeline over UDP: 16-32 µs from a frame logged to its offer returning, against 2 over IPC),
     * and a woken driver takes a core while the guest works on the request. Left quiet, the entry
     * goes with the next awaited one, whose offer wakes the driver, or when its park ends (5 ms at
     * most), as over IPC.
     */
    public static final boolean QUIET_LOG_WAKES_DRIVER = Boolean.getBoolean("tandem.driver.wake.on.quiet");
    /** The IPC channel: both replicas in this process. */
    public static final String IPC_CHANNEL = "aeron:ipc";
    /**
     * Longest park of the driver's idle strategy over IPC, µs; {@code tandem.driver.ipc.max.park.us}.
     * Measured with a CPU-bound pair on 2 cores (`tandem pair guests/bin/cpubench.elf --net none`,
     * 3 alternating runs each): 256-270 MIPS with 1000 µs against 239 with 100 µs, the kvstore
     * pair's acknowledgement p50 unchanged (339-344 µs against 341-365). Since the replicas wake
     * each other and the driver only keeps the books over IPC, 5000 µs: an idle echo pair spent
     * 3.7% of a core against 5.8% with 1000 µs (`tandem bench latency --quick`, one run each).
     */
    public static final long IPC_DRIVER_MAX_PARK_US = Long.getLong("tandem.driver.ipc.max.park.us", 5000);
    /**
     * Shortest park of the driver's idle strategy when a channel is UDP, µs, from which its parks
     * double while nothing comes; {@code tandem.driver.udp.min.park.us}. A datagram from another
     * process is found only when a park ends: while traffic flows the parks stay this short.
     */
    public static final long UDP_DRIVER_MIN_PARK_US = Long.getLong("tandem.driver.udp.min.park.us", 10);
    /**
     * Longest park of the driver's idle strategy when a channel is UDP, µs; {@code tandem.driver.udp.max.park.us}.
     * What it costs an idle pair and what it adds to the first datagram after a quiet spell: with
     * a fixed 100 µs park (before the parks backed off) an idle echo pair over UDP spent 16-21% of
     * a core, nearly all in the driver.
     */
    public static final long UDP_DRIVER_MAX_PARK_US = Long.getLong("tandem.driver.udp.max.park.us", 1000);
    /**
     * The embedded driver's threading mode, {@code tandem.driver.threading}: SHARED (one thread,
     * the default), SHARED_NETWORK (the conductor apart, sleeping 1 ms between looks; sender and
     * receiver on one thread that hand-offs wake) or DEDICATED (a thread each: the sender is the
     * one an offer wakes, the receiver the one whose work wakes the replicas here; both back off
     * as the shared thread does). For measuring: on 2 cores more threads were not faster (README,
     * "Latency, third round").
     */
    public static final ThreadingMode THREADING_MODE =
        ThreadingMode.valueOf(System.getProperty("tandem.driver.threading", ThreadingMode.SHARED.name()));
    /** Sleep of a separate conductor thread between looks (SHARED_NETWORK, DEDICATED). */
    static final long CONDUCTOR_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Sleep of the driver's name-resolving thread between looks: the default cost an idle pair 1.6% of a core. */
    static final long ASYNC_EXECUTOR_PARK_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * Whether the driver's thread waits on its UDP sockets (a datagram wakes it) instead of polling
     * them when its parks end, {@code tandem.driver.udp.watch} (default true): its parks can then
     * last {@link #IPC_DRIVER_MAX_PARK_US} over UDP too. Only with the driver's own endpoints (no
     * test hook) and its network on the shared thread (SHARED, SHARED_NETWORK).
     */
    public static final boolean WATCH_DRIVER_SOCKETS =
        Boolean.parseBoolean(System.getProperty("tandem.driver.udp.watch", "true"));
    /** Spins of the driver's idle strategy before it parks. */
    static final int DRIVER_SPINS = 10;
    /** Default stream of the log, primary to backup. */
    public static final int DEFAULT_LOG_STREAM_ID = 1001;
    /** Default stream of the acknowledgements, backup to primary. */
    public static final int DEFAULT_ACK_STREAM_ID = 1002;
    /** Default stream of a state transfer to a joining backup, primary to backup, on the log's channel. */
    public static final int DEFAULT_TRANSFER_STREAM_ID = 1003;
    /** Default term length of both streams: entries up to an eighth of it fit in one message. */
    public static final int DEFAULT_TERM_LENGTH = 16 * 1024 * 1024;

    private final MediaDriver driver;
    private final Aeron aeron;
    private final Context context;
    private final DriverIdleStrategy driverIdle;
    private WakeSignal backupWake = WakeSignal.NONE;
    private WakeSignal primaryWake = WakeSignal.NONE;
    private UnreadWake backupUnreadLog;
    private UnreadWake backupUnreadTransfer;
    private UnreadWake primaryUnreadAcks;
    private AeronEntryPublication logPublication;
    private AeronEntrySubscription ackSubscription;
    private AeronEntryPublication transferPublication;
    private AeronEntrySubscription logSubscription;
    private AeronEntryPublication ackPublication;
    private AeronEntrySubscription transferSubscription;
    private boolean primaryClosed;
    private boolean backupClosed;
    /** The receiver's own idle strategy when the driver runs DEDICATED, else null. */
    private DriverIdleStrategy receiverIdle;

    private PairTransport(final Context context)
    {
        this.context = context;
        driverIdle = new DriverIdleStrategy(context.driverIdleStrategy());
        MediaDriver launchedDriver = null;
        Aeron connectedAeron = null;
        try
        {
            final MediaDriver.Context driverContext = new MediaDriver.Context()
                .aeronDirectoryName(context.aeronDirectoryName())
                // Name resolution only (channels name addresses): its thread need not look every millisecond.
                .asyncExecutorIdleStrategy(new SleepingIdleStrategy(ASYNC_EXECUTOR_PARK_NS))
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .termBufferSparseFile(true)
                .ipcTermBufferLength(context.termLength())
                .publicationTermBufferLength(context.termLength());
            threading(driverContext, context);
            if (context.publicationConnectionTimeoutNs() > 0)
            {
                driverContext.publicationConnectionTimeoutNs(context.publicationConnectionTimeoutNs());
            }
            if (context.receiveChannelEndpointSupplier() != null)
            {
                driverContext.receiveChannelEndpointSupplier(context.receiveChannelEndpointSupplier());
            }
            if (context.sendChannelEndpointSupplier() != null)
            {
                driverContext.sendChannelEndpointSupplier(context.sendChannelEndpointSupplier());
            }
            final ChannelWatch socketWatch = context.watchesDriverSockets() ? driverIdle.channelWatch() : null;
            if (socketWatch != null)
            {
                // The driver's thread waits on its UDP sockets: a datagram wakes it, not a park's end.
                driverContext.receiveChannelEndpointSupplier((channel, dispatcher, status, driver) ->
                    new WatchedReceiveEndpoint(channel, dispatcher, status, driver, socketWatch));
                driverContext.sendChannelEndpointSupplier((channel, status, driver) ->
                    new WatchedSendEndpoint(channel, status, driver, socketWatch));
            }
            launchedDriver = MediaDriver.launchEmbedded(driverContext);
            connectedAeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(launchedDriver.aeronDirectoryName()));

            // Subscriptions first, so that each publication finds its subscriber as soon as it exists.
            final Subscription logSub = context.backupSide() ?
                connectedAeron.addSubscription(context.logChannel(), context.logStreamId()) : null;
            final Subscription ackSub = context.primarySide() ?
                connectedAeron.addSubscription(context.ackChannel(), context.ackStreamId()) : null;
            final ExclusivePublication logPub = context.primarySide() ?
                connectedAeron.addExclusivePublication(context.logChannel(), context.logStreamId()) : null;
            final ExclusivePublication ackPub = context.backupSide() ?
                connectedAeron.addExclusivePublication(context.ackChannel(), context.ackStreamId()) : null;
            final Subscription transferSub = context.backupSide() ?
                connectedAeron.addSubscription(context.logChannel(), context.transferStreamId()) : null;
            final ExclusivePublication transferPub = context.primarySide() ?
                connectedAeron.addExclusivePublication(context.logChannel(), context.transferStreamId()) : null;

            logSubscription = logSub == null ? null : new AeronEntrySubscription(logSub);
            ackSubscription = ackSub == null ? null : new AeronEntrySubscription(ackSub);
            logPublication = logPub == null ? null : new AeronEntryPublication(logPub);
            ackPublication = ackPub == null ? null : new AeronEntryPublication(ackPub);
            transferSubscription = transferSub == null ? null : new AeronEntrySubscription(transferSub);
            transferPublication = transferPub == null ? null : new AeronEntryPublication(transferPub);
            primaryClosed = !context.primarySide();
            backupClosed = !context.backupSide();
            applyWakes();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(connectedAeron, launchedDriver);
            driverIdle.closeWatches();
            throw ex;
        }
        driver = launchedDriver;
        aeron = connectedAeron;
    }

    /**
     * Launches the embedded driver, connects a client and makes the streams of the chosen sides.
     *
     * @param context the configuration.
     * @return the transport; close it to stop the driver and delete its directory.
     */
    public static PairTransport launch(final Context context)
    {
        if (!context.primarySide() && !context.backupSide())
        {
            throw new IllegalArgumentException("a pair transport needs at least one side");
        }
        return new PairTransport(context);
    }

    /** @return both sides in this process over IPC, with the defaults. */
    public static PairTransport ipc()
    {
        return launch(new Context());
    }

    /**
     * @param host a host name or address.
     * @param port a UDP port.
     * @return the UDP channel of that endpoint.
     */
    public static String udpChannel(final String host, final int port)
    {
        final String address = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "aeron:udp?endpoint=" + address + ":" + port;
    }

    /**
     * Waits until each publication this transport made has a subscriber. A primary must not log
     * before then: an entry refused for want of a subscriber would close its channel for good.
     *
     * @param timeoutNs how long at most.
     * @return true when connected, false at the deadline.
     */
    public boolean awaitConnected(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!isConnected())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private boolean isConnected()
    {
        return (logPublication == null || primaryClosed || logPublication.connected()) &&
            (ackPublication == null || backupClosed || ackPublication.connected());
    }

    private void threading(final MediaDriver.Context driverContext, final Context context)
    {
        switch (THREADING_MODE)
        {
            case SHARED:
                driverContext.threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(driverIdle);
                break;
            case SHARED_NETWORK:
                driverContext.threadingMode(ThreadingMode.SHARED_NETWORK).sharedNetworkIdleStrategy(driverIdle)
                    .conductorIdleStrategy(new SleepingIdleStrategy(CONDUCTOR_PARK_NS));
                break;
            case DEDICATED:
                receiverIdle = new DriverIdleStrategy(new WakeableIdleStrategy(DRIVER_SPINS,
                    TimeUnit.MICROSECONDS.toNanos(UDP_DRIVER_MIN_PARK_US),
                    TimeUnit.MICROSECONDS.toNanos(Math.max(UDP_DRIVER_MIN_PARK_US, UDP_DRIVER_MAX_PARK_US)),
                    TimerSlack.DEFAULT_NS));
                driverContext.threadingMode(ThreadingMode.DEDICATED).senderIdleStrategy(driverIdle)
                    .receiverIdleStrategy(receiverIdle).conductorIdleStrategy(new SleepingIdleStrategy(CONDUCTOR_PARK_NS));
                break;
            default:
                throw new IllegalArgumentException("tandem.driver.threading must be SHARED, SHARED_NETWORK or DEDICATED: " +
                    THREADING_MODE);
        }
    }

    /** Raised after each busy duty cycle of the driver's thread that receives (the receiver's own when DEDICATED). */
    private void afterDriverWork(final WakeSignal signal)
    {
        driverIdle.wakeAfterWork(signal);
        if (receiverIdle != null)
        {
            receiverIdle.wakeAfterWork(signal);
        }
    }

    /**
     * Wakes the backup's thread of this process when an entry is there for it: over IPC the log's
     * publication signals it directly; over UDP the publication wakes the driver, which sends the
     * entry, and the driver signals it after receiving (after any work, in fact).
     *
     * @param backup the idle strategy of the thread that polls {@link #logSubscription()}.
     */
    public void wakeBackupOnEntries(final WakeSignal backup)
    {
        backupWake = backup;
        if (!IPC_CHANNEL.equals(context.logChannel()))
        {
            if (bothSides())
            {
                backupUnreadLog = new UnreadWake(backup);
                backupUnreadTransfer = new UnreadWake(backup);
                afterDriverWork(backupUnreadLog);
                afterDriverWork(backupUnreadTransfer);
            }
            else
            {
                afterDriverWork(backup);
            }
        }
        applyWakes();
    }

    /**
     * Wakes the primary's thread of this process when an acknowledgement is there for it, as
     * {@link #wakeBackupOnEntries} does for the backup.
     *
     * @param primary the idle strategy of the thread that polls {@link #ackSubscription()}.
     */
    public void wakePrimaryOnAcks(final WakeSignal primary)
    {
        primaryWake = primary;
        if (!IPC_CHANNEL.equals(context.ackChannel()))
        {
            if (bothSides())
            {
                primaryUnreadAcks = new UnreadWake(primary);
                afterDriverWork(primaryUnreadAcks);
            }
            else
            {
                afterDriverWork(primary);
            }
        }
        applyWakes();
    }

    // Both replicas in this process: the driver wakes one only when its stream holds unread entries.
    private boolean bothSides()
    {
        return context.primarySide() && context.backupSide();
    }

    // Over IPC a publication wakes its subscriber's thread; over UDP it wakes the driver, which sends.
    private void applyWakes()
    {
        final boolean logIpc = IPC_CHANNEL.equals(context.logChannel());
        final boolean ackIpc = IPC_CHANNEL.equals(context.ackChannel());
        if (logPublication != null)
        {
            logPublication.wakeOnOffer(logIpc ? backupWake : driverIdle, !logIpc && QUIET_LOG_WAKES_DRIVER);
        }
        if (transferPublication != null)
        {
            transferPublication.wakeOnOffer(logIpc ? backupWake : driverIdle, !logIpc);
        }
        if (ackPublication != null)
        {
            ackPublication.wakeOnOffer(ackIpc ? primaryWake : driverIdle, !ackIpc);
        }
        watch(backupUnreadLog, logPublication, logSubscription);
        watch(backupUnreadTransfer, transferPublication, transferSubscription);
        watch(primaryUnreadAcks, ackPublication, ackSubscription);
    }

    private static void watch(final UnreadWake wake, final AeronEntryPublication publication,
        final AeronEntrySubscription subscription)
    {
        if (wake != null)
        {
            wake.watch(publication == null ? null : publication.publication(),
                subscription == null ? null : subscription.subscription());
        }
    }

    /** @return the primary's end of the log, or null without a primary side. */
    public AeronEntryPublication logPublication()
    {
        return logPublication;
    }

    /** @return the primary's end of the acknowledgements, or null without a primary side. */
    public AeronEntrySubscription ackSubscription()
    {
        return ackSubscription;
    }

    /** @return the backup's end of the log, or null without a backup side. */
    public AeronEntrySubscription logSubscription()
    {
        return logSubscription;
    }

    /**
     * @return the primary's end of the state transfer stream (its frames: {@code ::offer} is a
     * {@code FrameSink}), or null without a primary side.
     */
    public AeronEntryPublication transferPublication()
    {
        return transferPublication;
    }

    /** @return the backup's end of the state transfer stream, or null without a backup side. */
    public AeronEntrySubscription transferSubscription()
    {
        return transferSubscription;
    }

    /**
     * Makes the backup's ends again after {@link #closeBackupSide()}: a new backup in this process
     * joins the running primary. Entries the primary logs from now on reach it.
     */
    public void reopenBackupSide()
    {
        reopenBackupSide(context.logChannel(), context.ackChannel());
    }

    /**
     * As {@link #reopenBackupSide()}, on other channels: a replica in its own process that changes
     * roles takes the ends of the other role on channels of its own (between two hosts, the two
     * directions swap). The log's subscription, the only end that binds an address, is made
     * first: if its address is still taken (the peer has not let it go yet), this throws and
     * nothing changed, so that the caller can try again.
     *
     * @param logChannel where this side receives the log.
     * @param ackChannel where this side sends acknowledgements.
     */
    public void reopenBackupSide(final String logChannel, final String ackChannel)
    {
        if (!backupClosed)
        {
            throw new IllegalStateException("the backup side is open: close it first");
        }
        final Subscription logSub = aeron.addSubscription(logChannel, context.logStreamId());
        logSubscription = new AeronEntrySubscription(logSub);
        transferSubscription = new AeronEntrySubscription(
            aeron.addSubscription(logChannel, context.transferStreamId()));
        ackPublication = new AeronEntryPublication(
            aeron.addExclusivePublication(ackChannel, context.ackStreamId()));
        backupClosed = false;
        applyWakes();
    }

    /**
     * Makes the primary's ends again after {@link #closePrimarySide()}: in this process, the backup
     * that went live becomes a primary that logs to a new backup.
     */
    public void reopenPrimarySide()
    {
        reopenPrimarySide(context.logChannel(), context.ackChannel());
    }

    /**
     * As {@link #reopenPrimarySide()}, on other channels (see {@link #reopenBackupSide(String, String)}):
     * the acknowledgements' subscription, the only end that binds an address, is made first.
     *
     * @param logChannel where this side sends the log and state transfers.
     * @param ackChannel where this side receives acknowledgements.
     */
    public void reopenPrimarySide(final String logChannel, final String ackChannel)
    {
        if (!primaryClosed)
        {
            throw new IllegalStateException("the primary side is open: close it first");
        }
        ackSubscription = new AeronEntrySubscription(aeron.addSubscription(ackChannel, context.ackStreamId()));
        logPublication = new AeronEntryPublication(
            aeron.addExclusivePublication(logChannel, context.logStreamId()));
        transferPublication = new AeronEntryPublication(
            aeron.addExclusivePublication(logChannel, context.transferStreamId()));
        primaryClosed = false;
        applyWakes();
    }

    /** @return the backup's end of the acknowledgements, or null without a backup side. */
    public AeronEntryPublication ackPublication()
    {
        return ackPublication;
    }

    /**
     * Closes the primary's ends (log publication, acknowledgement subscription), as its crash
     * would. Its thread must have stopped using them.
     */
    public void closePrimarySide()
    {
        if (!primaryClosed)
        {
            primaryClosed = true;
            CloseHelper.closeAll(
                logPublication == null ? null : logPublication.publication(),
                ackSubscription == null ? null : ackSubscription.subscription(),
                transferPublication == null ? null : transferPublication.publication());
        }
    }

    /**
     * Closes the backup's ends (log subscription, acknowledgement publication), as its crash
     * would. Its thread must have stopped using them.
     */
    public void closeBackupSide()
    {
        if (!backupClosed)
        {
            backupClosed = true;
            CloseHelper.closeAll(
                logSubscription == null ? null : logSubscription.subscription(),
                ackPublication == null ? null : ackPublication.publication(),
                transferSubscription == null ? null : transferSubscription.subscription());
        }
    }

    /** @return the media driver's directory. */
    public String aeronDirectoryName()
    {
        return driver.aeronDirectoryName();
    }

    /** @return the Aeron client, for more streams on the same driver. */
    public Aeron aeron()
    {
        return aeron;
    }

    /** Closes the streams, the client and the driver, and deletes the driver's directory. */
    @Override
    public void close()
    {
        try
        {
            CloseHelper.closeAll(aeron, driver);
        }
        finally
        {
            driverIdle.closeWatches(); // its selector lets the driver's closed sockets go
        }
    }

    /** Configuration of a {@link PairTransport}; the defaults make both sides over IPC. */
    public static final class Context
    {
        private String logChannel = IPC_CHANNEL;
        private String ackChannel = IPC_CHANNEL;
        private int logStreamId = DEFAULT_LOG_STREAM_ID;
        private int ackStreamId = DEFAULT_ACK_STREAM_ID;
        private int transferStreamId = DEFAULT_TRANSFER_STREAM_ID;
        private boolean primarySide = true;
        private boolean backupSide = true;
        private int termLength = DEFAULT_TERM_LENGTH;
        private long publicationConnectionTimeoutNs;
        private IdleStrategy driverIdleStrategy;
        private String aeronDirectoryName;
        private ReceiveChannelEndpointSupplier receiveChannelEndpointSupplier;
        private SendChannelEndpointSupplier sendChannelEndpointSupplier;

        /** @return the log's channel. */
        public String logChannel()
        {
            return logChannel;
        }

        /**
         * @param logChannel the log's channel: {@link #IPC_CHANNEL}, or a UDP channel whose
         *                   endpoint is the backup's address.
         * @return this.
         */
        public Context logChannel(final String logChannel)
        {
            this.logChannel = logChannel;
            return this;
        }

        /** @return the acknowledgements' channel. */
        public String ackChannel()
        {
            return ackChannel;
        }

        /**
         * @param ackChannel the acknowledgements' channel: {@link #IPC_CHANNEL}, or a UDP channel
         *                   whose endpoint is the primary's address.
         * @return this.
         */
        public Context ackChannel(final String ackChannel)
        {
            this.ackChannel = ackChannel;
            return this;
        }

        /** @return the log's stream id. */
        public int logStreamId()
        {
            return logStreamId;
        }

        /**
         * @param logStreamId the log's stream id.
         * @return this.
         */
        public Context logStreamId(final int logStreamId)
        {
            this.logStreamId = logStreamId;
            return this;
        }

        /** @return the acknowledgements' stream id. */
        public int ackStreamId()
        {
            return ackStreamId;
        }

        /**
         * @param ackStreamId the acknowledgements' stream id.
         * @return this.
         */
        public Context ackStreamId(final int ackStreamId)
        {
            this.ackStreamId = ackStreamId;
            return this;
        }

        /** @return the state transfer's stream id, on the log's channel. */
        public int transferStreamId()
        {
            return transferStreamId;
        }

        /**
         * @param transferStreamId the state transfer's stream id, on the log's channel.
         * @return this.
         */
        public Context transferStreamId(final int transferStreamId)
        {
            this.transferStreamId = transferStreamId;
            return this;
        }

        /** @return true when the primary's ends are made. */
        public boolean primarySide()
        {
            return primarySide;
        }

        /**
         * @param primarySide make the log publication and the acknowledgement subscription.
         * @return this.
         */
        public Context primarySide(final boolean primarySide)
        {
            this.primarySide = primarySide;
            return this;
        }

        /** @return true when the backup's ends are made. */
        public boolean backupSide()
        {
            return backupSide;
        }

        /**
         * @param backupSide make the log subscription and the acknowledgement publication.
         * @return this.
         */
        public Context backupSide(final boolean backupSide)
        {
            this.backupSide = backupSide;
            return this;
        }

        /** @return the term length of both streams. */
        public int termLength()
        {
            return termLength;
        }

        /**
         * @param termLength the term length of both streams: a power of two at least eight times
         *                   the longest entry ({@link LogEntry#MAX_LENGTH}), since Aeron's longest
         *                   message is an eighth of a term.
         * @return this.
         * @throws IllegalArgumentException for a shorter or uneven term.
         */
        public Context termLength(final int termLength)
        {
            if (Integer.bitCount(termLength) != 1 || termLength / 8 < LogEntry.MAX_LENGTH)
            {
                throw new IllegalArgumentException("term length must be a power of two of at least " +
                    Integer.highestOneBit(LogEntry.MAX_LENGTH * 8 - 1) * 2 + " bytes (eight of the longest entry, " +
                    LogEntry.MAX_LENGTH + " bytes): " + termLength);
            }
            this.termLength = termLength;
            return this;
        }

        /**
         * @return how long a UDP publication goes without status messages before it counts as
         * unconnected; 0 for the driver's default.
         */
        public long publicationConnectionTimeoutNs()
        {
            return publicationConnectionTimeoutNs;
        }

        /**
         * @param publicationConnectionTimeoutNs how long a UDP publication goes without status
         *                                       messages before it is no longer connected.
         * @return this.
         */
        public Context publicationConnectionTimeoutNs(final long publicationConnectionTimeoutNs)
        {
            this.publicationConnectionTimeoutNs = publicationConnectionTimeoutNs;
            return this;
        }

        /**
         * @return the driver's idle strategy; unless set, a wakeable strategy (publications of
         * this process wake it, and its thread's timer slack is small) that parks up to
         * {@link #IPC_DRIVER_MAX_PARK_US} over IPC (the replicas' threads carry the entries; the
         * driver only keeps the books, and each wake-up takes a core from a replica) and over UDP
         * when it waits on its sockets ({@link #watchesDriverSockets()}: a datagram wakes it); over
         * UDP without that, its parks back off from {@link #UDP_DRIVER_MIN_PARK_US} to
         * {@link #UDP_DRIVER_MAX_PARK_US} (the driver's sender and receiver carry the entries, and
         * it finds a datagram only when a park ends).
         */
        public IdleStrategy driverIdleStrategy()
        {
            if (driverIdleStrategy == null)
            {
                final boolean ipc = IPC_CHANNEL.equals(logChannel) && IPC_CHANNEL.equals(ackChannel);
                // Waiting on its sockets, the driver parks as long over UDP as over IPC.
                driverIdleStrategy = ipc || watchesDriverSockets() ?
                    new WakeableIdleStrategy(DRIVER_SPINS, TimeUnit.MICROSECONDS.toNanos(IPC_DRIVER_MAX_PARK_US),
                        TimerSlack.DEFAULT_NS) :
                    new WakeableIdleStrategy(DRIVER_SPINS, TimeUnit.MICROSECONDS.toNanos(UDP_DRIVER_MIN_PARK_US),
                        TimeUnit.MICROSECONDS.toNanos(Math.max(UDP_DRIVER_MIN_PARK_US, UDP_DRIVER_MAX_PARK_US)),
                        TimerSlack.DEFAULT_NS);
            }
            return driverIdleStrategy;
        }

        /**
         * @param driverIdleStrategy the shared driver thread's idle strategy.
         * @return this.
         */
        public Context driverIdleStrategy(final IdleStrategy driverIdleStrategy)
        {
            this.driverIdleStrategy = driverIdleStrategy;
            return this;
        }

        /**
         * @return whether the driver's thread waits on its UDP sockets ({@link #WATCH_DRIVER_SOCKETS}):
         * not with a test's endpoint hooks, nor with a DEDICATED driver (its sockets on two threads).
         */
        public boolean watchesDriverSockets()
        {
            return WATCH_DRIVER_SOCKETS && receiveChannelEndpointSupplier == null && sendChannelEndpointSupplier == null &&
                THREADING_MODE != ThreadingMode.DEDICATED;
        }

        /** @return the driver's directory; a new unique one unless set. */
        public String aeronDirectoryName()
        {
            if (aeronDirectoryName == null)
            {
                aeronDirectoryName = uniqueDirectory();
            }
            return aeronDirectoryName;
        }

        /**
         * @param aeronDirectoryName the driver's directory (deleted on start and on close).
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /** @return the driver's maker of UDP receive endpoints, or null for Aeron's own. */
        public ReceiveChannelEndpointSupplier receiveChannelEndpointSupplier()
        {
            return receiveChannelEndpointSupplier;
        }

        /**
         * A hook for tests: Aeron's {@code DebugReceiveChannelEndpoint} with a loss generator
         * drops a share of the UDP frames this driver receives (data, and the control frames it
         * sends back), so that the pair can be run over a lossy network.
         *
         * @param supplier makes the driver's UDP receive endpoints, or null for Aeron's own.
         * @return this.
         */
        public Context receiveChannelEndpointSupplier(final ReceiveChannelEndpointSupplier supplier)
        {
            this.receiveChannelEndpointSupplier = supplier;
            return this;
        }

        /** @return the driver's maker of UDP send endpoints, or null for Aeron's own. */
        public SendChannelEndpointSupplier sendChannelEndpointSupplier()
        {
            return sendChannelEndpointSupplier;
        }

        /**
         * A hook for tests, as {@link #receiveChannelEndpointSupplier(ReceiveChannelEndpointSupplier)}
         * on the sending side ({@code DebugSendChannelEndpoint}).
         *
         * @param supplier makes the driver's UDP send endpoints, or null for Aeron's own.
         * @return this.
         */
        public Context sendChannelEndpointSupplier(final SendChannelEndpointSupplier supplier)
        {
            this.sendChannelEndpointSupplier = supplier;
            return this;
        }

        private static String uniqueDirectory()
        {
            final Path shm = Paths.get("/dev/shm");
            final Path base = Files.isDirectory(shm) && Files.isWritable(shm) ?
                shm : Paths.get(System.getProperty("java.io.tmpdir"));
            StaleDriverDirectories.sweep(base, DIRECTORY_PREFIX);
            final String name = DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-" +
                Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            return base.resolve(name).toString();
        }
    }
}
