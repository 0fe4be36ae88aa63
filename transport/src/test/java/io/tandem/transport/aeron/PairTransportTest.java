package io.tandem.transport.aeron;

import io.tandem.engine.replica.EntryPublication;
import io.tandem.engine.replica.EntrySubscription;
import io.tandem.engine.wake.WakeableIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pair's two Aeron streams carry entries of any size, in order, over IPC and over UDP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PairTransportTest
{
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(20);
    private static final int SMALL = 40;
    private static final int LARGE = 16 * 1024;

    @Test
    void entriesOfFortyBytesAndSixteenKibPassBothWaysInOrderOverIpc()
    {
        try (PairTransport transport = PairTransport.ipc())
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS), "IPC streams connect");
            exchange(transport.logPublication(), transport.logSubscription(), 200);
            exchange(transport.ackPublication(), transport.ackSubscription(), 200);
        }
    }

    @Test
    void entriesOfFortyBytesAndSixteenKibPassBothWaysInOrderOverUdp() throws Exception
    {
        final int logPort = freeUdpPort();
        final int ackPort = freeUdpPort();
        try (PairTransport transport = PairTransport.launch(new PairTransport.Context()
            .logChannel(PairTransport.udpChannel("127.0.0.1", logPort))
            .ackChannel(PairTransport.udpChannel("127.0.0.1", ackPort))))
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS), "UDP streams connect");
            exchange(transport.logPublication(), transport.logSubscription(), 100);
            exchange(transport.ackPublication(), transport.ackSubscription(), 100);
        }
    }

    @Test
    void anEntryOfferedOverIpcWakesTheSubscribersThreadAndTheAckWakesThePublishers() throws Exception
    {
        try (PairTransport transport = PairTransport.ipc())
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS));
            final WakeableIdleStrategy backupIdle = hourLong();
            final WakeableIdleStrategy primaryIdle = hourLong();
            transport.wakeBackupOnEntries(backupIdle);
            // The backup: parks until an entry comes, then acknowledges it on the other stream.
            final Thread backup = new Thread(() ->
            {
                final int[] got = {0};
                while (got[0] == 0)
                {
                    if (transport.logSubscription().poll((buffer, offset, length) -> got[0] = length, 1) == 0)
                    {
                        backupIdle.idle();
                    }
                }
                final UnsafeBuffer ack = new UnsafeBuffer(new byte[SMALL]);
                while (transport.ackPublication().offer(ack, 0, SMALL) <= 0)
                {
                    Thread.onSpinWait();
                }
            });
            transport.wakePrimaryOnAcks(primaryIdle);
            backup.start();
            awaitParked(backup);
            final UnsafeBuffer entry = new UnsafeBuffer(new byte[SMALL]);
            assertTrue(transport.logPublication().offer(entry, 0, SMALL) > 0);
            // The primary's thread (this one) parks an hour unless the acknowledgement wakes it.
            final int[] acked = {0};
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () ->
            {
                while (transport.ackSubscription().poll((buffer, offset, length) -> acked[0] = length, 1) == 0)
                {
                    primaryIdle.idle();
                }
            });
            backup.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NS));
            assertFalse(backup.isAlive());
            assertEquals(SMALL, acked[0]);
            assertEquals(1, backupIdle.parksWoken());
        }
    }

    @Test
    void anEntryOfferedOverUdpWakesTheDriverAndThroughItTheSubscribersThread() throws Exception
    {
        try (PairTransport transport = PairTransport.launch(new PairTransport.Context()
            .logChannel(PairTransport.udpChannel("127.0.0.1", freeUdpPort()))
            .ackChannel(PairTransport.udpChannel("127.0.0.1", freeUdpPort()))))
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS));
            final WakeableIdleStrategy backupIdle = hourLong();
            transport.wakeBackupOnEntries(backupIdle);
            final int[] got = {0};
            final Thread backup = new Thread(() ->
            {
                while (transport.logSubscription().poll((buffer, offset, length) -> got[0] = length, 1) == 0)
                {
                    backupIdle.idle();
                }
            });
            backup.start();
            awaitParked(backup);
            assertTrue(transport.logPublication().offer(new UnsafeBuffer(new byte[SMALL]), 0, SMALL) > 0);
            backup.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NS));
            assertFalse(backup.isAlive(), "the entry crossed the driver but its subscriber still parks");
            assertEquals(SMALL, got[0]);
        }
    }

    @Test
    void overUdpInOneProcessTheDriverWakesOnlyTheReplicaWhoseStreamHoldsAnEntry() throws Exception
    {
        try (PairTransport transport = PairTransport.launch(new PairTransport.Context()
            .logChannel(PairTransport.udpChannel("127.0.0.1", freeUdpPort()))
            .ackChannel(PairTransport.udpChannel("127.0.0.1", freeUdpPort()))))
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS));
            final AtomicInteger backupWakes = new AtomicInteger();
            final AtomicInteger primaryWakes = new AtomicInteger();
            transport.wakeBackupOnEntries(backupWakes::incrementAndGet);
            transport.wakePrimaryOnAcks(primaryWakes::incrementAndGet);
            final UnsafeBuffer entry = new UnsafeBuffer(new byte[SMALL]);
            assertTrue(transport.logPublication().offer(entry, 0, SMALL) > 0);
            awaitCount(backupWakes, "the entry woke the backup");
            final int[] got = {0};
            awaitPolled(transport.logSubscription(), got);
            // The driver's duty cycles that carried the entry, and its status messages since, had
            // nothing for the primary to read.
            assertEquals(0, primaryWakes.get(), "the primary was woken for the backup's entry");

            assertTrue(transport.ackPublication().offer(entry, 0, SMALL) > 0);
            awaitCount(primaryWakes, "the acknowledgement woke the primary");
            awaitPolled(transport.ackSubscription(), got);
        }
    }

    @Test
    void aQuietOfferOverIpcWakesNobodyButItsEntryIsThereAndOverUdpItStillWakesTheDriverThatCarriesIt()
        throws Exception
    {
        try (PairTransport transport = PairTransport.ipc())
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS));
            final AtomicInteger backupWakes = new AtomicInteger();
            transport.wakeBackupOnEntries(backupWakes::incrementAndGet);
            final UnsafeBuffer entry = new UnsafeBuffer(new byte[SMALL]);
            assertTrue(transport.logPublication().offerQuietly(entry, 0, SMALL) > 0);
            final int[] got = {0};
            awaitPolled(transport.logSubscription(), got);
            assertEquals(0, backupWakes.get(), "a quiet offer woke the reader");
            assertTrue(transport.logPublication().offer(entry, 0, SMALL) > 0);
            assertEquals(1, backupWakes.get(), "an offer wakes the reader");
            awaitPolled(transport.logSubscription(), got);
        }
        try (PairTransport transport = PairTransport.launch(new PairTransport.Context()
            .logChannel(PairTransport.udpChannel("127.0.0.1", freeUdpPort()))
            .ackChannel(PairTransport.udpChannel("127.0.0.1", freeUdpPort()))))
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS));
            final WakeableIdleStrategy backupIdle = hourLong();
            transport.wakeBackupOnEntries(backupIdle);
            final int[] got = {0};
            final Thread backup = new Thread(() ->
            {
                while (transport.logSubscription().poll((buffer, offset, length) -> got[0] = length, 1) == 0)
                {
                    backupIdle.idle();
                }
            });
            backup.start();
            awaitParked(backup);
            assertTrue(transport.logPublication().offerQuietly(new UnsafeBuffer(new byte[SMALL]), 0, SMALL) > 0);
            backup.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NS));
            assertFalse(backup.isAlive(), "a quiet offer over UDP must still be carried by the driver");
            assertEquals(SMALL, got[0]);
        }
    }

    private static void awaitCount(final AtomicInteger count, final String what)
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (count.get() == 0)
        {
            assertTrue(System.nanoTime() - deadline < 0, what + " within the deadline");
            Thread.onSpinWait();
        }
    }

    private static void awaitPolled(final AeronEntrySubscription subscription, final int[] got)
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        got[0] = 0;
        while (subscription.poll((buffer, offset, length) -> got[0] = length, 1) == 0)
        {
            assertTrue(System.nanoTime() - deadline < 0, "the entry is there to poll");
            Thread.onSpinWait();
        }
        assertEquals(SMALL, got[0]);
    }

    private static WakeableIdleStrategy hourLong()
    {
        return new WakeableIdleStrategy(0, TimeUnit.HOURS.toNanos(1), WakeableIdleStrategy.KEEP_TIMER_SLACK);
    }

    private static void awaitParked(final Thread thread)
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - deadline < 0)
        {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.TIMED_WAITING, thread.getState());
    }

    @Test
    void aPublicationIsNoLongerConnectedOnceItsSubscriberClosesOverIpc()
    {
        try (PairTransport transport = PairTransport.ipc())
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS));
            assertTrue(transport.logPublication().connected());
            transport.closeBackupSide();
            awaitDisconnected(transport.logPublication());
        }
    }

    @Test
    void aPublicationIsNoLongerConnectedOnceItsSubscriberClosesOverUdp() throws Exception
    {
        final int logPort = freeUdpPort();
        final int ackPort = freeUdpPort();
        try (PairTransport transport = PairTransport.launch(new PairTransport.Context()
            .logChannel(PairTransport.udpChannel("127.0.0.1", logPort))
            .ackChannel(PairTransport.udpChannel("127.0.0.1", ackPort))
            .publicationConnectionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))))
        {
            assertTrue(transport.awaitConnected(DEADLINE_NS));
            transport.closeBackupSide();
            awaitDisconnected(transport.logPublication());
        }
    }

    @Test
    void eachSideCanBeMadeAlone()
    {
        try (PairTransport primary = PairTransport.launch(new PairTransport.Context().backupSide(false)))
        {
            assertNotNull(primary.logPublication());
            assertNotNull(primary.ackSubscription());
            assertNull(primary.logSubscription());
            assertNull(primary.ackPublication());
            assertFalse(primary.logPublication().connected(), "nobody subscribes to the log in this driver");
            assertEquals(EntryPublication.NOT_CONNECTED,
                primary.logPublication().offer(new UnsafeBuffer(new byte[SMALL]), 0, SMALL));
            assertEquals(1, primary.logPublication().notConnected());
        }
    }

    /** Sends entries alternating 40 bytes and 16 KiB, each stamped with its number, and checks them in order. */
    private static void exchange(final EntryPublication publication, final EntrySubscription subscription, final int count)
    {
        final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(LARGE));
        final List<String> problems = new ArrayList<>();
        final int[] received = {0};
        final EntrySubscription.Handler check = (buffer, offset, length) ->
        {
            final int n = received[0]++;
            final int expectedLength = n % 2 == 0 ? SMALL : LARGE;
            if (length != expectedLength || buffer.getInt(offset) != n ||
                buffer.getByte(offset + length - 1) != (byte)n)
            {
                problems.add("entry " + n + ": length " + length + ", stamp " + buffer.getInt(offset));
            }
        };
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        int sent = 0;
        while (received[0] < count)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "sent " + sent + ", received " + received[0]);
            if (sent < count)
            {
                final int length = sent % 2 == 0 ? SMALL : LARGE;
                out.setMemory(0, length, (byte)sent);
                out.putInt(0, sent);
                if (publication.offer(out, 0, length) > 0)
                {
                    sent++;
                }
            }
            subscription.poll(check, 16);
        }
        assertEquals(List.of(), problems);
        assertEquals(count, received[0]);
    }

    private static void awaitDisconnected(final EntryPublication publication)
    {
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (publication.connected())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "the publication still counts as connected");
            Thread.onSpinWait();
        }
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
