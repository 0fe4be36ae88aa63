package io.tandem.transport.arbiter;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The 4-byte header every arbiter message starts with (ingress, egress and snapshot alike), and
 * the rules for the names they carry.
 * <pre>
 *   0               2               4
 *  +---------------+---------------+
 *  |  type (i16)   | version (i16) |
 *  +---------------+---------------+
 * </pre>
 * Little-endian, as every fixed layout in Tandem. A name (pair or claimant) is an int32 byte count
 * followed by that many UTF-8 bytes, at most {@link #MAX_NAME_BYTES}.
 */
public final class ArbiterMessage
{
    /** A claim, client to cluster. */
    public static final int TYPE_CLAIM_REQUEST = 1;
    /** The answer to a claim, cluster to client. */
    public static final int TYPE_CLAIM_ANSWER = 2;
    /** The first fragment of a snapshot: how many claims follow. */
    public static final int TYPE_SNAPSHOT_BEGIN = 3;
    /** One claim in a snapshot. */
    public static final int TYPE_SNAPSHOT_CLAIM = 4;
    /** A read of a pair's highest claimed generation, client to cluster. */
    public static final int TYPE_GENERATION_QUERY = 5;
    /** The answer to a generation query, cluster to client. */
    public static final int TYPE_GENERATION_ANSWER = 6;

    /** The version written, and the only one read. */
    public static final int VERSION = 1;
    /** Header bytes. */
    public static final int HEADER_LENGTH = 4;
    /** Longest pair name or claimant, in UTF-8 bytes: names are identifiers, not payloads. */
    public static final int MAX_NAME_BYTES = 256;
    /** Bytes of a name's length prefix. */
    public static final int NAME_LENGTH_PREFIX = 4;

    static final int TYPE_OFFSET = 0;
    static final int VERSION_OFFSET = TYPE_OFFSET + 2;
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private ArbiterMessage()
    {
    }

    /** Writes the header of a message of {@code type} at {@code offset}. */
    static void putHeader(final MutableDirectBuffer buffer, final int offset, final int type)
    {
        buffer.putShort(offset + TYPE_OFFSET, (short)type, ORDER);
        buffer.putShort(offset + VERSION_OFFSET, (short)VERSION, ORDER);
    }

    /** @return the type of the message at {@code offset}, or -1 if it is shorter than a header. */
    static int type(final DirectBuffer buffer, final int offset, final int length)
    {
        return length < HEADER_LENGTH ? -1 : buffer.getShort(offset + TYPE_OFFSET, ORDER) & 0xFFFF;
    }

    /** @return the version of the message at {@code offset}; call after {@link #type} said it has a header. */
    static int version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + VERSION_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @param what  "pair" or "claimant", for the message.
     * @param value the name.
     * @return its UTF-8 byte count.
     * @throws IllegalArgumentException when it is null, empty or longer than {@link #MAX_NAME_BYTES}.
     */
    public static int checkName(final String what, final String value)
    {
        if (value == null || value.isEmpty())
        {
            throw new IllegalArgumentException("the " + what + " name must not be empty");
        }
        final int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES)
        {
            throw new IllegalArgumentException("the " + what + " name is " + bytes + " UTF-8 bytes, more than " +
                MAX_NAME_BYTES + ": " + value.substring(0, Math.min(32, value.length())) + "...");
        }
        return bytes;
    }

    /** Writes a name at {@code index}; @return the bytes written (prefix included). */
    static int putName(final MutableDirectBuffer buffer, final int index, final String value)
    {
        return buffer.putStringUtf8(index, value, ORDER, MAX_NAME_BYTES);
    }

    /**
     * @return the byte count of the name at {@code index}, or -1 when the prefix does not fit before
     *         {@code limit} or announces more bytes than fit or than {@link #MAX_NAME_BYTES}.
     */
    static int nameLength(final DirectBuffer buffer, final int index, final int limit)
    {
        if (index + NAME_LENGTH_PREFIX > limit)
        {
            return -1;
        }
        final int length = buffer.getInt(index, ORDER);
        if (length < 0 || length > MAX_NAME_BYTES || index + NAME_LENGTH_PREFIX + length > limit)
        {
            return -1;
        }
        return length;
    }

    /** Reads a name whose length {@link #nameLength} has checked. */
    static String getName(final DirectBuffer buffer, final int index, final int length)
    {
        return buffer.getStringWithoutLengthUtf8(index + NAME_LENGTH_PREFIX, length);
    }
}
