package io.tandem.transport.journal;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;

/** Synthetic log entries and file surgery for journal tests. */
final class Entries
{
    /** Inside an hour, so that a test's queue stays in one file. */
    static final Instant FIXED_TIME = Instant.parse("2026-03-04T10:15:00Z");

    private Entries()
    {
    }

    /** @return a clock stopped at {@link #FIXED_TIME}. */
    static SetTimeProvider fixedClock()
    {
        return new SetTimeProvider(FIXED_TIME);
    }

    /** A payload length that varies with the sequence: empty, small, and frame-sized entries. */
    static int payloadLength(final long sequence)
    {
        switch ((int)(sequence % 4))
        {
            case 0: return 0;
            case 1: return 8;
            case 2: return 20;
            default: return (int)(sequence % 1500);
        }
    }

    /** A type that varies with the sequence. */
    static int type(final long sequence)
    {
        return 2 + (int)(sequence % 9);
    }

    /** Writes and seals an entry whose payload bytes derive from its sequence; @return its length. */
    static int write(final LogEntry entry, final MutableDirectBuffer buffer, final long sequence, final long icount)
    {
        final int payloadLength = payloadLength(sequence);
        entry.wrap(buffer, 0).type(type(sequence)).sequence(sequence).icount(icount);
        for (int i = 0; i < payloadLength; i++)
        {
            buffer.putByte(entry.payloadOffset() + i, (byte)(sequence * 31 + i));
        }
        return entry.seal(payloadLength);
    }

    /** Checks that an entry read back is the one {@link #write} wrote for {@code sequence}. */
    static String mismatch(final LogEntry entry, final long sequence)
    {
        if (entry.sequence() != sequence)
        {
            return "sequence " + entry.sequence() + ", expected " + sequence;
        }
        if (entry.type() != type(sequence))
        {
            return "type " + EntryType.name(entry.type()) + " at sequence " + sequence;
        }
        if (entry.payloadLength() != payloadLength(sequence))
        {
            return "payload length " + entry.payloadLength() + " at sequence " + sequence;
        }
        for (int i = 0; i < entry.payloadLength(); i++)
        {
            if (entry.buffer().getByte(entry.payloadOffset() + i) != (byte)(sequence * 31 + i))
            {
                return "payload byte " + i + " at sequence " + sequence;
            }
        }
        return null;
    }

    /** Flips bits of one byte of a file. */
    static void flip(final Path file, final long position, final int mask) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int b = raf.read();
            raf.seek(position);
            raf.write(b ^ mask);
        }
    }

    /** Reads a little-endian int of a file. */
    static int readIntLe(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            raf.seek(position);
            return Integer.reverseBytes(raf.readInt());
        }
    }

    /** Writes a little-endian int into a file. */
    static void writeIntLe(final Path file, final long position, final int value) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            raf.writeInt(Integer.reverseBytes(value));
        }
    }

    /** Cuts a file to {@code length} bytes. */
    static void truncate(final Path file, final long length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
    }
}
