package io.tandem.tools.kv;

/**
 * Limits of the {@code kvstore} protocol shared by the codecs and the client. The guest is the
 * judge of its own limits (it answers {@link KvStatus#TOO_LARGE} or {@link KvStatus#BAD_REQUEST});
 * these constants let a client refuse what cannot be sent at all.
 */
public final class KvProtocol
{
    /** Protocol version carried in the first byte of every request and response. */
    public static final int VERSION = 1;
    /** Smallest key length in bytes. */
    public static final int MIN_KEY_LENGTH = 1;
    /** Largest key length in bytes. */
    public static final int MAX_KEY_LENGTH = 64;
    /** Largest value (and CAS expected value) length in bytes. */
    public static final int MAX_VALUE_LENGTH = 1024;
    /**
     * Largest datagram that reaches the guest: a UDP payload in one unfragmented frame on a
     * 1500-byte MTU. The bridge drops anything larger, so a request that encodes to more can
     * only time out.
     */
    public static final int MAX_DATAGRAM_LENGTH = 1472;
    /** The guest's UDP port. */
    public static final int DEFAULT_PORT = 7000;

    private KvProtocol()
    {
    }
}
