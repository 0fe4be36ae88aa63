package io.tandem.engine.replica;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairLogWriterTest
{
    private final MemoryChannel channel = new MemoryChannel();
    private final List<Long> latencies = new ArrayList<>();
    private final PairLogWriter log = new PairLogWriter(null, channel, new CachedNanoClock(), 1_000_000L)
        .ackLatency(latencies::add);
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final LogEntry entry = new LogEntry();

    private void send(final int type, final long sequence, final long icount)
    {
        log.send(buffer, 0, entry.wrap(buffer, 0).type(type).sequence(sequence).icount(icount).payloadLong(0, 0)
            .seal(8));
    }

    @Test
    void oneEntryAtATimeIsTimedFromItsSendToTheFirstAckThatCoversIt()
    {
        send(EntryType.HEARTBEAT, 0, 50); // nothing to acknowledge: not a sample
        log.acknowledged(0);
        assertTrue(latencies.isEmpty());
        send(EntryType.EPOCH, 1, 100);
        send(EntryType.EPOCH, 2, 200);
        log.acknowledged(0);
        assertTrue(latencies.isEmpty(), "an ack below the sample covers nothing");
        log.acknowledged(2);
        assertEquals(1, latencies.size());
        assertTrue(latencies.get(0) >= 0);
        log.acknowledged(2);
        assertEquals(1, latencies.size(), "no sample in flight until the next entry is sent");
        send(EntryType.EPOCH, 3, 300);
        log.acknowledged(3);
        assertEquals(2, latencies.size());
    }

    @Test
    void theLoggedIcountIsTheLastEntrysHeartbeatsAside()
    {
        send(EntryType.EPOCH, 1, 100);
        send(EntryType.HEARTBEAT, 0, 150);
        assertEquals(100, log.loggedIcount());
        send(EntryType.EPOCH, 2, 200);
        assertEquals(200, log.loggedIcount());
    }

    @Test
    void theLoggedIcountIsPublishedBeforeTheEntryLeaves()
    {
        final AtomicCounter counter = new AtomicCounter(new UnsafeBuffer(ByteBuffer.allocateDirect(CountersReader.COUNTER_LENGTH)), 0);
        final long[] seenWhenOffered = {-1};
        final PairLogWriter observed = new PairLogWriter(null, (buffer, offset, length) ->
        {
            seenWhenOffered[0] = counter.get();
            return 1;
        }, new CachedNanoClock(), 1_000_000L).loggedIcountCounter(counter);
        observed.send(buffer, 0, entry.wrap(buffer, 0).type(EntryType.EPOCH).sequence(1).icount(4242)
            .payloadLong(0, 0).seal(8));
        assertEquals(4242, seenWhenOffered[0], "a reader never sees an entry past the published position");
    }

    @Test
    void aChannelWithoutPeerIsClosedForGoodNotWaitedOn()
    {
        channel.connected(false);
        send(EntryType.EPOCH, 1, 100);
        assertFalse(log.channelOpen(), "NOT_CONNECTED is not back-pressure");
    }

    @Test
    void anEntryWakesTheBackupOnlyWhileItsAcknowledgementIsAwaited()
    {
        final List<String> offers = new ArrayList<>();
        final EntryPublication recording = new EntryPublication()
        {
            @Override
            public long offer(final DirectBuffer buffer, final int offset, final int length)
            {
                offers.add("wake");
                return channel.offer(buffer, offset, length);
            }

            @Override
            public long offerQuietly(final DirectBuffer buffer, final int offset, final int length)
            {
                offers.add("quiet");
                return channel.offer(buffer, offset, length);
            }
        };
        final boolean[] awaited = {false};
        final PairLogWriter quietLog = new PairLogWriter(null, recording, new CachedNanoClock(), 1_000_000L)
            .readerAwaited(() -> awaited[0]);
        final int length = entry.wrap(buffer, 0).type(EntryType.NET_FRAME).sequence(1).icount(10).payloadLong(0, 0).seal(8);
        quietLog.send(buffer, 0, length);
        awaited[0] = true;
        quietLog.send(buffer, 0, entry.wrap(buffer, 0).type(EntryType.EPOCH).sequence(2).icount(20).seal(0));
        assertEquals(List.of("quiet", "wake"), offers);
        offers.clear();
        new PairLogWriter(null, recording, new CachedNanoClock(), 1_000_000L).send(buffer, 0, length);
        assertEquals(List.of("wake"), offers, "a writer told nothing wakes the reader for every entry");
    }
}
