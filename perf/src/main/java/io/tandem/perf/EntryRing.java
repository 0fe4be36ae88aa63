package io.tandem.perf;

import io.tandem.codec.LogEntry;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A few sealed entries of one shape, back to back in one off-heap buffer, with sequence numbers
 * 1 to {@link #SIZE}: the journal and Aeron benchmarks send them in turn, so that every entry on
 * the wire is a valid one and a receiver can check that it got the entry that was sent, without
 * the cost of encoding (measured by {@code CodecBenchmark}) in the loop.
 */
public final class EntryRing
{
    /** Entries in the ring: 64 × 1536 bytes stays in a core's L2 cache. */
    public static final int SIZE = 64;

    private final UnsafeBuffer buffer;
    private final int length;

    /** @param shape a {@link SampleEntry} shape. */
    public EntryRing(final String shape)
    {
        final SampleEntry sample = new SampleEntry(shape);
        length = sample.length();
        buffer = SampleEntry.offHeap(SIZE * length);
        for (int i = 0; i < SIZE; i++)
        {
            sample.encode(buffer, i * length, sequence(i), 1000L * (i + 1));
        }
    }

    /** @return the buffer that holds the entries. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return the length of each entry. */
    public int length()
    {
        return length;
    }

    /** @return where the {@code n}-th entry sent (counting from 0) starts, cycling through the ring. */
    public int offset(final long n)
    {
        return (int)(n & (SIZE - 1)) * length;
    }

    /** @return the sequence number of the {@code n}-th entry sent. */
    public static long sequence(final long n)
    {
        return (n & (SIZE - 1)) + 1;
    }

    /** @return a buffer large enough for any entry, to receive into. */
    public static UnsafeBuffer receiveBuffer()
    {
        return SampleEntry.offHeap(LogEntry.MAX_LENGTH);
    }
}
