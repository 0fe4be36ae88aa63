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
        final String readme = Files.readString(ROOT.toPath().resolve("README.md"));
        final int section = readme.indexOf("On two hosts A (primary) and B (backup)");
        assertTrue(section >= 0, "the README's two-host section");
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
            final List<String> args = new ArrayList<>();
            for (final String word : command.substring("./tandem ".length()).trim().split("\\s+"))
            {
                args.add(word.replace("A:", namespaces.address("a") + ":").replace("B:", namespaces.address("b") + ":")
                    .replace("/shared/arb", directory.resolve("arb").toString())
                    .replace("h.jsonl", directory.resolve("h.jsonl").toString()));
            }
            commands.add(args);
        }
        assertEquals(List.of("primary", "backup", "client", "check"), commands.stream().map(c -> c.get(0)).toList(),
            "the README's two-host block: " + commands);
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
