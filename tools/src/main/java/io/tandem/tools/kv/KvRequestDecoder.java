package io.tandem.tools.kv;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.tandem.tools.kv.KvRequestEncoder.CLIENT_ID_OFFSET;
import static io.tandem.tools.kv.KvRequestEncoder.EXPECTED_LENGTH_OFFSET;
import static io.tandem.tools.kv.KvRequestEncoder.HEADER_LENGTH;
import static io.tandem.tools.kv.KvRequestEncoder.KEY_LENGTH_OFFSET;
import static io.tandem.tools.kv.KvRequestEncoder.MAX_U16;
import static io.tandem.tools.kv.KvRequestEncoder.OP_OFFSET;
import static io.tandem.tools.kv.KvRequestEncoder.REQUEST_NO_OFFSET;
import static io.tandem.tools.kv.KvRequestEncoder.VALUE_LENGTH_OFFSET;
import static io.tandem.tools.kv.KvRequestEncoder.VERSION_OFFSET;

/**
 * Reads a {@code kvstore} request in place; the layout is drawn in {@link KvRequestEncoder}.
 * Check {@link #isComplete()} before trusting the lengths: a datagram may be cut short or claim
 * more than it holds. Used by servers written in Java (test doubles) and by tests.
 */
public final class KvRequestDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * @param buffer holding the request.
     * @param offset where it starts.
     * @param length bytes received.
     * @return this.
     */
    public KvRequestDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** @return the wrapped buffer. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return bytes received. */
    public int length()
    {
        return length;
    }

    /** @return true when the header is whole and the lengths it declares add up to the bytes received. */
    public boolean isComplete()
    {
        return length >= HEADER_LENGTH &&
            HEADER_LENGTH + keyLength() + expectedLength() + valueLength() == length;
    }

    /** @return the version byte. */
    public int version()
    {
        return buffer.getByte(offset + VERSION_OFFSET) & 0xFF;
    }

    /** @return the raw operation code ({@link KvOp#get(int)} maps it). */
    public int op()
    {
        return buffer.getByte(offset + OP_OFFSET) & 0xFF;
    }

    /** @return the key length field. */
    public int keyLength()
    {
        return buffer.getShort(offset + KEY_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & MAX_U16;
    }

    /** @return the client id (u32 in an int). */
    public int clientId()
    {
        return buffer.getInt(offset + CLIENT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the request number (u32 in an int). */
    public int requestNo()
    {
        return buffer.getInt(offset + REQUEST_NO_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the value length field. */
    public int valueLength()
    {
        return buffer.getShort(offset + VALUE_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & MAX_U16;
    }

    /** @return the expected-value length field. */
    public int expectedLength()
    {
        return buffer.getShort(offset + EXPECTED_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & MAX_U16;
    }

    /** @return offset of the key in the buffer. */
    public int keyOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /** @return offset of the expected value in the buffer. */
    public int expectedOffset()
    {
        return keyOffset() + keyLength();
    }

    /** @return offset of the value in the buffer. */
    public int valueOffset()
    {
        return expectedOffset() + expectedLength();
    }
}
