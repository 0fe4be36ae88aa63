package io.tandem.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Disk images copied for a new backup. */
final class DiskImages
{
    private DiskImages()
    {
    }

    /**
     * Copies {@code from} over {@code to} in place: the file stays the same one (a block store
     * already open on it sees the new bytes), unlike a copy that replaces the file.
     *
     * @throws UncheckedIOException naming both files when the copy fails.
     */
    static void copyInPlace(final Path from, final Path to)
    {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
            FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE))
        {
            final long size = in.size();
            long copied = 0;
            while (copied < size)
            {
                copied += in.transferTo(copied, size - copied, out.position(copied));
            }
            out.truncate(size);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy the disk image " + from + " to " + to + ": " + ex.getMessage(), ex);
        }
    }
}
