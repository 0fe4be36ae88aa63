package io.tandem.engine.dev;

import java.util.SplittableRandom;

/** Reproducible pseudo-entropy from a seed: for tests and for deterministic solo runs. */
public final class SeededEntropy implements EntropySource
{
    private final SplittableRandom random;

    /** @param seed the seed. */
    public SeededEntropy(final long seed)
    {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int next16()
    {
        return random.nextInt() & 0xFFFF;
    }
}
