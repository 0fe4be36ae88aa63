package io.tandem.codec;

/**
 * Payload layout of a {@link EntryType#DISK_COMPLETION} entry, little-endian.
 * <pre>
 *   0                               8       10  11  12              16
 *  +-------------------------------+-------+---+---+---------------+------------------------
 *  |          request id           | head  |sts|flg|  dataLength   | data (dataLength bytes)
 *  +-------------------------------+-------+---+---+---------------+------------------------
 * </pre>
 * {@code request id} counts the requests the device took from its queue, from 1: completions are
 * applied in that order, and a replay checks it. {@code head} is the request's descriptor head,
 * {@code sts} the virtio-blk status byte the guest reads. {@code flg} bit 0 ({@link #FLAG_DATA})
 * says the entry carries the data of a read on a shared disk, which a replaying machine copies
 * instead of reading a disk it must not touch; on a private disk each replica reads its own image
 * and {@code dataLength} is 0. A completion without data is a 48-byte entry.
 */
public final class DiskCompletion
{
    /** u64 request id. */
    public static final int REQUEST_ID_OFFSET = 0;
    /** u16 descriptor head. */
    public static final int HEAD_OFFSET = REQUEST_ID_OFFSET + 8;
    /** u8 virtio-blk status. */
    public static final int STATUS_OFFSET = HEAD_OFFSET + 2;
    /** u8 flags. */
    public static final int FLAGS_OFFSET = STATUS_OFFSET + 1;
    /** u32 bytes of data that follow. */
    public static final int DATA_LENGTH_OFFSET = FLAGS_OFFSET + 1;
    /** Where the data starts; also the payload length of a completion without data. */
    public static final int DATA_OFFSET = DATA_LENGTH_OFFSET + 4;
    /** The entry carries a read's data (shared disk). */
    public static final int FLAG_DATA = 1;
    /** Largest read a shared disk serves: its data travels in one entry. */
    public static final int MAX_DATA_LENGTH = 1024 * 1024;

    private DiskCompletion()
    {
    }
}
