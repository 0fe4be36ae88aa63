package io.tandem.tools.sim;

import io.tandem.engine.dev.DiskLatency;
import org.agrona.concurrent.NanoClock;

import java.util.SplittableRandom;

/**
 * The simulated disks' latency: none, except in windows of virtual time in which each request
 * takes 0.1 to 3 ms, drawn from the run's seed, so that completions reach the guest at
 * instruction counts the latency decides, and may still be in flight when a replica dies.
 */
final class SimDiskLatency implements DiskLatency
{
    private static final long MIN_NS = 100_000;
    private static final long SPREAD_NS = 2_900_000;

    private final NanoClock clock;
    private final SplittableRandom random;
    private long slowFromNs = Long.MAX_VALUE;
    private long slowUntilNs;
    private long delayed;

    SimDiskLatency(final NanoClock clock, final SplittableRandom random)
    {
        this.clock = clock;
        this.random = random;
    }

    /** Requests started from {@code fromNs} until {@code untilNs} are slow. */
    void slowBetween(final long fromNs, final long untilNs)
    {
        slowFromNs = fromNs;
        slowUntilNs = untilNs;
    }

    /** @return requests that were slow so far. */
    long delayed()
    {
        return delayed;
    }

    @Override
    public long dueNs()
    {
        final long now = clock.nanoTime();
        if (now < slowFromNs || now >= slowUntilNs)
        {
            return now;
        }
        delayed++;
        return now + MIN_NS + random.nextLong(SPREAD_NS);
    }

    @Override
    public long nowNs()
    {
        return clock.nanoTime();
    }
}
