package io.tandem.transport.arbiter;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.tandem.transport.arbiter.ArbiterMessage.HEADER_LENGTH;
import static io.tandem.transport.arbiter.ArbiterMessage.NAME_LENGTH_PREFIX;
import static io.tandem.transport.arbiter.ArbiterMessage.ORDER;

/**
 * Flyweight over a claim (client to cluster): "let {@code claimant} hold {@code generation} of
 * {@code pair}", tagged with the client's correlation id for matching the answer.
 * <pre>
 *   0       2       4                               12                              20
 *  +-------+-------+-------------------------------+-------------------------------+
 *  | type  |version|      correlationId (i64)      |       generation (i64)        |
 *  +-------+-------+-------------------------------+-------------------------------+
 *  20
 *  +-- pair: length (i32), UTF-8 bytes --+-- claimant: length (i32), UTF-8 bytes --+
 * </pre>
 * Little-endian. Writing: {@link #encode}. Reading: {@link #wrap} then {@link #validate}, which
 * checks every length against the message so that a malformed claim is refused, never thrown on.
 */
public final class ClaimRequest
{
    static final int CORRELATION_ID_OFFSET = HEADER_LENGTH;
    static final int GENERATION_OFFSET = CORRELATION_ID_OFFSET + 8;
    static final int PAIR_OFFSET = GENERATION_OFFSET + 8;

    /** Longest claim: both names at their maximum. */
    public static final int MAX_LENGTH = PAIR_OFFSET + 2 * (NAME_LENGTH_PREFIX + ArbiterMessage.MAX_NAME_BYTES);

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int pairLength = -1;
    private int claimantLength = -1;

    /**
     * Writes a claim at {@code offset}; the names must have passed {@link ArbiterMessage#checkName}.
     *
     * @return the claim's length in bytes.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final long generation,
        final String pair,
        final String claimant)
    {
        ArbiterMessage.putHeader(buffer, offset, ArbiterMessage.TYPE_CLAIM_REQUEST);
        buffer.putLong(offset + CORRELATION_ID_OFFSET, correlationId, ORDER);
        buffer.putLong(offset + GENERATION_OFFSET, generation, ORDER);
        int index = offset + PAIR_OFFSET;
        index += ArbiterMessage.putName(buffer, index, pair);
        index += ArbiterMessage.putName(buffer, index, claimant);
        return index - offset;
    }

    /** Wraps a received message of {@code length} bytes at {@code offset}. */
    public ClaimRequest wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.pairLength = -1;
        this.claimantLength = -1;
        return this;
    }

    /** @return whether the message carries a correlation id (so that a refusal can be answered). */
    public boolean hasCorrelationId()
    {
        return length >= GENERATION_OFFSET;
    }

    /**
     * @return null if the wrapped message is a well-formed claim of this version, else why not.
     */
    public String validate()
    {
        final int type = ArbiterMessage.type(buffer, offset, length);
        if (type != ArbiterMessage.TYPE_CLAIM_REQUEST)
        {
            return "not a claim (type " + type + ", " + length + " bytes)";
        }
        final int version = ArbiterMessage.version(buffer, offset);
        if (version != ArbiterMessage.VERSION)
        {
            return "claim version " + version + ", this arbiter speaks version " + ArbiterMessage.VERSION;
        }
        final int limit = offset + length;
        pairLength = ArbiterMessage.nameLength(buffer, offset + PAIR_OFFSET, limit);
        if (pairLength <= 0)
        {
            return "claim with a bad pair name length";
        }
        claimantLength = ArbiterMessage.nameLength(buffer, claimantIndex(), limit);
        if (claimantLength <= 0)
        {
            return "claim with a bad claimant name length";
        }
        return null;
    }

    /** @return the client's correlation id; check {@link #hasCorrelationId} first. */
    public long correlationId()
    {
        return buffer.getLong(offset + CORRELATION_ID_OFFSET, ORDER);
    }

    /** @return the generation claimed (after {@link #validate}). */
    public long generation()
    {
        return buffer.getLong(offset + GENERATION_OFFSET, ORDER);
    }

    /** @return the pair's name (after {@link #validate}). */
    public String pair()
    {
        return ArbiterMessage.getName(buffer, offset + PAIR_OFFSET, pairLength);
    }

    /** @return the claimant (after {@link #validate}). */
    public String claimant()
    {
        return ArbiterMessage.getName(buffer, claimantIndex(), claimantLength);
    }

    private int claimantIndex()
    {
        return offset + PAIR_OFFSET + NAME_LENGTH_PREFIX + pairLength;
    }
}
