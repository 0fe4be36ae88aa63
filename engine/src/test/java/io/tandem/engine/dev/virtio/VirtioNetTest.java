package io.tandem.engine.dev.virtio;

import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tandem.engine.dev.virtio.VirtioTestDriver.DATA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioNetTest
{
    private static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    private static final long FEATURES = VirtioMmio.FEATURE_VERSION_1 | VirtioNet.FEATURE_MAC;
    private static final int RX = 0;
    private static final int TX = 1;
    private static final int HEADER = VirtioNet.NET_HEADER_BYTES;

    private final ArrayDeque<byte[]> incoming = new ArrayDeque<>();
    private final List<byte[]> sent = new ArrayList<>();
    private int polls;
    private VirtioTestDriver driver;
    private VirtioNet net;

    @BeforeEach
    void setUp()
    {
        driver = new VirtioTestDriver();
        final PacketSource source = (MutableDirectBuffer buffer) ->
        {
            polls++;
            final byte[] frame = incoming.poll();
            if (frame == null)
            {
                return -1;
            }
            buffer.putBytes(0, frame);
            return frame.length;
        };
        final PacketSink sink = (DirectBuffer buffer, int offset, int length) ->
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(offset, frame);
            sent.add(frame);
        };
        net = new VirtioNet(driver.memory, driver.plic, VirtioTestDriver.IRQ, MAC, source, sink);
        driver.attach(net.transport());
    }

    @AfterEach
    void tearDown()
    {
        driver.close();
    }

    private static byte[] frame(final int length, final int seed)
    {
        final byte[] frame = new byte[length];
        for (int i = 0; i < length; i++)
        {
            frame[i] = (byte)(seed + i * 7);
        }
        return frame;
    }

    @Test
    void identifiesAsVersionTwoNetworkDeviceWithItsMac()
    {
        assertEquals(VirtioMmio.MAGIC, driver.read(0x000));
        assertEquals(2, driver.read(0x004));
        assertEquals(VirtioNet.DEVICE_ID, driver.read(0x008));
        assertEquals(FEATURES, driver.deviceFeatures());
        final byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            mac[i] = (byte)net.transport().read(0x100 + i, 1, 0);
        }
        assertArrayEquals(MAC, mac);
        assertEquals(0x12005452, net.transport().read(0x100, 4, 0));
    }

    @Test
    void refusesFeaturesItDidNotOffer()
    {
        assertFalse(driver.negotiate(FEATURES | (1L << 28)));
    }

    @Test
    void refusesALegacyDriverWithoutVersionOne()
    {
        assertFalse(driver.negotiate(VirtioNet.FEATURE_MAC));
    }

    @Test
    void transmittedFrameReachesTheSinkWithoutItsHeader()
    {
        driver.start(FEATURES, 2);
        final byte[] frame = frame(60, 1);
        final byte[] withHeader = new byte[HEADER + frame.length];
        System.arraycopy(frame, 0, withHeader, HEADER, frame.length);
        driver.writeRam(DATA, withHeader);
        // Header and frame in two descriptors, as Linux sends them.
        final int head = driver.post(TX, DATA, HEADER, 0, DATA + HEADER, frame.length, 0);
        driver.notifyQueue(TX);
        driver.transport.service();

        assertEquals(1, sent.size());
        assertArrayEquals(frame, sent.get(0));
        assertArrayEquals(new int[] {head, 0}, driver.takeUsed(TX));
        assertTrue(driver.interruptLineRaised());
        driver.acknowledgeInterrupts();
        assertFalse(driver.interruptLineRaised());
    }

    @Test
    void receivedFrameIsCopiedInWithHeaderOnlyWhenTheMachineServicesTheDevice()
    {
        driver.start(FEATURES, 2);
        final int head = driver.post(RX, DATA, 2048, 1);
        final byte[] frame = frame(100, 3);
        incoming.add(frame);
        assertNull(driver.takeUsed(RX), "nothing happens between service points");

        driver.transport.service();

        assertArrayEquals(new int[] {head, HEADER + frame.length}, driver.takeUsed(RX));
        final byte[] header = driver.readRam(DATA, HEADER);
        final byte[] expectedHeader = new byte[HEADER];
        expectedHeader[10] = 1; // num_buffers
        assertArrayEquals(expectedHeader, header);
        assertArrayEquals(frame, driver.readRam(DATA + HEADER, frame.length));
        assertTrue(driver.interruptLineRaised());
        assertEquals(1, net.framesReceived());
    }

    @Test
    void frameScattersAcrossSeveralReceiveBuffers()
    {
        driver.start(FEATURES, 2);
        driver.post(RX, DATA, 8, 1, DATA + 0x100, 16, 1, DATA + 0x200, 2000, 1);
        final byte[] frame = frame(200, 5);
        incoming.add(frame);
        driver.transport.service();

        final byte[] all = new byte[HEADER + frame.length];
        final byte[] a = driver.readRam(DATA, 8);
        final byte[] b = driver.readRam(DATA + 0x100, 16);
        final byte[] c = driver.readRam(DATA + 0x200, all.length - 24);
        System.arraycopy(a, 0, all, 0, 8);
        System.arraycopy(b, 0, all, 8, 16);
        System.arraycopy(c, 0, all, 24, c.length);
        assertArrayEquals(frame, Arrays.copyOfRange(all, HEADER, all.length));
    }

    @Test
    void framesWaitInTheSourceWhileTheGuestHasNoReceiveBuffer()
    {
        driver.start(FEATURES, 2);
        incoming.add(frame(64, 1));
        driver.transport.service();
        assertEquals(0, polls, "the source is not drained into nowhere");
        assertEquals(1, incoming.size());

        driver.post(RX, DATA, 2048, 1);
        driver.transport.service();
        assertEquals(0, incoming.size());
        assertEquals(1, net.framesReceived());
    }

    @Test
    void oversizedAndRuntIncomingFramesAreDroppedAndCounted()
    {
        driver.start(FEATURES, 2);
        driver.post(RX, DATA, 4096, 1);
        incoming.add(frame(VirtioNet.MAX_FRAME_BYTES + 1, 1));
        incoming.add(frame(5, 1));
        final byte[] good = frame(64, 9);
        incoming.add(good);
        driver.transport.service();

        assertEquals(2, net.receiveDropped());
        assertEquals(1, net.framesReceived());
        assertArrayEquals(good, driver.readRam(DATA + HEADER, good.length));
    }

    @Test
    void frameLargerThanTheGuestBufferIsDroppedAndTheBufferKept()
    {
        driver.start(FEATURES, 2);
        final int head = driver.post(RX, DATA, 100, 1);
        incoming.add(frame(200, 1));
        final byte[] small = frame(60, 2);
        incoming.add(small);
        driver.transport.service();

        assertEquals(1, net.receiveDropped());
        assertArrayEquals(new int[] {head, HEADER + small.length}, driver.takeUsed(RX));
        assertArrayEquals(small, driver.readRam(DATA + HEADER, small.length));
    }

    @Test
    void oversizedTransmitIsDroppedCountedAndTheBufferReturned()
    {
        driver.start(FEATURES, 2);
        final int head = driver.post(TX, DATA, HEADER + VirtioNet.MAX_FRAME_BYTES + 1, 0);
        driver.notifyQueue(TX);
        driver.transport.service();

        assertEquals(0, sent.size());
        assertEquals(1, net.transmitDropped());
        assertArrayEquals(new int[] {head, 0}, driver.takeUsed(TX));
    }

    @Test
    void descriptorOutsideRamStopsTheDeviceWithNeedsResetNotAHostCrash()
    {
        driver.start(FEATURES, 2);
        driver.post(TX, 0x1000_0000L, 64, 0); // the UART, not RAM
        driver.notifyQueue(TX);
        driver.transport.service();

        assertEquals(0, sent.size());
        assertNotEquals(0, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
        assertEquals(VirtioMmio.INTERRUPT_CONFIG_CHANGE, driver.read(0x060) & VirtioMmio.INTERRUPT_CONFIG_CHANGE);
        assertEquals(1, net.transport().contractViolations());
        assertTrue(net.transport().lastViolation().contains("outside RAM"), net.transport().lastViolation());

        // The device is dead until reset; after a reset and a new handshake it works again.
        incoming.add(frame(64, 1));
        driver.transport.service();
        assertEquals(0, net.framesReceived());
        driver.write(0x070, 0);
        assertEquals(0, driver.read(0x070));
    }

    @Test
    void descriptorAddressAbove4GiBIsRefused()
    {
        driver.start(FEATURES, 2);
        driver.post(TX, 0x1_8000_0000L, 64, 0);
        driver.transport.service();
        assertNotEquals(0, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
    }

    @Test
    void loopingDescriptorChainIsRefused()
    {
        driver.start(FEATURES, 2);
        driver.rawDescriptor(TX, 0, DATA, 16, 1, 1);
        driver.rawDescriptor(TX, 1, DATA, 16, 1, 0);
        driver.offerHead(TX, 0);
        driver.transport.service();
        assertNotEquals(0, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
        assertTrue(net.transport().lastViolation().contains("loops"), net.transport().lastViolation());
    }

    @Test
    void availableHeadBeyondTheQueueIsRefused()
    {
        driver.start(FEATURES, 2);
        driver.offerHead(TX, 200);
        driver.transport.service();
        assertNotEquals(0, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
    }

    @Test
    void ringsOutsideRamAreRefusedWhenTheQueueIsEnabled()
    {
        driver.negotiate(FEATURES);
        driver.write(0x030, 0);
        driver.write(0x038, VirtioTestDriver.QUEUE_SIZE);
        driver.write(0x080, 0x4000_0000);
        driver.write(0x044, 1);
        assertEquals(0, driver.read(0x044));
        assertNotEquals(0, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
    }

    @Test
    void queueSizeMustBeAPowerOfTwoWithinTheMaximum()
    {
        driver.negotiate(FEATURES);
        driver.write(0x030, 0);
        assertEquals(VirtioNet.QUEUE_SIZE, driver.read(0x034));
        driver.write(0x038, 6);
        driver.write(0x044, 1);
        assertEquals(0, driver.read(0x044));
    }

    @Test
    void noInterruptWhenTheDriverSuppressesIt()
    {
        driver.start(FEATURES, 2);
        driver.memory.putU16(VirtioTestDriver.available(RX), 1); // VIRTQ_AVAIL_F_NO_INTERRUPT
        driver.post(RX, DATA, 2048, 1);
        incoming.add(frame(64, 1));
        driver.transport.service();
        assertEquals(1, net.framesReceived());
        assertFalse(driver.interruptLineRaised());
    }

    @Test
    void nothingMovesBeforeDriverOk()
    {
        driver.negotiate(FEATURES);
        driver.setUpQueue(RX);
        driver.setUpQueue(TX);
        driver.post(RX, DATA, 2048, 1);
        incoming.add(frame(64, 1));
        driver.transport.service();
        assertEquals(0, polls);
    }
}
