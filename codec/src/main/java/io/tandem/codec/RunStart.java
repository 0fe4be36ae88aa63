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
 * asynchronous events can land and so must be equal on both sides. {@code flags} say which
 * devices the recording machine had, so that a replay is built with the same ones (a missing
 * network card or disk diverges at its first use); a log written before they were recorded has
 * none of them set, not even {@link #FLAG_DEVICES_KNOWN}.
 */
public final class RunStart
{
    /** SHA-256 of the ELF file's bytes. */
    public static final int ELF_SHA256_OFFSET = 0;
    /** RAM size in bytes. */
    public static final int RAM_BYTES_OFFSET = 32;
    /** Interrupt-check interval, instructions. */
    public static final int CHECK_INTERVAL_OFFSET = 36;
    /** Flags: which devices the machine had. */
    public static final int FLAGS_OFFSET = 40;
    /** Flag: the other flags say which devices the machine had. */
    public static final int FLAG_DEVICES_KNOWN = 1;
    /** Flag: the machine had a network card (its frames are in the log). */
    public static final int FLAG_NET = 2;
    /** Flag: the machine had a disk (a replay needs the image as it was at the start). */
    public static final int FLAG_DISK = 4;
    /** Payload length. */
    public static final int LENGTH = 44;

    private RunStart()
    {
    }

    /**
     * @param network true if the machine has a network card.
     * @param disk    true if it has a disk.
     * @return the flags that say so.
     */
    public static int deviceFlags(final boolean network, final boolean disk)
    {
        return FLAG_DEVICES_KNOWN | (network ? FLAG_NET : 0) | (disk ? FLAG_DISK : 0);
    }
}
