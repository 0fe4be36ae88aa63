package io.tandem.tools;

import io.tandem.node.CountersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tandem switchover DIR} refuses a directory where no replica runs (exit 2, saying what
 * to give) and leaves no request behind; the answers of a running pair are in
 * {@code SwitchoverProcessTest}.
 */
class SwitchoverCommandTest
{
    @TempDir
    Path directory;

    @Test
    void aDirectoryWithoutAReplicaIsBadInput()
    {
        final CommandLineRun run = CommandLineRun.tandem("switchover", directory.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.toString());
        assertTrue(run.err.contains("holds no running replica's " + CountersFile.FILE_NAME) &&
            run.err.contains("give the primary's --work-dir"), run.toString());
        assertFalse(Files.exists(directory.resolve("switchover.request")), "no request left behind");
    }

    @Test
    void aDirectoryThatDoesNotExistIsBadInput()
    {
        final CommandLineRun run = CommandLineRun.tandem("switchover", directory.resolve("missing").toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.toString());
    }
}
