package io.tandem.transport.journal;

import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.replica.CapturedStateSaver;
import io.tandem.engine.snapshot.CapturedState;
import io.tandem.engine.snapshot.SnapshotFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A journal's snapshots written by a thread of their own from states captured while the guest
 * ran ({@link io.tandem.engine.snapshot.RamPreCopy}): the file, its checksums, the state hash of
 * the copy of RAM and the forcing to disk all happen there, off the machine's thread. The disk
 * image beside a snapshot is copied on the machine's thread at the capture, since the guest
 * writes it as soon as it runs again: with a disk the pause includes that copy.
 */
public final class BackgroundSnapshots implements CapturedStateSaver, AutoCloseable
{
    private final JournalSnapshots snapshots;
    private final FileBlockStore disk;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "tandem-snapshot-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param snapshots where the snapshots go.
     * @param disk      the machine's disk image store, or null.
     */
    public BackgroundSnapshots(final JournalSnapshots snapshots, final FileBlockStore disk)
    {
        this.snapshots = snapshots;
        this.disk = disk;
    }

    @Override
    public void save(final CapturedState state)
    {
        final Path path = snapshots.pathFor(state.icount());
        try
        {
            copyDiskBeside(path);
        }
        catch (final UncheckedIOException ex)
        {
            report(ex);
            state.release();
            return;
        }
        writer.execute(() ->
        {
            try
            {
                SnapshotFile.write(path, state);
                written.incrementAndGet();
            }
            catch (final RuntimeException ex)
            {
                report(ex);
            }
            finally
            {
                state.release();
            }
        });
    }

    private void copyDiskBeside(final Path snapshot)
    {
        try
        {
            Files.createDirectories(snapshot.getParent());
            if (disk == null)
            {
                return;
            }
            final Path image = JournalSnapshots.diskImageOf(snapshot);
            final Path temporary = image.resolveSibling(image.getFileName() + ".tmp");
            Files.copy(disk.path(), temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot save the disk image beside snapshot " + snapshot + ": " +
                ex.getMessage(), ex);
        }
    }

    private void report(final RuntimeException ex)
    {
        failed.incrementAndGet();
        System.err.println("tandem: a snapshot was not saved: " + ex.getMessage());
    }

    /** @return snapshots written so far. */
    public long written()
    {
        return written.get();
    }

    /** @return snapshots that could not be written. */
    public long failed()
    {
        return failed.get();
    }

    /** Lets the snapshot being written finish (up to 30 s), then stops the thread. */
    @Override
    public void close()
    {
        writer.shutdown();
        try
        {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS))
            {
                System.err.println("tandem: a snapshot was still being written at close");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
