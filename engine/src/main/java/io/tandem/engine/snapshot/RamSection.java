package io.tandem.engine.snapshot;

import io.tandem.engine.mem.GuestRam;
import org.agrona.UnsafeApi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Guest RAM as a snapshot section, without its all-zero pages (most of a large RAM, usually):
 * <pre>
 *   page size (u32) | page count (u32) | pages present (u32) | reserved (u32)
 *   presence bitmap: one bit per page, in longs, little-endian
 *   the present pages, in address order
 * </pre>
 * Pages move between RAM and the file through the channel on views of the off-heap region: no
 * copy through the heap, no loop over bytes. Zero pages are found eight bytes at a time.
 */
final class RamSection
{
    static final int PAGE_BYTES = 4096;
    private static final int FIXED_BYTES = 16;

    private RamSection()
    {
    }

    /** @return the presence bitmap of a RAM: bit i set when page i holds a non-zero byte. */
    static long[] presentPages(final GuestRam ram)
    {
        return presentPages(ram.address(), ram.sizeBytes());
    }

    /** @return the presence bitmap of RAM's bytes at {@code base} (RAM itself or a copy of it). */
    static long[] presentPages(final long base, final int sizeBytes)
    {
        final int pages = sizeBytes / PAGE_BYTES;
        final long[] bitmap = new long[(pages + 63) >>> 6];
        for (int page = 0; page < pages; page++)
        {
            final long start = base + (long)page * PAGE_BYTES;
            for (int i = 0; i < PAGE_BYTES; i += Long.BYTES)
            {
                if (UnsafeApi.getLong(start + i) != 0)
                {
                    bitmap[page >>> 6] |= 1L << (page & 63);
                    break;
                }
            }
        }
        return bitmap;
    }

    /** @return the section's body length for a bitmap. */
    static long bodyLength(final long[] bitmap)
    {
        long present = 0;
        for (final long word : bitmap)
        {
            present += Long.bitCount(word);
        }
        return FIXED_BYTES + 8L * bitmap.length + present * PAGE_BYTES;
    }

    /**
     * Writes the body at the channel's position.
     *
     * @return the body's CRC32C.
     */
    static int write(final GuestRam ram, final long[] bitmap, final FileChannel channel) throws IOException
    {
        return write(ram.view(0, ram.sizeBytes()), bitmap, channel);
    }

    /**
     * Writes the body of RAM's bytes in {@code ram} (RAM itself or a copy of it) at the channel's
     * position.
     *
     * @return the body's CRC32C.
     */
    static int write(final ByteBuffer ram, final long[] bitmap, final FileChannel channel) throws IOException
    {
        final CRC32C crc = new CRC32C();
        final int pages = ram.capacity() / PAGE_BYTES;
        final ByteBuffer head = ByteBuffer.allocateDirect(FIXED_BYTES + 8 * bitmap.length).order(ByteOrder.LITTLE_ENDIAN);
        long present = 0;
        for (final long word : bitmap)
        {
            present += Long.bitCount(word);
        }
        head.putInt(PAGE_BYTES).putInt(pages).putInt((int)present).putInt(0);
        for (final long word : bitmap)
        {
            head.putLong(word);
        }
        head.flip();
        crc.update(head.duplicate());
        writeFully(channel, head);
        int page = 0;
        while (page < pages)
        {
            if (!isSet(bitmap, page))
            {
                page++;
                continue;
            }
            final int first = page;
            while (page < pages && isSet(bitmap, page))
            {
                page++;
            }
            final ByteBuffer run = ram.slice(first * PAGE_BYTES, (page - first) * PAGE_BYTES);
            crc.update(run.duplicate());
            writeFully(channel, run);
        }
        return (int)crc.getValue();
    }

    /**
     * Reads a body of {@code length} bytes at {@code position} into RAM, zeroing the absent pages.
     * On any error RAM is partly overwritten: the machine must be discarded.
     */
    static void read(final String source, final GuestRam ram, final FileChannel channel, final long position,
        final long length, final int expectedCrc) throws IOException
    {
        final CRC32C crc = new CRC32C();
        final int pages = ram.sizeBytes() / PAGE_BYTES;
        final int bitmapLongs = (pages + 63) >>> 6;
        if (length < FIXED_BYTES + 8L * bitmapLongs)
        {
            throw error(source, position, "RAM section of " + length + " bytes is shorter than its page bitmap");
        }
        final ByteBuffer head = ByteBuffer.allocateDirect(FIXED_BYTES + 8 * bitmapLongs).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, head, position);
        head.flip();
        crc.update(head.duplicate());
        final int pageBytes = head.getInt();
        final int pageCount = head.getInt();
        final int presentCount = head.getInt();
        head.getInt();
        if (pageBytes != PAGE_BYTES || pageCount != pages)
        {
            throw error(source, position, "RAM section has " + pageCount + " pages of " + pageBytes +
                " bytes, this machine " + pages + " of " + PAGE_BYTES);
        }
        final long[] bitmap = new long[bitmapLongs];
        long present = 0;
        for (int i = 0; i < bitmapLongs; i++)
        {
            bitmap[i] = head.getLong();
            present += Long.bitCount(bitmap[i]);
        }
        if (present != presentCount || length != FIXED_BYTES + 8L * bitmapLongs + present * PAGE_BYTES)
        {
            throw error(source, position, "RAM section of " + length + " bytes does not match its bitmap of " +
                present + " pages (count field " + presentCount + ")");
        }
        long filePosition = position + head.capacity();
        int page = 0;
        while (page < pages)
        {
            final int first = page;
            final boolean set = isSet(bitmap, page);
            while (page < pages && isSet(bitmap, page) == set)
            {
                page++;
            }
            if (set)
            {
                final ByteBuffer run = ram.view(first * PAGE_BYTES, (page - first) * PAGE_BYTES);
                readFully(channel, run, filePosition);
                run.flip();
                crc.update(run);
                filePosition += (long)(page - first) * PAGE_BYTES;
            }
            else
            {
                ram.buffer().setMemory(first * PAGE_BYTES, (page - first) * PAGE_BYTES, (byte)0);
            }
        }
        if ((int)crc.getValue() != expectedCrc)
        {
            throw error(source, position, String.format(
                "RAM section checksum mismatch (CRC32C %08x, recorded %08x): the snapshot is damaged",
                (int)crc.getValue(), expectedCrc));
        }
    }

    private static boolean isSet(final long[] bitmap, final int page)
    {
        return (bitmap[page >>> 6] & (1L << (page & 63))) != 0;
    }

    /** @param position the body's offset; messages name the section header's, as for other sections. */
    private static SnapshotFormatException error(final String source, final long position, final String what)
    {
        return new SnapshotFormatException(source + ": section RAM at byte offset " +
            (position - SnapshotHeader.SECTION_HEADER_LENGTH) + ": " + what);
    }

    static void writeFully(final FileChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position) throws IOException
    {
        long at = position;
        while (buffer.hasRemaining())
        {
            final int read = channel.read(buffer, at);
            if (read < 0)
            {
                throw new SnapshotFormatException("the file ends at byte offset " + at + " inside a section (truncated)");
            }
            at += read;
        }
    }
}
