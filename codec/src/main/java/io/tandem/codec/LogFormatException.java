package io.tandem.codec;

/**
 * A log entry that cannot be trusted: bad length, checksum, version or type. The message names
 * the sequence number (when the header was readable) and the byte offset, so that a user can
 * tell which entry of which journal is damaged.
 */
public final class LogFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long sequence;
    private final long byteOffset;

    /**
     * @param problem    what is wrong.
     * @param sequence   the entry's sequence number as read, or -1 when not readable.
     * @param byteOffset where the entry starts, in the reader's terms.
     */
    public LogFormatException(final String problem, final long sequence, final long byteOffset)
    {
        super(problem + " (entry " + (sequence >= 0 ? "sequence " + sequence : "with unreadable sequence") +
            " at byte offset " + byteOffset + ")");
        this.sequence = sequence;
        this.byteOffset = byteOffset;
    }

    /** @return the damaged entry's sequence number, or -1. */
    public long sequence()
    {
        return sequence;
    }

    /** @return the damaged entry's byte offset. */
    public long byteOffset()
    {
        return byteOffset;
    }
}
