package io.tandem.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AckHeartbeatLayoutTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final LogEntry entry = new LogEntry();

    @Test
    void anAckCarriesTheJournaledSequenceAndTheBackupsIcountInTheirOwnFields()
    {
        final int length = entry.wrap(buffer, 0).type(EntryType.ACK).sequence(0).icount(99)
            .payloadLong(Ack.SEQUENCE_OFFSET, 41).payloadLong(Ack.BACKUP_ICOUNT_OFFSET, 12_345).seal(Ack.LENGTH);
        final LogEntry read = new LogEntry().wrapForRead(buffer, 0);
        assertEquals(length, read.validate(length, 0));
        assertEquals(Ack.LENGTH, read.payloadLength());
        assertEquals(41, read.payloadLong(Ack.SEQUENCE_OFFSET));
        assertEquals(12_345, read.payloadLong(Ack.BACKUP_ICOUNT_OFFSET));
    }

    @Test
    void aHeartbeatCarriesTheSendersTimeAndTheReleasedSequenceAndMayCarryTheTimeOnly()
    {
        entry.wrap(buffer, 0).type(EntryType.HEARTBEAT).sequence(0).icount(7)
            .payloadLong(Heartbeat.TIME_OFFSET, 5_000).payloadLong(Heartbeat.RELEASED_OFFSET, Heartbeat.ALL_RELEASED);
        final int length = entry.seal(Heartbeat.LENGTH);
        final LogEntry read = new LogEntry().wrapForRead(buffer, 0);
        assertEquals(length, read.validate(length, 0));
        assertEquals(5_000, read.payloadLong(Heartbeat.TIME_OFFSET));
        assertEquals(Heartbeat.ALL_RELEASED, read.payloadLong(Heartbeat.RELEASED_OFFSET));

        final int shortLength = entry.wrap(buffer, 128).type(EntryType.HEARTBEAT).sequence(0).icount(7)
            .payloadLong(Heartbeat.TIME_OFFSET, 6_000).seal(Heartbeat.TIME_LENGTH);
        final LogEntry shortRead = new LogEntry().wrapForRead(buffer, 128);
        assertEquals(shortLength, shortRead.validate(shortLength, 1));
        assertEquals(Heartbeat.TIME_LENGTH, shortRead.payloadLength());
        assertEquals(6_000, shortRead.payloadLong(Heartbeat.TIME_OFFSET));
    }
}
