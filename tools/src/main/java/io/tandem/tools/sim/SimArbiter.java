package io.tandem.tools.sim;

import io.tandem.engine.replica.Arbiter;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arbiter of a simulated pair: an atomic test-and-set per (pair, generation), unreachable during
 * outages drawn from the seed. It keeps every grant, so that a run can check that no generation
 * was won twice.
 */
final class SimArbiter implements Arbiter
{
    /** One grant: who won which generation, when. */
    record Grant(long generation, String claimant, long atNs)
    {
    }

    private final NanoClock clock;
    private final Map<String, java.util.TreeSet<Long>> claimed = new HashMap<>();
    private final List<Grant> grants = new ArrayList<>();
    private long outageFromNs = Long.MAX_VALUE;
    private long outageUntilNs = Long.MIN_VALUE;
    private String lastFailure;
    private boolean grantTwice;

    SimArbiter(final NanoClock clock)
    {
        this.clock = clock;
    }

    /** The seeded bug {@link SimBug#GRANT_TWICE}: every claim wins. */
    void grantTwice()
    {
        grantTwice = true;
    }

    /** The arbiter cannot be reached in [{@code fromNs}, {@code untilNs}). */
    void outage(final long fromNs, final long untilNs)
    {
        outageFromNs = fromNs;
        outageUntilNs = untilNs;
    }

    private boolean reachable()
    {
        final long now = clock.nanoTime();
        return now < outageFromNs || now >= outageUntilNs;
    }

    @Override
    public Outcome testAndSet(final String pair, final long generation, final String claimant)
    {
        if (!reachable())
        {
            lastFailure = "simulated outage";
            return Outcome.UNREACHABLE;
        }
        // Per generation, as the file arbiter: the first claimant of a generation wins it.
        if (!claimed.computeIfAbsent(pair, p -> new java.util.TreeSet<>()).add(generation) && !grantTwice)
        {
            return Outcome.LOST;
        }
        grants.add(new Grant(generation, claimant, clock.nanoTime()));
        return Outcome.WON;
    }

    @Override
    public long currentGeneration(final String pair)
    {
        if (!reachable())
        {
            lastFailure = "simulated outage";
            return UNREACHABLE_GENERATION;
        }
        final java.util.TreeSet<Long> generations = claimed.get(pair);
        return generations == null || generations.isEmpty() ? 0 : generations.last();
    }

    @Override
    public String lastFailure()
    {
        return lastFailure;
    }

    /** @return every grant, in order. */
    List<Grant> grants()
    {
        return grants;
    }
}
