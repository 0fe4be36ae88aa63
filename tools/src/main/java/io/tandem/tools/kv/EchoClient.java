package io.tandem.tools.kv;

import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Blocking round trips to a UDP echo server: the network path alone, without a server's work,
 * as a baseline for the key-value figures.
 * <p>
 * Each payload starts with a u64 little-endian stamp that grows by one per round trip, the rest
 * is filler; only the datagram that comes back with the current stamp and the full length ends
 * the round trip, so late echoes of earlier payloads are dropped. Timeouts, resends and failover
 * work as in {@link KvClient}. Allocates nothing per round trip. Not thread-safe.
 */
public final class EchoClient implements AutoCloseable
{
    /** Bytes of the stamp at the start of each payload, and so the smallest payload. */
    public static final int STAMP_LENGTH = Long.BYTES;

    private final InetSocketAddress[] servers;
    private final int payloadLength;
    private final long timeoutNs;
    private final int maxAttempts;
    private final UdpEndpoint endpoint = new UdpEndpoint();
    private final ByteBuffer payloadBytes;
    private final UnsafeBuffer payload;
    private long stamp;
    private int serverIndex;

    private long roundTrips;
    private long retries;
    private long attemptTimeouts;
    private long callsTimedOut;
    private long strayReplies;

    /**
     * @param servers       echo servers, the first tried first.
     * @param payloadLength bytes per datagram, {@link #STAMP_LENGTH} to {@link KvProtocol#MAX_DATAGRAM_LENGTH}.
     * @param timeoutNs     how long to wait before resending.
     * @param maxAttempts   sends per round trip, the first included.
     */
    public EchoClient(
        final List<InetSocketAddress> servers, final int payloadLength, final long timeoutNs, final int maxAttempts)
    {
        if (servers.isEmpty())
        {
            throw new IllegalArgumentException("at least one server address is needed");
        }
        if (payloadLength < STAMP_LENGTH || payloadLength > KvProtocol.MAX_DATAGRAM_LENGTH)
        {
            throw new IllegalArgumentException("echo payload must be " + STAMP_LENGTH + ".." +
                KvProtocol.MAX_DATAGRAM_LENGTH + " bytes: " + payloadLength);
        }
        if (timeoutNs <= 0 || maxAttempts < 1)
        {
            throw new IllegalArgumentException("timeout must be positive and attempts at least 1");
        }
        this.servers = servers.toArray(new InetSocketAddress[0]);
        this.payloadLength = payloadLength;
        this.timeoutNs = timeoutNs;
        this.maxAttempts = maxAttempts;
        payloadBytes = ByteBuffer.allocateDirect(payloadLength);
        payload = new UnsafeBuffer(payloadBytes);
        for (int i = STAMP_LENGTH; i < payloadLength; i++)
        {
            payload.putByte(i, (byte)('a' + i % 26));
        }
    }

    /**
     * Sends the next payload and waits for it to come back, resending as needed.
     *
     * @return true when it came back; false after the last attempt timed out.
     */
    public boolean roundTrip()
    {
        roundTrips++;
        stamp++;
        payload.putLong(0, stamp, ByteOrder.LITTLE_ENDIAN);
        payloadBytes.limit(payloadLength);
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                retries++;
                serverIndex = (serverIndex + 1) % servers.length;
            }
            endpoint.send(payloadBytes, servers[serverIndex]);
            final long deadlineNs = System.nanoTime() + timeoutNs;
            while (true)
            {
                final int length = endpoint.receive(deadlineNs);
                if (length < 0)
                {
                    attemptTimeouts++;
                    break;
                }
                if (isEcho(endpoint.lastSender(), length))
                {
                    return true;
                }
                strayReplies++;
            }
        }
        callsTimedOut++;
        return false;
    }

    private boolean isEcho(final SocketAddress from, final int length)
    {
        if (length != payloadLength || endpoint.received().getLong(0, ByteOrder.LITTLE_ENDIAN) != stamp)
        {
            return false;
        }
        for (int i = 0; i < servers.length; i++)
        {
            if (servers[i].equals(from))
            {
                serverIndex = i;
                return sameBytes(length);
            }
        }
        return false;
    }

    private boolean sameBytes(final int length)
    {
        final UnsafeBuffer received = endpoint.received();
        for (int i = STAMP_LENGTH; i < length; i++)
        {
            if (received.getByte(i) != payload.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    /** @return round trips started. */
    public long roundTrips()
    {
        return roundTrips;
    }

    /** @return resends after a timeout. */
    public long retries()
    {
        return retries;
    }

    /** @return sends that got no echo within the timeout. */
    public long attemptTimeouts()
    {
        return attemptTimeouts;
    }

    /** @return round trips that ended without an echo. */
    public long callsTimedOut()
    {
        return callsTimedOut;
    }

    /** @return datagrams dropped: late echoes, wrong length or bytes, unknown sender. */
    public long strayReplies()
    {
        return strayReplies;
    }

    @Override
    public void close()
    {
        endpoint.close();
    }
}
