package io.tandem.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

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
        return new CountersManager(
            new UnsafeBuffer(new byte[COUNTERS * CountersReader.METADATA_LENGTH]),
            new UnsafeBuffer(new byte[COUNTERS * CountersReader.COUNTER_LENGTH]));
    }
}
