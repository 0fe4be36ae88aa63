package io.tandem.tools;

import io.tandem.engine.replica.PairConfig;
import io.tandem.node.ArbiterUnreachableException;
import io.tandem.node.BackupNodeContext;
import io.tandem.node.PrimaryNodeContext;
import io.tandem.node.IdleStrategies;
import io.tandem.node.Pair;
import io.tandem.node.PairRole;
import io.tandem.node.PairContext;
import io.tandem.node.SwappedChannels;
import io.tandem.transport.aeron.PairTransport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What {@code tandem primary} and {@code tandem backup} share: the options of one replica in its
 * own process (its peer elsewhere, over Aeron UDP), building its side of the {@link Pair}, and a
 * loop that prints the role's figures every second until the duration, Ctrl-C, or the replica
 * stops. Each role says what its figures are and which events it announces.
 */
abstract class SideCommand implements Callable<Integer>
{
    @Mixin
    CpuOption cpu = new CpuOption();

    static final String DEFAULT_LOG_CHANNEL = "127.0.0.1:40101";
    static final String DEFAULT_ACK_CHANNEL = "127.0.0.1:40102";
    /** The peer did not come within the connect timeout, or its log does not fit this guest. */
    static final int NO_PEER = 3;
    /** The replica halted for another reason than its guest ending: it lost the arbiter, or diverged. */
    static final int HALTED = 1;
    private static final long TICK_MS = 100;
    /** Why the pair did not start: {@link #NO_PEER}, or bad input for an arbiter that cannot be reached. */
    private int startFailure = NO_PEER;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.elf",
        description = "RV32IMAC guest ELF, the same on both sides (default: " + PairCommand.DEFAULT_ELF + ")")
    Path elf;

    @Option(names = "--ram", paramLabel = "MiB", description = "guest RAM in MiB, the same on both sides (default: ${DEFAULT-VALUE})")
    int ramMib = 64;

    @Option(names = "--net", paramLabel = "udp:[HOST:]PORT[=GUESTPORT]|none",
        description = "this replica's client-facing UDP address, bridged to the guest's port; kvstore default: " +
            "udp:127.0.0.1:7001=7000 (primary), udp:127.0.0.1:7002=7000 (backup)")
    String net;

    @Option(names = "--log-channel", paramLabel = "HOST:PORT",
        description = "where the backup receives the log (default: ${DEFAULT-VALUE})")
    String logChannel = DEFAULT_LOG_CHANNEL;

    @Option(names = "--ack-channel", paramLabel = "HOST:PORT",
        description = "where the primary receives acknowledgements (default: ${DEFAULT-VALUE})")
    String ackChannel = DEFAULT_ACK_CHANNEL;

    @Option(names = "--arbiter-dir", paramLabel = "DIR",
        description = "the arbiter's directory, the same for both sides (must exist; a shared disk between hosts)")
    Path arbiterDirectory;

    @Option(names = "--arbiter-cluster", paramLabel = "ENDPOINTS",
        description = "instead of --arbiter-dir: the ingress endpoints of an arbiter cluster (tandem arbiter), " +
            "e.g. 0=hostA:20110,1=hostB:20115,2=hostC:20120")
    String arbiterCluster;

    @Option(names = "--arbiter-egress", paramLabel = "HOST:PORT",
        description = "where the arbiter cluster answers this process, port 0 for an ephemeral one (default: " +
            "this host's address on its route to the cluster, an ephemeral port)")
    String arbiterEgress;

    @Option(names = "--pair", paramLabel = "NAME", description = "the pair's name at the arbiter (default: ${DEFAULT-VALUE})")
    String pairName = "tandem";

    @Option(names = "--disk", paramLabel = "FILE",
        description = "disk image this replica starts from, on its own copy in the work directory (FILE is not " +
            "changed; made empty if missing); default: a new empty image")
    Path disk;

    @Option(names = "--disk-size", paramLabel = "MiB", description = "size of a new disk image (default: ${DEFAULT-VALUE})")
    int diskMib = PairContext.DEFAULT_DISK_MIB;

    @Option(names = "--work-dir", paramLabel = "DIR",
        description = "keep the disk image and this side's journal here (default: a temporary directory)")
    Path workDirectory;

    @Option(names = "--snapshot-every", paramLabel = "N",
        description = "the primary saves its state every N instructions beside its journal (" + Pair.PRIMARY_JOURNAL +
            "/snapshots), for `tandem restore`; 0 (default) for never")
    long snapshotEvery;

    @Option(names = "--failure-timeout", paramLabel = "MS",
        description = "silence after which this replica takes its peer for dead (default: ${DEFAULT-VALUE})")
    long failureTimeoutMs = PairConfig.DEFAULT_FAILURE_TIMEOUT_MS;

    @Option(names = "--connect-timeout", paramLabel = "DURATION",
        description = "how long to wait for the peer at start (default: ${DEFAULT-VALUE})")
    String connectTimeout = "60s";

    @Option(names = "--idle", paramLabel = "NAME",
        description = "idle strategy of the replica's thread: " + IdleStrategies.NAMES + " (default: ${DEFAULT-VALUE})")
    String idle = "wake";

    @Option(names = "--duration", paramLabel = "DURATION",
        description = "run this long (e.g. 20s, 2m); default: until Ctrl-C or until the replica stops")
    String duration;

    @Option(names = "--stay",
        description = "a primary stopped by Ctrl-C or SIGTERM while paired switches over and stays, as the new " +
            "primary's backup, instead of exiting (a second signal stops it); without it, it hands over and exits")
    boolean stay;

    /** @return true for a backup that joins a running primary by state transfer. */
    boolean join()
    {
        return false;
    }

    /** @return a reporter of the other role, for this process's replica once it changed roles. */
    abstract SideCommand otherRole();

    /** Takes the replica's state as it is now, so that only later changes are announced. */
    abstract void adoptState(Pair pair);

    /** @return the role this command plays. */
    abstract PairRole role();

    /** @return the --net of kvstore when none is given. */
    abstract String defaultNet();

    /** @return how this side's channels read in the opening line. */
    abstract String channelsText(String logChannel, String ackChannel);

    /**
     * Announces what changed since the last call (going live, going alone, halting).
     *
     * @return why the run ends now, or null while it goes on.
     */
    abstract String events(Pair pair, PrintStream err, double atS);

    /** Prints one line of figures covering the last interval. */
    abstract void figures(Pair pair, PrintStream err, double atS, double intervalS);

    /** Prints the summary; returns the exit code. */
    abstract int summary(Pair pair, PrintStream err, double runS, String ending);

    @Override
    public final Integer call()
    {
        final Path guest = elf != null ? elf : PairCommand.defaultElf();
        final boolean isKvstore = guest.getFileName().toString().equals("kvstore.elf");
        final String netText = net != null ? net : isKvstore ? defaultNet() : "none";
        final NetSpec netSpec = "none".equals(netText) ? null : NetSpec.parse(netText);
        final String givenLogUri = ChannelSpec.parse("--log-channel", logChannel);
        final String givenAckUri = ChannelSpec.parse("--ack-channel", ackChannel);
        if (givenLogUri.equals(givenAckUri))
        {
            throw new IllegalArgumentException("--log-channel and --ack-channel must differ: " + logChannel);
        }
        // A backup that joins with the pair's two options receives the log on whichever of the
        // two endpoints is free here: the running primary holds the other (its acknowledgements).
        // When that is the log's, the primary took over from the other side and uses the two
        // channels swapped (SwappedChannels); so does the joiner.
        final boolean reversed = join() && !SwappedChannels.receivesHere(givenLogUri);
        if (reversed && !SwappedChannels.receivesHere(givenAckUri))
        {
            throw new IllegalArgumentException("--join: neither --log-channel " + logChannel + " nor --ack-channel " +
                ackChannel + " is an address of this host with its port free: give the pair's two options as both " +
                "sides use them");
        }
        final String logUri = reversed ? SwappedChannels.log(givenLogUri, givenAckUri) : givenLogUri;
        final String ackUri = reversed ? SwappedChannels.ack(givenLogUri, givenAckUri) : givenAckUri;
        if (failureTimeoutMs < 1)
        {
            throw new IllegalArgumentException("--failure-timeout must be at least 1 ms: " + failureTimeoutMs);
        }
        if ((arbiterDirectory == null) == (arbiterCluster == null))
        {
            throw new IllegalArgumentException("give one arbiter that both sides reach: --arbiter-dir DIR or " +
                "--arbiter-cluster ENDPOINTS");
        }
        final long connectTimeoutNs = Durations.parseNs(connectTimeout);
        final long durationNs = duration == null ? Long.MAX_VALUE : Durations.parseNs(duration);
        final PairConfig config = new PairConfig().pairName(pairName)
            .failureTimeoutNs(TimeUnit.MILLISECONDS.toNanos(failureTimeoutMs));
        final PairContext context = new PairContext()
            .role(role())
            .elf(guest)
            .ramMib(ramMib)
            .disk(disk)
            .diskMib(diskMib)
            .workDirectory(workDirectory)
            .snapshotEveryInstructions(snapshotEvery)
            .arbiterDirectory(arbiterDirectory)
            .arbiterCluster(arbiterCluster)
            .config(config)
            .connectTimeoutNs(connectTimeoutNs)
            .primaryIdle(IdleStrategies.parse(idle))
            .backupIdle(IdleStrategies.parse(idle))
            .transport(new PairTransport.Context().logChannel(logUri).ackChannel(ackUri))
            .join(join())
            .promoteWhenLive(true)
            .consoleOut(System.out);
        if (netSpec != null)
        {
            context.network(netSpec.bind, netSpec.guestPort);
        }
        if (arbiterEgress != null)
        {
            context.arbiterEgressChannel(ChannelSpec.parse("--arbiter-egress", arbiterEgress, true));
        }

        final PrintStream err = System.err;
        final String name = role().name().toLowerCase(Locale.ROOT);
        err.printf(Locale.ROOT, "tandem %s: %s, %s, arbiter %s (pair \"%s\"), failure timeout %d ms, idle %s%s%n",
            name, guest, reversed ? channelsText(FigureText.endpoint(logUri), FigureText.endpoint(ackUri)) +
            " (the primary took over on the other host: the pair's two channels swapped)" :
            channelsText(logChannel, ackChannel),
            arbiterCluster != null ? "cluster " + arbiterCluster : arbiterDirectory, pairName, failureTimeoutMs, idle,
            netSpec == null ? "" : role().hasPrimary() ? ", serving udp " + FigureText.hostPort(netSpec.bind) :
            ", will serve udp " + FigureText.hostPort(netSpec.bind) + " once live");
        err.printf(Locale.ROOT, "tandem %s: waiting up to %d s for the %s%n", name,
            TimeUnit.NANOSECONDS.toSeconds(connectTimeoutNs), role().hasPrimary() ? "backup" : "primary");
        final long startNs = System.nanoTime();
        final int exitCode;
        final Pair stopped;
        try (ShutdownSignal shutdown = new ShutdownSignal("tandem-" + name + "-shutdown");
            Pair pair = startOrExplain(context, err, name))
        {
            if (pair == null)
            {
                return startFailure;
            }
            err.printf(Locale.ROOT, "tandem %s: connected after %.1f s; %s%n", name, (System.nanoTime() - startNs) / 1e9,
                role().hasPrimary() ? "logging to the backup" : join() ? "joined the primary by state transfer, " +
                "following its log from the cut" : "following the primary's log");
            err.printf(Locale.ROOT, "tandem %s: counters in %s (tandem stat %s)%n", name, pair.countersFile(),
                pair.workDirectory());
            exitCode = loop(pair, err, shutdown, durationNs);
            stopped = pair;
        }
        finalRole.stopped(stopped, err);
        err.flush();
        return exitCode;
    }

    /** Says what the stop told the peer, once the pair is closed. */
    void stopped(final Pair pair, final PrintStream err)
    {
    }

    private Pair startOrExplain(final PairContext context, final PrintStream err, final String name)
    {
        // A process stopped on purpose (the duration, a signal) tells its peer: a backup that it
        // will not go live, so that the primary goes on alone at once and counts no failover; a
        // primary hands over, so that the backup goes live at once where it stopped. The node
        // reads this when the pair builds it; the JVM's other pairs are left as they were.
        final String stopProperty = role() == PairRole.BACKUP ? BackupNodeContext.LEAVE_ON_STOP_PROP_NAME :
            role() == PairRole.PRIMARY ? PrimaryNodeContext.HAND_OVER_ON_STOP_PROP_NAME : null;
        final String stopBefore = stopProperty != null ? System.setProperty(stopProperty, "true") : null;
        try
        {
            return new Pair(context);
        }
        catch (final ArbiterUnreachableException ex)
        {
            err.println("tandem " + name + ": " + ex.getMessage());
            err.println("tandem " + name + ": " + (arbiterCluster != null ?
                "check that the arbiter's members run and that --arbiter-cluster names their ingress endpoints " +
                "as this host reaches them; the members answer on --arbiter-egress (here " +
                (arbiterEgress != null ? arbiterEgress : "this host's address toward them") + "): give an address " +
                "of this host that they reach, e.g. --arbiter-egress THIS-HOST:0" :
                "give --arbiter-dir a directory that both replicas reach and may write to (a shared disk)"));
            startFailure = ExitCodes.BAD_INPUT;
            return null;
        }
        catch (final IllegalStateException ex)
        {
            err.println("tandem " + name + ": " + ex.getMessage());
            startFailure = NO_PEER;
            return null;
        }
        finally
        {
            if (stopProperty != null)
            {
                if (stopBefore == null)
                {
                    System.clearProperty(stopProperty);
                }
                else
                {
                    System.setProperty(stopProperty, stopBefore);
                }
            }
        }
    }

    private int loop(final Pair pair, final PrintStream err, final ShutdownSignal shutdown, final long durationNs)
    {
        final long startNs = System.nanoTime();
        long lastTickNs = startNs;
        String ending = null;
        SideCommand role = this;
        int roleChanges = 0;
        String outcome = null;
        while (ending == null)
        {
            sleepMs(TICK_MS);
            final long now = System.nanoTime();
            final double atS = (now - startNs) / 1e9;
            ending = role.events(pair, err, atS);
            if (ending == null && pair.roleChanges() != roleChanges)
            {
                // This replica changed roles (promoted once live, or following after a switchover):
                // its figures and events are the other role's from here.
                roleChanges = pair.roleChanges();
                role.figures(pair, err, atS, (now - lastTickNs) / 1e9);
                lastTickNs = now;
                role = role.otherRole();
                role.adoptState(pair);
                announceRole(pair, err, atS);
            }
            if (ending == null && pair.switchoverOutcome() != null && !pair.switchoverOutcome().equals(outcome))
            {
                outcome = pair.switchoverOutcome();
                err.printf(Locale.ROOT, "[%5.1fs] switchover: %s%n", atS, outcome);
            }
            if (ending == null && pair.roleChangeFailure() != null)
            {
                err.printf(Locale.ROOT, "[%5.1fs] role change FAILED: %s%n", atS, pair.roleChangeFailure());
                ending = "a role change failed";
            }
            if (ending == null && shutdown.requested() && stay && pair.currentRole() == PairRole.PRIMARY &&
                pair.primaryState() == io.tandem.engine.replica.PrimaryReplica.State.PAIRED)
            {
                // Asked to stop, told to stay: hand over and follow; the next signal stops it.
                err.printf(Locale.ROOT, "[%5.1fs] %s: switching over: this primary hands over and stays as the new " +
                    "primary's backup%n", atS, shutdown.signalName() != null ? shutdown.signalName() : "stop");
                shutdown.rearm();
                pair.requestSwitchover();
            }
            else if (ending == null && shutdown.requested())
            {
                ending = shutdown.signalName() != null ? "stopped by " + shutdown.signalName() : "stopped";
            }
            else if (ending == null && now - startNs >= durationNs)
            {
                ending = "duration reached";
            }
            if (now - lastTickNs >= TimeUnit.SECONDS.toNanos(1) || ending != null)
            {
                role.figures(pair, err, atS, (now - lastTickNs) / 1e9);
                lastTickNs = now;
            }
        }
        final int exitCode = role.summary(pair, err, (System.nanoTime() - startNs) / 1e9, ending);
        if (role instanceof PrimaryCommand && pair.wentLiveHere())
        {
            BackupCommand.printWentLive(pair, err); // how this replica became the primary
        }
        if (pair.roleChanges() > 0)
        {
            err.printf(Locale.ROOT, "role changes %d (switchovers by this replica %d)%n", pair.roleChanges(),
                pair.switchovers());
        }
        finalRole = role;
        err.flush();
        return exitCode == 0 && "a role change failed".equals(ending) ? HALTED : exitCode;
    }

    /** The reporter of the role the replica played last: it says what the stop told the peer. */
    private SideCommand finalRole = this;

    /** Says what this replica does in the role it just took, and where a new peer finds it. */
    private static void announceRole(final Pair pair, final PrintStream err, final double atS)
    {
        final String[] channels = pair.currentChannels();
        final String log = FigureText.endpoint(channels[0]);
        final String ack = FigureText.endpoint(channels[1]);
        if (pair.currentRole() == PairRole.PRIMARY)
        {
            final long attachNs = pair.attachWaitNs();
            err.printf(Locale.ROOT, "[%5.1fs] now the PRIMARY (%s), recording a log of its own: log to udp %s, " +
                "acknowledgements on udp %s; guest held %s since it went live%s%n", atS, pair.primaryState(), log, ack,
                FigureText.ms(pair.liveHoldNs()), attachNs >= 0 ?
                String.format(Locale.ROOT, "; the old primary follows it with no state transfer (%s of the hold waiting " +
                "for it)", FigureText.ms(attachNs)) :
                "; a new backup joins with: tandem backup --join and the pair's --log-channel and --ack-channel, " +
                "on the other host");
        }
        else
        {
            err.printf(Locale.ROOT, "[%5.1fs] now the BACKUP of the new primary, following its log from where this " +
                "replica handed over, with no state transfer: log on udp %s, acknowledgements to udp %s%n", atS, log,
                ack);
        }
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
