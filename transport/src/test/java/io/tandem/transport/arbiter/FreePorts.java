package io.tandem.transport.arbiter;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Finds a run of consecutive UDP ports free on loopback, for a test cluster's members. */
public final class FreePorts
{
    private FreePorts()
    {
    }

    /** @return the first of {@code count} consecutive ports that could all be bound just now. */
    public static int consecutiveUdp(final int count)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            // Above the common ephemeral range (32768-60999) is too narrow; stay below it.
            final int base = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
            if (allFree(base, count))
            {
                return base;
            }
        }
        throw new IllegalStateException("no run of " + count + " free UDP ports found in 20000-30000");
    }

    private static boolean allFree(final int base, final int count)
    {
        final List<DatagramSocket> bound = new ArrayList<>();
        try
        {
            for (int port = base; port < base + count; port++)
            {
                bound.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
        finally
        {
            bound.forEach(DatagramSocket::close);
        }
    }
}
