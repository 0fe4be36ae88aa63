package io.tandem.engine.replica;

/**
 * Port: an atomic test-and-set per (pair, generation). The first claimant of a generation wins,
 * every later one loses, so a partition can never leave two primaries.
 */
public interface Arbiter
{
    /** What {@link #currentGeneration} returns when the arbiter cannot be reached. */
    long UNREACHABLE_GENERATION = -1;

    /** What a claim came to. */
    enum Outcome
    {
        /** This claimant holds the generation: it may go on (or go live). */
        WON,
        /** Another claimant holds the generation: this one must stop. */
        LOST,
        /** The arbiter could not be reached: nobody may assume anything; stop. */
        UNREACHABLE
    }

    /**
     * @param pair       the pair's name.
     * @param generation the generation being claimed (bumped on every failover).
     * @param claimant   who claims, for the record.
     * @return the outcome.
     */
    Outcome testAndSet(String pair, long generation, String claimant);

    /**
     * A harmless read, by the same path a claim takes: a replica asks it before it serves, so that
     * an arbiter it could not reach at a failover stops it at start instead.
     *
     * @param pair the pair's name.
     * @return the highest generation of the pair claimed so far (0 when none), or
     *         {@link #UNREACHABLE_GENERATION}, with {@link #lastFailure()} saying why.
     */
    long currentGeneration(String pair);

    /** @return why the arbiter could not be reached the last time it was not, or null. */
    String lastFailure();
}
