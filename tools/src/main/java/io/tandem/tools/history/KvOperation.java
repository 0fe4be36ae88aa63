package io.tandem.tools.history;

import io.tandem.tools.kv.KvOp;
import io.tandem.tools.kv.KvStatus;

/**
 * One operation of a client's history: what it asked, when, and what came back. Times are one
 * host's {@link System#nanoTime()}, comparable across the clients of one history.
 *
 * @param client     the client (one outstanding operation at a time per client).
 * @param request    the client's request number, the same over every resend of the operation.
 * @param op         the operation.
 * @param key        the key.
 * @param value      the value written (PUT, CAS), else null.
 * @param expected   the value expected (CAS), else null.
 * @param invokeNs   when the operation was first sent.
 * @param completeNs when its reply came; meaningless when {@code status} is {@link KvStatus#TIMED_OUT}.
 * @param status     the reply's status; {@link KvStatus#TIMED_OUT} when none came after every
 *                   attempt, so that the operation may or may not have taken effect.
 * @param read       the value the reply carried (GET's, CAS_MISMATCH's current value), else null.
 */
public record KvOperation(
    int client, long request, KvOp op, String key, String value, String expected, long invokeNs, long completeNs,
    KvStatus status, String read)
{
    /** @return true when no reply came: the operation may have taken effect, at any time after its invocation. */
    public boolean indeterminate()
    {
        return status == KvStatus.TIMED_OUT;
    }

    /**
     * @return true when the reply says the server refused the request without touching the key
     * (malformed, too large, table full, stale): such an operation has no effect on the key.
     */
    public boolean refused()
    {
        return status == KvStatus.BAD_REQUEST || status == KvStatus.TOO_LARGE || status == KvStatus.FULL ||
            status == KvStatus.STALE_REQUEST || status == KvStatus.UNKNOWN;
    }
}
