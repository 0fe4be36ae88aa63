package io.tandem.engine.wake;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wakeable idle strategy that watches a socket: the datagram, or a signal, ends its wait. */
class WatchedChannelTest
{
    private static final long HOUR_NS = TimeUnit.HOURS.toNanos(1);
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @Test
    void aDatagramEndsAnHourLongWaitAndIsReadOnTheWaitingThread() throws Exception
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS, WakeableIdleStrategy.KEEP_TIMER_SLACK);
        try (DatagramChannel server = openServer(); DatagramChannel client = DatagramChannel.open())
        {
            final AtomicInteger read = new AtomicInteger();
            final AtomicReference<Thread> readBy = new AtomicReference<>();
            idle.watch(server, () -> drain(server, read, readBy), () -> true);
            final Thread consumer = new Thread(() ->
            {
                while (read.get() == 0)
                {
                    idle.idle();
                }
            });
            consumer.start();
            awaitWaiting(idle);
            client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), server.getLocalAddress());
            consumer.join(GENEROUS.toMillis());
            assertFalse(consumer.isAlive(), "the datagram came but the thread still waits");
            assertEquals(1, read.get());
            assertSame(consumer, readBy.get(), "read on the thread that waited");
            assertEquals(1, idle.parksReady());
            assertEquals(0, idle.parksWoken());
        }
        finally
        {
            idle.close();
        }
    }

    @Test
    void aSignalEndsAWaitOnTheSelectorToo() throws Exception
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS, WakeableIdleStrategy.KEEP_TIMER_SLACK);
        try (DatagramChannel server = openServer())
        {
            idle.watch(server, () -> 0, () -> true);
            final AtomicBoolean work = new AtomicBoolean();
            final Thread consumer = new Thread(() ->
            {
                while (!work.get())
                {
                    idle.idle();
                }
            });
            consumer.start();
            awaitWaiting(idle);
            work.set(true);
            idle.wake();
            consumer.join(GENEROUS.toMillis());
            assertFalse(consumer.isAlive(), "the signal did not end the wait in the selector");
            assertEquals(1, idle.parksWoken());
            assertEquals(0, idle.parksReady());
        }
        finally
        {
            idle.close();
        }
    }

    @Test
    void anInactiveChannelDoesNotEndTheWait() throws Exception
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS, WakeableIdleStrategy.KEEP_TIMER_SLACK);
        try (DatagramChannel server = openServer(); DatagramChannel client = DatagramChannel.open())
        {
            final AtomicBoolean active = new AtomicBoolean();
            final AtomicInteger read = new AtomicInteger();
            final AtomicLong signalsBeforeRead = new AtomicLong(-1);
            idle.watch(server, () ->
            {
                signalsBeforeRead.compareAndSet(-1, idle.parksWoken());
                return drain(server, read, new AtomicReference<>());
            }, active::get);
            // Readable before the thread first waits: an active channel would end that wait at once.
            client.send(ByteBuffer.wrap(new byte[] {1}), server.getLocalAddress());
            final AtomicBoolean stop = new AtomicBoolean();
            final Thread consumer = new Thread(() ->
            {
                while (!stop.get())
                {
                    idle.idle();
                }
            });
            consumer.start();
            awaitWaiting(idle);
            active.set(true);
            idle.wake();
            final long deadline = System.nanoTime() + GENEROUS.toNanos();
            while (read.get() == 0 && System.nanoTime() - deadline < 0)
            {
                Thread.onSpinWait();
            }
            assertEquals(1, read.get(), "once active, the waiting thread reads the channel");
            assertEquals(1, signalsBeforeRead.get(), "the first wait ended by the signal, not by the datagram");
            stop.set(true);
            idle.wake();
            consumer.join(GENEROUS.toMillis());
            assertFalse(consumer.isAlive());
        }
        finally
        {
            idle.close();
        }
    }

    @Test
    void closingTheStrategyLetsAClosedSocketsPortGo() throws Exception
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, TimeUnit.MILLISECONDS.toNanos(1),
            WakeableIdleStrategy.KEEP_TIMER_SLACK);
        final DatagramChannel server = openServer();
        final InetSocketAddress address = (InetSocketAddress)server.getLocalAddress();
        idle.watch(server, () -> 0, () -> true);
        idle.idle(); // registered with the selector
        server.close();
        idle.close();
        try (DatagramChannel again = DatagramChannel.open())
        {
            again.bind(address); // fails with "address in use" while a selector holds the old socket
            assertTrue(again.isOpen());
        }
    }

    @Test
    void aWaitShorterThanAMillisecondStillFindsAReadableChannel() throws Exception
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, HOUR_NS, WakeableIdleStrategy.KEEP_TIMER_SLACK);
        try (DatagramChannel server = openServer(); DatagramChannel client = DatagramChannel.open())
        {
            final AtomicInteger read = new AtomicInteger();
            idle.watch(server, () -> drain(server, read, new AtomicReference<>()), () -> true);
            client.send(ByteBuffer.wrap(new byte[] {1}), server.getLocalAddress());
            final long deadline = System.nanoTime() + GENEROUS.toNanos();
            while (read.get() == 0 && System.nanoTime() - deadline < 0)
            {
                idle.idleAtMost(TimeUnit.MICROSECONDS.toNanos(100)); // a guest timer due sooner than the selector counts
                idle.idle();
            }
            assertEquals(1, read.get());
        }
        finally
        {
            idle.close();
        }
    }

    private static DatagramChannel openServer() throws IOException
    {
        final DatagramChannel server = DatagramChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.configureBlocking(false);
        return server;
    }

    private static int drain(final DatagramChannel server, final AtomicInteger read, final AtomicReference<Thread> by)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(64);
        int count = 0;
        try
        {
            while (server.receive(buffer) != null)
            {
                buffer.clear();
                count++;
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        by.set(Thread.currentThread());
        read.addAndGet(count);
        return count;
    }

    /**
     * Until the consumer is committed to its first wait: it says it waits a moment before it
     * takes the signal flag, and a signal in that moment ends the idle without a wait at all.
     */
    private static void awaitWaiting(final WakeableIdleStrategy idle)
    {
        final long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (!(idle.waiting() && idle.parks() > 0) && System.nanoTime() - deadline < 0)
        {
            Thread.onSpinWait();
        }
        assertTrue(idle.waiting() && idle.parks() > 0, "the consumer never began to wait");
    }
}
