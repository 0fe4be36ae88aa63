package io.tandem.tools.kv;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes a {@code kvstore} request in place (a flyweight: wrap a buffer, set fields, send
 * {@link #encodedLength()} bytes from {@link #offset()}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  Version (1)  |      Op       |        Key Length (u16)       |  0
 *  +---------------+---------------+-------------------------------+
 *  |                        Client Id (u32)                        |  4
 *  +---------------------------------------------------------------+
 *  |                       Request No (u32)                        |  8
 *  +-------------------------------+-------------------------------+
 *  |      Value Length (u16)       |   Expected Length (u16, CAS)  |  12
 *  +-------------------------------+-------------------------------+
 *  |                          Key ...                              |  16
 *  +---------------------------------------------------------------+
 *  |                 Expected ... (CAS only)                       |  16 + key
 *  +---------------------------------------------------------------+
 *  |                 Value ... (PUT and CAS)                       |  16 + key + expected
 *  +---------------------------------------------------------------+
 * </pre>
 * Every field is little-endian. The variable parts follow each other without padding, so they
 * are written in order: {@link #key}, then {@link #expected} (CAS only), then {@link #value};
 * each of them clears the lengths of the parts after it.
 * <p>
 * The raw field setters write any value, including ones the server refuses, which is what a
 * test of the server's checks needs.
 */
public final class KvRequestEncoder
{
    /** Offset of the u8 protocol version. */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the u8 operation code. */
    public static final int OP_OFFSET = 1;
    /** Offset of the u16 key length. */
    public static final int KEY_LENGTH_OFFSET = 2;
    /** Offset of the u32 client id. */
    public static final int CLIENT_ID_OFFSET = 4;
    /** Offset of the u32 request number. */
    public static final int REQUEST_NO_OFFSET = 8;
    /** Offset of the u16 value length. */
    public static final int VALUE_LENGTH_OFFSET = 12;
    /** Offset of the u16 expected-value length (CAS only, else 0). */
    public static final int EXPECTED_LENGTH_OFFSET = 14;
    /** Length of the fixed header; the key starts here. */
    public static final int HEADER_LENGTH = 16;

    static final int MAX_U16 = 0xFFFF;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer to write into.
     * @param offset where the request starts.
     * @return this.
     */
    public KvRequestEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the wrapped buffer. */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /** @return where the request starts in the buffer. */
    public int offset()
    {
        return offset;
    }

    /**
     * Writes a complete header for a request with no key, expected value or value yet.
     *
     * @param op        the operation.
     * @param clientId  the client's id.
     * @param requestNo the request number, from 1.
     * @return this.
     */
    public KvRequestEncoder header(final KvOp op, final int clientId, final int requestNo)
    {
        checkCapacity(HEADER_LENGTH);
        buffer.putByte(offset + VERSION_OFFSET, (byte)KvProtocol.VERSION);
        buffer.putByte(offset + OP_OFFSET, (byte)op.code());
        buffer.putShort(offset + KEY_LENGTH_OFFSET, (short)0, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + CLIENT_ID_OFFSET, clientId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + REQUEST_NO_OFFSET, requestNo, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + VALUE_LENGTH_OFFSET, 0, ByteOrder.LITTLE_ENDIAN); // both lengths
        return this;
    }

    /**
     * @param version the version byte, normally {@link KvProtocol#VERSION}.
     * @return this.
     */
    public KvRequestEncoder version(final int version)
    {
        buffer.putByte(offset + VERSION_OFFSET, (byte)version);
        return this;
    }

    /**
     * @param op the raw operation code.
     * @return this.
     */
    public KvRequestEncoder op(final int op)
    {
        buffer.putByte(offset + OP_OFFSET, (byte)op);
        return this;
    }

    /**
     * @param clientId the client's id (u32).
     * @return this.
     */
    public KvRequestEncoder clientId(final int clientId)
    {
        buffer.putInt(offset + CLIENT_ID_OFFSET, clientId, ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param requestNo the request number (u32).
     * @return this.
     */
    public KvRequestEncoder requestNo(final int requestNo)
    {
        buffer.putInt(offset + REQUEST_NO_OFFSET, requestNo, ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /**
     * Sets the key length field only; the bytes are not touched.
     *
     * @param length 0 to 65535.
     * @return this.
     */
    public KvRequestEncoder keyLength(final int length)
    {
        buffer.putShort(offset + KEY_LENGTH_OFFSET, (short)checkU16(length), ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /**
     * Sets the value length field only; the bytes are not touched.
     *
     * @param length 0 to 65535.
     * @return this.
     */
    public KvRequestEncoder valueLength(final int length)
    {
        buffer.putShort(offset + VALUE_LENGTH_OFFSET, (short)checkU16(length), ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /**
     * Sets the expected-value length field only; the bytes are not touched.
     *
     * @param length 0 to 65535.
     * @return this.
     */
    public KvRequestEncoder expectedLength(final int length)
    {
        buffer.putShort(offset + EXPECTED_LENGTH_OFFSET, (short)checkU16(length), ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /**
     * Copies the key after the header and clears the expected and value lengths.
     *
     * @param src       the key bytes.
     * @param srcOffset where they start.
     * @param length    how many.
     * @return this.
     */
    public KvRequestEncoder key(final DirectBuffer src, final int srcOffset, final int length)
    {
        checkCapacity(HEADER_LENGTH + checkU16(length));
        keyLength(length);
        buffer.putInt(offset + VALUE_LENGTH_OFFSET, 0, ByteOrder.LITTLE_ENDIAN); // both lengths
        copy(offset + HEADER_LENGTH, src, srcOffset, length);
        return this;
    }

    /**
     * Copies the expected value after the key (CAS) and clears the value length.
     *
     * @param src       the expected bytes.
     * @param srcOffset where they start.
     * @param length    how many.
     * @return this.
     */
    public KvRequestEncoder expected(final DirectBuffer src, final int srcOffset, final int length)
    {
        final int at = HEADER_LENGTH + keyLength();
        checkCapacity(at + checkU16(length));
        expectedLength(length);
        valueLength(0);
        copy(offset + at, src, srcOffset, length);
        return this;
    }

    /**
     * Copies the value after the key and the expected value.
     *
     * @param src       the value bytes.
     * @param srcOffset where they start.
     * @param length    how many.
     * @return this.
     */
    public KvRequestEncoder value(final DirectBuffer src, final int srcOffset, final int length)
    {
        final int at = HEADER_LENGTH + keyLength() + expectedLength();
        checkCapacity(at + checkU16(length));
        valueLength(length);
        copy(offset + at, src, srcOffset, length);
        return this;
    }

    /** @return the key length field. */
    public int keyLength()
    {
        return buffer.getShort(offset + KEY_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & MAX_U16;
    }

    /** @return the expected-value length field. */
    public int expectedLength()
    {
        return buffer.getShort(offset + EXPECTED_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & MAX_U16;
    }

    /** @return the value length field. */
    public int valueLength()
    {
        return buffer.getShort(offset + VALUE_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & MAX_U16;
    }

    /** @return the request's length in bytes as its header describes it. */
    public int encodedLength()
    {
        return HEADER_LENGTH + keyLength() + expectedLength() + valueLength();
    }

    private void copy(final int index, final DirectBuffer src, final int srcOffset, final int length)
    {
        if (length > 0) // an absent part may come as a null buffer
        {
            buffer.putBytes(index, src, srcOffset, length);
        }
    }

    private void checkCapacity(final int length)
    {
        if (offset + length > buffer.capacity())
        {
            throw new IndexOutOfBoundsException(
                "request of " + length + " bytes at " + offset + " exceeds capacity " + buffer.capacity());
        }
    }

    static int checkU16(final int length)
    {
        if (length < 0 || length > MAX_U16)
        {
            throw new IllegalArgumentException("length must be 0.." + MAX_U16 + ": " + length);
        }
        return length;
    }
}
