package io.tandem.tools.pair;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvStatus;
import org.junit.jupiter.api.AfterEach;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -TERM} and {@code kill -INT} (Ctrl-C) of {@code tandem primary} and
 * {@code tandem backup}: each prints its summary, closes what it opened and exits 0, as the help
 * says, where the JVM's own handling ended them with 143 and 130. A backup stopped so tells its
 * primary, which goes on alone without a failover; a primary stopped so hands over, and its
 * backup goes live at once where it stopped, with the same state hash.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CleanStopProcessTest
{
    private static final long STARTUP_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long STOP_NS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path directory;

    private final List<ReplicaProcess> processes = new ArrayList<>();
    private int backupPort;

    @AfterEach
    void killAll() throws InterruptedException
    {
        for (final ReplicaProcess process : processes)
        {
            process.close();
        }
    }

    @Test
    void sigtermOfTheBackupAndThenSigintOfThePrimaryEachExitZeroAfterTheirSummaries() throws Exception
    {
        final InetSocketAddress primaryAddress = new InetSocketAddress("127.0.0.1", freeUdpPort());
        final ReplicaProcess[] pair = startPair("term-backup", primaryAddress);
        final Path arbiter = directory.resolve("term-backup-arbiter");
        try (KvClient client = new KvClient(new KvClient.Context().server(primaryAddress)
            .timeoutNs(TimeUnit.MILLISECONDS.toNanos(200)).maxAttempts(50)))
        {
            assertEquals(KvStatus.OK, client.put("before", "stop").status());
            pair[1].signal("TERM");
            assertEquals(0, pair[1].awaitExit(STOP_NS), pair[1].output());
            assertTrue(pair[1].output().contains("--- summary: ") &&
                pair[1].output().contains("stopped by SIGTERM ---"), pair[1].output());

            assertTrue(pair[1].output().contains("tandem backup: " + BackupReplica.LEFT), pair[1].output());
            // Told, the primary goes on alone at once: no failure timeout, no claim, no failover.
            assertTrue(pair[0].await("the backup stopped on purpose and will not go live", STOP_NS), pair[0].output());
            assertEquals(KvStatus.OK, client.put("after", "backup stopped").status(), pair[0].output());
            assertEquals("stop", client.get("before").valueAsString());
            pair[0].signal("INT");
            assertEquals(0, pair[0].awaitExit(STOP_NS), pair[0].output());
            assertTrue(pair[0].output().contains("stopped by SIGINT ---"), pair[0].output());
            assertTrue(pair[0].output().contains("failovers 0, backups that left on purpose 1"), pair[0].output());
            assertFalse(pair[0].output().contains("fell silent"), pair[0].output());
            try (var claims = Files.list(arbiter))
            {
                assertEquals(0, claims.count(), "nobody claimed the arbiter");
            }
        }
    }

    @Test
    void sigtermOfThePrimaryHandsOverSoTheBackupGoesLiveAtOnceWhereItStopped() throws Exception
    {
        final InetSocketAddress primaryAddress = new InetSocketAddress("127.0.0.1", freeUdpPort());
        final ReplicaProcess[] pair = startPair("term-primary", primaryAddress);
        final InetSocketAddress backupAddress = new InetSocketAddress("127.0.0.1", backupPort);
        try (KvClient client = new KvClient(new KvClient.Context().server(primaryAddress)
            .timeoutNs(TimeUnit.MILLISECONDS.toNanos(200)).maxAttempts(50)))
        {
            assertEquals(KvStatus.OK, client.put("before", "hand-over").status());
        }
        final long signalledNs = System.nanoTime();
        pair[0].signal("TERM");
        assertEquals(0, pair[0].awaitExit(STOP_NS), pair[0].output());
        assertTrue(pair[0].output().contains("stopped by SIGTERM ---"), pair[0].output());
        final Matcher stopped = Pattern.compile("tandem primary: stopped at instruction (\\d+), state hash ([0-9a-f]{16}): " +
            "handed over").matcher(pair[0].output());
        assertTrue(stopped.find(), pair[0].output());
        // Told, the backup goes live at once where the primary stopped, with its state: well
        // within the 5 s failure timeout it would otherwise wait out.
        assertTrue(pair[1].await("went LIVE as the new primary at once", STOP_NS), pair[1].output());
        assertTrue(System.nanoTime() - signalledNs < TimeUnit.MILLISECONDS.toNanos(4_500),
            "live before the failure timeout: a hand-over, not a failover\n" + pair[1].output());
        assertTrue(pair[1].output().contains("handed over at instruction " + stopped.group(1) + ", state hash " +
            stopped.group(2) + " (matched by the replay)"), pair[1].output());
        try (KvClient client = new KvClient(new KvClient.Context().server(backupAddress)
            .timeoutNs(TimeUnit.MILLISECONDS.toNanos(200)).maxAttempts(50)))
        {
            assertEquals("hand-over", client.get("before").valueAsString(), pair[1].output());
        }
        pair[1].signal("TERM");
        assertEquals(0, pair[1].awaitExit(STOP_NS), pair[1].output());
        assertTrue(pair[1].output().contains("hand-over: live "), pair[1].output());
        assertFalse(pair[1].output().contains("the primary fell silent"), pair[1].output());
    }

    private ReplicaProcess[] startPair(final String name, final InetSocketAddress primaryAddress) throws Exception
    {
        final Path arbiter = Files.createDirectories(directory.resolve(name + "-arbiter"));
        // These cases are about stops, not failure detection: a failure timeout long enough that
        // two JVMs starting on two cores (in CI, beside the test's own) are not taken for a crash.
        final List<String> common = List.of(PairKvstoreTest.guest("kvstore.elf").toString(),
            "--arbiter-dir", arbiter.toString(), "--log-channel", "127.0.0.1:" + freeUdpPort(),
            "--ack-channel", "127.0.0.1:" + freeUdpPort(), "--failure-timeout", "5000",
            "--connect-timeout", "30s", "--duration", "100s");
        final ReplicaProcess primary = start("primary", common, primaryAddress.getPort());
        backupPort = freeUdpPort();
        final ReplicaProcess backup = start("backup", common, backupPort);
        assertTrue(primary.await("kvstore: listening", STARTUP_NS), primary.output());
        assertTrue(backup.await("following the primary's log", STARTUP_NS), backup.output());
        return new ReplicaProcess[] {primary, backup};
    }

    private ReplicaProcess start(final String role, final List<String> common, final int netPort) throws IOException
    {
        final List<String> args = new ArrayList<>();
        args.add(role);
        args.addAll(common);
        args.add("--net");
        args.add("udp:127.0.0.1:" + netPort + "=7000");
        final ReplicaProcess process = new ReplicaProcess(args);
        processes.add(process);
        return process;
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
