package io.tandem.node;

import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.wake.WakeSignal;
import io.tandem.transport.net.UdpBridge;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * The client-facing address of a backup in its own process: bound only when the backup first
 * touches its network, which happens only once it has gone live (a following backup takes its
 * frames from the log and holds its outputs). Until then a client's datagrams to this address
 * go nowhere and the client resends to the primary; from then on this address serves.
 * <p>
 * The address is tried once at start-up, so that one already in use is reported at once rather
 * than at the failover. Polled and sent to from the backup's thread only; the bound bridge is
 * published for other threads.
 */
final class DeferredUdpBridge implements PacketSource, PacketSink, AutoCloseable
{
    private final InetSocketAddress bind;
    private final int guestPort;
    private final byte[] guestMac;
    private UdpBridge bridge;
    private WakeSignal onReceive = WakeSignal.NONE;
    private volatile UdpBridge published;
    private volatile boolean closed;

    /**
     * @param bind      host address and port to serve on once live.
     * @param guestPort the guest's UDP port.
     * @param guestMac  the guest card's MAC address.
     * @throws UncheckedIOException naming the address when it cannot be bound now.
     */
    DeferredUdpBridge(final InetSocketAddress bind, final int guestPort, final byte[] guestMac)
    {
        this.bind = bind;
        this.guestPort = guestPort;
        this.guestMac = guestMac.clone();
        try (DatagramChannel probe = DatagramChannel.open())
        {
            probe.bind(bind);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on UDP " + bind + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public int poll(final MutableDirectBuffer buffer)
    {
        return open().poll(buffer);
    }

    @Override
    public void send(final DirectBuffer frame, final int offset, final int length)
    {
        open().send(frame, offset, length);
    }

    private UdpBridge open()
    {
        if (bridge == null)
        {
            if (closed)
            {
                throw new IllegalStateException("the backup's network is closed");
            }
            bridge = new UdpBridge(bind, guestPort, guestMac);
            bridge.wakeOnReceive(onReceive);
            published = bridge;
        }
        return bridge;
    }

    /** @param signal raised for each frame once bound (see {@link UdpBridge#wakeOnReceive}); set before the backup runs. */
    void wakeOnReceive(final WakeSignal signal)
    {
        onReceive = signal;
    }

    /** @return the bound address once live; the configured one before. */
    InetSocketAddress address()
    {
        final UdpBridge bound = published;
        return bound != null ? bound.localAddress() : bind;
    }

    /** @return true once the address is bound. */
    boolean bound()
    {
        return published != null;
    }

    /** Call after the backup's thread has stopped. */
    @Override
    public void close()
    {
        closed = true;
        CloseHelper.close(published);
    }
}
