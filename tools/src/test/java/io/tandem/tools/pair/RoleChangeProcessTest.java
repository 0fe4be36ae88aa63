package io.tandem.tools.pair;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Between processes, every survivor takes a new backup: a {@code tandem backup} that went live
 * records a log of its own and takes a backup by state transfer ({@code tandem backup --join},
 * started with the pair's same two channel options, on either side), and a primary whose backup
 * died does too. Four failures, one at a time, alternating the side that dies (the primary A,
 * then A's joined successor as backup, then the primary B, then B's successor as backup), each
 * followed by a join, under a client load that records its history: the history is
 * linearizable and the last pair ends at the same instruction count and state hash.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RoleChangeProcessTest
{
    private static final long STEP_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path directory;

    private final List<ReplicaProcess> processes = new ArrayList<>();
    private List<String> common;

    @AfterEach
    void killAll() throws InterruptedException
    {
        for (final ReplicaProcess process : processes)
        {
            process.close();
        }
    }

    @Test
    @Disabled("in one CI run (2026-12-07 02:39 UTC) the last primary's process had exited before the final " +
        "planned stop, after all four failures and joins had passed; its output was not kept and the cause is " +
        "not traced: to be fixed before this runs again")
    void aServiceSurvivesFourFailuresAlternatingSidesWithAJoinAfterEach() throws Exception
    {
        final Path arbiter = Files.createDirectories(directory.resolve("arbiter"));
        final int sideA = freeUdpPort();
        final int sideB = freeUdpPort();
        common = List.of(PairKvstoreTest.guest("kvstore.elf").toString(), "--arbiter-dir", arbiter.toString(),
            "--log-channel", "127.0.0.1:" + freeUdpPort(), "--ack-channel", "127.0.0.1:" + freeUdpPort(),
            "--failure-timeout", "1000", "--connect-timeout", "60s");
        ReplicaProcess primary = start("primary", sideA, false);
        ReplicaProcess backup = start("backup", sideB, false);
        assertTrue(primary.await("kvstore: listening", STEP_NS), primary.output());
        assertTrue(backup.await("following the primary's log", STEP_NS), backup.output());
        final Path history = directory.resolve("history.jsonl");
        final ReplicaProcess client = new ReplicaProcess(List.of("client", "--server",
            "127.0.0.1:" + sideA + ",127.0.0.1:" + sideB, "--load", "100", "--clients", "3", "--keys", "10",
            "--duration", "90", "--history", history.toString()));
        processes.add(client);

        // 1. The primary (A) dies: B goes live, becomes a primary of its own, and a new A joins it.
        primary.kill();
        assertTrue(backup.await("now the PRIMARY (ALONE)", STEP_NS), backup.output());
        final ReplicaProcess joinedA = start("backup", sideA, true);
        awaitJoined(joinedA, backup, 1);
        assertTrue(joinedA.output().contains("the pair's two channels swapped"), joinedA.output());

        // 2. The backup (A) dies: B goes on alone, and another A joins it.
        joinedA.kill();
        assertTrue(backup.await("going on ALONE", STEP_NS), backup.output());
        final ReplicaProcess secondA = start("backup", sideA, true);
        awaitJoined(secondA, backup, 2);

        // 3. The primary (B) dies: A goes live and becomes the primary, and a new B joins it.
        backup.kill();
        assertTrue(secondA.await("now the PRIMARY (ALONE)", STEP_NS), secondA.output());
        final ReplicaProcess joinedB = start("backup", sideB, true);
        awaitJoined(joinedB, secondA, 1);

        // 4. The backup (B) dies: A goes on alone, and another B joins it.
        joinedB.kill();
        assertTrue(secondA.await("going on ALONE", STEP_NS), secondA.output());
        final ReplicaProcess lastB = start("backup", sideB, true);
        awaitJoined(lastB, secondA, 2);

        assertEquals(0, client.awaitExit(TimeUnit.SECONDS.toNanos(120)), client.output());
        // The final check: a planned stop of the primary hands over; both print the count and
        // state hash where it stopped, the backup's replay having matched it.
        secondA.signal("TERM");
        assertEquals(0, secondA.awaitExit(STEP_NS), secondA.output());
        final Matcher stopped = Pattern.compile("tandem primary: stopped at instruction (\\d+), state hash " +
            "([0-9a-f]{16}): handed over").matcher(secondA.output());
        assertTrue(stopped.find(), secondA.output());
        assertTrue(lastB.await("handed over at instruction " + stopped.group(1) + ", state hash " + stopped.group(2) +
            " (matched by the replay)", STEP_NS), lastB.output());
        assertFalse(lastB.output().contains("HALTED"), lastB.output());

        final ReplicaProcess check = new ReplicaProcess(List.of("check", history.toString()));
        processes.add(check);
        assertEquals(0, check.awaitExit(TimeUnit.SECONDS.toNanos(120)), check.output());
        assertTrue(check.output().contains(": linearizable"), check.output());
        System.out.println("four failures with a join after each, between processes: " + check.output().trim() +
            "; " + lineWith(client.output(), "statuses:"));
    }

    /** The joiner took the primary's state; the primary counts its {@code joins}-th join since it took over. */
    private static void awaitJoined(final ReplicaProcess joiner, final ReplicaProcess primary, final int joins)
        throws InterruptedException
    {
        assertTrue(joiner.await("joined the primary by state transfer", STEP_NS), joiner.output() + "\n---\n" +
            primary.output());
        final long deadlineNs = System.nanoTime() + STEP_NS;
        while (count(primary.output(), "a new backup joined by state transfer") < joins)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, primary.output());
            primary.await("\u0000never", TimeUnit.MILLISECONDS.toNanos(50)); // a wait on its output, not a sleep
        }
    }

    private ReplicaProcess start(final String role, final int netPort, final boolean join) throws IOException
    {
        final List<String> args = new ArrayList<>();
        args.add(role);
        args.addAll(common);
        args.add("--net");
        args.add("udp:127.0.0.1:" + netPort + "=7000");
        if (join)
        {
            args.add("--join");
        }
        final ReplicaProcess process = new ReplicaProcess(args);
        processes.add(process);
        return process;
    }

    private static int count(final String text, final String what)
    {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1))
        {
            n++;
        }
        return n;
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
