package io.tandem.transport.arbiter;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.tandem.transport.arbiter.ArbiterMessage.HEADER_LENGTH;
import static io.tandem.transport.arbiter.ArbiterMessage.NAME_LENGTH_PREFIX;
import static io.tandem.transport.arbiter.ArbiterMessage.ORDER;

/**
 * Flyweight over a generation query (client to cluster): "which is the highest generation of
 * {@code pair} held?", a read that changes nothing, which a replica sends before it serves to
 * prove that its claims would reach the cluster and their answers come back.
 * <pre>
 *   0       2       4                               12
 *  +-------+-------+-------------------------------+-- pair: length (i32), UTF-8 bytes --+
 *  | type  |version|      correlationId (i64)      |                                    |
 *  +-------+-------+-------------------------------+------------------------------------+
 * </pre>
 * Little-endian. Reading: {@link #wrap} then {@link #validate}.
 */
public final class GenerationQuery
{
    static final int CORRELATION_ID_OFFSET = HEADER_LENGTH;
    static final int PAIR_OFFSET = CORRELATION_ID_OFFSET + 8;

    /** Longest query: the pair's name at its maximum. */
    public static final int MAX_LENGTH = PAIR_OFFSET + NAME_LENGTH_PREFIX + ArbiterMessage.MAX_NAME_BYTES;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int pairLength = -1;

    /**
     * Writes a query at {@code offset}; the name must have passed {@link ArbiterMessage#checkName}.
     *
     * @return the query's length in bytes.
     */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final long correlationId, final String pair)
    {
        ArbiterMessage.putHeader(buffer, offset, ArbiterMessage.TYPE_GENERATION_QUERY);
        buffer.putLong(offset + CORRELATION_ID_OFFSET, correlationId, ORDER);
        return PAIR_OFFSET + ArbiterMessage.putName(buffer, offset + PAIR_OFFSET, pair);
    }

    /** Wraps a received message of {@code length} bytes at {@code offset}. */
    public GenerationQuery wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.pairLength = -1;
        return this;
    }

    /** @return whether the message carries a correlation id (so that a refusal can be answered). */
    public boolean hasCorrelationId()
    {
        return length >= PAIR_OFFSET;
    }

    /** @return null if the wrapped message is a well-formed query of this version, else why not. */
    public String validate()
    {
        final int type = ArbiterMessage.type(buffer, offset, length);
        if (type != ArbiterMessage.TYPE_GENERATION_QUERY)
        {
            return "not a generation query (type " + type + ", " + length + " bytes)";
        }
        final int version = ArbiterMessage.version(buffer, offset);
        if (version != ArbiterMessage.VERSION)
        {
            return "query version " + version + ", this arbiter speaks version " + ArbiterMessage.VERSION;
        }
        pairLength = ArbiterMessage.nameLength(buffer, offset + PAIR_OFFSET, offset + length);
        return pairLength <= 0 ? "generation query with a bad pair name length" : null;
    }

    /** @return the client's correlation id; check {@link #hasCorrelationId} first. */
    public long correlationId()
    {
        return buffer.getLong(offset + CORRELATION_ID_OFFSET, ORDER);
    }

    /** @return the pair's name (after {@link #validate}). */
    public String pair()
    {
        return ArbiterMessage.getName(buffer, offset + PAIR_OFFSET, pairLength);
    }
}
