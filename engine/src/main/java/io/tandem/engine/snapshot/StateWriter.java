package io.tandem.engine.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Appends a component's state, field after field, little-endian, into a growable off-heap buffer.
 * The layout is the order of the calls: a component's {@code loadState} reads back in the same
 * order through a {@link StateReader}. Used between slices, never on the hot path.
 */
public final class StateWriter
{
    private final ExpandableDirectByteBuffer buffer;
    private int position;

    /** @param initialCapacity bytes to start with; the buffer grows as needed. */
    public StateWriter(final int initialCapacity)
    {
        this.buffer = new ExpandableDirectByteBuffer(initialCapacity);
    }

    /** Forgets what was written; the buffer is reused. */
    public StateWriter reset()
    {
        position = 0;
        return this;
    }

    /** @return bytes written since the last reset. */
    public int position()
    {
        return position;
    }

    /** @return the buffer; bytes {@code [0, position())} are the state written. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** Appends an int. */
    public StateWriter putInt(final int value)
    {
        buffer.putInt(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        return this;
    }

    /** Appends a long. */
    public StateWriter putLong(final long value)
    {
        buffer.putLong(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        return this;
    }

    /** Appends a boolean as one byte. */
    public StateWriter putBoolean(final boolean value)
    {
        buffer.putByte(position, (byte)(value ? 1 : 0));
        position++;
        return this;
    }

    /** Appends every element of an array. */
    public StateWriter putInts(final int[] values)
    {
        for (final int value : values)
        {
            putInt(value);
        }
        return this;
    }

    /** Appends a length and the bytes of a region. */
    public StateWriter putBytes(final DirectBuffer source, final int offset, final int length)
    {
        putInt(length);
        buffer.putBytes(position, source, offset, length);
        position += length;
        return this;
    }

    /** Appends a length and the bytes of an array. */
    public StateWriter putBytes(final byte[] source, final int offset, final int length)
    {
        putInt(length);
        buffer.putBytes(position, source, offset, length);
        position += length;
        return this;
    }

    /** Appends a string as UTF-8 with its length; null as length -1. */
    public StateWriter putString(final String value)
    {
        if (value == null)
        {
            return putInt(-1);
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return putBytes(bytes, 0, bytes.length);
    }
}
