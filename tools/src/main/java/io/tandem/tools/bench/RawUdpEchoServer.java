package io.tandem.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

/**
 * The floor of the latency scenario: a plain Java UDP echo on loopback, one thread blocked in
 * {@code receive} that sends each datagram back. No machine and no hand-off between threads: what
 * it measures is the load generator, its receiver and the kernel's loopback, which every other
 * configuration pays as well.
 */
final class RawUdpEchoServer implements LatencyServer
{
    private final DatagramChannel channel;
    private final Thread thread;
    private volatile boolean running = true;

    RawUdpEchoServer()
    {
        try
        {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the raw UDP echo socket: " + ex.getMessage(), ex);
        }
        thread = new Thread(this::echo, "tandem-bench-raw-echo");
        thread.setDaemon(true);
        thread.start();
    }

    private void echo()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        while (running)
        {
            try
            {
                buffer.clear();
                final SocketAddress from = channel.receive(buffer);
                buffer.flip();
                channel.send(buffer, from);
            }
            catch (final ClosedChannelException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                if (running)
                {
                    throw new UncheckedIOException("raw UDP echo failed", ex);
                }
            }
        }
    }

    @Override
    public InetSocketAddress address()
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

    @Override
    public void close()
    {
        running = false;
        try
        {
            channel.close();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
