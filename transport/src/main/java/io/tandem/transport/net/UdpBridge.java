package io.tandem.transport.net;

import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.wake.WakeSignal;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Bridges a host UDP socket to a guest's network card. Each datagram a client sends to the
 * socket becomes an Ethernet/IPv4/UDP frame from the gateway (10.0.2.2) to the guest
 * (10.0.2.15) at the guest port; each client gets its own source port on the gateway side, so
 * the guest's reply, sent back to that port, is forwarded to the right client (a one-to-one NAT).
 * <p>
 * A receiver thread writes frames into a single-producer ring buffer; the machine polls it
 * between instructions ({@link PacketSource}) and sends the guest's replies straight from its
 * own thread ({@link PacketSink}). Datagrams too large for one frame, frames the bridge cannot
 * map, and frames that arrive while the ring is full are dropped and counted, as a NIC would.
 * Each frame written to the ring raises a {@link WakeSignal} ({@link #wakeOnReceive}), so that a
 * machine thread parked while its guest waits takes the frame at once.
 */
public final class UdpBridge implements PacketSource, PacketSink, AutoCloseable
{
    /** First gateway-side port handed to clients. */
    public static final int FIRST_CLIENT_PORT = 40_000;
    /** Number of distinct clients tracked at once; the oldest mapping is reused after that. */
    public static final int MAX_CLIENTS = 16_384;
    private static final int RING_BYTES = 1 << 20;
    private static final int FRAME_MESSAGE = 1;

    private final DatagramChannel channel;
    private final int guestPort;
    private final byte[] guestMac;
    private final OneToOneRingBuffer ring = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
    private final AtomicReferenceArray<SocketAddress> clientByPort = new AtomicReferenceArray<>(MAX_CLIENTS);
    private final Map<SocketAddress, Integer> portByClient = new HashMap<>();
    private int nextClient;

    private final ByteBuffer transmitPayload = ByteBuffer.allocateDirect(GuestNetwork.MAX_UDP_PAYLOAD);
    private final MessageHandler copyOut = this::copyOut;
    private MutableDirectBuffer pollTarget;
    private int polledLength;

    private final AtomicLong datagramsIn = new AtomicLong();
    private final AtomicLong datagramsOut = new AtomicLong();
    private final AtomicLong droppedOversized = new AtomicLong();
    private final AtomicLong droppedRingFull = new AtomicLong();
    private final AtomicLong droppedFromGuest = new AtomicLong();
    private final Thread receiver;
    private volatile boolean running = true;
    private volatile WakeSignal onReceive = WakeSignal.NONE;

    /**
     * Binds the socket and starts the receiver thread.
     *
     * @param bind      host address and port to listen on.
     * @param guestPort the guest's UDP port that datagrams are delivered to.
     * @param guestMac  the guest card's MAC address.
     * @throws UncheckedIOException naming the address when it cannot be bound.
     */
    public UdpBridge(final InetSocketAddress bind, final int guestPort, final byte[] guestMac)
    {
        this.guestPort = guestPort;
        this.guestMac = guestMac.clone();
        try
        {
            channel = DatagramChannel.open();
            channel.bind(bind);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on UDP " + bind + ": " + ex.getMessage(), ex);
        }
        receiver = new Thread(this::receiveLoop, "tandem-udp-bridge");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** @return the bound socket address (useful with port 0). */
    public InetSocketAddress localAddress()
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

    private void receiveLoop()
    {
        final ByteBuffer datagram = ByteBuffer.allocateDirect(64 * 1024);
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
        while (running)
        {
            try
            {
                datagram.clear();
                final SocketAddress client = channel.receive(datagram);
                final int length = datagram.position();
                datagramsIn.incrementAndGet();
                if (length > GuestNetwork.MAX_UDP_PAYLOAD)
                {
                    droppedOversized.incrementAndGet();
                    continue;
                }
                final int port = portFor(client);
                frame.putBytes(GuestNetwork.HEADERS, datagram, 0, length);
                final int frameLength = UdpFrames.writeHeaders(frame, guestMac, GuestNetwork.GATEWAY_MAC,
                    GuestNetwork.GATEWAY_IP, GuestNetwork.GUEST_IP, port, guestPort, length);
                if (ring.write(FRAME_MESSAGE, frame, 0, frameLength))
                {
                    onReceive.wake(); // after the write: the woken thread finds the frame
                }
                else
                {
                    droppedRingFull.incrementAndGet();
                }
            }
            catch (final ClosedChannelException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                if (running)
                {
                    throw new UncheckedIOException("UDP bridge receive failed", ex);
                }
            }
        }
    }

    /**
     * @param signal raised after each frame is queued for the guest: the idle strategy of the
     *               thread that polls this bridge, or {@link WakeSignal#NONE}.
     */
    public void wakeOnReceive(final WakeSignal signal)
    {
        onReceive = signal;
    }

    private int portFor(final SocketAddress client)
    {
        final Integer known = portByClient.get(client);
        if (known != null)
        {
            return known;
        }
        final int index = nextClient;
        nextClient = (nextClient + 1) % MAX_CLIENTS;
        final SocketAddress previous = clientByPort.getAndSet(index, client);
        if (previous != null)
        {
            portByClient.remove(previous);
        }
        final int port = FIRST_CLIENT_PORT + index;
        portByClient.put(client, port);
        return port;
    }

    @Override
    public int poll(final MutableDirectBuffer buffer)
    {
        pollTarget = buffer;
        polledLength = -1;
        ring.read(copyOut, 1);
        pollTarget = null;
        return polledLength;
    }

    private void copyOut(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        pollTarget.putBytes(0, buffer, index, length);
        polledLength = length;
    }

    @Override
    public void send(final DirectBuffer frame, final int offset, final int length)
    {
        final int payload = UdpFrames.udpPayloadLength(frame, offset, length);
        if (payload < 0 || UdpFrames.destinationIp(frame, offset) != GuestNetwork.GATEWAY_IP ||
            payload > GuestNetwork.MAX_UDP_PAYLOAD)
        {
            droppedFromGuest.incrementAndGet(); // ARP, other protocols, malformed: nothing to forward
            return;
        }
        final int index = UdpFrames.destinationPort(frame, offset) - FIRST_CLIENT_PORT;
        final SocketAddress client = index >= 0 && index < MAX_CLIENTS ? clientByPort.get(index) : null;
        if (client == null)
        {
            droppedFromGuest.incrementAndGet();
            return;
        }
        transmitPayload.clear();
        frame.getBytes(offset + GuestNetwork.HEADERS, transmitPayload, 0, payload);
        transmitPayload.limit(payload);
        try
        {
            channel.send(transmitPayload, client);
            datagramsOut.incrementAndGet();
        }
        catch (final IOException ex)
        {
            droppedFromGuest.incrementAndGet(); // a client that went away is not the guest's problem
        }
    }

    /** @return datagrams received from clients. */
    public long datagramsIn()
    {
        return datagramsIn.get();
    }

    /** @return datagrams sent to clients. */
    public long datagramsOut()
    {
        return datagramsOut.get();
    }

    /** @return datagrams dropped because they do not fit in one frame. */
    public long droppedOversized()
    {
        return droppedOversized.get();
    }

    /** @return datagrams dropped because the guest was not taking frames fast enough. */
    public long droppedRingFull()
    {
        return droppedRingFull.get();
    }

    /** @return guest frames the bridge could not forward. */
    public long droppedFromGuest()
    {
        return droppedFromGuest.get();
    }

    @Override
    public void close()
    {
        running = false;
        CloseHelper.quietClose(channel);
        try
        {
            receiver.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
