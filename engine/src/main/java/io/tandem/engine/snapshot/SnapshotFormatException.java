package io.tandem.engine.snapshot;

/**
 * A snapshot that cannot be loaded: not a snapshot, another version, another machine, a bad
 * checksum, or cut short. The message names the file, the section and the byte offset.
 */
public final class SnapshotFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where. */
    public SnapshotFormatException(final String message)
    {
        super(message);
    }

    /**
     * @param message what is wrong and where.
     * @param cause   the underlying error.
     */
    public SnapshotFormatException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
