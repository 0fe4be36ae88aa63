package io.tandem.tools;

import io.tandem.engine.dev.FileBlockStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A temporary copy of a disk image, open as a block store and deleted on close. A replay writes
 * what the recording wrote; on a copy, the image it started from stays as it was and serves the
 * next replay too.
 */
final class DiskImageCopy implements AutoCloseable
{
    private final Path copy;
    private final FileBlockStore store;
    private final boolean kept;

    private DiskImageCopy(final Path copy, final FileBlockStore store, final boolean kept)
    {
        this.copy = copy;
        this.store = store;
        this.kept = kept;
    }

    /**
     * A copy at a chosen path that is kept on close: the disk of a machine that goes on from a
     * restored state.
     *
     * @param image an existing disk image.
     * @param target where the copy goes (replaced).
     * @return the copy, open.
     */
    static DiskImageCopy kept(final Path image, final Path target)
    {
        if (!Files.isRegularFile(image))
        {
            throw new IllegalArgumentException(image + ": no such disk image");
        }
        try
        {
            Files.copy(image, target, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy disk image " + image + " to " + target + ": " + ex.getMessage(), ex);
        }
        return new DiskImageCopy(target, FileBlockStore.open(target, 0), true);
    }

    /**
     * @param image an existing disk image.
     * @return its copy, open.
     * @throws IllegalArgumentException naming the image when it does not exist or is not one.
     */
    static DiskImageCopy of(final Path image)
    {
        if (!Files.isRegularFile(image))
        {
            throw new IllegalArgumentException(image + ": no such disk image");
        }
        final Path copy;
        try
        {
            copy = Files.createTempFile("tandem-replay-", ".img");
            Files.copy(image, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy disk image " + image + ": " + ex.getMessage(), ex);
        }
        try
        {
            return new DiskImageCopy(copy, FileBlockStore.open(copy, 0), false);
        }
        catch (final IllegalArgumentException ex)
        {
            // Its message names the copy: name the image the user gave.
            final IllegalArgumentException named =
                new IllegalArgumentException(image + ": not a usable disk image (" + ex.getMessage() + ")", ex);
            deleteQuietly(copy, named);
            throw named;
        }
        catch (final RuntimeException ex)
        {
            deleteQuietly(copy, ex);
            throw ex;
        }
    }

    /** @return the copy as the machine's block store. */
    FileBlockStore store()
    {
        return store;
    }

    @Override
    public void close()
    {
        store.close();
        if (kept)
        {
            return;
        }
        try
        {
            Files.deleteIfExists(copy);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete the replay's disk copy " + copy + ": " + ex.getMessage(), ex);
        }
    }

    private static void deleteQuietly(final Path copy, final RuntimeException cause)
    {
        try
        {
            Files.deleteIfExists(copy);
        }
        catch (final IOException ex)
        {
            cause.addSuppressed(ex);
        }
    }
}
