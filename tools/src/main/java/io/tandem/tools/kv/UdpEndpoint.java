package io.tandem.tools.kv;

import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One unconnected UDP socket with a deadline-bounded receive: the part the request/reply
 * clients share. Unconnected, so that a late reply from a server the client has already
 * failed over from is still received (and may still complete the request).
 * <p>
 * Waiting blocks in a selector rather than spinning: a load run puts several clients and the
 * machine itself on the same few cores, and a spinning client would steal the guest's CPU.
 * Receive and send reuse direct buffers; the selector is driven with a reused action, so
 * waiting does not fill (and allocate into) the selected-key set.
 */
final class UdpEndpoint implements AutoCloseable
{
    /** A whole UDP datagram fits, so an over-long reply is seen whole and refused, not cut. */
    static final int RECEIVE_BUFFER_LENGTH = 64 * 1024;

    private final DatagramChannel channel;
    private final Selector selector;
    private final Consumer<SelectionKey> ignoreKey = key -> { };
    private final ByteBuffer receiveBytes = ByteBuffer.allocateDirect(RECEIVE_BUFFER_LENGTH);
    private final UnsafeBuffer received = new UnsafeBuffer(receiveBytes);
    private SocketAddress lastSender;
    private long sendFailures;

    UdpEndpoint()
    {
        DatagramChannel opened = null;
        Selector openedSelector = null;
        try
        {
            opened = DatagramChannel.open();
            opened.bind(null);
            opened.configureBlocking(false);
            openedSelector = Selector.open();
            opened.register(openedSelector, SelectionKey.OP_READ);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(opened, openedSelector);
            throw new UncheckedIOException("cannot open a UDP socket: " + ex.getMessage(), ex);
        }
        channel = opened;
        selector = openedSelector;
    }

    /** @return the local address replies come to. */
    InetSocketAddress localAddress()
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
     * Sends bytes 0..limit of a buffer. A datagram the socket cannot take now is lost, as on the
     * wire: the caller's timeout resends it.
     *
     * @param datagram the bytes, from 0 to its limit.
     * @param to       the destination.
     */
    void send(final ByteBuffer datagram, final InetSocketAddress to)
    {
        datagram.position(0);
        try
        {
            if (channel.send(datagram, to) == 0)
            {
                sendFailures++;
            }
        }
        catch (final IOException ex)
        {
            // No route, address unusable: treated as loss so that failover moves on to the next server.
            sendFailures++;
        }
    }

    /**
     * Waits for the next datagram until a deadline.
     *
     * @param deadlineNs {@link System#nanoTime()} at which to give up.
     * @return its length in {@link #received()}, or -1 at the deadline.
     */
    int receive(final long deadlineNs)
    {
        try
        {
            while (true)
            {
                receiveBytes.clear();
                final SocketAddress from = channel.receive(receiveBytes);
                if (from != null)
                {
                    lastSender = from;
                    return receiveBytes.position();
                }
                final long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0)
                {
                    return -1;
                }
                // Selector timeouts are in milliseconds: round up so the wait never ends early
                // and turns into a busy loop for the last fraction of a millisecond.
                selector.select(ignoreKey, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNs + 999_999)));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("UDP receive failed: " + ex.getMessage(), ex);
        }
    }

    /** @return the buffer holding the last datagram received. */
    UnsafeBuffer received()
    {
        return received;
    }

    /** @return the sender of the last datagram received. */
    SocketAddress lastSender()
    {
        return lastSender;
    }

    /** @return datagrams the socket refused to send. */
    long sendFailures()
    {
        return sendFailures;
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(selector, channel);
    }
}
