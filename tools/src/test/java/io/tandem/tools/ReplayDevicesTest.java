package io.tandem.tools;

import io.tandem.transport.arbiter.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tandem.tools.CommandLineRun.guest;
import static io.tandem.tools.CommandLineRun.tandem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal names the devices its recording machine had, so that a replay is built with the same
 * ones: a network card is added without --net, a missing disk image or a device the recording
 * never had is refused before anything runs.
 */
class ReplayDevicesTest
{
    @TempDir
    Path tmp;

    @Test
    void aKvstoreRecordingWithNetAndDiskReplaysWithItsDiskAloneAndRefusesToRunWithoutIt() throws IOException
    {
        final Path image = tmp.resolve("kv.img");
        final Path start = tmp.resolve("kv-start.img");
        Files.write(image, new byte[4 << 20]);
        Files.copy(image, start);
        final Path journal = tmp.resolve("journal");
        final int port = FreePorts.consecutiveUdp(1);
        final CommandLineRun recorded = tandem("run", guest("kvstore.elf"), "--net", "udp:127.0.0.1:" + port + "=7000",
            "--disk", image.toString(), "--record", journal.toString(), "--max-instructions", "300000");
        assertEquals(0, recorded.exitCode, recorded.err);

        final CommandLineRun inspected = tandem("inspect", journal.toString(), "--limit", "1");
        assertTrue(inspected.out.contains("devices: net, disk"), inspected.out);

        final CommandLineRun withoutDisk = tandem("replay", journal.toString(), guest("kvstore.elf"));
        assertEquals(ExitCodes.BAD_INPUT, withoutDisk.exitCode, withoutDisk.err);
        assertTrue(withoutDisk.err.contains("the recording had a disk: replay with --disk FILE"), withoutDisk.err);

        final CommandLineRun withDisk = tandem("replay", journal.toString(), guest("kvstore.elf"), "--disk", start.toString());
        assertEquals(0, withDisk.exitCode, withDisk.err);
        assertTrue(withDisk.err.contains("replay matched the recording: instruction 300000"), withDisk.err);
    }

    @Test
    void aRecordingWithoutDevicesRefusesAReplayThatAddsThem() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final CommandLineRun recorded = tandem("run", guest("cpubench_quick.elf"), "--record", journal.toString(),
            "--max-instructions", "100000");
        assertEquals(0, recorded.exitCode, recorded.err);
        final Path image = tmp.resolve("some.img");
        Files.write(image, new byte[1 << 20]);

        final CommandLineRun withNet = tandem("replay", journal.toString(), guest("cpubench_quick.elf"), "--net");
        assertEquals(ExitCodes.BAD_INPUT, withNet.exitCode, withNet.err);
        assertTrue(withNet.err.contains("the recording had no network card; replay without --net"), withNet.err);

        final CommandLineRun withDisk = tandem("replay", journal.toString(), guest("cpubench_quick.elf"),
            "--disk", image.toString());
        assertEquals(ExitCodes.BAD_INPUT, withDisk.exitCode, withDisk.err);
        assertTrue(withDisk.err.contains("the recording had no disk; replay without --disk"), withDisk.err);
    }
}
