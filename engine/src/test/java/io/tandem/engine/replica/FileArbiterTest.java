package io.tandem.engine.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class FileArbiterTest
{
    @TempDir
    Path directory;

    @Test
    void currentGenerationIsTheHighestClaimOfThePairAndLeavesNothingBehind() throws IOException
    {
        final FileArbiter arbiter = new FileArbiter(directory);
        assertEquals(0, arbiter.currentGeneration("kv"));
        assertEquals(Arbiter.Outcome.WON, arbiter.testAndSet("kv", 1, "backup"));
        assertEquals(Arbiter.Outcome.WON, arbiter.testAndSet("kv", 3, "primary"));
        assertEquals(Arbiter.Outcome.WON, arbiter.testAndSet("kv-other", 7, "primary"));
        Files.writeString(directory.resolve("kv-generation-junk"), "x");

        assertEquals(3, arbiter.currentGeneration("kv"));
        assertEquals(7, arbiter.currentGeneration("kv-other"));
        assertEquals(0, arbiter.currentGeneration("other"));
        try (var files = Files.list(directory))
        {
            assertEquals(4, files.count(), "the probe file is deleted");
        }
    }

    @Test
    void aMissingDirectoryIsUnreachableAndSaysWhich()
    {
        final FileArbiter arbiter = new FileArbiter(directory.resolve("typo"));
        assertEquals(Arbiter.UNREACHABLE_GENERATION, arbiter.currentGeneration("kv"));
        assertTrue(arbiter.lastFailure().contains("typo"), arbiter.lastFailure());
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsUnreachable() throws IOException
    {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes to a read-only directory");
        final Path readOnly = Files.createDirectory(directory.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try
        {
            final FileArbiter arbiter = new FileArbiter(readOnly);
            assertEquals(Arbiter.UNREACHABLE_GENERATION, arbiter.currentGeneration("kv"));
            assertTrue(arbiter.lastFailure().contains("cannot be read and written"), arbiter.lastFailure());
        }
        finally
        {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
