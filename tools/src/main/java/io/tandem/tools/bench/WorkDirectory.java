package io.tandem.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A scratch directory for one measured run (disk images, journals, the arbiter), deleted with
 * everything in it when closed. They live under one root: by default tmpfs ({@code /dev/shm}),
 * so that a shared machine's disk (whose flush latency here varied from a millisecond to most
 * of a second while other work ran) does not decide the figures; {@code --work-dir} measures
 * on a disk instead.
 */
final class WorkDirectory implements AutoCloseable
{
    private final Path path;

    private WorkDirectory(final Path path)
    {
        this.path = path;
    }

    /** @return the default root: /dev/shm when it is a writable directory, else the JVM's temporary directory. */
    static Path defaultRoot()
    {
        final Path shm = Paths.get("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
    }

    /** @return a new empty directory under {@code root}. */
    static WorkDirectory under(final Path root, final String prefix)
    {
        try
        {
            return new WorkDirectory(Files.createTempDirectory(Files.createDirectories(root), "tandem-bench-" + prefix));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make a work directory under " + root + ": " + ex.getMessage(), ex);
        }
    }

    /** @return the directory. */
    Path path()
    {
        return path;
    }

    @Override
    public void close()
    {
        try (Stream<Path> files = Files.walk(path))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + path + ": " + ex.getMessage(), ex);
        }
    }
}
