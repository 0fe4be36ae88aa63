package io.tandem.tools.kv;

/** Operations of a {@code kvstore} request, with their wire codes. */
public enum KvOp
{
    /** Read a key's value. */
    GET(1),
    /** Store a value under a key, creating it if absent. */
    PUT(2),
    /** Remove a key. */
    DELETE(3),
    /** Store a value only if the current value equals the expected one. */
    CAS(4);

    private static final KvOp[] BY_CODE = {null, GET, PUT, DELETE, CAS};

    private final int code;

    KvOp(final int code)
    {
        this.code = code;
    }

    /** @return the wire code. */
    public int code()
    {
        return code;
    }

    /**
     * @param code a wire code.
     * @return the operation, or null when the code is not one.
     */
    public static KvOp get(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
