package io.tandem.engine.dev.virtio;

import io.tandem.engine.dev.DiskCompletions;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.DiskRequests;
import io.tandem.engine.wake.WakeableIdleStrategy;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tandem.engine.dev.virtio.VirtioTestDriver.DATA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** virtio-blk completes a request only where its inputs say so, and never from the I/O thread. */
class VirtioBlkAsyncTest
{
    private static final long FEATURES = VirtioMmio.FEATURE_VERSION_1 | VirtioBlk.FEATURE_FLUSH;
    private static final int HEADER = DATA;
    private static final int BUFFER = DATA + 0x1000;
    private static final int STATUS = DATA + 0x100;
    private static final long DEADLINE_NS = 10_000_000_000L;

    private final VirtioTestDriver driver = new VirtioTestDriver();
    private VirtioBlk blk;

    /** Inputs that start I/O at once but let a completion in only when told. */
    private static final class HeldCompletions implements DiskCompletions
    {
        boolean open;
        int requested;

        @Override
        public void requested(final DiskRequests requests)
        {
            requested++;
            requests.startQueued();
        }

        @Override
        public int completion(final DiskRequests requests)
        {
            return open ? requests.pollOldest() : DiskRequests.NOT_DONE;
        }
    }

    /** A store whose reads wait for the test: the I/O thread is busy in it meanwhile. */
    private static final class SlowStore extends MemoryBlockStore
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch readDone = new CountDownLatch(1);

        SlowStore()
        {
            super(64);
        }

