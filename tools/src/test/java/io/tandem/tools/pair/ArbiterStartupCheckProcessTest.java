package io.tandem.tools.pair;

import io.tandem.tools.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tandem primary} and {@code tandem backup} whose arbiter cluster does not answer: each
 * reaches its peer, asks the arbiter for the pair's generation before its guest runs, and exits
 * 2 saying what failed and what to pass, instead of serving until its first failover.
 */
@Tag("slow")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ArbiterStartupCheckProcessTest
{
    private static final long EXIT_NS = TimeUnit.SECONDS.toNanos(60);

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
    void replicasWhoseArbiterClusterCannotBeReachedExitWithBadInputAndNeverServe() throws Exception
    {
        // A member's ingress on a free port that nothing listens on: no session ever opens.
        final String nobody = "0=127.0.0.1:" + freeUdpPort();
        final List<String> common = List.of(PairKvstoreTest.guest("kvstore.elf").toString(),
            "--arbiter-cluster", nobody, "--arbiter-egress", "127.0.0.1:0",
            "--log-channel", "127.0.0.1:" + freeUdpPort(), "--ack-channel", "127.0.0.1:" + freeUdpPort(),
            "--connect-timeout", "30s", "--duration", "60s");
        final ReplicaProcess primary = start("primary", common, freeUdpPort());
        final ReplicaProcess backup = start("backup", common, freeUdpPort());

        assertEquals(ExitCodes.BAD_INPUT, primary.awaitExit(EXIT_NS), primary.output());
        assertEquals(ExitCodes.BAD_INPUT, backup.awaitExit(EXIT_NS), backup.output());
        for (final ReplicaProcess side : List.of(primary, backup))
        {
            final String output = side.output();
            assertTrue(output.contains("cannot reach the arbiter (pair \"tandem\")"), output);
            assertTrue(output.contains("no session with the cluster at " + nobody), output);
            assertTrue(output.contains("--arbiter-egress THIS-HOST:0"), output);
            assertFalse(output.contains("kvstore: listening"), "the guest ran:\n" + output);
            assertFalse(output.contains("connected after"), "the replica started:\n" + output);
        }
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
