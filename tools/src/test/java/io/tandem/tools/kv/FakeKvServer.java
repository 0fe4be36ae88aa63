package io.tandem.tools.kv;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A key-value server double on a loopback UDP port whose answers a test scripts, to drive the
 * client through what a well-behaved guest never does: silence, duplicates, stray and malformed
 * replies, a reply sequence that starts again. Every request it receives is queued for the test.
 */
final class FakeKvServer implements AutoCloseable
{
    /** What to do with one request. */
    @FunctionalInterface
    interface Behaviour
    {
        /**
         * @param server  to reply through.
         * @param request the request received.
         */
        void onRequest(FakeKvServer server, Request request);
    }

    /** Never answers. */
    static final Behaviour SILENT = (server, request) -> { };

    /** Answers OK, echoing the request's value as the response value. */
    static final Behaviour OK = (server, request) -> server.reply(request, KvStatus.OK, request.value);

    /** A received request, copied out of the receive buffer. */
    static final class Request
    {
        final byte[] bytes;
        final SocketAddress from;
        final int clientId;
        final int requestNo;
        final int op;
        final String key;
        final String value;

        Request(final byte[] bytes, final SocketAddress from)
        {
            this.bytes = bytes;
            this.from = from;
            final KvRequestDecoder decoder = new KvRequestDecoder().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            if (decoder.isComplete())
            {
                clientId = decoder.clientId();
                requestNo = decoder.requestNo();
                op = decoder.op();
                key = string(bytes, decoder.keyOffset(), decoder.keyLength());
                value = string(bytes, decoder.valueOffset(), decoder.valueLength());
            }
            else
            {
                clientId = 0;
                requestNo = 0;
                op = 0;
                key = null;
                value = null;
            }
        }

        private static String string(final byte[] bytes, final int offset, final int length)
        {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
    }

    private final DatagramChannel channel;
    private final Behaviour behaviour;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile int replySeq;

    FakeKvServer(final Behaviour behaviour)
    {
        this.behaviour = behaviour;
        try
        {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        thread = new Thread(this::serve, "fake-kv-server");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve()
    {
        final ByteBuffer received = ByteBuffer.allocate(UdpEndpoint.RECEIVE_BUFFER_LENGTH);
        while (true)
        {
            try
            {
                received.clear();
                final SocketAddress from = channel.receive(received);
                final byte[] bytes = new byte[received.position()];
                received.flip().get(bytes);
                final Request request = new Request(bytes, from);
                requests.add(request);
                behaviour.onRequest(this, request);
            }
            catch (final ClosedChannelException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** @return where clients send requests. */
    InetSocketAddress address()
    {
        try
        {
            return (InetSocketAddress)channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the next request received.
     * @throws AssertionError when none comes within ten seconds.
     */
    Request takeRequest()
    {
        try
        {
            final Request request = requests.poll(10, TimeUnit.SECONDS);
            if (request == null)
            {
                throw new AssertionError("no request reached the fake server");
            }
            return request;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** @return requests received and not taken yet. */
    int pendingRequests()
    {
        return requests.size();
    }

    /** @param next the reply sequence number the next reply will carry. */
    void replySeq(final int next)
    {
        replySeq = next - 1;
    }

    /**
     * Answers a request with the next reply sequence number.
     *
     * @param request the request answered.
     * @param status  the status.
     * @param value   the value, or null.
     */
    void reply(final Request request, final KvStatus status, final String value)
    {
        replySeq++;
        send(request.from, status.code(), request.clientId, request.requestNo, replySeq, value);
    }

    /**
     * Sends a response with every field chosen by the caller.
     *
     * @return its bytes, to send again with {@link #sendRaw}.
     */
    byte[] send(
        final SocketAddress to, final int status, final int clientId, final int requestNo, final int seq, final String value)
    {
        final byte[] bytes = encode(status, clientId, requestNo, seq, value);
        sendRaw(to, bytes);
        return bytes;
    }

    /** @return the bytes of a response with every field chosen by the caller. */
    static byte[] encode(final int status, final int clientId, final int requestNo, final int seq, final String value)
    {
        final byte[] valueBytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[KvResponseEncoder.HEADER_LENGTH + valueBytes.length];
        new KvResponseEncoder().wrap(new UnsafeBuffer(bytes), 0)
            .header(status, clientId, requestNo, seq)
            .value(new UnsafeBuffer(valueBytes), 0, valueBytes.length);
        return bytes;
    }

    /**
     * @param to    the destination.
     * @param bytes sent as they are.
     */
    void sendRaw(final SocketAddress to, final byte[] bytes)
    {
        try
        {
            channel.send(ByteBuffer.wrap(bytes), to);
        }
        catch (final ClosedChannelException ex)
        {
            // closed by the test while a scripted reply was going out: nobody listens any more
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
            thread.join(5_000);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
