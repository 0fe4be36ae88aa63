package io.tandem.codec;

/**
 * Payload layout of a {@link EntryType#RUN_START} entry: what a replay must match.
 * <pre>
 *   0                               32      36      40      44
 *  +-------------------------------+-------+-------+-------+
 *  |   SHA-256 of the guest ELF     | ramMiB| check | flags |
 *  +-------------------------------+-------+-------+-------+
 * </pre>
 * {@code check} is the machine's interrupt-check interval in instructions, which decides where
 * asynchronous events can land and so must be equal on both sides.
 */
public final class RunStart
{
    /** SHA-256 of the ELF file's bytes. */
    public static final int ELF_SHA256_OFFSET = 0;
    /** RAM size in bytes. */
    public static final int RAM_BYTES_OFFSET = 32;
    /** Interrupt-check interval, instructions. */
    public static final int CHECK_INTERVAL_OFFSET = 36;
    /** Reserved flags. */
    public static final int FLAGS_OFFSET = 40;
    /** Payload length. */
    public static final int LENGTH = 44;

    private RunStart()
    {
    }
}
