package io.tandem.transport.journal;

import io.tandem.engine.dev.FileBlockStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk image's copy kept from the written-block marks equals the image after {@link
 * DiskMirror#finish()}, though writes landed between its steps on blocks already copied, and a
 * second round copies only what was written since.
 */
class DiskMirrorTest
{
    private static final int DISK_BYTES = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void theCopyEqualsTheImageAfterFinishThoughWritesCameBetweenSteps() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(5);
        try (FileBlockStore store = FileBlockStore.open(tmp.resolve("disk.img"), DISK_BYTES);
            DiskMirror mirror = new DiskMirror(store, tmp.resolve("snapshots").resolve("mirror.img")))
        {
            write(store, random, 40);
            assertEquals(store.blocks(), store.writtenBlockCount(), "a new copy starts with every block");
            int steps = 0;
            while (!mirror.step(8))
            {
                write(store, random, 2); // the guest writes on, some blocks already copied
                steps++;
            }
            assertTrue(steps > 10, "steps: " + steps);
            write(store, random, 5);
            mirror.finish();
            assertEquals(0, store.writtenBlockCount());
            final Path copy = tmp.resolve("copy.img");
            mirror.copyTo(copy);
            assertArrayEquals(Files.readAllBytes(store.path()), Files.readAllBytes(copy));

            write(store, random, 3); // the next snapshot copies these only
            final int marked = store.writtenBlockCount();
            assertTrue(marked > 0 && marked <= 3 * 2, "marked: " + marked);
            assertFalse(store.blockWritten(store.blocks() - 1) && marked == store.blocks());
            mirror.finish();
            mirror.copyTo(copy);
            assertArrayEquals(Files.readAllBytes(store.path()), Files.readAllBytes(copy));
        }
    }

    /** Writes {@code count} random runs of 1-5000 bytes at random places. */
    private static void write(final FileBlockStore store, final SplittableRandom random, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final int length = 1 + random.nextInt(5000);
            final long position = random.nextLong(DISK_BYTES - length);
            final byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertTrue(store.write(position, new UnsafeBuffer(ByteBuffer.wrap(bytes)), 0, length));
        }
    }
}
