package io.tandem.engine.machine;

import org.agrona.UnsafeApi;

/**
 * A 64-bit hash of machine state, fed field by field in a fixed order. Not cryptographic: it
 * detects divergence between replicas, where a random 64-bit collision is not a concern.
 * The mixing is a multiply-rotate-multiply per 64-bit word (as in xxHash64's round function).
 */
public final class StateHasher
{
    private static final long PRIME_1 = 0x9E37_79B1_85EB_CA87L;
    private static final long PRIME_2 = 0xC2B2_AE3D_27D4_EB4FL;
    private static final long PRIME_3 = 0x1656_67B1_9E37_79F9L;

    private long hash = PRIME_3;
    private long words;

    /** Starts again from nothing, for a hasher that is reused. */
    public StateHasher reset()
    {
        hash = PRIME_3;
        words = 0;
        return this;
    }

    /** Mixes in one value. */
    public StateHasher add(final long value)
    {
        hash = round(hash, value);
        words++;
        return this;
    }

    /** Mixes in {@code length} bytes of off-heap memory (length a multiple of 8). */
    public StateHasher addMemory(final long address, final long length)
    {
        long h = hash;
        for (long i = 0; i < length; i += 8)
        {
            h = round(h, UnsafeApi.getLong(address + i));
        }
        hash = h;
        words += length >>> 3;
        return this;
    }

    /** @return the hash of everything added, finalised (avalanche of the last round). */
    public long hash()
    {
        long h = hash ^ words;
        h ^= h >>> 33;
        h *= PRIME_2;
        h ^= h >>> 29;
        h *= PRIME_3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(final long accumulator, final long input)
    {
        return Long.rotateLeft(accumulator ^ (input * PRIME_2), 31) * PRIME_1;
    }
}
