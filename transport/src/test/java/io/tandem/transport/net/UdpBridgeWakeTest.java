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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A datagram from a client wakes the thread that polls the bridge, however long it meant to park. */
class UdpBridgeWakeTest
{
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};
    private static final long DEADLINE_MS = TimeUnit.SECONDS.toMillis(20);

    @Test
    void aDatagramEndsTheMachineThreadsHourLongPark() throws Exception
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, TimeUnit.HOURS.toNanos(1),
            WakeableIdleStrategy.KEEP_TIMER_SLACK);
        try (UdpBridge bridge = new UdpBridge(new InetSocketAddress("127.0.0.1", 0), 7007, MAC);
            DatagramSocket client = new DatagramSocket())
        {
            bridge.wakeOnReceive(idle);
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
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
            while (machine.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - deadline < 0)
            {
                Thread.onSpinWait();
            }
            final byte[] payload = "ping".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(payload, payload.length, bridge.localAddress()));
            machine.join(DEADLINE_MS);
            assertFalse(machine.isAlive(), "the frame was queued but its thread still parks");
            assertEquals(GuestNetwork.HEADERS + payload.length, frameLength.get());
            assertEquals(1, idle.parksWoken());
        }
    }
}
