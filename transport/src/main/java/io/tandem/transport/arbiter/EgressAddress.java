package io.tandem.transport.arbiter;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The egress channel a client of the arbiter cluster binds when it is given none: this host's
 * address on the route to the first member the host has a route to, on an ephemeral port. So that
 * a cluster on other hosts can answer, as it could not answer {@code localhost}. Connecting a UDP
 * socket sends nothing: it only asks the kernel which local address the route uses.
 */
final class EgressAddress
{
    /** When no member's address resolves or routes: the cluster can then only be on this host. */
    static final String LOOPBACK_CHANNEL = "aeron:udp?endpoint=localhost:0";

    private EgressAddress()
    {
    }

    /**
     * @param ingressEndpoints the members, {@code 0=host:port,1=host:port,...}.
     * @return {@code aeron:udp?endpoint=ADDRESS:0} for this host's address toward the first member
     *         with a route, or {@link #LOOPBACK_CHANNEL} when none has one.
     */
    static String channelToward(final String ingressEndpoints)
    {
        for (final String endpoint : ingressEndpoints.split(","))
        {
            final String hostPort = endpoint.substring(endpoint.indexOf('=') + 1).trim();
            final int colon = hostPort.lastIndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]"))
            {
                host = host.substring(1, host.length() - 1);
            }
            final InetAddress local = localAddressToward(host, Integer.parseInt(hostPort.substring(colon + 1)));
            if (local != null)
            {
                return "aeron:udp?endpoint=" + literal(local) + ":0";
            }
        }
        return LOOPBACK_CHANNEL;
    }

    private static InetAddress localAddressToward(final String host, final int port)
    {
        try (DatagramSocket probe = new DatagramSocket())
        {
            probe.connect(new InetSocketAddress(InetAddress.getByName(host), port));
            final InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? null : local;
        }
        catch (final IOException | RuntimeException ex)
        {
            // Unknown host or no route: try the next member; the start-up query then says what failed.
            return null;
        }
    }

    private static String literal(final InetAddress address)
    {
        if (address instanceof Inet6Address)
        {
            final String text = address.getHostAddress();
            final int scope = text.indexOf('%');
            return "[" + (scope < 0 ? text : text.substring(0, scope)) + "]";
        }
        return address.getHostAddress();
    }
}
