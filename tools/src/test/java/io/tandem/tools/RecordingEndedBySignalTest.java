package io.tandem.tools;

import io.tandem.engine.dev.FileBlockStore;
import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tandem.tools.CommandLineRun.guest;
import static io.tandem.tools.CommandLineRun.tandem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tandem run --record} of a guest that never ends (kvstore), ended by SIGTERM: the run
 * stops, logs its RUN_END, finishes the journal and says where it ended; a replay reaches the
 * same place.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordingEndedBySignalTest
{
    private static final Pattern RECORDED = Pattern.compile(
        "tandem: recorded (\\d+) entries \\(\\d+ bytes\\) to .*; final icount (\\d+), state hash ([0-9a-f]{16})");

    @TempDir
    Path dir;

    @Test
    void aRecordingEndedBySigtermIsFinishedAndReplaysToThePrintedIcountAndStateHash() throws Exception
    {
        final String elf = guest("kvstore.elf");
        final Path image = dir.resolve("kv.img");
        FileBlockStore.open(image, 16L << 20).close();
        final Path before = Files.copy(image, dir.resolve("before.img"));
        final Path journal = dir.resolve("journal");
        final int port = freeUdpPort();

        final String console;
        final String err;
        try (ChildTandem child = ChildTandem.start(dir, "run", elf, "--net", "udp:127.0.0.1:" + port + "=7000",
            "--disk", image.toString(), "--record", journal.toString()))
        {
            child.awaitOut("listening", Duration.ofSeconds(60));
            try (KvClient client = KvClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
            {
                for (int i = 0; i < 20; i++)
                {
                    assertEquals(KvStatus.OK, client.put("key-" + i, "value-" + i).status());
                }
                assertEquals("value-7", client.get("key-7").valueAsString());
            }
            child.terminate(Duration.ofSeconds(30));
            console = child.out();
            err = child.err();
        }

        final Matcher recorded = RECORDED.matcher(err);
        assertTrue(recorded.find(), err);
        assertTrue(Long.parseLong(recorded.group(1)) > 21, "entries: at least the frames of 21 requests; " + err);
        assertTrue(err.contains("tandem: stopped on request at instruction " + recorded.group(2)), err);
        assertTrue(console.contains("kvstore: listening"), console);
        assertTrue(Files.exists(journal.resolve("finished")), "the journal is finished");

        // Twice: the replay works on a copy of the image and leaves the one it was given as it was.
        for (int replay = 1; replay <= 2; replay++)
        {
            final CommandLineRun run = tandem("replay", "--net", "--disk", before.toString(), journal.toString(), elf);
            assertEquals(0, run.exitCode, run.err);
            assertTrue(run.err.contains("replay matched the recording: instruction " + recorded.group(2) +
                ", state hash " + recorded.group(3)), "replay " + replay + ": " + run.err);
            assertEquals(console, run.out);
        }
    }

    @Test
    void aReplayWithoutTheRecordingsDevicesFailsAndSaysWhichOptionsTheyNeed() throws Exception
    {
        final String elf = guest("kvstore.elf");
        final Path journal = dir.resolve("journal");
        final int port = freeUdpPort();
        try (ChildTandem child = ChildTandem.start(dir, "run", elf, "--net", "udp:127.0.0.1:" + port + "=7000",
            "--disk", dir.resolve("kv.img").toString(), "--record", journal.toString()))
        {
            child.awaitOut("listening", Duration.ofSeconds(60));
            child.terminate(Duration.ofSeconds(30));
        }

        final CommandLineRun run = tandem("replay", journal.toString(), elf);
        // The journal names its devices: the disk image, which cannot be made up, is asked for.
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.err);
        assertTrue(run.err.contains("the recording had a disk: replay with --disk FILE"), run.err);
        assertFalse(run.err.contains("\tat "), run.err);
    }

    /** A loopback UDP port free a moment ago: the child binds it right away. */
    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return socket.getLocalPort();
        }
    }
}
