package io.tandem.tools.sim;

import io.tandem.engine.dev.BlockStore;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NanoClock;

/**
 * A replica's disk in a simulated run: in memory, each replica its own (the private disk mode), and
 * with I/O done at once on the machine's thread, so that a run is a function of its seed. For a
 * window of virtual time it can fail every request, as a failing device would.
 */
final class SimDisk implements BlockStore
{
    /** The kvstore guest's layout needs about 3.4 MiB. */
    static final int BYTES = 4 << 20;

    private final byte[] bytes = new byte[BYTES];
    private final NanoClock clock;
    private long failFromNs = Long.MAX_VALUE;
    private long failUntilNs;
    private long failures;

    SimDisk(final NanoClock clock)
    {
        this.clock = clock;
    }

    /** Every request made from {@code fromNs} until {@code untilNs} fails. */
    void failBetween(final long fromNs, final long untilNs)
    {
        failFromNs = fromNs;
        failUntilNs = untilNs;
    }

    /** @return requests failed so far. */
    long failures()
    {
        return failures;
    }

    private boolean failing()
    {
        final long now = clock.nanoTime();
        if (now >= failFromNs && now < failUntilNs)
        {
            failures++;
            return true;
        }
        return false;
    }

    @Override
    public long capacitySectors()
    {
        return bytes.length / SECTOR_BYTES;
    }

    @Override
    public boolean read(final long position, final MutableDirectBuffer dst, final int dstOffset, final int length)
    {
        if (position < 0 || position + length > bytes.length || failing())
        {
            return false;
        }
        dst.putBytes(dstOffset, bytes, (int)position, length);
        return true;
    }

    @Override
    public boolean write(final long position, final DirectBuffer src, final int srcOffset, final int length)
    {
        if (position < 0 || position + length > bytes.length || failing())
        {
            return false;
        }
        src.getBytes(srcOffset, bytes, (int)position, length);
        return true;
    }

    @Override
    public boolean flush()
    {
        return !failing();
    }

    @Override
    public void close()
    {
    }
}
