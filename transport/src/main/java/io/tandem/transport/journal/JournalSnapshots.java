package io.tandem.transport.journal;

import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.snapshot.SnapshotFile;
import io.tandem.engine.snapshot.SnapshotInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The snapshots of a journal, in its {@code snapshots/} subdirectory: {@code snapshot-ICOUNT.snap},
 * named so that names sort by instruction count, and beside each one taken from a machine with a
 * disk, {@code snapshot-ICOUNT.disk}, a copy of the disk image at that point. A disk image is
 * state the snapshot cannot hold (it is as large as the disk) yet must match: a restore works on
 * a copy of it. The image is written first, so a snapshot never exists without its disk.
 */
public final class JournalSnapshots
{
    /** The subdirectory of the journal's directory that holds its snapshots. */
    public static final String SUBDIRECTORY = "snapshots";
    private static final String SUFFIX = ".snap";
    private static final String DISK_SUFFIX = ".disk";

    private final Path directory;

    private JournalSnapshots(final Path directory)
    {
        this.directory = directory;
    }

    /** @return the snapshots of the journal in {@code journalDirectory}. */
    public static JournalSnapshots of(final Path journalDirectory)
    {
        return new JournalSnapshots(journalDirectory.resolve(SUBDIRECTORY));
    }

    /** @return where the snapshots are. */
    public Path directory()
    {
        return directory;
    }

    /** @return the disk image copy that belongs to a snapshot file. */
    public static Path diskImageOf(final Path snapshot)
    {
        final String name = snapshot.getFileName().toString();
        final String base = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        return snapshot.resolveSibling(base + DISK_SUFFIX);
    }

    /**
     * Saves a machine's state, and its disk image if it has one, as the snapshot at its icount.
     *
     * @param disk the machine's disk image store, or null.
     */
    public SnapshotInfo save(final Machine machine, final byte[] elfSha256, final long journalSequence, final FileBlockStore disk)
    {
        final Path snapshot = pathFor(machine.icount());
        try
        {
            Files.createDirectories(directory);
            if (disk != null)
            {
                final Path image = diskImageOf(snapshot);
                final Path temporary = image.resolveSibling(image.getFileName() + ".tmp");
                Files.copy(disk.path(), temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot save the disk image beside snapshot " + snapshot + ": " +
                ex.getMessage(), ex);
        }
        return SnapshotFile.write(snapshot, machine, elfSha256, journalSequence);
    }

    /** @return the file of the snapshot at instruction {@code icount}. */
    public Path pathFor(final long icount)
    {
        return directory.resolve(String.format("snapshot-%020d%s", icount, SUFFIX));
    }

    /** @return the snapshot files, newest (highest instruction count) first; none when there is no directory. */
    public List<Path> newestFirst()
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + directory + ": " + ex.getMessage(), ex);
        }
    }
}
