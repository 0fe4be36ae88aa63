package io.tandem.tools.kv;

/**
 * Outcome of a {@code kvstore} request: the wire statuses, plus two that only the client
 * produces and that never travel on the wire.
 */
public enum KvStatus
{
    /** Done; a GET or CAS_MISMATCH response carries the current value. */
    OK(0),
    /** The key does not exist. */
    NOT_FOUND(1),
    /** CAS: the current value differs from the expected one; the response carries it. */
    CAS_MISMATCH(2),
    /** Malformed request: bad version, op, key length or field lengths. */
    BAD_REQUEST(3),
    /** A value or expected value longer than the server accepts. */
    TOO_LARGE(4),
    /** The server has no room for another key or another client. */
    FULL(5),
    /** The request number is lower than one the server already answered for this client. */
    STALE_REQUEST(6),
    /** Client only: a status code this client does not know. */
    UNKNOWN(-1),
    /** Client only: no reply after every attempt. */
    TIMED_OUT(-2);

    private static final KvStatus[] BY_CODE = {OK, NOT_FOUND, CAS_MISMATCH, BAD_REQUEST, TOO_LARGE, FULL, STALE_REQUEST};

    private final int code;

    KvStatus(final int code)
    {
        this.code = code;
    }

    /** @return the wire code; negative for the client-only statuses. */
    public int code()
    {
        return code;
    }

    /**
     * @param code a wire status code.
     * @return its status, {@link #UNKNOWN} for a code outside the protocol.
     */
    public static KvStatus get(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
    }
}
