package io.tandem.engine.replica;

/**
 * Port: an atomic test-and-set per (pair, generation). The first claimant of a generation wins,
 * every later one loses, so a partition can never leave two primaries.
 */
public interface Arbiter
{
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
}
