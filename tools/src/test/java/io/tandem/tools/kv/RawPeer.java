package io.tandem.tools.kv;

import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A bare UDP socket for tests that must control every byte: hand-built requests, resends with an
 * old request number, malformed and oversized datagrams.
 */
final class RawPeer implements AutoCloseable
{
    static final long REPLY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final UdpEndpoint endpoint = new UdpEndpoint();
    private final InetSocketAddress server;
    private final ByteBuffer sendBytes = ByteBuffer.allocateDirect(UdpEndpoint.RECEIVE_BUFFER_LENGTH);
    private final UnsafeBuffer send = new UnsafeBuffer(sendBytes);
    private final KvRequestEncoder encoder = new KvRequestEncoder();
    private final KvResponseDecoder decoder = new KvResponseDecoder();

    RawPeer(final InetSocketAddress server)
    {
        this.server = server;
    }

    /** @return an encoder wrapped at the start of the send buffer, for a hand-built request. */
    KvRequestEncoder encoder()
    {
        return encoder.wrap(send, 0);
    }

    /**
     * Builds a well-formed request (expected and value may be null).
     *
     * @return the request bytes, to send with {@link #send(byte[])}.
     */
    static byte[] request(
        final KvOp op, final int clientId, final int requestNo, final String key, final String expected, final String value)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[KvProtocol.MAX_DATAGRAM_LENGTH]);
        final KvRequestEncoder encoder = new KvRequestEncoder().wrap(buffer, 0).header(op, clientId, requestNo);
        final byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        encoder.key(new UnsafeBuffer(keyBytes), 0, keyBytes.length);
        if (expected != null)
        {
            final byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
            encoder.expected(new UnsafeBuffer(bytes), 0, bytes.length);
        }
        if (value != null)
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            encoder.value(new UnsafeBuffer(bytes), 0, bytes.length);
        }
        final byte[] request = new byte[encoder.encodedLength()];
        buffer.getBytes(0, request);
        return request;
    }

    /** @param datagram sent as it is. */
    void send(final byte[] datagram)
    {
        send.putBytes(0, datagram);
        sendBytes.limit(datagram.length).position(0);
        endpoint.send(sendBytes, server);
    }

    /** @param length sends the first {@code length} bytes of the buffer behind {@link #encoder()}. */
    void sendEncoded(final int length)
    {
        sendBytes.limit(length).position(0);
        endpoint.send(sendBytes, server);
    }

    /**
     * @return the next datagram decoded as a response.
     * @throws AssertionError when none comes within {@link #REPLY_TIMEOUT_NS}.
     */
    KvResponseDecoder receive()
    {
        final int length = endpoint.receive(System.nanoTime() + REPLY_TIMEOUT_NS);
        if (length < 0)
        {
            throw new AssertionError("no reply within " + TimeUnit.NANOSECONDS.toSeconds(REPLY_TIMEOUT_NS) + " s");
        }
        return decoder.wrap(endpoint.received(), 0, length);
    }

    /**
     * @return the next datagram's bytes.
     * @throws AssertionError when none comes within {@link #REPLY_TIMEOUT_NS}.
     */
    byte[] receiveBytes()
    {
        final int length = endpoint.receive(System.nanoTime() + REPLY_TIMEOUT_NS);
        if (length < 0)
        {
            throw new AssertionError("no datagram within " + TimeUnit.NANOSECONDS.toSeconds(REPLY_TIMEOUT_NS) + " s");
        }
        final byte[] bytes = new byte[length];
        endpoint.received().getBytes(0, bytes);
        return bytes;
    }

    /**
     * @param response a decoded response.
     * @return its value as UTF-8.
     */
    static String value(final KvResponseDecoder response)
    {
        final byte[] bytes = new byte[response.valueLength()];
        response.buffer().getBytes(response.valueOffset(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        endpoint.close();
    }
}
