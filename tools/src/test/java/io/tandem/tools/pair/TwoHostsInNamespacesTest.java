package io.tandem.tools.pair;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's two-host commands, read from the README so that they cannot drift, run as they
 * are written: the primary in namespace A, the backup in B, the client and the check outside,
 * with A and B standing for the namespaces' addresses and {@code /shared/arb} for a local
 * directory. A failure mid-load (a kill -9 of the primary, or A's link cut) leaves the backup live
 * and the client's history linearizable. Needs root (namespaces): skipped without.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoHostsInNamespacesTest
{
    private static final long STARTUP_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long LIVE_NS = TimeUnit.SECONDS.toNanos(20);
    private static final File ROOT = new File("..").getAbsoluteFile().toPath().normalize().toFile();

    @TempDir
    Path directory;

    private Namespaces namespaces;
    private final List<ReplicaProcess> processes = new ArrayList<>();

    @BeforeEach
    void network() throws IOException
    {
        Assumptions.assumeTrue(Namespaces.available(), "network namespaces need root and ip netns");
        namespaces = new Namespaces();
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final ReplicaProcess process : processes)
        {
            process.close();
        }
        if (namespaces != null)
        {
            namespaces.close();
        }
    }

    /** @return the README's two-host block's command lines, arguments after {@code ./tandem}, hosts filled in. */
    private List<List<String>> readmeCommands() throws IOException
    {
        final List<List<String>> commands = readmeBlock("On two hosts A (primary) and B (backup)");
        assertEquals(List.of("primary", "backup", "client", "check"), commands.stream().map(c -> c.get(0)).toList(),
            "the README's two-host block: " + commands);
        return commands;
    }

    /** @return the README's block of role changes on two hosts: the switchover, the join after a failure. */
    private List<List<String>> readmeRoleChangeCommands() throws IOException
    {
        final List<List<String>> commands = readmeBlock("The primary role moves for maintenance with a switchover");
        assertEquals(List.of("switchover", "backup"), commands.stream().map(c -> c.get(0)).toList(),
            "the README's switchover and join block: " + commands);
        return commands;
    }

    /**
     * @return the command lines of the README's first block after {@code heading}, arguments after
     * {@code ./tandem}: A and B the namespaces' addresses, the shared directory and the history
     * file in the test's directory, and each host's work directory one of its own ("# on A").
     */
    private List<List<String>> readmeBlock(final String heading) throws IOException
    {
        final String readme = Files.readString(ROOT.toPath().resolve("README.md"));
        final int section = readme.indexOf(heading);
        assertTrue(section >= 0, "the README's section: " + heading);
        final int start = readme.indexOf("```\n", section) + 4;
        final int end = readme.indexOf("```", start);
        final List<List<String>> commands = new ArrayList<>();
        for (final String line : readme.substring(start, end).split("\n"))
        {
            final String command = line.replaceFirst("\\s+#.*$", "").strip();
            if (!command.startsWith("./tandem "))
            {
                continue;
            }
            final String host = line.contains("# on A") ? "a" : line.contains("# on B") ? "b" : "c";
            final List<String> args = new ArrayList<>();
            for (final String word : command.substring("./tandem ".length()).trim().split("\\s+"))
            {
                args.add(word.replace("A:", namespaces.address("a") + ":").replace("B:", namespaces.address("b") + ":")
                    .replace("/shared/arb", directory.resolve("arb").toString())
                    .replace("/var/tmp/tandem", directory.resolve("work-" + host).toString())
                    .replace("h.jsonl", directory.resolve("h.jsonl").toString()));
            }
            commands.add(args);
        }
        return commands;
    }

    private ReplicaProcess start(final List<String> prefix, final List<String> args) throws IOException
    {
        final ReplicaProcess process = new ReplicaProcess(prefix, ROOT, args);
        processes.add(process);
        return process;
    }

    /** Runs the README's lines with {@code failure} done to the primary's side mid-load. */
    private void runWith(final String failure) throws Exception
    {
        final List<List<String>> commands = readmeCommands();
        Files.createDirectories(directory.resolve("arb"));
        final ReplicaProcess primary = start(namespaces.in("a"), commands.get(0));
        final ReplicaProcess backup = start(namespaces.in("b"), commands.get(1));
        assertTrue(primary.await("kvstore: listening", STARTUP_NS), primary.output());
        assertTrue(backup.await("following the primary's log", STARTUP_NS), backup.output());

        final ReplicaProcess client = start(List.of(), commands.get(2));
        Thread.sleep(6_000);
        if ("kill".equals(failure))
        {
            primary.kill();
        }
        else
        {
            namespaces.cut("a");
        }
        final long deadlineNs = System.nanoTime() + LIVE_NS;
        boolean backupLive = false;
        boolean primaryAlone = false;
        while (!backupLive && !primaryAlone && System.nanoTime() < deadlineNs)
        {
            backupLive = backup.await("went LIVE as the new primary", TimeUnit.MILLISECONDS.toNanos(100));
            primaryAlone = primary.output().contains("won the arbiter, going on ALONE");
        }
        // A kill leaves B to go live. A cut leaves both sides silent to each other and both reach
        // the arbiter's directory: whichever claims first goes on, the other halts; A, cut off
        // from the clients too, then serves nobody, which the history shows as timeouts.
        assertTrue(backupLive || primaryAlone && "cut".equals(failure), backup.output() + primary.output());
        assertEquals(0, client.awaitExit(TimeUnit.SECONDS.toNanos(90)), client.output());
        assertTrue(client.output().contains("history: "), client.output());

        final ReplicaProcess check = start(List.of(), commands.get(3));
        assertEquals(0, check.awaitExit(TimeUnit.SECONDS.toNanos(60)), check.output());
        assertTrue(check.output().contains(": linearizable"), check.output());
        if (backupLive && "cut".equals(failure))
        {
            // Cut off, A's primary finds its backup silent and loses the claim to B.
            assertTrue(primary.await("the backup went live", LIVE_NS), primary.output());
        }
        else if (primaryAlone)
        {
            assertTrue(backup.await("the primary went on alone", LIVE_NS), backup.output());
        }
        System.out.println("two hosts, " + failure + ", " + (backupLive ? "B" : "A") + " went on: " + Arrays.stream(check.output().split("\n"))
            .filter(l -> l.contains("linearizable")).findFirst().orElse(""));
    }

    /**
     * The README's lines for role changes: a switchover from A to B under the load (A follows B),
     * a kill -9 of A (B's backup now; B goes on alone), and A back as a new backup with the
     * README's join line, which finds B with the channels swapped; then a planned stop of B hands
     * over to the joined A, both at the same count and state hash.
     */
    @Test
    void theReadmesSwitchoverAndJoinCommandsMoveThePrimaryAndBringTheOldOneBackAsABackup() throws Exception
    {
        final List<List<String>> commands = readmeCommands();
        final List<List<String>> roleChanges = readmeRoleChangeCommands();
        Files.createDirectories(directory.resolve("arb"));
        final ReplicaProcess a = start(namespaces.in("a"), commands.get(0));
        final ReplicaProcess b = start(namespaces.in("b"), commands.get(1));
        assertTrue(a.await("kvstore: listening", STARTUP_NS), a.output());
        assertTrue(b.await("following the primary's log", STARTUP_NS), b.output());
        final ReplicaProcess client = start(List.of(), commands.get(2));
        a.await("\u0000never", TimeUnit.SECONDS.toNanos(4)); // the load under way

        final ReplicaProcess switchover = start(List.of(), roleChanges.get(0));
        assertEquals(0, switchover.awaitExit(LIVE_NS), switchover.output() + a.output());
        assertTrue(switchover.output().contains("switched over at instruction"), switchover.output());
        assertTrue(b.await("now the PRIMARY (PAIRED)", LIVE_NS), b.output());
        assertTrue(a.await("now the BACKUP", LIVE_NS), a.output());

        a.kill();
        assertTrue(b.await("going on ALONE", LIVE_NS), b.output());
        final ReplicaProcess joined = start(namespaces.in("a"), roleChanges.get(1));
        assertTrue(joined.await("joined the primary by state transfer", STARTUP_NS), joined.output() + b.output());
        assertTrue(joined.output().contains("the pair's two channels swapped"), joined.output());
        assertTrue(b.await("a new backup joined by state transfer", LIVE_NS), b.output());

        assertEquals(0, client.awaitExit(TimeUnit.SECONDS.toNanos(90)), client.output());
        final ReplicaProcess check = start(List.of(), commands.get(3));
        assertEquals(0, check.awaitExit(TimeUnit.SECONDS.toNanos(60)), check.output());
        assertTrue(check.output().contains(": linearizable"), check.output());

        b.signal("TERM");
        assertEquals(0, b.awaitExit(LIVE_NS), b.output());
        final java.util.regex.Matcher stopped = java.util.regex.Pattern.compile("tandem primary: stopped at " +
            "instruction (\\d+), state hash ([0-9a-f]{16}): handed over").matcher(b.output());
        assertTrue(stopped.find(), b.output());
        assertTrue(joined.await("handed over at instruction " + stopped.group(1) + ", state hash " + stopped.group(2) +
            " (matched by the replay)", LIVE_NS), joined.output());
        System.out.println("two hosts, switchover, kill of A, A joins B: " + Arrays.stream(check.output().split("\n"))
            .filter(l -> l.contains("linearizable")).findFirst().orElse("") + "; " +
            switchover.output().strip());
    }

    @Test
    void theReadmesTwoHostCommandsSurviveAKillOfThePrimaryWithALinearizableHistory() throws Exception
    {
        runWith("kill");
    }

    @Test
    void theReadmesTwoHostCommandsSurviveACutOfThePrimarysLinkWithALinearizableHistory() throws Exception
    {
        runWith("cut");
    }
}
