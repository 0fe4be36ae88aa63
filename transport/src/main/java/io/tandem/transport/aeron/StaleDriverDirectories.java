package io.tandem.transport.aeron;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes media-driver directories whose process is gone. A driver deletes its directory on
 * close, but a process killed outright (kill -9, a crash: the failures a pair is built for)
 * leaves its term buffers behind, and under /dev/shm they hold memory until removed.
 */
public final class StaleDriverDirectories
{
    private StaleDriverDirectories()
    {
    }

    /**
     * @param base   where drivers' directories are made.
     * @param prefix their names' prefix, followed by the owning process id and a dash.
     */
    public static void sweep(final Path base, final String prefix)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, prefix + "*"))
        {
            for (final Path entry : entries)
            {
                final long pid = ownerPid(entry.getFileName().toString(), prefix);
                if (pid > 0 && ProcessHandle.of(pid).isEmpty())
                {
                    deleteTree(entry);
                }
            }
        }
        catch (final IOException | UncheckedIOException | SecurityException ignore)
        {
            // Sweeping is housekeeping: a directory that cannot be listed or removed is left as it is.
        }
    }

    static long ownerPid(final String name, final String prefix)
    {
        final int end = name.indexOf('-', prefix.length());
        if (!name.startsWith(prefix) || end < 0)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(name.substring(prefix.length(), end));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static void deleteTree(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
