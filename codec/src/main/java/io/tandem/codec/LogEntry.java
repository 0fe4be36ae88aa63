package io.tandem.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over one log entry: a fixed, little-endian, versioned 32-byte header and a payload,
 * padded to 8 bytes so that entries stay aligned back to back.
 * <pre>
 *   0               4               8       10  11  12              16
 *  +---------------+---------------+-------+---+---+---------------+
 *  |   checksum    |    length     | type  |ver|flg| payloadLength |
 *  +---------------+---------------+-------+---+---+---------------+
 *  16                              24                              32
 *  +-------------------------------+-------------------------------+
 *  |            sequence           |             icount            |
 *  +-------------------------------+-------------------------------+
 *  32
 *  +----------------------- payload (payloadLength bytes, padded) --
 * </pre>
 * {@code checksum} is CRC32C of bytes [4, length); {@code length} is the padded total;
 * {@code sequence} is gap-free from 1 within a log; {@code icount} is the instruction count at
 * which the event took effect.
 * <p>
 * Writing: {@link #wrap}, set type, sequence and icount, put the payload, then {@link #seal}.
 * Reading: {@link #validate} first, then the accessors. Neither allocates.
 */
public final class LogEntry
{
    /** Header bytes. */
    public static final int HEADER_LENGTH = 32;
    /**
     * Largest payload: a disk completion carrying the data of the largest read a shared disk
     * serves ({@link DiskCompletion#MAX_DATA_LENGTH}) in one entry, so that a completion is never
     * split across entries that could arrive apart.
     */
    public static final int MAX_PAYLOAD_LENGTH = DiskCompletion.DATA_OFFSET + DiskCompletion.MAX_DATA_LENGTH;
    /** Largest entry. */
    public static final int MAX_LENGTH = HEADER_LENGTH + MAX_PAYLOAD_LENGTH;
    /** The version this codec writes and the only one it reads. */
    public static final int VERSION = 1;
    /** Entries are padded to this. */
    public static final int ALIGNMENT = 8;

    static final int CHECKSUM_OFFSET = 0;
    static final int LENGTH_OFFSET = CHECKSUM_OFFSET + 4;
    static final int TYPE_OFFSET = LENGTH_OFFSET + 4;
    static final int VERSION_OFFSET = TYPE_OFFSET + 2;
    static final int FLAGS_OFFSET = VERSION_OFFSET + 1;
    static final int PAYLOAD_LENGTH_OFFSET = FLAGS_OFFSET + 1;
    static final int SEQUENCE_OFFSET = PAYLOAD_LENGTH_OFFSET + 4;
    static final int ICOUNT_OFFSET = SEQUENCE_OFFSET + 8;
    static final int PAYLOAD_OFFSET = ICOUNT_OFFSET + 8;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private DirectBuffer buffer;
    private MutableDirectBuffer mutableBuffer;
    private int offset;

    /** Wraps an entry to write at {@code offset}. */
    public LogEntry wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = buffer;
        this.offset = offset;
        return this;
    }

    /** Wraps an entry to read at {@code offset}; call {@link #validate} before trusting it. */
    public LogEntry wrapForRead(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = null;
        this.offset = offset;
        return this;
    }

    /** @return the buffer wrapped. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return where the entry starts in the buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return total (padded) length. */
    public int length()
    {
        return buffer.getInt(offset + LENGTH_OFFSET, ORDER);
    }

    /** @return the entry type. */
    public int type()
    {
        return buffer.getShort(offset + TYPE_OFFSET, ORDER) & 0xFFFF;
    }

    /** Sets the type. */
    public LogEntry type(final int type)
    {
        mutableBuffer.putShort(offset + TYPE_OFFSET, (short)type, ORDER);
        return this;
    }

    /** @return the format version. */
    public int version()
    {
        return buffer.getByte(offset + VERSION_OFFSET) & 0xFF;
    }

    /** @return the flags byte (none defined yet). */
    public int flags()
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    /** @return bytes of payload in use. */
    public int payloadLength()
    {
        return buffer.getInt(offset + PAYLOAD_LENGTH_OFFSET, ORDER);
    }

    /** @return the sequence number. */
    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ORDER);
    }

    /** Sets the sequence number. */
    public LogEntry sequence(final long sequence)
    {
        mutableBuffer.putLong(offset + SEQUENCE_OFFSET, sequence, ORDER);
        return this;
    }

    /** @return the instruction count at which the event took effect. */
    public long icount()
    {
        return buffer.getLong(offset + ICOUNT_OFFSET, ORDER);
    }

    /** Sets the instruction count. */
    public LogEntry icount(final long icount)
    {
        mutableBuffer.putLong(offset + ICOUNT_OFFSET, icount, ORDER);
        return this;
    }

    /** @return the offset in the buffer where the payload starts. */
    public int payloadOffset()
    {
        return offset + PAYLOAD_OFFSET;
    }

    /** @return a little-endian long at {@code index} in the payload. */
    public long payloadLong(final int index)
    {
        return buffer.getLong(offset + PAYLOAD_OFFSET + index, ORDER);
    }

    /** @return a little-endian int at {@code index} in the payload. */
    public int payloadInt(final int index)
    {
        return buffer.getInt(offset + PAYLOAD_OFFSET + index, ORDER);
    }

    /** @return an unsigned little-endian 16-bit value at {@code index} in the payload. */
    public int payloadU16(final int index)
    {
        return buffer.getShort(offset + PAYLOAD_OFFSET + index, ORDER) & 0xFFFF;
    }

    /** @return an unsigned byte at {@code index} in the payload. */
    public int payloadU8(final int index)
    {
        return buffer.getByte(offset + PAYLOAD_OFFSET + index) & 0xFF;
    }

    /** Puts a little-endian 16-bit value at {@code index} in the payload. */
    public LogEntry payloadU16(final int index, final int value)
    {
        mutableBuffer.putShort(offset + PAYLOAD_OFFSET + index, (short)value, ORDER);
        return this;
    }

    /** Puts a byte at {@code index} in the payload. */
    public LogEntry payloadU8(final int index, final int value)
    {
        mutableBuffer.putByte(offset + PAYLOAD_OFFSET + index, (byte)value);
        return this;
    }

    /** Puts a little-endian long at {@code index} in the payload. */
    public LogEntry payloadLong(final int index, final long value)
    {
        mutableBuffer.putLong(offset + PAYLOAD_OFFSET + index, value, ORDER);
        return this;
    }

    /** Puts a little-endian int at {@code index} in the payload. */
    public LogEntry payloadInt(final int index, final int value)
    {
        mutableBuffer.putInt(offset + PAYLOAD_OFFSET + index, value, ORDER);
        return this;
    }

    /** Copies bytes into the payload at {@code index}. */
    public LogEntry payloadBytes(final int index, final DirectBuffer src, final int srcOffset, final int length)
    {
        mutableBuffer.putBytes(offset + PAYLOAD_OFFSET + index, src, srcOffset, length);
        return this;
    }

    /** Copies bytes out of the payload. */
    public void getPayloadBytes(final int index, final MutableDirectBuffer dst, final int dstOffset, final int length)
    {
        dst.putBytes(dstOffset, buffer, offset + PAYLOAD_OFFSET + index, length);
    }

    /** @return the padded total length of an entry with {@code payloadLength} bytes of payload. */
    public static int lengthFor(final int payloadLength)
    {
        return (HEADER_LENGTH + payloadLength + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Completes the entry: length, version, flags, payload length, zeroed padding, checksum.
     *
     * @param payloadLength bytes of payload written.
     * @return the total length to append.
     */
    public int seal(final int payloadLength)
    {
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD_LENGTH)
        {
            throw new IllegalArgumentException("payload length out of range: " + payloadLength);
        }
        final int length = lengthFor(payloadLength);
        for (int i = HEADER_LENGTH + payloadLength; i < length; i++)
        {
            mutableBuffer.putByte(offset + i, (byte)0);
        }
        mutableBuffer.putInt(offset + LENGTH_OFFSET, length, ORDER);
        mutableBuffer.putByte(offset + VERSION_OFFSET, (byte)VERSION);
        mutableBuffer.putByte(offset + FLAGS_OFFSET, (byte)0);
        mutableBuffer.putInt(offset + PAYLOAD_LENGTH_OFFSET, payloadLength, ORDER);
        mutableBuffer.putInt(offset + CHECKSUM_OFFSET,
            Checksums.crc32c(mutableBuffer, offset + LENGTH_OFFSET, length - LENGTH_OFFSET), ORDER);
        return length;
    }

    /**
     * Checks the wrapped entry before it is trusted.
     *
     * @param available  bytes readable from {@link #offset()}.
     * @param byteOffset the entry's position in its log, for the error message.
     * @return the entry's total length.
     * @throws LogFormatException naming the sequence and offset on a bad length, checksum,
     *                            version, type or payload length.
     */
    public int validate(final int available, final long byteOffset)
    {
        if (available < HEADER_LENGTH)
        {
            throw new LogFormatException("truncated entry: " + available + " bytes, shorter than a header", -1, byteOffset);
        }
        final long sequence = sequence();
        final int length = length();
        if (length < HEADER_LENGTH || length > MAX_LENGTH || (length & (ALIGNMENT - 1)) != 0)
        {
            throw new LogFormatException("bad entry length " + length, sequence, byteOffset);
        }
        if (length > available)
        {
            throw new LogFormatException("truncated entry: length " + length + " but " + available + " bytes left",
                sequence, byteOffset);
        }
        final int checksum = buffer.getInt(offset + CHECKSUM_OFFSET, ORDER);
        if (checksum != Checksums.crc32c(buffer, offset + LENGTH_OFFSET, length - LENGTH_OFFSET))
        {
            throw new LogFormatException("bad checksum", sequence, byteOffset);
        }
        if (version() != VERSION)
        {
            throw new LogFormatException("unknown entry version " + version() + " (this reader knows " + VERSION + ")",
                sequence, byteOffset);
        }
        if (!EntryType.known(type()))
        {
            throw new LogFormatException("unknown entry type " + type(), sequence, byteOffset);
        }
        final int payloadLength = payloadLength();
        if (payloadLength < 0 || lengthFor(payloadLength) != length)
        {
            throw new LogFormatException("payload length " + payloadLength + " does not match entry length " + length,
                sequence, byteOffset);
        }
        return length;
    }

    @Override
    public String toString()
    {
        return "LogEntry{sequence=" + sequence() + ", icount=" + icount() + ", type=" + EntryType.name(type()) +
            ", payloadLength=" + payloadLength() + "}";
    }
}
