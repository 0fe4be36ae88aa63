package io.tandem.tools.pair;

import io.tandem.tools.history.KvOperation;
import io.tandem.tools.history.LinearizabilityChecker;
import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvLoad;
import io.tandem.tools.kv.KvStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign of faults on real processes: in each trial a fresh {@code tandem primary} and
 * {@code tandem backup} run over Aeron UDP on loopback, their log and acknowledgement links each
 * through a {@link UdpRelay} that loses 2% of the datagrams and delays the rest by up to 2 ms
 * (so that they arrive out of order), under three kvstore clients on four keys recording their history;
 * at a random point of the load one fault strikes: {@code kill -9} of either process, or a cut of
 * the log link, the acknowledgement link or both for 0.2 to 1.5 s (under and over the
 * failure timeout of 0.5 s). Every trial is checked: the clients' history is linearizable, a side that exits
 * halted for the arbiter's sake (exit 1) and never for a diverged replay, never two sides serve
 * at once for long (a primary that lost its backup's acknowledgements claims and, losing, halts),
 * and afterwards some side answers.
 * <p>
 * Trials alternate between kills and cuts until each kind has run {@code tandem.campaign.trials}
 * times (100 by default) or {@code tandem.campaign.budget.s} (900 by default) has passed; the
 * campaign prints what it covered either way.
 */
@Tag("slow")
@Timeout(value = 45, unit = TimeUnit.MINUTES)
class ProcessFaultCampaignTest
{
    private static final int TRIALS = Integer.getInteger("tandem.campaign.trials", 100);
    private static final long BUDGET_NS = TimeUnit.SECONDS.toNanos(Long.getLong("tandem.campaign.budget.s", 900));
    private static final long STARTUP_NS = TimeUnit.SECONDS.toNanos(30);
    private static final String FAILURE_TIMEOUT_MS = "500";
    private static final long LOAD_NS = TimeUnit.MILLISECONDS.toNanos(2000);
    /** Every trial's links lose this share of datagrams and delay the rest up to 2 ms, reordering them. */
    private static final int LOSS_PERCENT = 2;
    private static final long MAX_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long SETTLE_NS = TimeUnit.SECONDS.toNanos(10);

    private enum Fault
    {
        KILL_PRIMARY, KILL_BACKUP, CUT_LOG, CUT_ACK, CUT_BOTH;

        String label()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @TempDir
    Path directory;

    @Test
    void killsAndCutsOfRealProcessesUnderLoadLeaveLinearizableHistoriesAndOneLiveSide() throws Exception
    {
        final long seed = Long.getLong("tandem.campaign.seed", System.nanoTime());
        final SplittableRandom random = new SplittableRandom(seed);
        final long startNs = System.nanoTime();
        final int[] byFault = new int[Fault.values().length];
        int kills = 0;
        int cuts = 0;
        long operations = 0;
        final List<String> violations = new ArrayList<>();
        System.out.println("real-process campaign: seed " + seed + ", up to " + TRIALS + " kills and " + TRIALS +
            " cuts within " + TimeUnit.NANOSECONDS.toSeconds(BUDGET_NS) + " s");
        while ((kills < TRIALS || cuts < TRIALS) && System.nanoTime() - startNs < BUDGET_NS)
        {
            final boolean kill = cuts >= TRIALS || (kills < TRIALS && kills <= cuts);
            final Fault fault = kill ? (random.nextInt(3) < 2 ? Fault.KILL_PRIMARY : Fault.KILL_BACKUP) :
                Fault.values()[2 + random.nextInt(3)];
            final int trial = kills + cuts;
            final Outcome outcome = trial(trial, fault, random.split());
            byFault[fault.ordinal()]++;
            operations += outcome.operations;
            if (kill)
            {
                kills++;
            }
            else
            {
                cuts++;
            }
            System.out.println(outcome.line);
            for (final String violation : outcome.violations)
            {
                violations.add("trial " + trial + " (" + fault.label() + "): " + violation);
                System.out.println("  VIOLATION: " + violation);
            }
        }
        final StringBuilder kinds = new StringBuilder();
        for (final Fault fault : Fault.values())
        {
            kinds.append(kinds.length() == 0 ? "" : ", ").append(fault.label()).append(' ').append(byFault[fault.ordinal()]);
        }
        System.out.printf(Locale.ROOT, "real-process campaign: %d kill -9 trials and %d link cuts (%s), %d client " +
            "operations checked, %d violations, %.0f s (seed %d)%n", kills, cuts, kinds, operations, violations.size(),
            (System.nanoTime() - startNs) / 1e9, seed);
        assertEquals(List.of(), violations);
        assertTrue(kills > 0 && cuts > 0, "the budget allowed no trial of each kind");
    }

    /** What one trial found. */
    private record Outcome(String line, long operations, List<String> violations)
    {
    }

    private Outcome trial(final int trial, final Fault fault, final SplittableRandom random) throws Exception
    {
        final long trialStartNs = System.nanoTime();
        final List<String> violations = new ArrayList<>();
        final Path arbiter = Files.createDirectories(directory.resolve("arbiter-" + trial));
        final InetSocketAddress logAtBackup = new InetSocketAddress("127.0.0.1", freeUdpPort());
        final InetSocketAddress ackAtPrimary = new InetSocketAddress("127.0.0.1", freeUdpPort());
        final InetSocketAddress primaryNet = new InetSocketAddress("127.0.0.1", freeUdpPort());
        final InetSocketAddress backupNet = new InetSocketAddress("127.0.0.1", freeUdpPort());
        final List<ReplicaProcess> processes = new ArrayList<>();
        try (UdpRelay logLink = new UdpRelay(logAtBackup); UdpRelay ackLink = new UdpRelay(ackAtPrimary))
        {
            logLink.impair(LOSS_PERCENT, MAX_DELAY_NS, random.nextLong());
            ackLink.impair(LOSS_PERCENT, MAX_DELAY_NS, random.nextLong());
            // Each side names the relay where it sends and its own port where it receives.
            final ReplicaProcess primary = start(processes, "primary", arbiter, "127.0.0.1:" + logLink.port(),
                "127.0.0.1:" + ackAtPrimary.getPort(), primaryNet);
            final ReplicaProcess backup = start(processes, "backup", arbiter, "127.0.0.1:" + logAtBackup.getPort(),
                "127.0.0.1:" + ackLink.port(), backupNet);
            if (!primary.await("kvstore: listening", STARTUP_NS) || !backup.await("following the primary's log", STARTUP_NS))
            {
                violations.add("the pair did not start: primary:\n" + primary.output() + "\nbackup:\n" + backup.output());
                return new Outcome("trial " + trial + ": did not start", 0, violations);
            }
            final long faultAfterNs = TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(700));
            final long cutNs = TimeUnit.MILLISECONDS.toNanos(200 + random.nextInt(1300));
            final Thread striker = new Thread(() ->
            {
                try
                {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(faultAfterNs));
                    switch (fault)
                    {
                        case KILL_PRIMARY -> primary.kill();
                        case KILL_BACKUP -> backup.kill();
                        case CUT_LOG -> logLink.cutFor(cutNs);
                        case CUT_ACK -> ackLink.cutFor(cutNs);
                        case CUT_BOTH ->
                        {
                            logLink.cutFor(cutNs);
                            ackLink.cutFor(cutNs);
                        }
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "campaign-fault");
            striker.start();
            final KvLoad.Report report = KvLoad.run(new KvLoad.Config().servers(List.of(primaryNet, backupNet))
                .ratePerSecond(300).durationNs(LOAD_NS).warmupNs(0).clients(3).keys(4).putPercent(50).valueSize(32)
                .timeoutNs(TimeUnit.MILLISECONDS.toNanos(100)).maxAttempts(30).seed(random.nextLong()).history(true));
            striker.join();
            final List<KvOperation> history = report.history();
            final LinearizabilityChecker.Result result = new LinearizabilityChecker().check(history);
            if (result.verdict() != LinearizabilityChecker.Verdict.LINEARIZABLE)
            {
                violations.add(result.summary());
            }
            final String answered = someSideAnswers(primaryNet, backupNet);
            if (answered != null)
            {
                violations.add(answered + "; primary:\n" + tail(primary.output()) + "\nbackup:\n" + tail(backup.output()));
            }
            final String sides = oneSideServes(primary, backup);
            if (sides != null)
            {
                violations.add(sides);
            }
            for (final ReplicaProcess process : processes)
            {
                final int exit = process.alive() ? -1 : process.awaitExit(TimeUnit.SECONDS.toNanos(5));
                final boolean killed = fault == Fault.KILL_PRIMARY && process == primary ||
                    fault == Fault.KILL_BACKUP && process == backup;
                if (exit != -1 && exit != 1 && !killed)
                {
                    violations.add((process == primary ? "the primary" : "the backup") + " exited " + exit + ":\n" +
                        tail(process.output()));
                }
            }
            final String line = String.format(Locale.ROOT, "trial %d %s at %.2f s%s: primary %s, backup %s; %d " +
                "operations, %s; links passed %d, lost %d, cut %d; %.1f s", trial, fault.label(), faultAfterNs / 1e9,
                fault.name().startsWith("CUT") ? String.format(Locale.ROOT, " for %.2f s", cutNs / 1e9) : "",
                side(primary, "primary"), side(backup, "backup"), history.size(), result.verdict(),
                logLink.forwarded() + ackLink.forwarded(), logLink.lost() + ackLink.lost(),
                logLink.dropped() + ackLink.dropped(),
                (System.nanoTime() - trialStartNs) / 1e9);
            return new Outcome(line, history.size(), violations);
        }
        finally
        {
            for (final ReplicaProcess process : processes)
            {
                process.close();
            }
        }
    }

    private static ReplicaProcess start(final List<ReplicaProcess> processes, final String role, final Path arbiter,
        final String logChannel, final String ackChannel, final InetSocketAddress net) throws IOException
    {
        final ReplicaProcess process = new ReplicaProcess(List.of(role, PairKvstoreTest.guest("kvstore.elf").toString(),
            "--arbiter-dir", arbiter.toString(), "--log-channel", logChannel, "--ack-channel", ackChannel,
            "--failure-timeout", FAILURE_TIMEOUT_MS, "--connect-timeout", "30s", "--duration", "60s",
            "--net", "udp:127.0.0.1:" + net.getPort() + "=7000"));
        processes.add(process);
        return process;
    }

    /** @return null when a write reaches a side that answers within the settling time, or why not. */
    private static String someSideAnswers(final InetSocketAddress primaryNet, final InetSocketAddress backupNet)
    {
        try (KvClient client = new KvClient(new KvClient.Context().server(primaryNet).server(backupNet)
            .timeoutNs(TimeUnit.MILLISECONDS.toNanos(200)).maxAttempts((int)(SETTLE_NS / TimeUnit.MILLISECONDS.toNanos(200)))))
        {
            final KvStatus status = client.put("campaign", "after").status();
            return status == KvStatus.OK ? null : "no side answered after the fault: " + status;
        }
    }

    /**
     * A backup that went live stops acknowledging, so a primary still running must claim, lose and
     * halt within a few failure timeouts: two sides that both stay live is a split.
     */
    private static String oneSideServes(final ReplicaProcess primary, final ReplicaProcess backup)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + SETTLE_NS;
        while (System.nanoTime() - deadlineNs < 0)
        {
            final boolean backupLive = backup.alive() && backup.output().contains("went LIVE") &&
                !backup.output().contains("backup: HALTED");
            final boolean primaryLive = primary.alive() && !primary.output().contains("primary: HALTED");
            if (!(backupLive && primaryLive))
            {
                return null;
            }
            Thread.sleep(20);
        }
        return "both sides still serve " + TimeUnit.NANOSECONDS.toSeconds(SETTLE_NS) + " s after the load:\nprimary:\n" +
            tail(primary.output()) + "\nbackup:\n" + tail(backup.output());
    }

    private static String side(final ReplicaProcess process, final String role)
    {
        final String output = process.output();
        if (output.contains(role + ": HALTED"))
        {
            return "halted";
        }
        if (!process.alive())
        {
            return "dead";
        }
        return output.contains("went LIVE") ? "live" : output.contains("going on ALONE") ? "alone" : "paired";
    }

    private static String tail(final String output)
    {
        return output.length() <= 3000 ? output : "..." + output.substring(output.length() - 3000);
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
