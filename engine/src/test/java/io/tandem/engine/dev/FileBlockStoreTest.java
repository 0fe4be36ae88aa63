package io.tandem.engine.dev;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileBlockStoreTest
{
    @TempDir
    Path dir;

    @Test
    void createsAMissingImageAtTheGivenSize() throws IOException
    {
        final Path image = dir.resolve("disk.img");
        try (FileBlockStore store = FileBlockStore.open(image, 1 << 20))
        {
            assertEquals(2048, store.capacitySectors());
        }
        assertEquals(1 << 20, Files.size(image));
    }

    @Test
    void keepsWhatWasWrittenAcrossReopening()
    {
        final Path image = dir.resolve("disk.img");
        final UnsafeBuffer data = new UnsafeBuffer(new byte[100_000]);
        for (int i = 0; i < data.capacity(); i++)
        {
            data.putByte(i, (byte)(i * 31));
        }
        try (FileBlockStore store = FileBlockStore.open(image, 1 << 20))
        {
            assertTrue(store.write(4096, data, 0, data.capacity()));
            assertTrue(store.flush());
        }
        try (FileBlockStore store = FileBlockStore.open(image, 0))
        {
            final UnsafeBuffer back = new UnsafeBuffer(new byte[100_000]);
            assertTrue(store.read(4096, back, 0, back.capacity()));
            assertEquals(0, back.compareTo(data));
        }
    }

    @Test
    void readingPastTheEndOfTheImageFails()
    {
        try (FileBlockStore store = FileBlockStore.open(dir.resolve("disk.img"), 4096))
        {
            assertEquals(false, store.read(4096 - 512, new UnsafeBuffer(new byte[1024]), 0, 1024));
        }
    }

    @Test
    void refusesAMissingImageWithoutASize()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> FileBlockStore.open(dir.resolve("absent.img"), 0));
        assertTrue(ex.getMessage().contains("no such disk image"), ex.getMessage());
    }

    @Test
    void refusesAnImageThatIsNotWholeSectors() throws IOException
    {
        final Path image = dir.resolve("odd.img");
        Files.write(image, new byte[1000]);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> FileBlockStore.open(image, 0));
        assertTrue(ex.getMessage().contains("not a positive multiple of 512"), ex.getMessage());
    }

    @Test
    void refusesADirectory()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> FileBlockStore.open(dir, 0));
        assertTrue(ex.getMessage().contains("not a regular file"), ex.getMessage());
    }

    @Test
    void refusesAnImageInAMissingDirectory()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> FileBlockStore.open(dir.resolve("nowhere/disk.img"), 4096));
        assertTrue(ex.getMessage().contains("directory does not exist"), ex.getMessage());
    }
}
