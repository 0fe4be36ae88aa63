package io.tandem.tools.pair;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Planned switchovers between two processes under a client load: {@code tandem switchover DIR}
 * against whichever side is primary, alternately, then a SIGTERM of the primary run with
 * {@code --stay}. Each time the primary stops at N and hands over, the backup goes live at N
 * and the old primary follows it as its backup with no state transfer (both print the same
 * count and state hash); no failover is counted; the client's history stays linearizable; a
 * final planned stop shows both sides at the same count and hash. The client's largest gap per
 * switchover (the longest request overlapping it) is printed as p50, p99 and max:
 * {@code -Dtandem.switchovers=20} for the measurement (default 6, to keep the build short).
 */
@Tag("slow")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class SwitchoverProcessTest
{
    private static final long STEP_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int SWITCHOVERS = Integer.getInteger("tandem.switchovers", 6);
    private static final Pattern OPERATION = Pattern.compile("\"invoke_ns\":(\\d+)(?:,\"complete_ns\":(\\d+))?");

    @TempDir
    Path directory;

    private final List<ReplicaProcess> processes = new ArrayList<>();

    @AfterEach
    void killAll() throws InterruptedException
    {
        for (final ReplicaProcess process : processes)
        {
            process.close();
        }
    }

    @Test
    void switchoversUnderLoadLoseNothingAndLeaveBothSidesAtTheSameState() throws Exception
    {
        final Path arbiter = Files.createDirectories(directory.resolve("arbiter"));
        final int portA = freeUdpPort();
        final int portB = freeUdpPort();
        final List<String> common = List.of(PairKvstoreTest.guest("kvstore.elf").toString(),
            "--arbiter-dir", arbiter.toString(), "--log-channel", "127.0.0.1:" + freeUdpPort(),
            "--ack-channel", "127.0.0.1:" + freeUdpPort(), "--failure-timeout", "2000", "--connect-timeout", "60s");
        final Path workA = directory.resolve("a");
        final Path workB = directory.resolve("b");
        // The side that is primary after the switchovers is told to stay on SIGTERM; the other
        // stops on it, handing over, for the final check.
        final ReplicaProcess a = start("primary", common, portA, workA, SWITCHOVERS % 2 == 0);
        final ReplicaProcess b = start("backup", common, portB, workB, SWITCHOVERS % 2 != 0);
        assertTrue(a.await("kvstore: listening", STEP_NS), a.output());
        assertTrue(b.await("following the primary's log", STEP_NS), b.output());
        final Path history = directory.resolve("history.jsonl");
        final int loadSeconds = 15 + 4 * SWITCHOVERS;
        final ReplicaProcess client = new ReplicaProcess(List.of("client", "--server",
            "127.0.0.1:" + portA + ",127.0.0.1:" + portB, "--load", "300", "--clients", "3", "--keys", "20",
            "--duration", Integer.toString(loadSeconds), "--timeout-ms", System.getProperty("tandem.switchover.client.timeout.ms",
            "200"), "--history", history.toString()));
        processes.add(client);
        waitMs(a, 3_000); // the load under way

        // Asked of the backup's process, a switchover is refused: exit 1, saying whom to ask.
        final ReplicaProcess refused = new ReplicaProcess(List.of("switchover", workB.toString()));
        processes.add(refused);
        assertEquals(1, refused.awaitExit(STEP_NS), refused.output());
        assertTrue(refused.output().contains("refused: this process runs the backup; ask the primary's process"),
            refused.output());

        final long[][] windows = new long[SWITCHOVERS + 1][2];
        final Histogram handOvers = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Histogram holds = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < SWITCHOVERS; i++)
        {
            final boolean fromA = i % 2 == 0;
            final ReplicaProcess oldPrimary = fromA ? a : b;
            final ReplicaProcess newPrimary = fromA ? b : a;
            windows[i][0] = System.nanoTime();
            final ReplicaProcess command = new ReplicaProcess(List.of("switchover", (fromA ? workA : workB).toString()));
            processes.add(command);
            assertEquals(0, command.awaitExit(STEP_NS), command.output() + oldPrimary.output());
            windows[i][1] = System.nanoTime();
            final Matcher done = Pattern.compile("switched over at instruction (\\d+), state hash ([0-9a-f]{16})")
                .matcher(command.output());
            assertTrue(done.find(), command.output());
            assertTrue(newPrimary.await("handed over at instruction " + done.group(1) + ", state hash " + done.group(2) +
                " (matched by the replay)", STEP_NS), newPrimary.output());
            final int roles = i / 2 + 1; // the role changes this process announced so far as primary
            assertTrue(awaitCount(newPrimary, "since it went live", roles), newPrimary.output());
            handOvers.recordValue(msToNs(command.output(), "hand-over ([0-9.]+) ms"));
            holds.recordValue(lastMsToNs(newPrimary.output(), "guest held ([0-9.]+) ms since it went live"));
            waitMs(a, 1_500);
        }
        // SIGTERM of the primary told to stay: the same switchover, through the signal.
        final ReplicaProcess primary = SWITCHOVERS % 2 == 0 ? a : b;
        final ReplicaProcess follower = SWITCHOVERS % 2 == 0 ? b : a;
        windows[SWITCHOVERS][0] = System.nanoTime();
        primary.signal("TERM");
        assertTrue(primary.await("switched over at instruction", STEP_NS), primary.output());
        windows[SWITCHOVERS][1] = System.nanoTime();
        assertTrue(primary.alive(), primary.output());

        assertEquals(0, client.awaitExit(TimeUnit.SECONDS.toNanos(loadSeconds + 120)), client.output());
        // The final check: a planned stop of the primary (the follower, promoted by the signal's
        // switchover) hands over; both sides print the count and state hash where it stopped.
        follower.signal("TERM");
        assertEquals(0, follower.awaitExit(STEP_NS), follower.output());
        final Matcher stopped = Pattern.compile("tandem primary: stopped at instruction (\\d+), state hash " +
            "([0-9a-f]{16}): handed over").matcher(follower.output());
        assertTrue(stopped.find(), follower.output());
        assertTrue(primary.await("handed over at instruction " + stopped.group(1) + ", state hash " + stopped.group(2) +
            " (matched by the replay)", STEP_NS), primary.output());
        for (final ReplicaProcess side : List.of(a, b))
        {
            assertFalse(side.output().contains("fell silent"), "no failover: " + side.output());
            assertFalse(side.output().contains("joined by state transfer"), side.output());
        }

        final ReplicaProcess check = new ReplicaProcess(List.of("check", history.toString()));
        processes.add(check);
        assertEquals(0, check.awaitExit(TimeUnit.SECONDS.toNanos(120)), check.output());
        assertTrue(check.output().contains(": linearizable"), check.output());
        System.out.println(SWITCHOVERS + " switchovers and one SIGTERM --stay under load: " + check.output().trim() +
            "; " + gaps(history, windows) + "; old primary's hand-over (asked to handed over), ms: " +
            percentiles(handOvers) + "; new primary's guest held from going live to running, ms: " +
            percentiles(holds) + "; client: " + lineWith(client.output(), "statuses:") + ", " +
            lineWith(client.output(), "timeouts:"));
    }

    /** The longest request overlapping each switchover's window, in ms: p50, p99, max over the switchovers. */
    private static String gaps(final Path history, final long[][] windows) throws IOException
    {
        final long[] longest = new long[windows.length];
        for (final String line : Files.readAllLines(history))
        {
            final Matcher op = OPERATION.matcher(line);
            if (!op.find())
            {
                continue;
            }
            final long invoke = Long.parseLong(op.group(1));
            final long complete = op.group(2) != null ? Long.parseLong(op.group(2)) : Long.MAX_VALUE;
            for (int i = 0; i < windows.length; i++)
            {
                if (invoke < windows[i][1] && complete > windows[i][0] && complete != Long.MAX_VALUE)
                {
                    longest[i] = Math.max(longest[i], complete - invoke);
                }
            }
        }
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final StringBuilder each = new StringBuilder();
        for (final long gap : longest)
        {
            histogram.recordValue(Math.max(1, gap));
            each.append(each.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", gap / 1e6));
        }
        return String.format(Locale.ROOT, "client's largest gap per switchover (longest request overlapping it), " +
            "ms: p50 %.1f, p99 %.1f, max %.1f (each: %s)", histogram.getValueAtPercentile(50) / 1e6,
            histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6, each);
    }

    private static String percentiles(final Histogram histogram)
    {
        return String.format(Locale.ROOT, "p50 %.1f, p99 %.1f, max %.1f", histogram.getValueAtPercentile(50) / 1e6,
            histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6);
    }

    private static long msToNs(final String text, final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return Math.max(1, (long)(Double.parseDouble(m.group(1)) * 1e6));
    }

    private static long lastMsToNs(final String text, final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(text);
        String last = null;
        while (m.find())
        {
            last = m.group(1);
        }
        assertTrue(last != null, regex + " in " + text);
        return Math.max(1, (long)(Double.parseDouble(last) * 1e6));
    }

    /** Waits until the process printed {@code what} at least {@code count} times. */
    private static boolean awaitCount(final ReplicaProcess process, final String what, final int count)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + STEP_NS;
        while (process.output().split(Pattern.quote(what), -1).length - 1 < count)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            process.await("\u0000never", TimeUnit.MILLISECONDS.toNanos(20));
        }
        return true;
    }

    private ReplicaProcess start(final String role, final List<String> common, final int netPort, final Path work,
        final boolean stay) throws IOException
    {
        final List<String> args = new ArrayList<>();
        args.add(role);
        args.addAll(common);
        args.add("--net");
        args.add("udp:127.0.0.1:" + netPort + "=7000");
        args.add("--work-dir");
        args.add(work.toString());
        if (stay)
        {
            args.add("--stay");
        }
        final ReplicaProcess process = new ReplicaProcess(args);
        processes.add(process);
        return process;
    }

    /** Lets the load run for a while: a wait on a process's output that never comes, not a sleep. */
    private static void waitMs(final ReplicaProcess any, final long ms) throws InterruptedException
    {
        any.await("\u0000never", TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private static String lineWith(final String text, final String what)
    {
        for (final String line : text.split("\n"))
        {
            if (line.contains(what))
            {
                return line.trim();
            }
        }
        return "";
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
