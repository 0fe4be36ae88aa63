package io.tandem.engine.dev;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Seeded entropy keeps the sequence of {@code SplittableRandom}, and its position can be saved. */
class SeededEntropyTest
{
    @Test
    void followsSplittableRandomsSequence()
    {
        final SplittableRandom reference = new SplittableRandom(7);
        final SeededEntropy entropy = new SeededEntropy(7);
        for (int i = 0; i < 10_000; i++)
        {
            assertEquals(reference.nextInt() & 0xFFFF, entropy.next16(), "draw " + i);
        }
    }

    @Test
    void aSavedPositionGoesOnWithTheSameValues()
    {
        final SeededEntropy entropy = new SeededEntropy(99);
        entropy.next16();
        entropy.next16();
        final SeededEntropy moved = new SeededEntropy(0);
        moved.state(entropy.state());
        for (int i = 0; i < 100; i++)
        {
            assertEquals(entropy.next16(), moved.next16());
        }
    }
}
