package io.tandem.tools;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.node.IdleStrategies;
import io.tandem.node.Pair;
import io.tandem.node.StateComparison;
import io.tandem.node.PairContext;
import io.tandem.tools.pair.PairLoad;
import io.tandem.engine.replica.ReplicaCounters;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code tandem pair}: a primary and a backup in this process over Aeron IPC, with live figures
 * every second, an optional client load and an optional crash of the primary.
 */
@Command(
    name = "pair",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a guest as a fault-tolerant pair in this process: a primary records, a backup replays over Aeron IPC,",
        "outputs wait for the backup's acknowledgement. Prints live figures every second and a summary at the end.",
        "  tandem pair                                  kvstore on udp 127.0.0.1:7000 until Ctrl-C",
        "  tandem pair --load 1000 --duration 20        with a client load, then compares both machines' states",
        "  tandem pair --load 1000 --kill-primary-after 5s --duration 15   a crash of the primary and a failover"})
final class PairCommand implements Callable<Integer>
{
    @Mixin
    CpuOption cpu = new CpuOption();

    static final String DEFAULT_ELF = "guests/bin/kvstore.elf";
    static final String DEFAULT_NET = "udp:127.0.0.1:7000";
    private static final long TICK_MS = 100;
    private static final long COMPARE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.elf",
        description = "RV32IMAC guest ELF (default: " + DEFAULT_ELF + ")")
    Path elf;

    @Option(names = "--ram", paramLabel = "MiB", description = "guest RAM of each machine in MiB (default: ${DEFAULT-VALUE})")
    int ramMib = 64;

    @Option(names = "--net", paramLabel = "udp:[HOST:]PORT[=GUESTPORT]|none",
        description = "bridge the guest's network card to a host UDP socket (default for kvstore: " + DEFAULT_NET +
            "; otherwise none)")
    String net;

    @Option(names = "--disk", paramLabel = "FILE",
        description = "disk image both replicas start from, each on its own copy (FILE itself is not changed; " +
            "made empty if missing); default: new empty images")
    Path disk;

    @Option(names = "--disk-size", paramLabel = "MiB",
        description = "size of new disk images (default: ${DEFAULT-VALUE})")
    int diskMib = PairContext.DEFAULT_DISK_MIB;

    @Option(names = "--arbiter-dir", paramLabel = "DIR",
        description = "the arbiter's directory (default: a temporary one)")
    Path arbiterDirectory;

    @Option(names = "--arbiter-cluster", paramLabel = "ENDPOINTS",
        description = "instead of a directory: the ingress endpoints of an arbiter cluster (tandem arbiter), " +
            "e.g. 0=localhost:20110")
    String arbiterCluster;

    @Option(names = "--journal-dir", paramLabel = "DIR",
        description = "keep the replicas' journals here, as " + Pair.PRIMARY_JOURNAL + " and " + Pair.BACKUP_JOURNAL +
            " (for tandem inspect and replay); default: a temporary directory, deleted at the end")
    Path journalDirectory;

    @Option(names = "--snapshot-every", paramLabel = "N",
        description = "the primary saves its state every N instructions beside its journal (" + Pair.PRIMARY_JOURNAL +
            "/snapshots), for `tandem restore`; 0 (default) for never")
    long snapshotEvery;

    @Option(names = "--load", paramLabel = "RATE",
        description = "drive kvstore with RATE requests per second (open loop; needs --net)")
    Double loadRate;

    @Option(names = "--clients", paramLabel = "N", description = "load clients (default: ${DEFAULT-VALUE})")
    int clients = 1;

    @Option(names = "--kill-primary-after", paramLabel = "DURATION",
        description = "crash the primary after DURATION (e.g. 5s, 500ms): the backup must take over")
    String killAfter;

    @Option(names = "--duration", paramLabel = "DURATION",
        description = "run this long (e.g. 20s, 2m); default: until Ctrl-C or until the guest ends")
    String duration;

    @Option(names = "--failure-timeout", paramLabel = "MS",
        description = "silence after which a replica takes its peer for dead (default: ${DEFAULT-VALUE})")
    long failureTimeoutMs = PairConfig.DEFAULT_FAILURE_TIMEOUT_MS;

    @Option(names = "--idle", paramLabel = "NAME",
        description = "idle strategy of the primary's thread: " + IdleStrategies.NAMES + " (default: ${DEFAULT-VALUE})")
    String primaryIdle = "wake";

    @Option(names = "--backup-idle", paramLabel = "NAME",
        description = "idle strategy of the backup's thread: " + IdleStrategies.NAMES + " (default: ${DEFAULT-VALUE})")
    String backupIdle = "wake";

    @Override
    public Integer call()
    {
        final Path guest = elf != null ? elf : defaultElf();
        final boolean isKvstore = guest.getFileName().toString().equals("kvstore.elf");
        final String netText = net != null ? net : isKvstore ? DEFAULT_NET : "none";
        final NetSpec netSpec = "none".equals(netText) ? null : NetSpec.parse(netText);
        if (loadRate != null && netSpec == null)
        {
            throw new IllegalArgumentException("--load needs a network (--net udp:...)");
        }
        final long killAfterNs = killAfter == null ? -1 : Durations.parseNs(killAfter);
        final long durationNs = duration == null ? Long.MAX_VALUE : Durations.parseNs(duration);
        if (failureTimeoutMs < 1)
        {
            throw new IllegalArgumentException("--failure-timeout must be at least 1 ms: " + failureTimeoutMs);
        }
        final PairConfig config = new PairConfig().failureTimeoutNs(TimeUnit.MILLISECONDS.toNanos(failureTimeoutMs));
        final PairContext context = new PairContext()
            .elf(guest)
            .ramMib(ramMib)
            .disk(disk)
            .diskMib(diskMib)
            .arbiterDirectory(arbiterDirectory)
            .arbiterCluster(arbiterCluster)
            .journalDirectory(journalDirectory)
            .snapshotEveryInstructions(snapshotEvery)
            .config(config)
            .primaryIdle(IdleStrategies.parse(primaryIdle))
            .backupIdle(IdleStrategies.parse(backupIdle))
            .consoleOut(System.out);
        if (netSpec != null)
        {
            context.network(netSpec.bind, netSpec.guestPort);
        }

        try (ShutdownSignal shutdown = new ShutdownSignal("tandem-pair-shutdown");
            Pair pair = new Pair(context))
        {
            return run(pair, System.err, shutdown, killAfterNs, durationNs);
        }
    }

    static Path defaultElf()
    {
        final Path local = Paths.get(DEFAULT_ELF);
        if (Files.isRegularFile(local))
        {
            return local;
        }
        try
        {
            // The launcher runs tools/target/tandem.jar: the guests are two levels up.
            final Path jar = Paths.get(PairCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path nextToJar = jar.getParent().getParent().getParent().resolve(DEFAULT_ELF);
            if (Files.isRegularFile(nextToJar))
            {
                return nextToJar;
            }
        }
        catch (final Exception ignore)
        {
            // fall through to the plain message below
        }
        throw new IllegalArgumentException(DEFAULT_ELF + " not found: give the guest ELF");
    }

    private int run(
        final Pair pair, final PrintStream err, final ShutdownSignal shutdown, final long killAfterNs,
        final long durationNs)
    {
        final long startNs = System.nanoTime();
        final PairConfig config = pair.context().config();
        err.printf(Locale.ROOT, "tandem pair: %s, primary and backup over Aeron IPC (driver %s), idle %s/%s, " +
            "failure timeout %d ms%s%n", elf != null ? elf : DEFAULT_ELF, "embedded, shared, backoff", primaryIdle,
            backupIdle, failureTimeoutMs, pair.address() != null ? ", serving udp " + FigureText.hostPort(pair.address()) : "");
        err.printf(Locale.ROOT, "tandem pair: counters in %s (tandem stat %s)%n", pair.countersFile(),
            pair.workDirectory());

        PairLoad load = null;
        final Histogram ackTotal = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Histogram loadTotal = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram ackInterval = null;
        Histogram loadInterval = null;
        long lastTickNs = startNs;
        long lastPrimaryIcount = 0;
        long lastBackupIcount = 0;
        long lastEntries = pair.primaryCounters().logEntries();
        long lastBytes = pair.primaryCounters().logBytes();
        long lastReplies = 0;
        long killNs = 0;
        boolean liveReported = false;
        boolean replyReported = false;
        String ending = null;
        int exitCode = 0;
        try
        {
            if (loadRate != null)
            {
                if (!pair.console().await("listening", Duration.ofSeconds(10)))
                {
                    err.println("tandem pair: the guest did not say it is listening; starting the load anyway");
                }
                // The load starts when the pair serves, as a client's would: how long that took is part of the start.
                err.printf(Locale.ROOT, "tandem pair: serving %d ms after the JVM started (pair running %d ms " +
                    "before the guest listened)%n", ManagementFactory.getRuntimeMXBean().getUptime(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
                load = new PairLoad(pair.address(), loadRate, clients, System.nanoTime());
                err.println("tandem pair: load " + load);
            }
            while (ending == null)
            {
                sleepMs(TICK_MS);
                final long now = System.nanoTime();
                if (shutdown.requested())
                {
                    ending = "interrupted";
                }
                else if (now - startNs >= durationNs)
                {
                    ending = "duration reached";
                }
                if (killAfterNs >= 0 && killNs == 0 && now - startNs >= killAfterNs)
                {
                    killNs = pair.killPrimary();
                    err.printf(Locale.ROOT, "[%5.1fs] primary: killed (its thread stopped, its Aeron streams closed)%n",
                        (killNs - startNs) / 1e9);
                }
                final long wentLiveNs = pair.backupCounters().wentLiveNs();
                if (!liveReported && wentLiveNs != 0)
                {
                    liveReported = true;
                    err.printf(Locale.ROOT, "[%5.1fs] backup: won the arbiter, finished the log and went live as the " +
                        "new primary at instruction %d, %s after the primary's crash (failure timeout %d ms)%n",
                        (wentLiveNs - startNs) / 1e9, pair.backupCounters().icount(),
                        killNs != 0 ? FigureText.ms(wentLiveNs - killNs) : "-", failureTimeoutMs);
                }
                final long firstReplyNs = pair.firstLiveReplyNs();
                if (!replyReported && firstReplyNs != 0)
                {
                    replyReported = true;
                    err.printf(Locale.ROOT, "[%5.1fs] new primary: first reply %s after the crash " +
                        "(%d held replies re-sent first, dropped by clients as duplicates)%n",
                        (firstReplyNs - startNs) / 1e9, killNs != 0 ? FigureText.ms(firstReplyNs - killNs) : "-",
                        pair.resentOnGoingLive());
                }
                if (ending == null)
                {
                    ending = checkReplicas(pair, killNs != 0);
                }
                if (now - lastTickNs < TimeUnit.SECONDS.toNanos(1) && ending == null)
                {
                    continue;
                }
                final double intervalS = (now - lastTickNs) / 1e9;
                lastTickNs = now;
                final ReplicaCounters p = pair.primaryCounters();
                final ReplicaCounters b = pair.backupCounters();
                final long pIcount = p.icount();
                final long bIcount = b.icount();
                final double pMips = (pIcount - lastPrimaryIcount) / intervalS / 1e6;
                final double bMips = (bIcount - lastBackupIcount) / intervalS / 1e6;
                lastPrimaryIcount = pIcount;
                lastBackupIcount = bIcount;
                final long entries = p.logEntries();
                final long bytes = p.logBytes();
                final double entriesPerS = (entries - lastEntries) / intervalS;
                final double bytesPerS = (bytes - lastBytes) / intervalS;
                lastEntries = entries;
                lastBytes = bytes;
                ackInterval = pair.ackLatencyInterval(ackInterval);
                ackTotal.add(ackInterval);

                final StringBuilder line = new StringBuilder(200);
                line.append(String.format(Locale.ROOT, "[%5.1fs] ", (now - startNs) / 1e9));
                if (killNs == 0)
                {
                    final long lag = Math.max(0, pIcount - bIcount);
                    line.append(String.format(Locale.ROOT, "MIPS primary %6.1f backup %6.1f | lag %s",
                        pMips, bMips, FigureText.lag(lag, pMips)));
                    line.append(String.format(Locale.ROOT, " | log %s/s %s entries/s | held %s",
                        FigureText.bytes(bytesPerS), FigureText.count((long)entriesPerS), FigureText.bytes(p.heldBytes())));
                    line.append(" | ack ").append(FigureText.latency(ackInterval));
                }
                else
                {
                    line.append(String.format(Locale.ROOT, "primary dead | backup %s %6.1f MIPS",
                        b.wentLiveNs() != 0 ? "LIVE" : pair.backupState().toString(), bMips));
                }
                if (load != null)
                {
                    loadInterval = load.intervalHistogram(loadInterval);
                    loadTotal.add(loadInterval);
                    final long replies = load.replies();
                    line.append(String.format(Locale.ROOT, " | client %s replies/s p99 %s",
                        FigureText.count((long)((replies - lastReplies) / intervalS)),
                        loadInterval.getTotalCount() == 0 ? "-" : FigureText.us(loadInterval.getValueAtPercentile(99))));
                    lastReplies = replies;
                }
                err.println(line);
            }
        }
        finally
        {
            if (load != null)
            {
                load.close();
                loadInterval = load.intervalHistogram(loadInterval);
                loadTotal.add(loadInterval);
            }
        }

        final long endNs = System.nanoTime();
        StateComparison comparison = null;
        if (killNs == 0 && pair.primaryState() != PrimaryReplica.State.ALONE)
        {
            comparison = pair.stopAndCompare(COMPARE_TIMEOUT_NS);
        }
        ackTotal.add(pair.ackLatencyInterval(ackInterval));
        err.printf(Locale.ROOT, "%n--- summary: %.1f s, %s ---%n", (endNs - startNs) / 1e9, ending);
        final ReplicaCounters p = pair.primaryCounters();
        final ReplicaCounters b = pair.backupCounters();
        final double runS = (endNs - startNs) / 1e9;
        // A killed primary's last published state is whatever it was doing when it died.
        err.printf(Locale.ROOT, "primary: %s, %d instructions, %.1f MIPS average%s%n",
            killNs != 0 ? "KILLED (was " + pair.primaryState() + ")" : pair.primaryState(),
            p.icount(), p.icount() / ((killNs != 0 ? killNs - startNs : endNs - startNs) / 1e9) / 1e6,
            pair.primaryHaltReason() != null ? " (" + pair.primaryHaltReason() + ")" : "");
        err.printf(Locale.ROOT, "backup:  %s, %d instructions%s%n", pair.backupState(), b.icount(),
            pair.backupHaltReason() != null ? " (" + pair.backupHaltReason() + ")" : "");
        final double logS = (killNs != 0 ? killNs - startNs : endNs - startNs) / 1e9;
        err.printf(Locale.ROOT, "log: %s in %d entries (%s/s, %.0f entries/s)%n", FigureText.bytes(p.logBytes()),
            p.logEntries(), FigureText.bytes(p.logBytes() / logS), p.logEntries() / logS);
        err.printf(Locale.ROOT, "ack latency, entry sent to ack seen by the primary (%d samples): %s%n",
            ackTotal.getTotalCount(), FigureText.percentiles(ackTotal));
        if (load != null)
        {
            err.printf(Locale.ROOT, "client: %s; %d replies (%.0f/s), %d timed out, %d retries%n", load,
                load.replies(), load.replies() / runS, load.timeouts(), load.retries());
            err.printf(Locale.ROOT, "client latency from intended send time: %s%n", FigureText.percentiles(loadTotal));
            if (load.failure() != null)
            {
                err.println("client failed: " + load.failure());
                exitCode = 1;
            }
        }
        if (killNs != 0)
        {
            final long wentLiveNs = b.wentLiveNs();
            final long firstReplyNs = pair.firstLiveReplyNs();
            err.printf(Locale.ROOT, "failover: primary killed at %.2f s; backup live after %s; first reply from the " +
                "new primary after %s%n", (killNs - startNs) / 1e9, wentLiveNs != 0 ? FigureText.ms(wentLiveNs - killNs) : "never",
                firstReplyNs != 0 ? FigureText.ms(firstReplyNs - killNs) : "none");
            if (wentLiveNs == 0)
            {
                exitCode = 1;
            }
        }
        if (comparison != null)
        {
            err.println("state: " + comparison);
            if (!comparison.same())
            {
                exitCode = 1;
            }
        }
        for (final ReplicaCounters figures : new ReplicaCounters[] {p, b})
        {
            if (figures.failure() != null)
            {
                err.println("replica thread failed: " + figures.failure());
                exitCode = 1;
            }
        }
        err.flush();
        return exitCode;
    }

    /** @return why the run ends on its own, or null while it goes on. */
    private static String checkReplicas(final Pair pair, final boolean killed)
    {
        if (pair.primaryCounters().failure() != null || pair.backupCounters().failure() != null)
        {
            return "a replica's thread failed";
        }
        final boolean backupHalted = pair.backupState() == BackupReplica.State.HALTED;
        if (killed)
        {
            return backupHalted ? "the new primary halted" : null;
        }
        final boolean primaryHalted = pair.primaryState() == PrimaryReplica.State.HALTED;
        if (primaryHalted && backupHalted)
        {
            return "the guest ended";
        }
        if (backupHalted && pair.primaryState() == PrimaryReplica.State.ALONE)
        {
            return null; // the primary goes on alone
        }
        return primaryHalted && pair.primaryState() == PrimaryReplica.State.HALTED &&
            !String.valueOf(pair.primaryHaltReason()).startsWith("the guest ended") ? "the primary halted" : null;
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
