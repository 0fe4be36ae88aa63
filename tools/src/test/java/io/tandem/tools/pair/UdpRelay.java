package io.tandem.tools.pair;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP link between two processes on loopback that a test can impair and cut: datagrams sent to
 * its port go on to the target from a socket of its own, and what the target sends back to that
 * socket goes to whoever sent last, as an Aeron stream's status messages and NAKs must. It can
 * lose a share of the datagrams and hold each for a random delay, so that they overtake one
 * another; while cut it drops everything either way, as a link taken down does (this kernel has
 * no netem; the relay stands in for it).
 */
final class UdpRelay implements AutoCloseable
{
    private final DatagramChannel front;
    private final DatagramChannel back;
    private final Selector selector;
    private final Thread thread;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private volatile long cutUntilNs;
    private volatile boolean cut;
    private SocketAddress sender;
    private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) -> Long.compare(a.dueNs, b.dueNs));
    private SplittableRandom random = new SplittableRandom(0);
    private int lossPercent;
    private long maxDelayNs;
    private long lost;

    /** A datagram held back by the impairment until it is due. */
    private record Held(long dueNs, byte[] bytes, boolean towardsTarget)
    {
    }

    /**
     * @param target where the relay's datagrams go.
     * @throws IOException when a socket cannot be opened.
     */
    UdpRelay(final InetSocketAddress target) throws IOException
    {
        front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)).connect(target);
        front.configureBlocking(false);
        back.configureBlocking(false);
        selector = Selector.open();
        front.register(selector, SelectionKey.OP_READ);
        back.register(selector, SelectionKey.OP_READ);
        thread = new Thread(this::run, "udp-relay-" + target.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * From now on loses {@code lossPercent} of the datagrams, either way, and holds each of the
     * others for a delay drawn up to {@code maxDelayNs}, so that datagrams overtake one another.
     */
    synchronized void impair(final int lossPercent, final long maxDelayNs, final long seed)
    {
        this.lossPercent = lossPercent;
        this.maxDelayNs = maxDelayNs;
        this.random = new SplittableRandom(seed);
    }

    /** @return datagrams lost by the impairment so far. */
    synchronized long lost()
    {
        return lost;
    }

    /** @return the port to send to instead of the target's. */
    int port() throws IOException
    {
        return ((InetSocketAddress)front.getLocalAddress()).getPort();
    }

    /** Drops everything, either way, for {@code durationNs} from now. */
    void cutFor(final long durationNs)
    {
        cutUntilNs = System.nanoTime() + durationNs;
        cut = true;
    }

    /** @return datagrams passed on so far. */
    long forwarded()
    {
        return forwarded.get();
    }

    /** @return datagrams dropped by a cut so far. */
    long dropped()
    {
        return dropped.get();
    }

    private boolean cutNow()
    {
        if (cut && System.nanoTime() - cutUntilNs >= 0)
        {
            cut = false;
        }
        return cut;
    }

    private void run()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        try
        {
            while (running)
            {
                selector.select(1);
                selector.selectedKeys().clear();
                releaseDue();
                for (SocketAddress from; (from = front.receive(buffer.clear())) != null; )
                {
                    sender = from;
                    pass(buffer, true);
                }
                while (readBack(buffer) > 0)
                {
                    pass(buffer, false);
                }
            }
        }
        catch (final IOException ex)
        {
            if (running)
            {
                System.err.println("udp relay failed: " + ex);
            }
        }
    }

    /** A target not yet (or no longer) listening answers with ICMP: that is a lost datagram, not an end. */
    private int readBack(final ByteBuffer buffer) throws IOException
    {
        try
        {
            return back.read(buffer.clear());
        }
        catch (final PortUnreachableException ex)
        {
            return 0;
        }
    }

    private synchronized void pass(final ByteBuffer buffer, final boolean towardsTarget) throws IOException
    {
        buffer.flip();
        if (cutNow())
        {
            dropped.incrementAndGet();
            return;
        }
        if (lossPercent > 0 && random.nextInt(100) < lossPercent)
        {
            lost++;
            return;
        }
        if (maxDelayNs > 0)
        {
            final byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            held.add(new Held(System.nanoTime() + random.nextLong(maxDelayNs), bytes, towardsTarget));
            return;
        }
        send(buffer, towardsTarget);
    }

    private synchronized void releaseDue() throws IOException
    {
        final long now = System.nanoTime();
        while (!held.isEmpty() && held.peek().dueNs() - now <= 0)
        {
            final Held next = held.poll();
            if (cutNow())
            {
                dropped.incrementAndGet();
                continue;
            }
            send(ByteBuffer.wrap(next.bytes()), next.towardsTarget());
        }
    }

    private void send(final ByteBuffer buffer, final boolean towardsTarget) throws IOException
    {
        if (towardsTarget)
        {
            try
            {
                back.write(buffer);
            }
            catch (final PortUnreachableException ex)
            {
                return;
            }
        }
        else if (sender != null)
        {
            front.send(buffer, sender);
        }
        forwarded.incrementAndGet();
    }

    @Override
    public void close() throws IOException
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        selector.close();
        front.close();
        back.close();
    }
}
