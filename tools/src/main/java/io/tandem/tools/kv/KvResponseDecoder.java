package io.tandem.tools.kv;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.tandem.tools.kv.KvResponseEncoder.CLIENT_ID_OFFSET;
import static io.tandem.tools.kv.KvResponseEncoder.HEADER_LENGTH;
import static io.tandem.tools.kv.KvResponseEncoder.REPLY_SEQ_OFFSET;
import static io.tandem.tools.kv.KvResponseEncoder.REQUEST_NO_OFFSET;
import static io.tandem.tools.kv.KvResponseEncoder.STATUS_OFFSET;
import static io.tandem.tools.kv.KvResponseEncoder.VALUE_LENGTH_OFFSET;
import static io.tandem.tools.kv.KvResponseEncoder.VERSION_OFFSET;

/**
 * Reads a {@code kvstore} response in place; the layout is drawn in {@link KvResponseEncoder}.
 * Check {@link #isComplete()} before trusting the value length: a datagram from an arbitrary
 * sender may be short or claim more than it holds.
 */
public final class KvResponseDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * @param buffer holding the response.
     * @param offset where it starts.
     * @param length bytes received.
     * @return this.
     */
    public KvResponseDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
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

    /** @return true when the header is whole and the value it declares is exactly the rest. */
    public boolean isComplete()
    {
        return length >= HEADER_LENGTH && HEADER_LENGTH + valueLength() == length;
    }

    /** @return the version byte. */
    public int version()
    {
        return buffer.getByte(offset + VERSION_OFFSET) & 0xFF;
    }

    /** @return the raw status code ({@link KvStatus#get(int)} maps it). */
    public int statusCode()
    {
        return buffer.getByte(offset + STATUS_OFFSET) & 0xFF;
    }

    /** @return the status. */
    public KvStatus status()
    {
        return KvStatus.get(statusCode());
    }

    /** @return the value length field. */
    public int valueLength()
    {
        return buffer.getShort(offset + VALUE_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /** @return the client id answered (u32 in an int). */
    public int clientId()
    {
        return buffer.getInt(offset + CLIENT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the request number answered (u32 in an int). */
    public int requestNo()
    {
        return buffer.getInt(offset + REQUEST_NO_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the server's reply sequence number (u32 in an int). */
    public int replySeq()
    {
        return buffer.getInt(offset + REPLY_SEQ_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return offset of the value in the buffer. */
    public int valueOffset()
    {
        return offset + HEADER_LENGTH;
    }
}
