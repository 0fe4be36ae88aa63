package io.tandem.transport.arbiter;

import io.tandem.engine.replica.Arbiter;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.tandem.transport.arbiter.ArbiterMessage.HEADER_LENGTH;
import static io.tandem.transport.arbiter.ArbiterMessage.ORDER;

/**
 * Flyweight over the answer to a claim (cluster to client).
 * <pre>
 *   0       2       4                               12              16
 *  +-------+-------+-------------------------------+---------------+
 *  | type  |version|      correlationId (i64)      | verdict (i32) |
 *  +-------+-------+-------------------------------+---------------+
 * </pre>
 * Little-endian. The verdict is {@link #WON}, {@link #LOST} or {@link #REFUSED} (the claim was
 * malformed or of another version; nothing was recorded).
 */
public final class ClaimAnswer
{
    /** The claimant holds the generation (now, or already from an earlier claim of its own). */
    public static final int WON = 1;
    /** Another claimant holds the generation. */
    public static final int LOST = 2;
    /** The claim could not be read; nothing was recorded. */
    public static final int REFUSED = 3;

    static final int CORRELATION_ID_OFFSET = HEADER_LENGTH;
    static final int VERDICT_OFFSET = CORRELATION_ID_OFFSET + 8;
    /** Length of every answer. */
    public static final int LENGTH = VERDICT_OFFSET + 4;

    private ClaimAnswer()
    {
    }

    /** Writes an answer at {@code offset}; @return its length. */
    public static int encode(
        final MutableDirectBuffer buffer, final int offset, final long correlationId, final int verdict)
    {
        ArbiterMessage.putHeader(buffer, offset, ArbiterMessage.TYPE_CLAIM_ANSWER);
        buffer.putLong(offset + CORRELATION_ID_OFFSET, correlationId, ORDER);
        buffer.putInt(offset + VERDICT_OFFSET, verdict, ORDER);
        return LENGTH;
    }

    /** @return whether the message at {@code offset} is an answer of this version. */
    public static boolean isAnswer(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= LENGTH &&
            ArbiterMessage.type(buffer, offset, length) == ArbiterMessage.TYPE_CLAIM_ANSWER &&
            ArbiterMessage.version(buffer, offset) == ArbiterMessage.VERSION;
    }

    /** @return the correlation id of the answer at {@code offset} (after {@link #isAnswer}). */
    public static long correlationId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CORRELATION_ID_OFFSET, ORDER);
    }

    /** @return the verdict of the answer at {@code offset} (after {@link #isAnswer}). */
    public static int verdict(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + VERDICT_OFFSET, ORDER);
    }

    /** @return the verdict for a claim's outcome (WON or LOST). */
    public static int verdictOf(final Arbiter.Outcome outcome)
    {
        switch (outcome)
        {
            case WON:
                return WON;
            case LOST:
                return LOST;
            default:
                throw new IllegalArgumentException("the cluster never answers " + outcome);
        }
    }
}
