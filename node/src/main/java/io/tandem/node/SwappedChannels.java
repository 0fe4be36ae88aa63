package io.tandem.node;

import io.aeron.ChannelUri;
import io.tandem.transport.aeron.PairTransport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The pair's two UDP channels when the replicas swap roles. Each channel's endpoint is where its
 * receiver listens: the log's on the backup's host, the acknowledgements' on the primary's. When
 * the roles swap, the two channels swap whole: the new primary takes acknowledgements on the
 * endpoint where it received the log, and sends its log to the endpoint where the old primary
 * took acknowledgements. With {@code --log-channel B:40101 --ack-channel A:40102}, B live logs
 * to {@code A:40102} and takes acknowledgements on {@code B:40101}; each host receives on one port
 * for the pair's whole life, whatever its role (the streams on it are told apart by their stream
 * ids): a replica that changes roles opens the ends of its new role on the socket it already has,
 * and keeps them for the next change. (Swapping only the hosts, keeping each stream's port, made
 * each replica bind the port its peer was letting go of: on one host Aeron took 1.0-1.9 s to let
 * the new role bind it.) A channel URI stays as given, with its other
 * parameters (an interface, say), now used in the other direction.
 */
public final class SwappedChannels
{
    private SwappedChannels()
    {
    }

    /**
     * @param logChannel the log's channel as one role uses it.
     * @param ackChannel the acknowledgements' channel as that role uses it.
     * @return the log's channel with the roles swapped: the acknowledgements' channel.
     */
    public static String log(final String logChannel, final String ackChannel)
    {
        return ackChannel;
    }

    /**
     * @param logChannel the log's channel as one role uses it.
     * @param ackChannel the acknowledgements' channel as that role uses it.
     * @return the acknowledgements' channel with the roles swapped: the log's channel.
     */
    public static String ack(final String logChannel, final String ackChannel)
    {
        return logChannel;
    }

    /**
     * Whether this process can receive on a channel's endpoint: its address is one of this
     * host's and nothing holds its port (a UDP socket binds it). A backup that joins a pair with
     * the pair's two options receives the log on the endpoint of the two that is free here: the
     * running primary holds the other one (it takes acknowledgements there), on this host or on
     * its own. When only the acknowledgements' endpoint is free, the primary it joins took over
     * from the other side, and the joiner uses the channels swapped.
     *
     * @param channel a UDP channel.
     * @return true when the endpoint can be bound here now.
     */
    public static boolean receivesHere(final String channel)
    {
        if (PairTransport.IPC_CHANNEL.equals(channel))
        {
            return true;
        }
        final InetAddress address;
        final int port;
        try
        {
            final String endpoint = ChannelUri.parse(channel).get("endpoint");
            address = InetAddress.getByName(unbracketed(host(channel)));
            port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        }
        catch (final UnknownHostException | RuntimeException ex)
        {
            return false;
        }
        try (DatagramSocket socket = new DatagramSocket(null))
        {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** @return the endpoint's host, as written (an IPv6 address in brackets). */
    static String host(final String channel)
    {
        final String endpoint = ChannelUri.parse(channel).get("endpoint");
        if (endpoint == null || endpoint.lastIndexOf(':') <= 0)
        {
            throw new IllegalArgumentException("not a UDP channel with an endpoint HOST:PORT: " + channel);
        }
        return endpoint.substring(0, endpoint.lastIndexOf(':'));
    }

    private static String unbracketed(final String host)
    {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
