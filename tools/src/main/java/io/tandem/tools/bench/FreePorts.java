package io.tandem.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Loopback UDP ports that were free a moment ago, for channels that must be named before they bind. */
final class FreePorts
{
    private FreePorts()
    {
    }

    /** @return a UDP port on 127.0.0.1 the kernel just handed out and that is closed again. */
    static int udp()
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback: " + ex.getMessage(), ex);
        }
    }
}