        @Override
        public boolean read(final long position, final MutableDirectBuffer dst, final int dstOffset, final int length)
        {
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
            final boolean ok = super.read(position, dst, dstOffset, length);
            readDone.countDown();
            return ok;
        }
    }

    @AfterEach
    void tearDown()
    {
        if (blk != null)
        {
            blk.close();
        }
        driver.close();
    }

    private void start(final MemoryBlockStore store, final boolean ioThread, final DiskCompletions completions)
    {
        blk = new VirtioBlk(driver.memory, driver.plic, VirtioTestDriver.IRQ, store, DiskMode.PRIVATE, ioThread,
            completions);
        driver.attach(blk.transport());
        driver.start(FEATURES, 1);
    }

    private void postRead(final long sector)
    {
        driver.writeRam(HEADER, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(VirtioBlk.TYPE_IN).putInt(0).putLong(sector).array());
        driver.writeRam(STATUS, new byte[] {(byte)0xAA});
        driver.writeRam(BUFFER, new byte[1024]);
        driver.post(0, HEADER, 16, 0, BUFFER, 1024, 1, STATUS, 1, 1);
        driver.notifyQueue(0);
    }

    private static byte[] pattern()
    {
        final byte[] data = new byte[1024];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)(i * 13 + 1);
        }
        return data;
    }

    @Test
    void theIoThreadWakesTheParkedMachineThreadWhenItsRequestIsDone() throws InterruptedException
    {
        final SlowStore store = new SlowStore();
        final HeldCompletions completions = new HeldCompletions();
        completions.open = true;
        start(store, true, completions);
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, TimeUnit.HOURS.toNanos(1),
            WakeableIdleStrategy.KEEP_TIMER_SLACK);
        blk.wakeOnCompletion(idle);
        postRead(2);
        final Object[] used = {null};
        final Thread machine = new Thread(() ->
        {
            driver.transport.service(); // starts the read on the I/O thread, which waits in the store
            while ((used[0] = driver.takeUsed(0)) == null)
            {
                idle.idle(); // an hour, unless the I/O thread wakes it
                driver.transport.service();
            }
        });
        machine.start();
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (machine.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - deadline < 0)
        {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.TIMED_WAITING, machine.getState(), "the machine thread parks for the disk");
        store.release.countDown();
        machine.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NS));
        assertFalse(machine.isAlive(), "the read completed but the machine thread still parks");
        assertNotNull(used[0]);
        assertEquals(1, idle.parksWoken());
    }

    @Test
    void aReadEntersTheGuestOnlyWhenTheInputsCompleteIt()
    {
        final MemoryBlockStore store = new MemoryBlockStore(64);
        System.arraycopy(pattern(), 0, store.bytes, 2 * 512, 1024);
        final HeldCompletions completions = new HeldCompletions();
        start(store, false, completions);

        postRead(2);
        driver.transport.service();
        assertEquals(1, completions.requested);
        assertNull(driver.takeUsed(0), "the notification only queued the request");
        assertArrayEquals(new byte[1024], driver.readRam(BUFFER, 1024), "no data before the completion");
        assertEquals(0xAA, driver.readRam(STATUS, 1)[0] & 0xFF);
        assertFalse(driver.interruptLineRaised());

        driver.transport.service();
        assertNull(driver.takeUsed(0), "check points come and go: still held");

        completions.open = true;
        driver.transport.service();
        final int[] used = driver.takeUsed(0);
        assertNotNull(used);
        assertEquals(1025, used[1]);
        assertArrayEquals(pattern(), driver.readRam(BUFFER, 1024));
        assertEquals(VirtioBlk.STATUS_OK, driver.readRam(STATUS, 1)[0]);
        assertTrue(driver.interruptLineRaised());
        assertEquals(1, blk.completed());
    }

    @Test
    void withALatencyARequestPerformedAtOnceCompletesOnlyWhenDue()
    {
        final MemoryBlockStore store = new MemoryBlockStore(64);
        System.arraycopy(pattern(), 0, store.bytes, 3 * 512, 1024);
        final HeldCompletions completions = new HeldCompletions();
        completions.open = true;
        start(store, false, completions);
        final long[] now = {1_000};
        blk.latency(new io.tandem.engine.dev.DiskLatency()
        {
            @Override
            public long dueNs()
            {
                return now[0] + 500;
            }

            @Override
            public long nowNs()
            {
                return now[0];
            }
        });

        postRead(3);
        driver.transport.service();
        assertEquals(1, completions.requested);
        assertNull(driver.takeUsed(0), "performed, but not due yet");
        now[0] += 499;
        driver.transport.service();
        assertNull(driver.takeUsed(0), "one nanosecond early");
        assertArrayEquals(new byte[1024], driver.readRam(BUFFER, 1024), "no data before the completion");
        now[0] += 1;
        driver.transport.service();
        assertNotNull(driver.takeUsed(0));
        assertArrayEquals(pattern(), driver.readRam(BUFFER, 1024));
        assertEquals(VirtioBlk.STATUS_OK, driver.readRam(STATUS, 1)[0]);
    }

    @Test
    void aLatencyIsRefusedWithAnIoThread()
    {
        start(new MemoryBlockStore(64), true, new HeldCompletions());
        final IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> blk.latency(new io.tandem.engine.dev.DiskLatency()
            {
                @Override
                public long dueNs()
                {
                    return 0;
                }

                @Override
                public long nowNs()
                {
                    return 0;
                }
            }));
        assertTrue(ex.getMessage().contains("I/O thread"), ex.getMessage());
    }

    @Test
    void theIoThreadStagesReadDataAndTheMachineCopiesItIn() throws Exception
    {
        final SlowStore store = new SlowStore();
        System.arraycopy(pattern(), 0, store.bytes, 7 * 512, 1024);
        final HeldCompletions completions = new HeldCompletions();
        start(store, true, completions);

        postRead(7);
        driver.transport.service();
        store.release.countDown();
        assertTrue(store.readDone.await(10, TimeUnit.SECONDS));
        assertArrayEquals(new byte[1024], driver.readRam(BUFFER, 1024),
            "the I/O thread finished but guest memory waits for the completion");

        completions.open = true;
        final long deadline = System.nanoTime() + DEADLINE_NS;
        int[] used = null;
        while (used == null)
        {
            driver.transport.service();
            used = driver.takeUsed(0);
            assertTrue(System.nanoTime() < deadline, "the completion never came");
        }
        assertArrayEquals(pattern(), driver.readRam(BUFFER, 1024));
        assertEquals(VirtioBlk.STATUS_OK, driver.readRam(STATUS, 1)[0]);
    }

    @Test
    void aRequestInFlightAcrossADeviceResetCompletesWithoutTouchingTheGuest()
    {
        final MemoryBlockStore store = new MemoryBlockStore(64);
        Arrays.fill(store.bytes, (byte)0x77);
        final HeldCompletions completions = new HeldCompletions();
        start(store, false, completions);
        postRead(0);
        driver.transport.service();

        driver.write(0x070, 0); // the driver resets the device with the read in flight
        driver.writeRam(VirtioTestDriver.RINGS, new byte[0x2000]); // and starts afresh with empty rings
        driver.start(FEATURES, 1);
        completions.open = true;
        driver.transport.service();
        assertNull(driver.takeUsed(0), "the new driver's ring never sees the old request");
        assertArrayEquals(new byte[1024], driver.readRam(BUFFER, 1024));
        assertEquals(1, blk.completed(), "but it completed, in order, as its log entry says");
    }
}
