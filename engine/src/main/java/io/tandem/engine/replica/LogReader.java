package io.tandem.engine.replica;

import org.agrona.MutableDirectBuffer;

/** Port: a log's entries in sequence order, for a replaying machine. */
public interface LogReader
{
    /** {@link #poll} found no entry now, but one may follow (a log still being written). */
    int NOT_YET = -1;
    /** {@link #poll} reached the end of a finished log. */
    int END = -2;

    /**
     * Copies the next entry into {@code buffer} at offset 0 (at least
     * {@link io.tandem.codec.LogEntry#MAX_LENGTH} long) without validating it.
     *
     * @return its length, {@link #NOT_YET} or {@link #END}.
     */
    int poll(MutableDirectBuffer buffer);

    /**
     * @return the highest instruction count of any entry received so far, polled or not, or
     * {@link Long#MAX_VALUE} when no more entries can come (a finished log) or the reader cannot
     * tell. Every entry at an instruction count below it has arrived: the primary logs in
     * instruction order, and its channel keeps that order.
     */
    default long receivedIcount()
    {
        return Long.MAX_VALUE;
    }

    /** @return a description of where the last entry was read from (file and index), for errors. */
    default long position()
    {
        return -1;
    }
}
