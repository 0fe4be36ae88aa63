package io.tandem.engine.dev;

/**
 * Reproducible pseudo-entropy from a seed: for tests and for deterministic solo runs. The
 * generator is SplitMix64 with the golden gamma, the same sequence as
 * {@code new SplittableRandom(seed).nextInt()}, kept as one long so that a snapshot can save
 * where it stands.
 */
public final class SeededEntropy implements EntropySource
{
    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private long state;

    /** @param seed the seed. */
    public SeededEntropy(final long seed)
    {
        this.state = seed;
    }

    @Override
    public int next16()
    {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 33)) * 0x62A9_D9ED_7997_05F5L;
        return (int)(((z ^ (z >>> 28)) * 0xCB24_D0A5_C88C_35B3L) >>> 32) & 0xFFFF;
    }

    /** @return the generator's position, for a snapshot. */
    public long state()
    {
        return state;
    }

    /** Moves the generator to a saved position. */
    public void state(final long state)
    {
        this.state = state;
    }
}
