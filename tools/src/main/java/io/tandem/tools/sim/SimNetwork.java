package io.tandem.tools.sim;

import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.machine.MachineContext;
import io.tandem.transport.net.GuestNetwork;
import io.tandem.transport.net.UdpFrames;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The clients' side of a simulated pair: UDP over Ethernet frames between the clients and the
 * replicas' network cards, each frame late by a delay drawn from the seed. A client's request
 * goes to every replica that serves the address at the time it arrives (the primary until it
 * stops; the backup once live), as a request sent to both hosts of a pair would; a replica's
 * reply goes to the client whose port it names.
 */
final class SimNetwork
{
    /** The first client's UDP port; client {@code i} is on {@code FIRST_PORT + i}. */
    static final int FIRST_PORT = 40_000;
    private static final int GUEST_PORT = 7000;

    private record Datagram(long dueNs, long order, int replica, int client, byte[] bytes)
    {
    }

    private final NanoClock clock;
    private final SplittableRandom random;
    private final PriorityQueue<Datagram> inFlight = new PriorityQueue<>((a, b) -> a.dueNs != b.dueNs ?
        Long.compare(a.dueNs, b.dueNs) : Long.compare(a.order, b.order));
    private final ArrayDeque<byte[]>[] inbound;
    private final BooleanSupplier[] serving;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[GuestNetwork.HEADERS + GuestNetwork.MAX_UDP_PAYLOAD]);
    private long order;
    private SimClients clients;
    private long lossUntilNs;
    private long duplicateUntilNs;
    private long lost;
    private long duplicated;

    @SuppressWarnings("unchecked")
    SimNetwork(final NanoClock clock, final SplittableRandom random)
    {
        this.clock = clock;
        this.random = random;
        inbound = new ArrayDeque[] {new ArrayDeque<byte[]>(), new ArrayDeque<byte[]>()};
        serving = new BooleanSupplier[] {() -> false, () -> false};
    }

    void clients(final SimClients clients)
    {
        this.clients = clients;
    }

    /** @param replica 0 the primary, 1 the backup; @param serving whether it takes the address's frames now. */
    void serving(final int replica, final BooleanSupplier serving)
    {
        this.serving[replica] = serving;
    }

    private long delayNs()
    {
        return 20_000 + random.nextLong(180_000);
    }

    /** A quarter of the datagrams sent before {@code untilNs}, either way, are lost. */
    void lossUntil(final long untilNs)
    {
        lossUntilNs = Math.max(lossUntilNs, untilNs);
    }

    /** A third of the datagrams sent before {@code untilNs}, either way, arrive twice. */
    void duplicateUntil(final long untilNs)
    {
        duplicateUntilNs = Math.max(duplicateUntilNs, untilNs);
    }

    /** @return datagrams lost so far. */
    long lost()
    {
        return lost;
    }

    /** @return datagrams that arrived twice so far. */
    long duplicated()
    {
        return duplicated;
    }

    /** Sends one datagram into the network, which may lose it or deliver it twice. */
    private void send(final int replica, final int client, final byte[] bytes)
    {
        final long now = clock.nanoTime();
        if (now < lossUntilNs && random.nextInt(4) == 0)
        {
            lost++;
            return;
        }
        inFlight.add(new Datagram(now + delayNs(), order++, replica, client, bytes));
        if (now < duplicateUntilNs && random.nextInt(3) == 0)
        {
            duplicated++;
            inFlight.add(new Datagram(now + delayNs() + random.nextLong(2_000_000), order++, replica, client, bytes));
        }
    }

    /** A client's request datagram, to whoever serves the address when it arrives. */
    void request(final int client, final DirectBuffer payload, final int length)
    {
        final byte[] bytes = new byte[length];
        payload.getBytes(0, bytes);
        for (int replica = 0; replica < 2; replica++)
        {
            send(replica, client, bytes);
        }
    }

    /** Delivers what is due: requests into the serving replicas' cards, replies to their clients. */
    void deliver()
    {
        final long now = clock.nanoTime();
        while (!inFlight.isEmpty() && inFlight.peek().dueNs() <= now)
        {
            final Datagram datagram = inFlight.poll();
            if (datagram.replica() < 0)
            {
                clients.reply(datagram.client(), datagram.bytes());
            }
            else if (serving[datagram.replica()].getAsBoolean())
            {
                frame.putBytes(GuestNetwork.HEADERS, datagram.bytes());
                final int length = UdpFrames.writeHeaders(frame, MachineContext.DEFAULT_MAC_ADDRESS,
                    GuestNetwork.GATEWAY_MAC, GuestNetwork.GATEWAY_IP, GuestNetwork.GUEST_IP,
                    FIRST_PORT + datagram.client(), GUEST_PORT, datagram.bytes().length);
                final byte[] bytes = new byte[length];
                frame.getBytes(0, bytes);
                inbound[datagram.replica()].add(bytes);
            }
        }
    }

    /** @return the network card's source of replica {@code replica}. */
    PacketSource source(final int replica)
    {
        final ArrayDeque<byte[]> queue = inbound[replica];
        return buffer ->
        {
            final byte[] next = queue.poll();
            if (next == null)
            {
                return -1;
            }
            buffer.putBytes(0, next);
            return next.length;
        };
    }

    /** @return where replica {@code replica}'s transmitted frames go (after the output rule). */
    PacketSink sink(final int replica)
    {
        return (buffer, offset, length) ->
        {
            final int payload = UdpFrames.udpPayloadLength(buffer, offset, length);
            if (payload < 0 || UdpFrames.destinationIp(buffer, offset) != GuestNetwork.GATEWAY_IP)
            {
                return;
            }
            final int client = UdpFrames.destinationPort(buffer, offset) - FIRST_PORT;
            final byte[] bytes = new byte[payload];
            buffer.getBytes(offset + GuestNetwork.HEADERS, bytes);
            send(-1, client, bytes);
        };
    }
}
