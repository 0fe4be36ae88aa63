package io.tandem.transport.arbiter;

import io.tandem.engine.replica.Arbiter;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The arbiter's replicated state: who holds each (pair, generation). The first claim of a key
 * records its claimant and wins; a later claim by another claimant loses; a later claim by the
 * same claimant wins again, so that a client may retry a claim whose answer it did not hear.
 * <p>
 * Sorted, so that every member writes the same snapshot bytes for the same state. Entries are
 * never removed: a late claim for an old generation must still lose to its holder.
 */
final class ClaimTable
{
    /** One key of the table. */
    record Key(String pair, long generation)
    {
    }

    /** Receives the table's entries in key order. */
    @FunctionalInterface
    interface EntryConsumer
    {
        void accept(String pair, long generation, String claimant);
    }

    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::pair).thenComparingLong(Key::generation);

    private final TreeMap<Key, String> holders = new TreeMap<>(ORDER);

    /**
     * @return {@link Arbiter.Outcome#WON} if the key was free (it is now {@code claimant}'s) or
     *         already {@code claimant}'s, {@link Arbiter.Outcome#LOST} if another holds it.
     */
    Arbiter.Outcome claim(final String pair, final long generation, final String claimant)
    {
        final String holder = holders.putIfAbsent(new Key(pair, generation), claimant);
        return holder == null || holder.equals(claimant) ? Arbiter.Outcome.WON : Arbiter.Outcome.LOST;
    }

    /** @return the holder of the key, or null. */
    String holder(final String pair, final long generation)
    {
        return holders.get(new Key(pair, generation));
    }

    /** @return the highest generation of {@code pair} held, or 0 when none is. */
    long highestGeneration(final String pair)
    {
        final Key above = holders.lowerKey(new Key(pair, Long.MAX_VALUE));
        return above != null && above.pair().equals(pair) ? Math.max(0, above.generation()) : 0;
    }

    /** Records an entry read back from a snapshot; a key may appear only once. */
    void restore(final String pair, final long generation, final String claimant)
    {
        if (holders.putIfAbsent(new Key(pair, generation), claimant) != null)
        {
            throw new IllegalStateException(
                "the arbiter snapshot holds " + pair + " generation " + generation + " twice");
        }
    }

    /** @return how many keys are held. */
    int size()
    {
        return holders.size();
    }

    /** Visits every entry in key order. */
    void forEach(final EntryConsumer consumer)
    {
        for (final Map.Entry<Key, String> entry : holders.entrySet())
        {
            consumer.accept(entry.getKey().pair(), entry.getKey().generation(), entry.getValue());
        }
    }
}
