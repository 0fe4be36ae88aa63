package io.tandem.transport.journal;

import io.tandem.engine.dev.FileBlockStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A copy of a disk image kept up to date from the blocks its store marks as written, so that a
 * snapshot's disk image is made while the guest runs: {@link #step} copies a bounded number of
 * marked blocks, runs of neighbours in one read and one write; {@link #finish}, where no disk
 * request is in live I/O, copies what is still marked, after which the copy equals the image and
 * can be copied beside a snapshot on another thread while nothing changes it.
 */
final class DiskMirror implements AutoCloseable
{
    private static final int RUN_BLOCKS = 16;

    private final FileBlockStore store;
    private final Path mirrorPath;
    private final FileChannel image;
    private final FileChannel mirror;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(RUN_BLOCKS * FileBlockStore.BLOCK_BYTES);
    private int cursor;

    DiskMirror(final FileBlockStore store, final Path mirrorPath)
    {
        this.store = store;
        this.mirrorPath = mirrorPath;
        try
        {
            Files.createDirectories(mirrorPath.getParent());
            this.image = FileChannel.open(store.path(), StandardOpenOption.READ);
            this.mirror = FileChannel.open(mirrorPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a copy of disk image " + store.path() + " at " + mirrorPath +
                ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Copies up to {@code maxBlocks} marked blocks, going on from where the last step stopped.
     *
     * @return true when a pass found nothing marked from there to the end.
     */
    boolean step(final int maxBlocks)
    {
        int copied = 0;
        while (copied < maxBlocks)
        {
            final int block = store.nextWrittenBlock(cursor);
            if (block < 0)
            {
                cursor = 0;
                return true;
            }
            copied += copyRun(block);
        }
        return false;
    }

    /** Copies every block still marked: the image must not change meanwhile. */
    void finish()
    {
        cursor = 0;
        for (int block = store.nextWrittenBlock(0); block >= 0; block = store.nextWrittenBlock(cursor))
        {
            copyRun(block);
        }
        cursor = 0;
    }

    /** Copies the mirror, equal to the image at the last {@link #finish}, to {@code target}. */
    void copyTo(final Path target) throws IOException
    {
        Files.copy(mirrorPath, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private int copyRun(final int first)
    {
        int end = first;
        while (end < store.blocks() && end - first < RUN_BLOCKS && store.blockWritten(end))
        {
            store.unmarkBlock(end); // before the copy: a write after it marks the block again
            end++;
        }
        final long position = (long)first * FileBlockStore.BLOCK_BYTES;
        final long length = Math.min((long)(end - first) * FileBlockStore.BLOCK_BYTES,
            store.capacitySectors() * 512 - position);
        try
        {
            buffer.clear().limit((int)length);
            while (buffer.hasRemaining())
            {
                if (image.read(buffer, position + buffer.position()) < 0)
                {
                    throw new IOException("the image ended at byte " + (position + buffer.position()));
                }
            }
            buffer.flip();
            while (buffer.hasRemaining())
            {
                mirror.write(buffer, position + buffer.position());
            }
        }
        catch (final IOException ex)
        {
            for (int block = first; block < end; block++)
            {
                store.markAgain(block);
            }
            throw new UncheckedIOException("cannot copy disk image " + store.path() + " to " + mirrorPath + ": " +
                ex.getMessage(), ex);
        }
        cursor = end;
        return end - first;
    }

    @Override
    public void close() throws IOException
    {
        image.close();
        mirror.close();
        Files.deleteIfExists(mirrorPath);
    }
}
