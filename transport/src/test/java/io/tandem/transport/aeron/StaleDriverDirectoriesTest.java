package io.tandem.transport.aeron;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaleDriverDirectoriesTest
{
    @TempDir
    Path base;

    @Test
    void directoriesOfDeadProcessesGoAndThoseOfLiveOnesStay() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        final Path stale = Files.createDirectories(base.resolve("tandem-aeron-" + gone.pid() + "-ab12"));
        Files.write(stale.resolve("cnc.dat"), new byte[] {1, 2, 3});
        final Path live = Files.createDirectories(
            base.resolve("tandem-aeron-" + ProcessHandle.current().pid() + "-cd34"));
        final Path other = Files.createDirectories(base.resolve("not-ours-1-ef56"));

        StaleDriverDirectories.sweep(base, PairTransport.DIRECTORY_PREFIX);

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(other));
    }

    @Test
    void theOwnerIsReadFromTheName()
    {
        assertEquals(1234, StaleDriverDirectories.ownerPid("tandem-aeron-1234-ff", "tandem-aeron-"));
        assertEquals(-1, StaleDriverDirectories.ownerPid("tandem-aeron-x-ff", "tandem-aeron-"));
        assertEquals(-1, StaleDriverDirectories.ownerPid("tandem-aeron-12", "tandem-aeron-"));
    }
}
