package io.tandem.engine.dev.virtio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static io.tandem.engine.dev.virtio.VirtioTestDriver.DATA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioBlkTest
{
    private static final long FEATURES = VirtioMmio.FEATURE_VERSION_1 | VirtioBlk.FEATURE_FLUSH;
    private static final int SECTORS = 64;
    private static final int HEADER = DATA;
    private static final int BUFFER = DATA + 0x1000;
    private static final int STATUS = DATA + 0x100;

    private VirtioTestDriver driver;
    private MemoryBlockStore store;
    private VirtioBlk blk;

    @BeforeEach
    void setUp()
    {
        driver = new VirtioTestDriver();
        store = new MemoryBlockStore(SECTORS);
        blk = new VirtioBlk(driver.memory, driver.plic, VirtioTestDriver.IRQ, store);
        driver.attach(blk.transport());
        driver.start(FEATURES, 1);
    }

    @AfterEach
    void tearDown()
    {
        driver.close();
    }

    private void header(final int type, final long sector)
    {
        final byte[] header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(type).putInt(0).putLong(sector).array();
        driver.writeRam(HEADER, header);
        driver.writeRam(STATUS, new byte[] {(byte)0xAA});
    }

    private int status()
    {
        return driver.readRam(STATUS, 1)[0] & 0xFF;
    }

    private int[] submit(final long... buffers)
    {
        driver.post(0, buffers);
        driver.notifyQueue(0);
        driver.transport.service();
        return driver.takeUsed(0);
    }

    @Test
    void reportsCapacityInSectors()
    {
        assertEquals(VirtioBlk.DEVICE_ID, driver.read(0x008));
        assertEquals(SECTORS, blk.transport().read(0x100, 4, 0));
        assertEquals(0, blk.transport().read(0x104, 4, 0));
    }

    @Test
    void writeThenReadReturnsTheSameBytes()
    {
        final byte[] data = new byte[1024];
        Arrays.fill(data, (byte)0x5A);
        data[3] = 7;
        driver.writeRam(BUFFER, data);
        header(VirtioBlk.TYPE_OUT, 5);
        final int[] written = submit(HEADER, 16, 0, BUFFER, 1024, 0, STATUS, 1, 1);
        assertEquals(1, written[1], "only the status byte is written for OUT");
        assertEquals(VirtioBlk.STATUS_OK, status());
        assertArrayEquals(data, Arrays.copyOfRange(store.bytes, 5 * 512, 5 * 512 + 1024));

        driver.writeRam(BUFFER, new byte[1024]);
        header(VirtioBlk.TYPE_IN, 5);
        final int[] read = submit(HEADER, 16, 0, BUFFER, 1024, 1, STATUS, 1, 1);
        assertEquals(1025, read[1]);
        assertEquals(VirtioBlk.STATUS_OK, status());
        assertArrayEquals(data, driver.readRam(BUFFER, 1024));
        assertTrue(driver.interruptLineRaised());
    }

    @Test
    void accessPastTheEndOfTheDiskIsAnIoError()
    {
        header(VirtioBlk.TYPE_IN, SECTORS - 1);
        submit(HEADER, 16, 0, BUFFER, 1024, 1, STATUS, 1, 1);
        assertEquals(VirtioBlk.STATUS_IOERR, status());
        header(VirtioBlk.TYPE_OUT, Long.MAX_VALUE / 256);
        submit(HEADER, 16, 0, BUFFER, 512, 0, STATUS, 1, 1);
        assertEquals(VirtioBlk.STATUS_IOERR, status());
        assertEquals(2, blk.errors());
    }

    @Test
    void lengthThatIsNotWholeSectorsIsAnIoError()
    {
        header(VirtioBlk.TYPE_IN, 0);
        submit(HEADER, 16, 0, BUFFER, 100, 1, STATUS, 1, 1);
        assertEquals(VirtioBlk.STATUS_IOERR, status());
    }

    @Test
    void storeFailureIsReportedToTheGuestAsAnIoError()
    {
        store.failing = true;
        header(VirtioBlk.TYPE_OUT, 0);
        submit(HEADER, 16, 0, BUFFER, 512, 0, STATUS, 1, 1);
        assertEquals(VirtioBlk.STATUS_IOERR, status());
        header(VirtioBlk.TYPE_FLUSH, 0);
        submit(HEADER, 16, 0, STATUS, 1, 1);
        assertEquals(VirtioBlk.STATUS_IOERR, status());
    }

    @Test
    void flushReachesTheStore()
    {
        header(VirtioBlk.TYPE_FLUSH, 0);
        submit(HEADER, 16, 0, STATUS, 1, 1);
        assertEquals(VirtioBlk.STATUS_OK, status());
        assertEquals(1, store.flushes);
    }

    @Test
    void unknownRequestTypeIsUnsupported()
    {
        header(99, 0);
        submit(HEADER, 16, 0, STATUS, 1, 1);
        assertEquals(VirtioBlk.STATUS_UNSUPPORTED, status());
    }

    @Test
    void getIdWritesTheSerialNumber()
    {
        header(VirtioBlk.TYPE_GET_ID, 0);
        final int[] used = submit(HEADER, 16, 0, BUFFER, 20, 1, STATUS, 1, 1);
        assertEquals(VirtioBlk.STATUS_OK, status());
        assertEquals(21, used[1]);
        assertEquals("tandem-virtio-blk", new String(driver.readRam(BUFFER, 17), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void requestWithoutAStatusByteStopsTheDevice()
    {
        header(VirtioBlk.TYPE_IN, 0);
        submit(HEADER, 16, 0);
        assertNotEquals(0, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
    }

    @Test
    void dataBufferInTheWrongDirectionStopsTheDevice()
    {
        header(VirtioBlk.TYPE_IN, 0);
        submit(HEADER, 16, 0, BUFFER, 512, 0, STATUS, 1, 1);
        assertNotEquals(0, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
    }
}
