package io.tandem.codec;

/**
 * Payload layout of a {@link EntryType#HEARTBEAT} entry, primary to backup on the log channel when
 * there is nothing else to say, little-endian.
 * <pre>
 *   0                               8                               16
 *  +-------------------------------+-------------------------------+
 *  |      sender time, ns          |       released sequence       |
 *  +-------------------------------+-------------------------------+
 * </pre>
 * {@code sender time} is the sender's monotonic clock. {@code released sequence} says up to which
 * log sequence the primary's outputs have left (its backup may drop what it holds up to there;
 * {@link #ALL_RELEASED} when the primary holds nothing). A heartbeat of {@link #TIME_LENGTH} bytes
 * carries the time only (a pair comparing its replicas keeps the backup from taking the silence
 * for a crash) and releases nothing. A heartbeat of {@link #HAND_OVER_LENGTH} bytes is the
 * primary's last word on a planned stop: it stopped its guest at {@code hand-over icount}, the
 * backup has acknowledged every entry up to there (the last is the state hash at that count) and
 * every output has left; the backup goes live at once, without waiting out the failure timeout.
 * Heartbeats are neither journaled nor replayed.
 * A hand-over of {@link #SWITCHOVER_LENGTH} bytes is a switchover: the old primary stays and
 * will follow the new primary's log from {@code hand-over icount} as its backup (its state there
 * is the one the backup matched), so the backup, once live, waits a little for it before its
 * guest runs on.
 * <pre>
 *   16                              24                              32
 *  +-------------------------------+-------------------------------+
 *  |      hand-over icount         |  old primary follows (0 or 1) |   (hand-over only; switchover only)
 *  +-------------------------------+-------------------------------+
 * </pre>
 */
public final class Heartbeat
{
    /** u64: the sender's monotonic time, ns. */
    public static final int TIME_OFFSET = 0;
    /** u64: the sequence up to which outputs were released. */
    public static final int RELEASED_OFFSET = TIME_OFFSET + 8;
    /** Payload length of a heartbeat with the time only. */
    public static final int TIME_LENGTH = RELEASED_OFFSET;
    /** Payload length. */
    public static final int LENGTH = RELEASED_OFFSET + 8;
    /** u64: where the primary stopped and handed over (hand-over heartbeats only). */
    public static final int HAND_OVER_ICOUNT_OFFSET = LENGTH;
    /** Payload length of a hand-over heartbeat. */
    public static final int HAND_OVER_LENGTH = HAND_OVER_ICOUNT_OFFSET + 8;
    /** u64: 1 when the primary that hands over stays as the new primary's backup (switchover only). */
    public static final int FOLLOWS_OFFSET = HAND_OVER_LENGTH;
    /** Payload length of a switchover's hand-over heartbeat. */
    public static final int SWITCHOVER_LENGTH = FOLLOWS_OFFSET + 8;
    /** The released sequence when the primary holds no output at all. */
    public static final long ALL_RELEASED = Long.MAX_VALUE;

    private Heartbeat()
    {
    }
}
