package io.tandem.engine.snapshot;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.checksum.Crc32c;

import java.nio.ByteOrder;

/**
 * Flyweight over one frame of a state transfer, little-endian:
 * <pre>
 *   0       4       8       12      16              24              32
 *  +-------+-------+-------+-------+---------------+---------------+----------------
 *  | type  | index |length | crc   |    round      |    value      | body (length bytes)
 *  +-------+-------+-------+-------+---------------+---------------+----------------
 * </pre>
 * {@link #BEGIN}: the body is a {@link SnapshotHeader} describing the machine (which guest, RAM,
 * check interval, devices). {@link #PAGE}: {@code index} is the page, the body its 4 KiB.
 * {@link #STATE}: a piece of the sections of every component but RAM, {@code value} its offset.
 * {@link #DISK}: {@code index} is the 4 KiB block of the disk image, the body its bytes (blocks of
 * zeros are not sent). {@link #END}: {@code value} is the journal sequence the state follows, {@code index} the
 * sections' total length, and the body 32 bytes: icount, the state hash the receiver must reach,
 * 1 when that hash was computed (0: not checked), and the pair generation the new replica's
 * failover claims (0: none, a copy outside a pair).
 * The CRC32C covers the body.
 */
public final class TransferFrame
{
    /** Frame type: the machine described. */
    public static final int BEGIN = 1;
    /** Frame type: one page. */
    public static final int PAGE = 2;
    /** Frame type: a piece of the components' state. */
    public static final int STATE = 3;
    /** Frame type: the end, with the journal sequence. */
    public static final int END = 4;
    /** Frame type: one block of the disk image, sent in the pause. */
    public static final int DISK = 5;
    /** Bytes of a {@link #DISK} frame's block. */
    public static final int DISK_BLOCK_BYTES = 4096;

    /** Offset of a field, see the diagram. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of a field, see the diagram. */
    public static final int INDEX_OFFSET = 4;
    /** Offset of a field, see the diagram. */
    public static final int LENGTH_OFFSET = 8;
    /** Offset of a field, see the diagram. */
    public static final int CRC_OFFSET = 12;
    /** Offset of a field, see the diagram. */
    public static final int ROUND_OFFSET = 16;
    /** Offset of a field, see the diagram. */
    public static final int VALUE_OFFSET = 24;
    /** Bytes before the body. */
    public static final int HEADER_LENGTH = 32;
    /** Largest body of a STATE frame. */
    /** Body length of an {@link #END} frame. */
    public static final int END_BODY_LENGTH = 32;
    public static final int MAX_STATE_PIECE = 32 * 1024;
    /** Largest frame. */
    public static final int MAX_LENGTH = HEADER_LENGTH + MAX_STATE_PIECE;

    private MutableDirectBuffer writeBuffer;
    private DirectBuffer buffer;
    private int offset;

    /** Wraps a frame to read. */
    public TransferFrame wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.writeBuffer = null;
        this.offset = offset;
        return this;
    }

    /** Wraps a buffer to write a frame into. */
    public TransferFrame wrapForWrite(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.writeBuffer = buffer;
        this.offset = offset;
        return this;
    }

    /** Sets the header fields; the body is at {@link #bodyOffset()}. */
    public TransferFrame header(final int type, final int index, final int length, final long round, final long value)
    {
        writeBuffer.putInt(offset + TYPE_OFFSET, type, ByteOrder.LITTLE_ENDIAN);
        writeBuffer.putInt(offset + INDEX_OFFSET, index, ByteOrder.LITTLE_ENDIAN);
        writeBuffer.putInt(offset + LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        writeBuffer.putLong(offset + ROUND_OFFSET, round, ByteOrder.LITTLE_ENDIAN);
        writeBuffer.putLong(offset + VALUE_OFFSET, value, ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /** Computes the body's CRC32C into the header; call once the body is written. */
    public int seal()
    {
        writeBuffer.putInt(offset + CRC_OFFSET, Crc.of(buffer, bodyOffset(), length()), ByteOrder.LITTLE_ENDIAN);
        return HEADER_LENGTH + length();
    }

    /** @return the frame type. */
    public int type()
    {
        return buffer.getInt(offset + TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the page, or the state's total length (END). */
    public int index()
    {
        return buffer.getInt(offset + INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the body's length. */
    public int length()
    {
        return buffer.getInt(offset + LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the body's CRC32C. */
    public int crc()
    {
        return buffer.getInt(offset + CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the pre-copy round that sent the frame. */
    public long round()
    {
        return buffer.getLong(offset + ROUND_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the state piece's offset, or the journal sequence (END). */
    public long value()
    {
        return buffer.getLong(offset + VALUE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return where the body starts in the buffer. */
    public int bodyOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /** CRC32C of a region of an Agrona buffer, allocation-free when it is off-heap. */
    static final class Crc
    {
        private Crc()
        {
        }

        static int of(final DirectBuffer buffer, final int offset, final int length)
        {
            if (buffer.byteArray() == null)
            {
                return Crc32c.INSTANCE.compute(buffer.addressOffset(), offset, length);
            }
            final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(buffer.byteArray(), (int)(buffer.addressOffset() - BufferUtil.ARRAY_BASE_OFFSET) + offset, length);
            return (int)crc.getValue();
        }
    }
}
