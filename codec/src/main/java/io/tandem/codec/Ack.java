package io.tandem.codec;

/**
 * Payload layout of an {@link EntryType#ACK} entry, backup to primary on the acknowledgement
 * channel, little-endian.
 * <pre>
 *   0                               8                               16
 *  +-------------------------------+-------------------------------+
 *  |      journaled sequence       |         backup icount         |
 *  +-------------------------------+-------------------------------+
 * </pre>
 * {@code journaled sequence} is the highest log sequence the backup holds in its journal: the
 * primary releases outputs tagged up to it. {@code backup icount} is where the backup's machine
 * stood, for the primary to measure the lag. A sequence of {@link #JOIN_REQUEST} is no
 * acknowledgement but a new backup asking a primary running alone for its state; one of
 * {@link #LEAVING} is a backup stopping on request, which will not go live.
 */
public final class Ack
{
    /** u64: the highest sequence journaled, or {@link #JOIN_REQUEST}. */
    public static final int SEQUENCE_OFFSET = 0;
    /** u64: the backup's instruction count. */
    public static final int BACKUP_ICOUNT_OFFSET = SEQUENCE_OFFSET + 8;
    /** Payload length. */
    public static final int LENGTH = BACKUP_ICOUNT_OFFSET + 8;
    /** The sequence of a join request: a new backup asks for the primary's state. */
    public static final long JOIN_REQUEST = -1;
    /**
     * The sequence of a leaving notice: the backup, asked to stop, has acknowledged all it holds
     * and stops without ever going live; the primary goes on alone without a failover.
     */
    public static final long LEAVING = -2;

    private Ack()
    {
    }
}
