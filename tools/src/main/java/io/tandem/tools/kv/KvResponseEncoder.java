package io.tandem.tools.kv;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes a {@code kvstore} response in place (a flyweight). Servers written in Java (test
 * doubles) use it; the guest writes the same layout.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  Version (1)  |    Status     |       Value Length (u16)      |  0
 *  +---------------+---------------+-------------------------------+
 *  |                        Client Id (u32)                        |  4
 *  +---------------------------------------------------------------+
 *  |                       Request No (u32)                        |  8
 *  +---------------------------------------------------------------+
 *  |                        Reply Seq (u32)                        |  12
 *  +---------------------------------------------------------------+
 *  |                         Value ...                             |  16
 *  +---------------------------------------------------------------+
 * </pre>
 * Every field is little-endian. Reply Seq counts the replies the server has sent: the sequence
 * number of its output stream, by which a client recognises a reply it has already seen.
 */
public final class KvResponseEncoder
{
    /** Offset of the u8 protocol version. */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the u8 status code. */
    public static final int STATUS_OFFSET = 1;
    /** Offset of the u16 value length. */
    public static final int VALUE_LENGTH_OFFSET = 2;
    /** Offset of the u32 client id the response answers. */
    public static final int CLIENT_ID_OFFSET = 4;
    /** Offset of the u32 request number the response answers. */
    public static final int REQUEST_NO_OFFSET = 8;
    /** Offset of the u32 reply sequence number. */
    public static final int REPLY_SEQ_OFFSET = 12;
    /** Length of the fixed header; the value starts here. */
    public static final int HEADER_LENGTH = 16;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer to write into.
     * @param offset where the response starts.
     * @return this.
     */
    public KvResponseEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Writes a complete header with an empty value.
     *
     * @param status    the status code.
     * @param clientId  the client id answered.
     * @param requestNo the request number answered.
     * @param replySeq  the server's reply sequence number.
     * @return this.
     */
    public KvResponseEncoder header(final int status, final int clientId, final int requestNo, final int replySeq)
    {
        if (offset + HEADER_LENGTH > buffer.capacity())
        {
            throw new IndexOutOfBoundsException("response header does not fit at " + offset);
        }
        buffer.putByte(offset + VERSION_OFFSET, (byte)KvProtocol.VERSION);
        buffer.putByte(offset + STATUS_OFFSET, (byte)status);
        buffer.putShort(offset + VALUE_LENGTH_OFFSET, (short)0, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + CLIENT_ID_OFFSET, clientId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + REQUEST_NO_OFFSET, requestNo, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + REPLY_SEQ_OFFSET, replySeq, ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param version the version byte, normally {@link KvProtocol#VERSION}.
     * @return this.
     */
    public KvResponseEncoder version(final int version)
    {
        buffer.putByte(offset + VERSION_OFFSET, (byte)version);
        return this;
    }

    /**
     * Copies the value after the header and sets its length.
     *
     * @param src       the value bytes.
     * @param srcOffset where they start.
     * @param length    how many.
     * @return this.
     */
    public KvResponseEncoder value(final DirectBuffer src, final int srcOffset, final int length)
    {
        KvRequestEncoder.checkU16(length);
        if (offset + HEADER_LENGTH + length > buffer.capacity())
        {
            throw new IndexOutOfBoundsException("response value of " + length + " bytes does not fit");
        }
        buffer.putShort(offset + VALUE_LENGTH_OFFSET, (short)length, ByteOrder.LITTLE_ENDIAN);
        if (length > 0)
        {
            buffer.putBytes(offset + HEADER_LENGTH, src, srcOffset, length);
        }
        return this;
    }

    /** @return the response's length in bytes. */
    public int encodedLength()
    {
        return HEADER_LENGTH + (buffer.getShort(offset + VALUE_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
    }
}
