package io.tandem.engine.dev;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A disk image file as the block device's storage, through one reused direct transfer buffer.
 * <p>
 * It marks the {@link #BLOCK_BYTES} blocks it writes, one byte per block, for one reader that
 * keeps a copy of the image up to date (a snapshot's): every block starts marked (the copy has
 * nothing yet), a write marks its blocks once its data is in the file, and the reader unmarks a
 * block just before it copies it, so a write after that marks it again. The marks are plain
 * stores: a write on an I/O thread is seen for sure only once its completion has been taken on
 * the machine's thread; a copy that must be exact is finished then.
 */
public final class FileBlockStore implements BlockStore
{
    /** The unit of the written-block marks. */
    public static final int BLOCK_BYTES = 4096;
    private static final int TRANSFER_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final long capacitySectors;
    private final ByteBuffer transfer = ByteBuffer.allocateDirect(TRANSFER_BYTES);
    private final byte[] writtenBlocks;

    private FileBlockStore(final Path path, final FileChannel channel, final long sizeBytes)
    {
        this.path = path;
        this.channel = channel;
        this.capacitySectors = sizeBytes / SECTOR_BYTES;
        this.writtenBlocks = new byte[(int)((sizeBytes + BLOCK_BYTES - 1) / BLOCK_BYTES)];
        java.util.Arrays.fill(writtenBlocks, (byte)1);
    }

    /** @return the image's blocks of {@link #BLOCK_BYTES} (the last one may be short). */
    public int blocks()
    {
        return writtenBlocks.length;
    }

    /** @return the first block at or after {@code from} written since it was unmarked, or -1. */
    public int nextWrittenBlock(final int from)
    {
        for (int block = from; block < writtenBlocks.length; block++)
        {
            if (writtenBlocks[block] != 0)
            {
                return block;
            }
        }
        return -1;
    }

    /** @return true when {@code block} was written since it was unmarked. */
    public boolean blockWritten(final int block)
    {
        return writtenBlocks[block] != 0;
    }

    /** Unmarks a block: its reader is about to copy it. */
    public void unmarkBlock(final int block)
    {
        writtenBlocks[block] = 0;
    }

    /** Marks a block again: its reader could not copy it. */
    public void markAgain(final int block)
    {
        writtenBlocks[block] = 1;
    }

    /** @return blocks marked now. */
    public int writtenBlockCount()
    {
        int count = 0;
        for (final byte mark : writtenBlocks)
        {
            count += mark;
        }
        return count;
    }

    /**
     * Opens a disk image for reading and writing, creating it at {@code createSizeBytes} (zero
     * filled, sparse) when it does not exist and a size is given.
     *
     * @param path            the image file.
     * @param createSizeBytes size for a new image, a multiple of 512; 0 to require an existing image.
     * @return the store.
     * @throws IllegalArgumentException naming the file when it is missing, unreadable, empty or not
     *                                  a whole number of sectors.
     */
    public static FileBlockStore open(final Path path, final long createSizeBytes)
    {
        if (createSizeBytes < 0 || createSizeBytes % SECTOR_BYTES != 0)
        {
            throw new IllegalArgumentException(
                "disk size must be a positive multiple of " + SECTOR_BYTES + " bytes: " + createSizeBytes);
        }
        try
        {
            final boolean exists = Files.exists(path);
            if (!exists && createSizeBytes == 0)
            {
                throw new IllegalArgumentException(path + ": no such disk image (give a size to create one)");
            }
            if (exists && !Files.isRegularFile(path))
            {
                throw new IllegalArgumentException(path + ": not a regular file");
            }
            final FileChannel channel = FileChannel.open(path,
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (!exists)
            {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(new byte[1]), createSizeBytes - 1); // sparse, zero-filled
            }
            final long size = channel.size();
            if (size == 0 || size % SECTOR_BYTES != 0)
            {
                channel.close();
                throw new IllegalArgumentException(path + ": disk image size " + size +
                    " is not a positive multiple of " + SECTOR_BYTES + " bytes");
            }
            return new FileBlockStore(path, channel, size);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException(path + ": directory does not exist", ex);
        }
        catch (final java.nio.file.AccessDeniedException ex)
        {
            throw new IllegalArgumentException(path + ": permission denied", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": cannot open disk image: " + ex.getMessage(), ex);
        }
    }

    /** @return the image file. */
    public Path path()
    {
        return path;
    }

    @Override
    public long capacitySectors()
    {
        return capacitySectors;
    }

    @Override
    public boolean read(final long position, final MutableDirectBuffer dst, final int dstOffset, final int length)
    {
        try
        {
            int done = 0;
            while (done < length)
            {
                final int chunk = Math.min(TRANSFER_BYTES, length - done);
                transfer.clear().limit(chunk);
                while (transfer.hasRemaining())
                {
                    if (channel.read(transfer, position + done + transfer.position()) < 0)
                    {
                        return false;
                    }
                }
                dst.putBytes(dstOffset + done, transfer, 0, chunk);
                done += chunk;
            }
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    @Override
    public boolean write(final long position, final DirectBuffer src, final int srcOffset, final int length)
    {
        try
        {
            int done = 0;
            while (done < length)
            {
                final int chunk = Math.min(TRANSFER_BYTES, length - done);
                transfer.clear();
                src.getBytes(srcOffset + done, transfer, 0, chunk);
                transfer.limit(chunk);
                while (transfer.hasRemaining())
                {
                    channel.write(transfer, position + done + transfer.position());
                }
                done += chunk;
            }
            markWritten(position, length);
            return true;
        }
        catch (final IOException ex)
        {
            markWritten(position, length); // part of it may be in the file
            return false;
        }
    }

    private void markWritten(final long position, final int length)
    {
        if (length <= 0)
        {
            return;
        }
        final int first = (int)(position / BLOCK_BYTES);
        final int last = (int)((position + length - 1) / BLOCK_BYTES);
        for (int block = first; block <= last && block < writtenBlocks.length; block++)
        {
            writtenBlocks[block] = 1;
        }
    }

    @Override
    public boolean flush()
    {
        try
        {
            channel.force(false);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": closing disk image failed", ex);
        }
    }
}
