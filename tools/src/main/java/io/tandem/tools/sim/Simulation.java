package io.tandem.tools.sim;

import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.node.BackupNode;
import io.tandem.node.BackupNodeContext;
import io.tandem.node.PrimaryNode;
import io.tandem.node.PrimaryNodeContext;
import io.tandem.tools.history.KvOperation;
import io.tandem.tools.history.LinearizabilityChecker;
import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One seeded run of a kvstore pair in this thread: both replicas stepped in an order drawn from
 * the seed, on one virtual clock that only the run moves, over simulated links, arbiter and
 * clients, with faults drawn from the seed among the kinds allowed. Everything that happens is a
 * function of the seed (the machines' clocks are virtual, their entropy seeded), so a failing
 * seed runs again exactly.
 * <p>
 * Checked at every step: the backup never runs past the instruction count of the log the primary
 * has sent. At the end: no replica's thread failed, the backup's replay never diverged (the
 * primary logs a state check every {@link #STATE_CHECK_INSTRUCTIONS}), no generation was won
 * twice, and the clients' history is linearizable.
 */
public final class Simulation
{
    /** Instructions between the incremental state checks the backup compares. */
    static final long STATE_CHECK_INSTRUCTIONS = 200_000;
    private static final long FAILURE_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CLIENT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(40);
    private static final long DRAIN_NS = TimeUnit.MILLISECONDS.toNanos(600);
    private static final int CLIENTS = 3;
    private static final long LINK_NS = 30_000;
    private static final long LINK_JITTER_NS = 200_000;
    private static final long SLOW_LINK_NS = 2_000_000;
    private static final long SLOW_LINK_JITTER_NS = 20_000_000;
    /** What a replay says when its own private disk answers a request otherwise than the primary's did. */
    private static final int CATCH_UP_STEPS = 2_000;
    private static final String DISKS_DIFFER = "the private images differ";

    private final ElfImage image;
    private final byte[] elfSha256;
    private final EnumSet<SimFault> kinds;
    private final long durationNs;
    private final SimBug bug;

    /**
     * A simulation of the system as it is.
     *
     * @param image      the kvstore guest.
     * @param elfSha256  its SHA-256.
     * @param kinds      the faults runs may draw.
     * @param durationNs virtual time during which clients send (a drain follows).
     */
    public Simulation(final ElfImage image, final byte[] elfSha256, final EnumSet<SimFault> kinds, final long durationNs)
    {
        this(image, elfSha256, kinds, durationNs, SimBug.NONE);
    }

    /**
     * A simulation with a bug built in on purpose.
     *
     * @param image      the kvstore guest.
     * @param elfSha256  its SHA-256.
     * @param kinds      the faults runs may draw.
     * @param durationNs virtual time during which clients send (a drain follows).
     * @param bug        the bug, or {@link SimBug#NONE}.
     */
    public Simulation(final ElfImage image, final byte[] elfSha256, final EnumSet<SimFault> kinds, final long durationNs,
        final SimBug bug)
    {
        this.bug = bug;
        this.image = image;
        this.elfSha256 = elfSha256.clone();
        this.kinds = EnumSet.copyOf(kinds);
        this.durationNs = durationNs;
    }

    /** A fault at a virtual time, with its window and the replica it hits where it hits one (0 or 1). */
    private record Scheduled(SimFault fault, long atNs, long untilNs, int side)
    {
    }

    /**
     * @param seed the run's seed.
     * @return what the run did and found.
     */
    public SimResult run(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(TimeUnit.SECONDS.toNanos(1));
        final long startNs = clock.nanoTime();
        final SimLink log = new SimLink(clock, random.split(), 0, 0);
        final SimLink acks = new SimLink(clock, random.split(), 0, 0);
        final SimArbiter arbiter = new SimArbiter(clock);
        final SimNetwork network = new SimNetwork(clock, random.split());
        final PairConfig config = new PairConfig().failureTimeoutNs(FAILURE_TIMEOUT_NS).startupTimeoutNs(FAILURE_TIMEOUT_NS)
            .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(10)).sliceInstructions(20_000)
            .stateCheckInstructions(STATE_CHECK_INSTRUCTIONS);
        final List<Scheduled> faults = schedule(random.split(), startNs);
        final List<String> schedule = new ArrayList<>();
        for (final Scheduled fault : faults)
        {
            schedule.add(String.format("%s%s at %.1f ms until %.1f ms", fault.fault().optionName(),
                fault.fault() == SimFault.DISK_ERRORS ? (fault.side() == 0 ? " (primary)" : " (backup)") : "",
                (fault.atNs() - startNs) / 1e6, (fault.untilNs() - startNs) / 1e6));
        }
        final List<String> violations = new ArrayList<>();
        PrimaryNode primaryNode = null;
        BackupNode backupNode = null;
        final SimDisk[] disks = {new SimDisk(clock), new SimDisk(clock)};
        final SimDiskLatency diskLatency = new SimDiskLatency(clock, random.split());
        try
        {
            primaryNode = new PrimaryNode(new PrimaryNodeContext().image(image)
                .machine(machine(seed, disks[0], diskLatency)).network(network.source(0), network.sink(0)).channels(log, acks)
                .arbiter(arbiter).config(config).clock(clock).counters(counters())
                .releaseOutputsBeforeAckForTesting(bug == SimBug.EARLY_RELEASE));
            if (bug == SimBug.GRANT_TWICE)
            {
                arbiter.grantTwice();
            }
            backupNode = new BackupNode(new BackupNodeContext().image(image)
                .machine(machine(seed + 1, disks[1], diskLatency)).network(network.source(1), network.sink(1)).channels(log, acks)
                .arbiter(arbiter).config(config).clock(clock).counters(counters())
                .runPastBoundForTesting(bug == SimBug.BACKUP_PAST_BOUND));
            primaryNode.begin(elfSha256);
            backupNode.begin(elfSha256, TimeUnit.SECONDS.toNanos(1));
            log.delays(LINK_NS, LINK_JITTER_NS);
            acks.delays(LINK_NS, LINK_JITTER_NS);
            final PrimaryReplica primary = primaryNode.replica();
            final BackupReplica backup = backupNode.replica();
            final boolean[] alive = {true, true};
            network.serving(0, () -> alive[0] && primary.state() != PrimaryReplica.State.HALTED);
            network.serving(1, () -> alive[1] && backup.state() == BackupReplica.State.LIVE);
            final SimClients clients = new SimClients(clock, random.split(), network, CLIENTS, CLIENT_TIMEOUT_NS);
            network.clients(clients);
            if (bug == SimBug.DUPLICATE_APPLY)
            {
                clients.duplicateApply();
            }
            final long issueUntilNs = startNs + durationNs;
            final long endNs = issueUntilNs + DRAIN_NS;
            int next = 0;
            boolean slow = false;
            long slowUntilNs = 0;
            long delayedUntilNs = 0;
            while (clock.nanoTime() < endNs || clients.waiting() && clock.nanoTime() < endNs + DRAIN_NS)
            {
                clock.update(clock.nanoTime() + 10_000 + random.nextLong(490_000));
                final long now = clock.nanoTime();
                while (next < faults.size() && faults.get(next).atNs() <= now)
                {
                    final Scheduled fault = faults.get(next++);
                    switch (fault.fault())
                    {
                        case CRASH_PRIMARY ->
                        {
                            alive[0] = false;
                            log.senderDied();
                        }
                        case CRASH_BACKUP ->
                        {
                            alive[1] = false;
                            acks.senderDied();
                        }
                        case PARTITION_LOG -> log.partitionUntil(fault.untilNs());
                        case PARTITION_ACK -> acks.partitionUntil(fault.untilNs());
                        case PARTITION_BOTH ->
                        {
                            log.partitionUntil(fault.untilNs());
                            acks.partitionUntil(fault.untilNs());
                        }
                        case DELAY ->
                        {
                            log.delays(SLOW_LINK_NS, SLOW_LINK_JITTER_NS);
                            acks.delays(SLOW_LINK_NS, SLOW_LINK_JITTER_NS);
                            delayedUntilNs = Math.max(delayedUntilNs, fault.untilNs());
                        }
                        case SLOW_BACKUP ->
                        {
                            slow = true;
                            slowUntilNs = fault.untilNs();
                        }
                        case ARBITER_OUTAGE -> arbiter.outage(fault.atNs(), fault.untilNs());
                        case CLIENT_LOSS -> network.lossUntil(fault.untilNs());
                        case CLIENT_DUPLICATE -> network.duplicateUntil(fault.untilNs());
                        case DISK_ERRORS -> disks[fault.side()].failBetween(fault.atNs(), fault.untilNs());
                        case DISK_LATENCY -> diskLatency.slowBetween(fault.atNs(), fault.untilNs());
                    }
                }
                if (slow && now >= slowUntilNs)
                {
                    slow = false;
                }
                if (delayedUntilNs != 0 && now >= delayedUntilNs)
                {
                    log.delays(LINK_NS, LINK_JITTER_NS);
                    acks.delays(LINK_NS, LINK_JITTER_NS);
                    delayedUntilNs = 0;
                }
                network.deliver();
                final boolean primaryFirst = random.nextBoolean();
                for (int turn = 0; turn < 2; turn++)
                {
                    final boolean primaryTurn = primaryFirst == (turn == 0);
                    if (primaryTurn && alive[0])
                    {
                        alive[0] = step(primary::doWork, "primary", violations);
                    }
                    else if (!primaryTurn && alive[1] && (!slow || random.nextInt(10) == 0))
                    {
                        alive[1] = step(backup::doWork, "backup", violations);
                    }
                }
                if (backup.state() == BackupReplica.State.FOLLOWING &&
                    backupNode.machine().icount() > primaryNode.counters().logIcount() && alive[0])
                {
                    violations.add(String.format("at %.3f ms the backup ran to instruction %d, past the primary's " +
                        "log at %d", (now - startNs) / 1e6, backupNode.machine().icount(),
                        primaryNode.counters().logIcount()));
                    break;
                }
                clients.tick(now < issueUntilNs);
            }
            String ending = "";
            if (violations.isEmpty() && alive[0] && alive[1] && primary.state() == PrimaryReplica.State.PAIRED &&
                backup.state() == BackupReplica.State.FOLLOWING)
            {
                ending = compareAtTheEnd(clock, primaryNode, backupNode, violations);
            }
            finalChecks(primary, backup, arbiter, clients.history(), disks, violations);
            final long digest = digest(clients.history(), primaryNode, backupNode);
            final java.util.Map<io.tandem.tools.kv.KvStatus, Integer> statuses = new java.util.TreeMap<>();
            clients.history().forEach(op -> statuses.merge(op.status(), 1, Integer::sum));
            final String ended = statuses.toString().replace("=", " ").replace("{", "").replace("}", "");
            final String effects = String.format("client datagrams lost %d, duplicated %d; disk requests slow %d, " +
                "failed: primary %d, backup %d; primary %s%s, backup %s%s", network.lost(), network.duplicated(),
                diskLatency.delayed(), disks[0].failures(), disks[1].failures(), alive[0] ? primary.state() : "CRASHED",
                primary.haltReason() == null ? "" : " (" + primary.haltReason() + ")",
                alive[1] ? backup.state() : "CRASHED", backup.haltReason() == null ? "" : " (" + backup.haltReason() + ")") +
                ending;
            return new SimResult(seed, schedule, faults.size(), clients.history().size(), ended, violations, digest,
                effects);
        }
        finally
        {
            CloseHelper.closeAll(primaryNode, backupNode);
        }
    }

    /**
     * Both replicas survived, still paired: the primary stops and logs its state hash; the backup
     * must replay to exactly its instruction count and reach the same state.
     */
    private static String compareAtTheEnd(final CachedNanoClock clock, final PrimaryNode primaryNode,
        final BackupNode backupNode, final List<String> violations)
    {
        final long icount = primaryNode.logStateHash();
        final long hash = primaryNode.machine().stateHash();
        final BackupReplica backup = backupNode.replica();
        // Steps of 20 us: the whole catch-up stays far inside the failure timeout, in which the
        // stopped primary sends no heartbeat.
        for (int step = 0; step < CATCH_UP_STEPS && backupNode.machine().icount() < icount &&
            backup.state() == BackupReplica.State.FOLLOWING; step++)
        {
            clock.update(clock.nanoTime() + 20_000);
            if (!step(backup::doWork, "backup", violations))
            {
                return "";
            }
        }
        for (int step = 0; step < 4 && backup.state() == BackupReplica.State.FOLLOWING; step++)
        {
            clock.update(clock.nanoTime() + 20_000);
            step(backup::doWork, "backup", violations); // takes the STATE_HASH entry at the count itself
        }
        final long backupIcount = backupNode.machine().icount();
        if (backupIcount != icount || backup.state() != BackupReplica.State.FOLLOWING)
        {
            violations.add("both replicas survived but the backup did not replay to the primary's end at instruction " +
                icount + ": it stands at " + backupIcount + ", " + backup.state() +
                (backup.haltReason() == null ? "" : " (" + backup.haltReason() + ")"));
        }
        else if (backupNode.machine().stateHash() != hash)
        {
            violations.add(String.format("both replicas survived but end at instruction %d in different states: " +
                "primary %016x, backup %016x", icount, hash, backupNode.machine().stateHash()));
        }
        else
        {
            return String.format("; both ended at instruction %d, state hash %016x", icount, hash);
        }
        return "";
    }

    private static boolean step(final Runnable doWork, final String name, final List<String> violations)
    {
        try
        {
            doWork.run();
            return true;
        }
        catch (final RuntimeException | Error ex)
        {
            violations.add("the " + name + "'s duty cycle threw " + ex);
            return false;
        }
    }

    private static void finalChecks(final PrimaryReplica primary, final BackupReplica backup, final SimArbiter arbiter,
        final List<KvOperation> history, final SimDisk[] disks, final List<String> violations)
    {
        final boolean diskFailed = disks[0].failures() + disks[1].failures() > 0;
        for (final String reason : new String[] {primary.haltReason(), backup.haltReason()})
        {
            // A disk that failed a request on one side only answers differently from the other's:
            // that replay stops, as it must, rather than follow a guest its disk no longer matches.
            if (reason != null && reason.contains("diverged") && !(diskFailed && reason.contains(DISKS_DIFFER)))
            {
                violations.add("a replay diverged: " + reason);
            }
        }
        final List<Long> won = new ArrayList<>();
        for (final SimArbiter.Grant grant : arbiter.grants())
        {
            if (won.contains(grant.generation()))
            {
                violations.add("generation " + grant.generation() + " was won twice");
            }
            won.add(grant.generation());
        }
        final LinearizabilityChecker.Result result = new LinearizabilityChecker().check(history);
        if (result.verdict() != LinearizabilityChecker.Verdict.LINEARIZABLE)
        {
            violations.add(result.summary());
        }
    }

    private List<Scheduled> schedule(final SplittableRandom random, final long startNs)
    {
        final List<Scheduled> faults = new ArrayList<>();
        if (kinds.isEmpty())
        {
            return faults;
        }
        final SimFault[] allowed = kinds.toArray(new SimFault[0]);
        final int count = random.nextInt(3); // none, one or two faults
        for (int i = 0; i < count; i++)
        {
            final SimFault fault = allowed[random.nextInt(allowed.length)];
            final long atNs = startNs + random.nextLong(Math.max(1, durationNs));
            final long untilNs = atNs + TimeUnit.MILLISECONDS.toNanos(5) + random.nextLong(3 * FAILURE_TIMEOUT_NS);
            faults.add(new Scheduled(fault, atNs, untilNs, random.nextInt(2)));
        }
        faults.sort((a, b) -> Long.compare(a.atNs(), b.atNs()));
        return faults;
    }

    private static MachineContext machine(final long seed, final SimDisk disk, final SimDiskLatency latency)
    {
        return new MachineContext().ramMib(16).clock(new VirtualClock()).entropy(new SeededEntropy(seed))
            .blockStore(disk).diskMode(DiskMode.PRIVATE).diskIoThread(false).diskLatency(latency);
    }

    private static CountersManager counters()
    {
        final int counters = 64;
        return new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(counters * CountersReader.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(counters * CountersReader.COUNTER_LENGTH)));
    }

    private static long digest(final List<KvOperation> history, final PrimaryNode primary, final BackupNode backup)
    {
        long digest = 17;
        for (final KvOperation operation : history)
        {
            digest = digest * 31 + io.tandem.tools.history.KvHistoryFile.line(operation).hashCode(); // stable across JVMs
        }
        digest = digest * 31 + primary.machine().icount();
        digest = digest * 31 + backup.machine().icount();
        return digest;
    }
}
