package io.tandem.transport.arbiter;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.tandem.transport.arbiter.ArbiterMessage.HEADER_LENGTH;
import static io.tandem.transport.arbiter.ArbiterMessage.ORDER;

/**
 * Flyweight over the answer to a {@link GenerationQuery} (cluster to client).
 * <pre>
 *   0       2       4                               12                              20
 *  +-------+-------+-------------------------------+-------------------------------+
 *  | type  |version|      correlationId (i64)      |       generation (i64)        |
 *  +-------+-------+-------------------------------+-------------------------------+
 * </pre>
 * Little-endian. The generation is the highest held for the pair (0 when none), or
 * {@link #REFUSED} when the query could not be read.
 */
public final class GenerationAnswer
{
    /** The query could not be read. */
    public static final long REFUSED = -1;

    static final int CORRELATION_ID_OFFSET = HEADER_LENGTH;
    static final int GENERATION_OFFSET = CORRELATION_ID_OFFSET + 8;
    /** Length of every answer. */
    public static final int LENGTH = GENERATION_OFFSET + 8;

    private GenerationAnswer()
    {
    }

    /** Writes an answer at {@code offset}; @return its length. */
    public static int encode(
        final MutableDirectBuffer buffer, final int offset, final long correlationId, final long generation)
    {
        ArbiterMessage.putHeader(buffer, offset, ArbiterMessage.TYPE_GENERATION_ANSWER);
        buffer.putLong(offset + CORRELATION_ID_OFFSET, correlationId, ORDER);
        buffer.putLong(offset + GENERATION_OFFSET, generation, ORDER);
        return LENGTH;
    }

    /** @return whether the message at {@code offset} is an answer of this version. */
    public static boolean isAnswer(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= LENGTH &&
            ArbiterMessage.type(buffer, offset, length) == ArbiterMessage.TYPE_GENERATION_ANSWER &&
            ArbiterMessage.version(buffer, offset) == ArbiterMessage.VERSION;
    }

    /** @return the correlation id of the answer at {@code offset} (after {@link #isAnswer}). */
    public static long correlationId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CORRELATION_ID_OFFSET, ORDER);
    }

    /** @return the generation of the answer at {@code offset} (after {@link #isAnswer}). */
    public static long generation(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + GENERATION_OFFSET, ORDER);
    }
}
