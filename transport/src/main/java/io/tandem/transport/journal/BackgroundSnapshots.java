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
 * the copy of RAM and the forcing to disk all happen there, off the machine's thread. With a disk,
 * a copy of its image is kept up to date as RAM's is ({@link DiskMirror}: the blocks written since
 * their last copy, a bounded number per slice end, the rest in the capture's pause), and copied
 * beside the snapshot by the same thread.
 */
public final class BackgroundSnapshots implements CapturedStateSaver, AutoCloseable
{
    private static final int BLOCKS_PER_STEP = 256;

    private final JournalSnapshots snapshots;
    private final DiskMirror mirror;
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
        this.mirror = disk == null ? null : new DiskMirror(disk, snapshots.directory().resolve("disk-mirror.img"));
    }

    @Override
    public boolean step()
    {
        return mirror == null || mirror.step(BLOCKS_PER_STEP);
    }

    @Override
    public void save(final CapturedState state)
    {
        final Path path = snapshots.pathFor(state.icount());
        try
        {
            Files.createDirectories(path.getParent());
            if (mirror != null)
            {
                mirror.finish(); // the image equals the disk at the capture from here until released
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            report(ex);
            state.release();
            return;
        }
        writer.execute(() ->
        {
            try
            {
                if (mirror != null)
                {
                    copyMirrorBeside(path); // first: a snapshot never exists without its disk
                }
                SnapshotFile.write(path, state);
                written.incrementAndGet();
            }
            catch (final IOException ex)
            {
                report(ex);
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

    private void copyMirrorBeside(final Path snapshot) throws IOException
    {
        final Path image = JournalSnapshots.diskImageOf(snapshot);
        final Path temporary = image.resolveSibling(image.getFileName() + ".tmp");
        mirror.copyTo(temporary);
        Files.move(temporary, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void report(final Exception ex)
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

    /** Lets the snapshot being written finish (up to 30 s), then stops the thread and drops the disk's copy. */
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
            if (mirror != null)
            {
                mirror.close();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            System.err.println("tandem: the disk image's copy for snapshots was not removed: " + ex.getMessage());
        }
    }
}
