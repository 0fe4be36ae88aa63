package io.tandem.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogEntryTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH * 2));
    private final LogEntry entry = new LogEntry();

    private int writeClockRead(final int offset, final long sequence, final long icount, final long mtime)
    {
        entry.wrap(buffer, offset).type(EntryType.CLOCK_READ).sequence(sequence).icount(icount).payloadLong(0, mtime);
        return entry.seal(8);
    }

    @Test
    void entryRoundTripsThroughTheBuffer()
    {
        final int length = writeClockRead(64, 7, 123_456_789L, 0xCAFE_F00DL);
        assertEquals(40, length);
        final LogEntry read = new LogEntry().wrapForRead(buffer, 64);
        assertEquals(40, read.validate(1000, 64));
        assertEquals(EntryType.CLOCK_READ, read.type());
        assertEquals(7, read.sequence());
        assertEquals(123_456_789L, read.icount());
        assertEquals(0xCAFE_F00DL, read.payloadLong(0));
        assertEquals(8, read.payloadLength());
        assertEquals(LogEntry.VERSION, read.version());
    }

    @Test
    void lengthIsPaddedToEightBytesAndPaddingIsZeroed()
    {
        buffer.setMemory(0, 64, (byte)0xFF);
        entry.wrap(buffer, 0).type(EntryType.ENTROPY_READ).sequence(1).icount(2).payloadInt(0, 0x1234);
        assertEquals(40, entry.seal(4));
        assertEquals(0, buffer.getInt(36));
        assertEquals(32, LogEntry.lengthFor(0));
        assertEquals(40, LogEntry.lengthFor(1));
    }

    @Test
    void everyFlippedBitIsCaughtWithTheSequenceAndOffsetNamed()
    {
        final int length = writeClockRead(0, 42, 1000, 99);
        for (int bit = 0; bit < length * 8; bit++)
        {
            buffer.putByte(bit / 8, (byte)(buffer.getByte(bit / 8) ^ (1 << (bit % 8))));
            final LogFormatException ex = assertThrows(LogFormatException.class,
                () -> new LogEntry().wrapForRead(buffer, 0).validate(length, 4096), "bit " + bit);
            assertEquals(4096, ex.byteOffset());
            assertTrue(ex.getMessage().contains("byte offset 4096"), ex.getMessage());
            buffer.putByte(bit / 8, (byte)(buffer.getByte(bit / 8) ^ (1 << (bit % 8))));
        }
        assertEquals(length, new LogEntry().wrapForRead(buffer, 0).validate(length, 0));
    }

    @Test
    void badChecksumNamesTheSequence()
    {
        writeClockRead(0, 42, 1000, 99);
        buffer.putByte(LogEntry.PAYLOAD_OFFSET, (byte)1);
        final LogFormatException ex = assertThrows(LogFormatException.class,
            () -> new LogEntry().wrapForRead(buffer, 0).validate(40, 0));
        assertEquals(42, ex.sequence());
        assertTrue(ex.getMessage().startsWith("bad checksum (entry sequence 42"), ex.getMessage());
    }

    @Test
    void truncatedEntryIsRefused()
    {
        writeClockRead(0, 5, 1, 2);
        final LogFormatException ex = assertThrows(LogFormatException.class,
            () -> new LogEntry().wrapForRead(buffer, 0).validate(39, 0));
        assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
        assertThrows(LogFormatException.class, () -> new LogEntry().wrapForRead(buffer, 0).validate(10, 0));
    }

    @Test
    void unknownVersionIsRefusedEvenWithAValidChecksum()
    {
        writeClockRead(0, 5, 1, 2);
        buffer.putByte(LogEntry.VERSION_OFFSET, (byte)2);
        reseal(0, 40);
        final LogFormatException ex = assertThrows(LogFormatException.class,
            () -> new LogEntry().wrapForRead(buffer, 0).validate(40, 0));
        assertTrue(ex.getMessage().contains("unknown entry version 2"), ex.getMessage());
    }

    @Test
    void unknownTypeIsRefusedEvenWithAValidChecksum()
    {
        writeClockRead(0, 5, 1, 2);
        buffer.putShort(LogEntry.TYPE_OFFSET, (short)999);
        reseal(0, 40);
        final LogFormatException ex = assertThrows(LogFormatException.class,
            () -> new LogEntry().wrapForRead(buffer, 0).validate(40, 0));
        assertTrue(ex.getMessage().contains("unknown entry type 999"), ex.getMessage());
        assertEquals(5, ex.sequence());
    }

    @Test
    void implausibleLengthIsRefused()
    {
        writeClockRead(0, 5, 1, 2);
        buffer.putInt(LogEntry.LENGTH_OFFSET, LogEntry.MAX_LENGTH + 8);
        assertThrows(LogFormatException.class, () -> new LogEntry().wrapForRead(buffer, 0).validate(1 << 20, 0));
        buffer.putInt(LogEntry.LENGTH_OFFSET, 44);
        assertThrows(LogFormatException.class, () -> new LogEntry().wrapForRead(buffer, 0).validate(1 << 20, 0));
    }

    @Test
    void framePayloadRoundTrips()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[1514]);
        for (int i = 0; i < frame.capacity(); i++)
        {
            frame.putByte(i, (byte)i);
        }
        entry.wrap(buffer, 8).type(EntryType.NET_FRAME).sequence(3).icount(4).payloadBytes(0, frame, 0, 1514);
        final int length = entry.seal(1514);
        final LogEntry read = new LogEntry().wrapForRead(buffer, 8);
        read.validate(length, 8);
        final UnsafeBuffer back = new UnsafeBuffer(new byte[1514]);
        read.getPayloadBytes(0, back, 0, read.payloadLength());
        assertEquals(0, back.compareTo(frame));
    }

    @Test
    void heapBuffersChecksumTheSameAsOffHeap()
    {
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[64]);
        entry.wrap(heap, 0).type(EntryType.CLOCK_READ).sequence(9).icount(9).payloadLong(0, 9);
        entry.seal(8);
        writeClockRead(0, 9, 9, 9);
        assertEquals(buffer.getInt(0), heap.getInt(0));
    }

    @Test
    void diskCompletionWithoutDataIsA48ByteEntry()
    {
        entry.wrap(buffer, 0).type(EntryType.DISK_COMPLETION).sequence(11).icount(5000)
            .payloadLong(DiskCompletion.REQUEST_ID_OFFSET, 77).payloadU16(DiskCompletion.HEAD_OFFSET, 0xFFFE)
            .payloadU8(DiskCompletion.STATUS_OFFSET, 1).payloadU8(DiskCompletion.FLAGS_OFFSET, 0)
            .payloadInt(DiskCompletion.DATA_LENGTH_OFFSET, 0);
        final int length = entry.seal(DiskCompletion.DATA_OFFSET);
        assertEquals(48, length);
        final LogEntry read = new LogEntry().wrapForRead(buffer, 0);
        assertEquals(48, read.validate(length, 0));
        assertEquals(EntryType.DISK_COMPLETION, read.type());
        assertEquals("DISK_COMPLETION", EntryType.name(read.type()));
        assertEquals(77, read.payloadLong(DiskCompletion.REQUEST_ID_OFFSET));
        assertEquals(0xFFFE, read.payloadU16(DiskCompletion.HEAD_OFFSET));
        assertEquals(1, read.payloadU8(DiskCompletion.STATUS_OFFSET));
        assertEquals(0, read.payloadInt(DiskCompletion.DATA_LENGTH_OFFSET));
    }

    @Test
    void diskCompletionCarriesTheLargestSharedReadInOneEntry()
    {
        final int dataLength = DiskCompletion.MAX_DATA_LENGTH;
        final UnsafeBuffer data = new UnsafeBuffer(ByteBuffer.allocateDirect(dataLength));
        for (int i = 0; i < dataLength; i += 4)
        {
            data.putInt(i, i * 31);
        }
        entry.wrap(buffer, 0).type(EntryType.DISK_COMPLETION).sequence(2).icount(9)
            .payloadLong(DiskCompletion.REQUEST_ID_OFFSET, 1).payloadU16(DiskCompletion.HEAD_OFFSET, 3)
            .payloadU8(DiskCompletion.STATUS_OFFSET, 0).payloadU8(DiskCompletion.FLAGS_OFFSET, DiskCompletion.FLAG_DATA)
            .payloadInt(DiskCompletion.DATA_LENGTH_OFFSET, dataLength)
            .payloadBytes(DiskCompletion.DATA_OFFSET, data, 0, dataLength);
        final int length = entry.seal(DiskCompletion.DATA_OFFSET + dataLength);
        assertEquals(LogEntry.HEADER_LENGTH + DiskCompletion.DATA_OFFSET + dataLength, length);
        final LogEntry read = new LogEntry().wrapForRead(buffer, 0);
        read.validate(length, 0);
        assertEquals(DiskCompletion.FLAG_DATA, read.payloadU8(DiskCompletion.FLAGS_OFFSET));
        final UnsafeBuffer back = new UnsafeBuffer(ByteBuffer.allocateDirect(dataLength));
        read.getPayloadBytes(DiskCompletion.DATA_OFFSET, back, 0, read.payloadInt(DiskCompletion.DATA_LENGTH_OFFSET));
        assertEquals(0, back.compareTo(data));
    }

    @Test
    void externalInterruptIsA40ByteEntry()
    {
        entry.wrap(buffer, 0).type(EntryType.EXTERNAL_INTERRUPT).sequence(4).icount(8192)
            .payloadInt(ExternalInterrupt.SOURCE_OFFSET, 10).payloadInt(ExternalInterrupt.LEVEL_OFFSET, 1);
        final int length = entry.seal(ExternalInterrupt.LENGTH);
        assertEquals(40, length);
        final LogEntry read = new LogEntry().wrapForRead(buffer, 0);
        read.validate(length, 0);
        assertEquals("EXTERNAL_INTERRUPT", EntryType.name(read.type()));
        assertEquals(10, read.payloadInt(ExternalInterrupt.SOURCE_OFFSET));
        assertEquals(1, read.payloadInt(ExternalInterrupt.LEVEL_OFFSET));
    }

    @Test
    void typeNumbersStayWhereTheyWere()
    {
        // Journals already written name their entries by these numbers.
        assertEquals(7, EntryType.NET_FRAME);
        assertEquals(12, EntryType.RUN_END);
        assertEquals(13, EntryType.DISK_COMPLETION);
        assertEquals(14, EntryType.EXTERNAL_INTERRUPT);
        assertEquals(EntryType.EXTERNAL_INTERRUPT, EntryType.MAX);
        assertTrue(!EntryType.known(EntryType.MAX + 1));
    }

    private void reseal(final int offset, final int length)
    {
        buffer.putInt(offset, Checksums.crc32c(buffer, offset + 4, length - 4), java.nio.ByteOrder.LITTLE_ENDIAN);
    }
}
