package io.tandem.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tandem primary} and {@code tandem backup} refuse bad input with one clear line. */
class SideCommandTest
{
    @TempDir
    Path directory;

    @Test
    void aHostPortChannelBecomesAnAeronUdpChannel()
    {
        assertEquals("aeron:udp?endpoint=127.0.0.1:40101", ChannelSpec.parse("--log-channel", "127.0.0.1:40101"));
        assertEquals("aeron:udp?endpoint=[::1]:40101", ChannelSpec.parse("--log-channel", "[::1]:40101"));
        assertEquals("aeron:udp?endpoint=backup:9|mtu=1408", ChannelSpec.parse("--log-channel", "aeron:udp?endpoint=backup:9|mtu=1408"));
    }

    @Test
    void theArbiterEgressTakesAnEphemeralPort()
    {
        assertEquals("aeron:udp?endpoint=10.0.0.5:0", ChannelSpec.parse("--arbiter-egress", "10.0.0.5:0", true));
        assertEquals("aeron:udp?endpoint=[fd00::5]:0", ChannelSpec.parse("--arbiter-egress", "[fd00::5]:0", true));
    }

    @Test
    void aBadChannelIsNamedWithItsOption()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChannelSpec.parse("--ack-channel", "40102"))
            .getMessage().startsWith("--ack-channel must be HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChannelSpec.parse("--ack-channel", "h:0"))
            .getMessage().contains("port must be 1..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChannelSpec.parse("--arbiter-egress", "h:65536", true))
            .getMessage().contains("port must be 0 (ephemeral)..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChannelSpec.parse("--log-channel", "h:x1"))
            .getMessage().contains("bad port 'x1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChannelSpec.parse("--log-channel", "::1:5"))
            .getMessage().contains("[::1]:40101"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChannelSpec.parse("--log-channel", "aeron:ipc"))
            .getMessage().contains("must be a UDP channel"));
    }

    @Test
    void aBadChannelStopsTheCommandBeforeAnythingStarts()
    {
        final CommandLineRun run = CommandLineRun.tandem("primary", CommandLineRun.guest("kvstore.elf"),
            "--arbiter-dir", directory.toString(), "--log-channel", "nowhere");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.err);
        assertTrue(run.err.startsWith("tandem: --log-channel must be HOST:PORT"), run.err);
    }

    @Test
    void anArbiterDirectoryThatDoesNotExistIsRefusedWithWhatToDo()
    {
        final CommandLineRun run = CommandLineRun.tandem("backup", CommandLineRun.guest("kvstore.elf"),
            "--arbiter-dir", directory.resolve("missing").toString(), "--net", "none");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.err);
        assertTrue(run.err.contains("arbiter directory " + directory.resolve("missing") + " does not exist"), run.err);
        assertTrue(run.err.contains("make it first"), run.err);
    }

    @Test
    void anArbiterDirectoryHoldingAnEarlierClaimIsRefused() throws Exception
    {
        Files.writeString(directory.resolve("tandem-generation-1"), "backup\n");
        final CommandLineRun run = CommandLineRun.tandem("primary", CommandLineRun.guest("kvstore.elf"),
            "--arbiter-dir", directory.toString(), "--net", "none");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.err);
        assertTrue(run.err.contains("already holds the claim tandem-generation-1"), run.err);
    }

    @Test
    void anArbiterDirectoryIsRequired()
    {
        final CommandLineRun run = CommandLineRun.tandem("primary", CommandLineRun.guest("kvstore.elf"));
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.err);
        assertTrue(run.err.contains("--arbiter-dir"), run.err);
    }

    @Test
    void aPrimaryWithoutABackupGivesUpAfterTheConnectTimeoutAndSaysWhere()
    {
        final CommandLineRun run = CommandLineRun.tandem("primary", CommandLineRun.guest("kvstore.elf"),
            "--arbiter-dir", directory.toString(), "--net", "none", "--connect-timeout", "1s",
            "--log-channel", "127.0.0.1:1", "--ack-channel", "127.0.0.1:" + freePort());
        assertEquals(SideCommand.NO_PEER, run.exitCode, run.err);
        assertTrue(run.err.contains("no backup connected within 1 s: nothing subscribed to the log at " +
            "aeron:udp?endpoint=127.0.0.1:1"), run.err);
    }

    private static int freePort()
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
