package io.tandem.engine.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads back what a {@link StateWriter} wrote, checking every read against the section's length
 * and every value a component asks it to check, so that a damaged or foreign section is refused
 * with its name and file offset instead of loading nonsense or throwing an index error.
 */
public final class StateReader
{
    private final String source;
    private final String section;
    private final DirectBuffer buffer;
    private final int offset;
    private final int length;
    private final long fileOffset;
    private int position;

    /**
     * @param source     the file or stream, for messages.
     * @param section    the section's name, for messages.
     * @param buffer     holds the section.
     * @param offset     where the section starts in {@code buffer}.
     * @param length     its length.
     * @param fileOffset where the section starts in the file, for messages.
     */
    public StateReader(final String source, final String section, final DirectBuffer buffer, final int offset,
        final int length, final long fileOffset)
    {
        this.source = source;
        this.section = section;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.fileOffset = fileOffset;
    }

    /** @return the section's name. */
    public String section()
    {
        return section;
    }

    private int need(final int bytes)
    {
        if (bytes < 0 || position + bytes > length)
        {
            throw error("section ends after " + length + " bytes, " + bytes + " more needed");
        }
        final int at = offset + position;
        position += bytes;
        return at;
    }

    /** @return the next int. */
    public int getInt()
    {
        return buffer.getInt(need(Integer.BYTES), ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the next long. */
    public long getLong()
    {
        return buffer.getLong(need(Long.BYTES), ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the next boolean. */
    public boolean getBoolean()
    {
        final int at = position;
        final byte value = buffer.getByte(need(1));
        if (value != 0 && value != 1)
        {
            position = at;
            throw error("a flag is " + value + ", not 0 or 1");
        }
        return value == 1;
    }

    /** @return the next int, checked to lie in {@code [min, max]}. */
    public int getInt(final String what, final int min, final int max)
    {
        final int at = position;
        final int value = getInt();
        if (value < min || value > max)
        {
            position = at;
            throw error(what + " is " + value + ", outside " + min + ".." + max);
        }
        return value;
    }

    /** Fills an array from consecutive ints. */
    public void getInts(final int[] values)
    {
        for (int i = 0; i < values.length; i++)
        {
            values[i] = getInt();
        }
    }

    /**
     * Reads a length-prefixed region into {@code destination}.
     *
     * @return its length, at most {@code maxLength}.
     */
    public int getBytes(final String what, final MutableDirectBuffer destination, final int destinationOffset,
        final int maxLength)
    {
        final int bytes = getInt(what + " length", 0, maxLength);
        destination.putBytes(destinationOffset, buffer, need(bytes), bytes);
        return bytes;
    }

    /** Reads a length-prefixed region of exactly {@code destination.length} bytes. */
    public void getBytes(final String what, final byte[] destination)
    {
        getInt(what + " length", destination.length, destination.length);
        buffer.getBytes(need(destination.length), destination);
    }

    /** @return the next string, or null. */
    public String getString()
    {
        final int bytes = getInt("string length", -1, length);
        if (bytes < 0)
        {
            return null;
        }
        final byte[] text = new byte[bytes];
        buffer.getBytes(need(bytes), text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** @return bytes of the section not read yet. */
    public int remaining()
    {
        return length - position;
    }

    /** Passes over the rest of the section: state that the loading side has no use for. */
    public void skipRest()
    {
        position = length;
    }

    /** Checks that the whole section was read: a longer one belongs to another layout. */
    public void expectEnd()
    {
        if (position != length)
        {
            throw error((length - position) + " bytes left unread of " + length);
        }
    }

    /** @return an error naming the file, the section and the byte offset in the file. */
    public SnapshotFormatException error(final String what)
    {
        return new SnapshotFormatException(String.format("%s: section %s at byte offset %d: %s",
            source, section, fileOffset + position, what));
    }
}
