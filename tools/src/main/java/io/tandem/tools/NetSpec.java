package io.tandem.tools;

import java.net.InetSocketAddress;

/**
 * A {@code --net} value: {@code udp:[HOST:]PORT[=GUESTPORT]}. The host address defaults to
 * loopback and the guest port to the host port.
 */
final class NetSpec
{
    final InetSocketAddress bind;
    final int guestPort;

    private NetSpec(final InetSocketAddress bind, final int guestPort)
    {
        this.bind = bind;
        this.guestPort = guestPort;
    }

    static NetSpec parse(final String spec)
    {
        if (!spec.startsWith("udp:"))
        {
            throw new IllegalArgumentException("--net must be udp:[HOST:]PORT[=GUESTPORT]: " + spec);
        }
        String rest = spec.substring(4);
        int guestPort = -1;
        final int equals = rest.indexOf('=');
        if (equals >= 0)
        {
            guestPort = port(rest.substring(equals + 1), spec);
            rest = rest.substring(0, equals);
        }
        final int colon = rest.lastIndexOf(':');
        final String host = colon >= 0 ? rest.substring(0, colon) : "127.0.0.1";
        final int port = port(rest.substring(colon + 1), spec);
        if (port == 0 && guestPort < 0)
        {
            throw new IllegalArgumentException("--net with port 0 needs =GUESTPORT: " + spec);
        }
        return new NetSpec(new InetSocketAddress(host, port), guestPort < 0 ? port : guestPort);
    }

    private static int port(final String text, final String spec)
    {
        try
        {
            final int port = Integer.parseInt(text);
            if (port < 0 || port > 65535)
            {
                throw new NumberFormatException();
            }
            return port;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad port '" + text + "' in --net " + spec, ex);
        }
    }
}
