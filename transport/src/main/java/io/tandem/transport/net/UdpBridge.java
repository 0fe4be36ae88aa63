package io.tandem.transport.net;

import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.wake.ChannelWatch;
import io.tandem.engine.wake.WakeSignal;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import io.tandem.engine.replica.RequestTimeline;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

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
 * <p>
 * A polled bridge ({@link #polled}) has no receiver thread: the machine's thread reads the
 * non-blocking socket itself, when its idle strategy's selector finds it readable
 * ({@link #watchedBy}) and, while its guest computes, when the machine polls for a frame and
 * none was read for {@link #DEFAULT_POLL_INTERVAL_NS}. That saves the receiver's wake-up and
 * its hand-off on every request. Any thread may read the socket; one at a time does, the others
 * leave it (the ring has one producer at a time).
 */
public final class UdpBridge implements PacketSource, PacketSink, AutoCloseable
{
    /** First gateway-side port handed to clients. */
    public static final int FIRST_CLIENT_PORT = 40_000;
    /** Number of distinct clients tracked at once; the oldest mapping is reused after that. */
    public static final int MAX_CLIENTS = 16_384;
    /**
     * A polled bridge's machine, computing, reads the socket for a frame at most this often, ns
     * ({@code tandem.net.poll.interval.us}, default 20): each look is a system call.
     */
    public static final long DEFAULT_POLL_INTERVAL_NS = Long.getLong("tandem.net.poll.interval.us", 20) * 1000;
    private static final int RING_BYTES = 1 << 20;
    private static final int FRAME_MESSAGE = 1;
    private static final int MAX_DATAGRAMS_PER_READ = 64;

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
    /**
     * Held by the thread inside {@link #poll}: in one process a backup that went live polls the
     * bridge while its old primary, not yet halted, may still poll it, and the ring and the poll
     * target take one consumer at a time.
     */
    private final AtomicBoolean polling = new AtomicBoolean();

    private final AtomicLong datagramsIn = new AtomicLong();
    private final AtomicLong datagramsOut = new AtomicLong();
    private final AtomicLong droppedOversized = new AtomicLong();
    private final AtomicLong droppedRingFull = new AtomicLong();
    private final AtomicLong droppedFromGuest = new AtomicLong();
    private final Thread receiver;
    private volatile boolean running = true;
    private volatile WakeSignal onReceive = WakeSignal.NONE;

    private final ByteBuffer datagram = ByteBuffer.allocateDirect(64 * 1024);
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    /** Held by the thread that reads the socket of a polled bridge (it writes the ring and the client map). */
    private final AtomicBoolean reading = new AtomicBoolean();
    private final long pollIntervalNs;
    /** When a polled bridge's socket was last read; racy reads only move the next look a little. */
    private long lastReadNs;

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
        this(bind, guestPort, guestMac, true, 0);
    }

    private UdpBridge(final InetSocketAddress bind, final int guestPort, final byte[] guestMac,
        final boolean withReceiver, final long pollIntervalNs)
    {
        this.guestPort = guestPort;
        this.guestMac = guestMac.clone();
        this.pollIntervalNs = pollIntervalNs;
        DatagramChannel opened = null;
        try
        {
            opened = DatagramChannel.open();
            opened.bind(bind);
            opened.configureBlocking(withReceiver);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(opened);
            throw new UncheckedIOException("cannot listen on UDP " + bind + ": " + ex.getMessage(), ex);
        }
        channel = opened;
        if (withReceiver)
        {
            receiver = new Thread(this::receiveLoop, "tandem-udp-bridge");
            receiver.setDaemon(true);
            receiver.start();
        }
        else
        {
            receiver = null;
        }
    }

    /**
     * A bridge without a receiver thread: the threads that poll it read its socket (see the class
     * comment); give it to their idle strategies with {@link #watchedBy}.
     *
     * @param bind      host address and port to listen on.
     * @param guestPort the guest's UDP port that datagrams are delivered to.
     * @param guestMac  the guest card's MAC address.
     * @return the bound bridge.
     * @throws UncheckedIOException naming the address when it cannot be bound.
     */
    public static UdpBridge polled(final InetSocketAddress bind, final int guestPort, final byte[] guestMac)
    {
        return new UdpBridge(bind, guestPort, guestMac, false, DEFAULT_POLL_INTERVAL_NS);
    }

    /**
     * A polled bridge's socket wakes a thread that waits in {@code idle}, which reads it there.
     *
     * @param idle   the idle strategy of a thread that polls this bridge.
     * @param active while false, that thread is not woken for datagrams (a backup that follows).
     * @return this.
     * @throws IllegalStateException for a bridge with a receiver thread, which reads the socket itself.
     */
    public UdpBridge watchedBy(final ChannelWatch idle, final BooleanSupplier active)
    {
        if (receiver != null)
        {
            throw new IllegalStateException("this bridge has a receiver thread: wake its pollers with wakeOnReceive");
        }
        idle.watch(channel, this::readAvailable, active);
        return this;
    }

    /** @return true when the bridge has no receiver thread and its pollers read the socket. */
    public boolean isPolled()
    {
        return receiver == null;
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
        while (running)
        {
            try
            {
                datagram.clear();
                final SocketAddress client = channel.receive(datagram);
                deliver(client, datagram.position());
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
     * A polled bridge's socket read without blocking, up to 64 datagrams, each queued for the
     * guest as a frame; nothing when another thread reads it now.
     *
     * @return datagrams read.
     * @throws UncheckedIOException when the socket fails other than by being closed.
     */
    public int readAvailable()
    {
        if (receiver != null || !reading.compareAndSet(false, true))
        {
            return 0;
        }
        int read = 0;
        try
        {
            while (read < MAX_DATAGRAMS_PER_READ)
            {
                datagram.clear();
                final SocketAddress client = channel.receive(datagram);
                if (client == null)
                {
                    break;
                }
                read++;
                deliver(client, datagram.position());
            }
        }
        catch (final ClosedChannelException ex)
        {
            // closed with the pair: nothing more comes
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("UDP bridge receive failed", ex);
        }
        finally
        {
            lastReadNs = System.nanoTime();
            reading.set(false); // releases the ring's and the client map's writes to the next reader
        }
        return read;
    }

    /** One datagram from a client, as a frame for the guest; too large or no room: dropped and counted. */
    private void deliver(final SocketAddress client, final int length)
    {
        datagramsIn.incrementAndGet();
        if (length > GuestNetwork.MAX_UDP_PAYLOAD)
        {
            droppedOversized.incrementAndGet();
            return;
        }
        final int port = portFor(client);
        frame.putBytes(GuestNetwork.HEADERS, datagram, 0, length);
        final int frameLength = UdpFrames.writeHeaders(frame, guestMac, GuestNetwork.GATEWAY_MAC,
            GuestNetwork.GATEWAY_IP, GuestNetwork.GUEST_IP, port, guestPort, length);
        if (ring.write(FRAME_MESSAGE, frame, 0, frameLength))
        {
            if (RequestTimeline.ENABLED)
            {
                RequestTimeline.PAIR.read();
            }
            onReceive.wake(); // after the write: the woken thread finds the frame
        }
        else
        {
            droppedRingFull.incrementAndGet();
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
        if (!polling.compareAndSet(false, true))
        {
            return -1; // the other replica is taking a frame: the next look finds the rest
        }
        try
        {
            pollTarget = buffer;
            polledLength = -1;
            if (ring.read(copyOut, 1) == 0 && receiver == null && System.nanoTime() - lastReadNs >= pollIntervalNs &&
                readAvailable() > 0)
            {
                ring.read(copyOut, 1);
            }
            pollTarget = null;
            return polledLength;
        }
        finally
        {
            polling.set(false);
        }
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
        if (receiver == null)
        {
            return;
        }
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
