package io.tandem.perf;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * Writes one shape of log entry, as the recorder does: a clock read (8-byte payload, 40 bytes in
 * all) or a network frame of 128 or 1500 bytes copied in from an off-heap frame buffer. The
 * codec, journal and Aeron benchmarks take the shape as the parameter {@code entry}.
 */
public final class SampleEntry
{
    /** JMH parameter values, in the order the README lists them. */
    public static final String CLOCK = "clock";
    /** A NET_FRAME entry with a small (128-byte) frame. */
    public static final String FRAME_128 = "frame128";
    /** A NET_FRAME entry with a full Ethernet payload (1500 bytes). */
    public static final String FRAME_1500 = "frame1500";

    private static final long SEED = 0x7A4DE3L;
    private static final int CLOCK_PAYLOAD_LENGTH = 8;
    /** A VirtualClock's rate, so that the clock entries' payloads look like mtime. */
    private static final int INSTRUCTIONS_PER_TICK = 10;

    private final int type;
    private final int payloadLength;
    private final UnsafeBuffer frame;
    private final LogEntry entry = new LogEntry();

    /** @param shape {@link #CLOCK}, {@link #FRAME_128} or {@link #FRAME_1500}. */
    public SampleEntry(final String shape)
    {
        switch (shape)
        {
            case CLOCK:
                type = EntryType.CLOCK_READ;
                payloadLength = CLOCK_PAYLOAD_LENGTH;
                break;
            case FRAME_128:
                type = EntryType.NET_FRAME;
                payloadLength = 128;
                break;
            case FRAME_1500:
                type = EntryType.NET_FRAME;
                payloadLength = 1500;
                break;
            default:
                throw new IllegalArgumentException("unknown entry shape: " + shape);
        }
        frame = offHeap(payloadLength);
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < payloadLength; i++)
        {
            frame.putByte(i, (byte)random.nextInt(256));
        }
    }

    /**
     * Off-heap, as the replicas' buffers are: the codec's CRC32C over a heap buffer takes another
     * path (the JDK's CRC32C object).
     *
     * @param bytes capacity.
     * @return a new cache-line-aligned direct buffer.
     */
    public static UnsafeBuffer offHeap(final int bytes)
    {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            BitUtil.align(Math.max(bytes, 64), 64), 64));
    }

    /** @return the sealed length of every entry of this shape (header, payload, padding). */
    public int length()
    {
        return LogEntry.lengthFor(payloadLength);
    }

    /**
     * Writes and seals one entry: wrap, header fields, payload, padding and CRC32C.
     *
     * @return the sealed length, {@link #length()}.
     */
    public int encode(final MutableDirectBuffer buffer, final int offset, final long sequence, final long icount)
    {
        entry.wrap(buffer, offset).type(type).sequence(sequence).icount(icount);
        if (type == EntryType.CLOCK_READ)
        {
            entry.payloadLong(0, icount / INSTRUCTIONS_PER_TICK);
        }
        else
        {
            entry.payloadBytes(0, frame, 0, payloadLength);
        }
        return entry.seal(payloadLength);
    }
}
