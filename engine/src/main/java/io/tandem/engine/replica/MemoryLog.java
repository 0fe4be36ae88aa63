package io.tandem.engine.replica;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A log held in memory: a writer and any number of independent readers over the same bytes.
 * For tests and for embedding a recorder and a replayer in one thread; not thread-safe.
 */
public final class MemoryLog implements LogWriter
{
    private final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(64 * 1024);
    private int length;
    private boolean finished;

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int entryLength)
    {
        bytes.putBytes(length, buffer, offset, entryLength);
        length += entryLength;
    }

    /** Marks the log complete: readers report {@link LogReader#END} after the last entry. */
    public void finish()
    {
        finished = true;
    }

    /** @return bytes written. */
    public int length()
    {
        return length;
    }

    /** @return the raw bytes, for tests that damage a log on purpose. */
    public MutableDirectBuffer bytes()
    {
        return bytes;
    }

    /** Cuts the log to its first {@code newLength} bytes (a torn tail). */
    public void truncate(final int newLength)
    {
        length = Math.min(length, newLength);
    }

    /** @return a reader from the start. */
    public LogReader reader()
    {
        return new LogReader()
        {
            private int position;

            @Override
            public int poll(final MutableDirectBuffer buffer)
            {
                if (position >= length)
                {
                    return finished ? END : NOT_YET;
                }
                final int remaining = length - position;
                final int entryLength = remaining < 8 ? remaining :
                    Math.max(8, Math.min(remaining, bytes.getInt(position + 4, java.nio.ByteOrder.LITTLE_ENDIAN)));
                final int copy = Math.min(entryLength, buffer.capacity());
                buffer.putBytes(0, bytes, position, copy);
                position += copy;
                return copy;
            }

            @Override
            public long position()
            {
                return position;
            }
        };
    }
}
