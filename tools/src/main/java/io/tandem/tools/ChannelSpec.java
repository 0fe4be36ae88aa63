package io.tandem.tools;

import io.aeron.ChannelUri;
import io.tandem.transport.aeron.PairTransport;

/**
 * A {@code --log-channel}, {@code --ack-channel} or {@code --arbiter-egress} value:
 * {@code HOST:PORT}, the UDP address the stream is received on ({@code [v6-address]:PORT} for
 * IPv6), or a full Aeron UDP channel URI. Where the peer must know the port (the pair's
 * channels) it is 1..65535; where the port is announced to the other side (the arbiter's egress,
 * which the cluster learns from the session request), 0 picks an ephemeral one.
 */
final class ChannelSpec
{
    private ChannelSpec()
    {
    }

    /**
     * @param option the option's name, for messages.
     * @param spec   its value.
     * @return the Aeron channel.
     * @throws IllegalArgumentException naming the option and what is wrong.
     */
    static String parse(final String option, final String spec)
    {
        return parse(option, spec, false);
    }

    /**
     * @param option    the option's name, for messages.
     * @param spec      its value.
     * @param ephemeral whether port 0 (an ephemeral port) is allowed.
     * @return the Aeron channel.
     * @throws IllegalArgumentException naming the option and what is wrong.
     */
    static String parse(final String option, final String spec, final boolean ephemeral)
    {
        if (spec.startsWith("aeron:"))
        {
            final ChannelUri uri;
            try
            {
                uri = ChannelUri.parse(spec);
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException(option + ": not an Aeron channel URI: " + spec + " (" +
                    ex.getMessage() + ")", ex);
            }
            if (!"udp".equals(uri.media()) || uri.get("endpoint") == null)
            {
                throw new IllegalArgumentException(option + " must be a UDP channel with an endpoint " +
                    "(aeron:udp?endpoint=HOST:PORT): " + spec);
            }
            return spec;
        }
        final int colon = spec.lastIndexOf(':');
        final String host = colon > 0 ? spec.substring(0, colon) : "";
        if (host.isEmpty() || (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))))
        {
            throw new IllegalArgumentException(option + " must be HOST:PORT (e.g. 127.0.0.1:40101, " +
                "[::1]:40101) or aeron:udp?endpoint=HOST:PORT: " + spec);
        }
        final int port;
        try
        {
            port = Integer.parseInt(spec.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + ": bad port '" + spec.substring(colon + 1) + "' in " + spec, ex);
        }
        if (port < (ephemeral ? 0 : 1) || port > 65535)
        {
            throw new IllegalArgumentException(option + ": port must be " + (ephemeral ? "0 (ephemeral)" : "1") +
                "..65535: " + spec);
        }
        final String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return PairTransport.udpChannel(bare, port);
    }
}
