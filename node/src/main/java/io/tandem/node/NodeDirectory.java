package io.tandem.node;

import io.tandem.engine.dev.FileBlockStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A node's work directory: the replicas' disk images, the counters file, and the arbiter's claims
 * unless another directory is given. A directory made for the node (none given) is temporary and
 * deleted when it closes; a given one is kept.
 */
final class NodeDirectory implements AutoCloseable
{
    private final Path path;
    private final boolean temporary;

    private NodeDirectory(final Path path, final boolean temporary)
    {
        this.path = path;
        this.temporary = temporary;
    }

    /**
     * @param given  the directory to use (made if missing), or null for a temporary one.
     * @param prefix the temporary directory's name prefix.
     * @return the directory, existing.
     * @throws UncheckedIOException when it cannot be made.
     */
    static NodeDirectory open(final Path given, final String prefix)
    {
        try
        {
            return given == null ? new NodeDirectory(Files.createTempDirectory(prefix), true) :
                new NodeDirectory(Files.createDirectories(given), false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make the work directory: " + ex.getMessage(), ex);
        }
    }

    /** @return the directory. */
    Path path()
    {
        return path;
    }

    /**
     * A replica's own disk image here: a copy of {@code from} (which is made, empty, if missing),
     * or a new empty image.
     *
     * @param name     the image's file name.
     * @param from     the image the replicas start from, or null.
     * @param sizeMib  the size of a new image, MiB.
     * @return the image's path.
     */
    Path diskImage(final String name, final Path from, final int sizeMib) throws IOException
    {
        final long bytes = (long)sizeMib << 20;
        final Path image = path.resolve(name);
        Files.deleteIfExists(image);
        if (from != null)
        {
            if (!Files.exists(from))
            {
                FileBlockStore.open(from, bytes).close();
            }
            Files.copy(from, image, StandardCopyOption.REPLACE_EXISTING);
        }
        else
        {
            FileBlockStore.open(image, bytes).close();
        }
        return image;
    }

    /** Deletes a temporary directory with all it holds; a given one is kept. */
    @Override
    public void close()
    {
        if (temporary)
        {
            try (Stream<Path> paths = Files.walk(path))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
            catch (final IOException | UncheckedIOException ignore)
            {
                // a temporary directory left behind is not worth failing the run for
            }
        }
    }
}
