package io.tandem.tools.kv;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of one blocking {@link KvClient} call: a status and, for a GET or a CAS mismatch,
 * the value. Immutable; the allocation-free path ({@link KvClient#execute}) does not make one.
 */
public final class KvResult
{
    private static final byte[] EMPTY = new byte[0];

    private final KvStatus status;
    private final byte[] value;
    private final int requestNo;
    private final int replySeq;
    private final int attempts;

    KvResult(final KvStatus status, final byte[] value, final int requestNo, final int replySeq, final int attempts)
    {
        this.status = status;
        this.value = value == null ? EMPTY : value;
        this.requestNo = requestNo;
        this.replySeq = replySeq;
        this.attempts = attempts;
    }

    /** @return the status; {@link KvStatus#TIMED_OUT} when no reply came. */
    public KvStatus status()
    {
        return status;
    }

    /** @return true for {@link KvStatus#OK}. */
    public boolean isOk()
    {
        return status == KvStatus.OK;
    }

    /** @return the value the reply carried (a copy), empty when none. */
    public byte[] value()
    {
        return value.clone();
    }

    /** @return the value decoded as UTF-8. */
    public String valueAsString()
    {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** @return the request number the call used. */
    public int requestNo()
    {
        return requestNo;
    }

    /** @return the reply's sequence number in its server's output stream; 0 without a reply. */
    public int replySeq()
    {
        return replySeq;
    }

    /** @return sends it took, 1 when the first one was answered. */
    public int attempts()
    {
        return attempts;
    }

    @Override
    public String toString()
    {
        return status + (value.length > 0 ? " " + valueAsString() : "");
    }
}
