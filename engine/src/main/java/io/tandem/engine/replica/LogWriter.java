package io.tandem.engine.replica;

import org.agrona.DirectBuffer;

/** Port: where a recording machine's sealed log entries go, in sequence order. */
public interface LogWriter
{
    /**
     * Appends one sealed entry; the bytes are copied before returning.
     *
     * @param buffer holds the entry.
     * @param offset where it starts.
     * @param length its length.
     */
    void append(DirectBuffer buffer, int offset, int length);

    /** Makes everything appended so far visible to readers and durable as far as the log can. */
    default void flush()
    {
    }
}
