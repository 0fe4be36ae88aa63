package io.tandem.transport.net;

import io.tandem.engine.wake.WakeableIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bridge without a receiver thread: the thread that polls it reads the socket. */
class PolledUdpBridgeTest
{
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(20);

    @Test
    void aDatagramEndsThePollingThreadsHourLongWait() throws Exception
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, TimeUnit.HOURS.toNanos(1),
            WakeableIdleStrategy.KEEP_TIMER_SLACK);
        try (UdpBridge bridge = UdpBridge.polled(new InetSocketAddress("127.0.0.1", 0), 7007, MAC);
            DatagramSocket client = new DatagramSocket())
        {
            assertTrue(bridge.isPolled());
            bridge.watchedBy(idle, () -> true);
            final AtomicInteger frameLength = new AtomicInteger(-1);
            final Thread machine = new Thread(() ->
            {
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
                int length;
                while ((length = bridge.poll(frame)) < 0)
                {
                    idle.idle();
                }
                frameLength.set(length);
            });
            machine.start();
            final long deadline = System.nanoTime() + DEADLINE_NS;
            while (!idle.waiting() && System.nanoTime() - deadline < 0)
            {
                Thread.onSpinWait();
            }
            final byte[] payload = "ping".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(payload, payload.length, bridge.localAddress()));
            machine.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NS));
            assertFalse(machine.isAlive(), "the datagram came but the machine's thread still waits");
            assertEquals(GuestNetwork.HEADERS + payload.length, frameLength.get());
            assertEquals(1, idle.parksReady());
            assertEquals(1, bridge.datagramsIn());
        }
        finally
        {
            idle.close();
        }
    }

    @Test
    void pollingAloneReadsTheSocketDropsWhatIsTooLargeAndRepliesReachTheClient() throws Exception
    {
        try (UdpBridge bridge = UdpBridge.polled(new InetSocketAddress("127.0.0.1", 0), 7007, MAC);
            DatagramSocket client = new DatagramSocket())
        {
            client.setSoTimeout((int)TimeUnit.NANOSECONDS.toMillis(DEADLINE_NS));
            final byte[] oversized = new byte[GuestNetwork.MAX_UDP_PAYLOAD + 1];
            client.send(new DatagramPacket(oversized, oversized.length, bridge.localAddress()));
            final byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(payload, payload.length, bridge.localAddress()));
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
            int length = -1;
            final long deadline = System.nanoTime() + DEADLINE_NS;
            while (length < 0 && System.nanoTime() - deadline < 0)
            {
                length = bridge.poll(frame); // no watcher: the poll itself reads the socket
            }
            assertEquals(GuestNetwork.HEADERS + payload.length, length, "the small datagram, after the dropped one");
            assertEquals(2, bridge.datagramsIn());
            assertEquals(1, bridge.droppedOversized());
            final byte[] received = new byte[payload.length];
            frame.getBytes(GuestNetwork.HEADERS, received);
            assertArrayEquals(payload, received);

            // The guest's reply: the same frame with addresses and ports swapped, back to the client.
            final UnsafeBuffer reply = new UnsafeBuffer(new byte[2048]);
            final int replyLength = UdpFrames.writeHeaders(reply, GuestNetwork.GATEWAY_MAC, MAC, GuestNetwork.GUEST_IP,
                GuestNetwork.GATEWAY_IP, 7007, UdpFrames.sourcePort(frame, 0), payload.length);
            reply.putBytes(GuestNetwork.HEADERS, payload);
            bridge.send(reply, 0, replyLength);
            final DatagramPacket back = new DatagramPacket(new byte[64], 64);
            client.receive(back);
            assertEquals("hello", new String(back.getData(), 0, back.getLength(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aBridgeWithAReceiverThreadCannotBeWatched()
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy();
        try (UdpBridge bridge = new UdpBridge(new InetSocketAddress("127.0.0.1", 0), 7007, MAC))
        {
            assertFalse(bridge.isPolled());
            assertThrows(IllegalStateException.class, () -> bridge.watchedBy(idle, () -> true));
            assertEquals(0, bridge.readAvailable(), "its receiver thread alone reads the socket");
        }
        finally
        {
            idle.close();
        }
    }

    @Test
    void twoThreadsPollingAtOnceEachTakeWholeFramesAndEveryFrameOnce() throws Exception
    {
        // In one process a backup gone live and its old primary, not yet halted, both poll.
        final int datagrams = 3000;
        try (UdpBridge bridge = UdpBridge.polled(new InetSocketAddress("127.0.0.1", 0), 7007, MAC);
            DatagramSocket client = new DatagramSocket())
        {
            final boolean[] seen = new boolean[datagrams];
            final AtomicInteger taken = new AtomicInteger();
            final AtomicInteger failures = new AtomicInteger();
            final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            final Thread[] pollers = new Thread[2];
            for (int p = 0; p < pollers.length; p++)
            {
                pollers[p] = new Thread(() ->
                {
                    final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
                    final long deadline = System.nanoTime() + DEADLINE_NS;
                    try
                    {
                        while (!stop.get() && System.nanoTime() - deadline < 0)
                        {
                            final int length = bridge.poll(frame);
                            if (length == GuestNetwork.HEADERS + 4)
                            {
                                final int number = frame.getInt(GuestNetwork.HEADERS);
                                synchronized (seen)
                                {
                                    if (seen[number])
                                    {
                                        failures.incrementAndGet();
                                    }
                                    seen[number] = true;
                                }
                                taken.incrementAndGet();
                            }
                            else if (length >= 0)
                            {
                                failures.incrementAndGet();
                            }
                        }
                    }
                    catch (final RuntimeException ex)
                    {
                        failures.incrementAndGet();
                    }
                });
                pollers[p].start();
            }
            final byte[] payload = new byte[4];
            for (int i = 0; i < datagrams; i++)
            {
                new UnsafeBuffer(payload).putInt(0, i);
                client.send(new DatagramPacket(payload, payload.length, bridge.localAddress()));
                if ((i & 63) == 0)
                {
                    Thread.sleep(1); // no more than the socket's buffer holds
                }
            }
            // The socket may drop what the pollers did not read in time: every frame the bridge
            // read must be taken once.
            final long deadline = System.nanoTime() + DEADLINE_NS;
            long settledNs = System.nanoTime();
            long lastIn = -1;
            while (System.nanoTime() - deadline < 0 && System.nanoTime() - settledNs < TimeUnit.MILLISECONDS.toNanos(300))
            {
                final long in = bridge.datagramsIn();
                if (in != lastIn || taken.get() != in)
                {
                    lastIn = in;
                    settledNs = System.nanoTime();
                }
                Thread.sleep(10);
            }
            stop.set(true);
            for (final Thread poller : pollers)
            {
                poller.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NS));
            }
            assertEquals(0, failures.get(), "a frame taken twice, torn, or a poll that threw");
            assertEquals(bridge.datagramsIn(), taken.get(), "frames read from the socket but never taken");
            assertTrue(taken.get() > datagrams / 2, "taken: " + taken.get());
        }
    }
}
