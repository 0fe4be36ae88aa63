package io.tandem.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;

/** Counters in memory, for nodes that a test drives without a counters file. */
final class TestCounters
{
    private static final int COUNTERS = 64;

    private TestCounters()
    {
    }

    /** @return a manager with room for a pair's counters, several times over. */
    static CountersManager inMemory()
    {
        // Direct buffers: counters take ordered and atomic stores, which want 8-byte alignment
        // that a byte[] does not promise.
        return new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(COUNTERS * CountersReader.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(COUNTERS * CountersReader.COUNTER_LENGTH)));
    }
}
