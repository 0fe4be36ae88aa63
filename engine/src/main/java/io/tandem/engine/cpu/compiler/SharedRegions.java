package io.tandem.engine.cpu.compiler;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The region classes of every machine in this process, by what they were generated from: the
 * entry pc, the RAM size and each instruction's address and word. A class's code is a function of
 * exactly these (host addresses come from the instance), so a second machine running the same
 * program (the backup of a pair, a replay, a new machine after a restart) takes the class the first
 * one generated: no generation, and no second round of HotSpot compiling the same code, which on
 * two cores otherwise competes with both machines for the CPU while a pair starts.
 * <p>
 * Classes are held weakly: a class lives while some machine's cache holds a region of it, so the
 * caches' caps still bound the memory. Thread-safe; used only when a region is compiled.
 */
final class SharedRegions
{
    private static final int PURGE_EVERY = 256;
    private static final ConcurrentHashMap<Key, Shared> CLASSES = new ConcurrentHashMap<>();
    private static final AtomicInteger PUBLISHED = new AtomicInteger();

    private SharedRegions()
    {
    }

    /** What a region class was generated from. */
    static final class Key
    {
        final int entryPc;
        final int ramWords;
        final int[] pcs;
        final int[] words;
        private final int hash;

        /**
         * @param pcs   the region's instruction addresses, ascending (kept, not copied).
         * @param words their instruction words (kept, not copied).
         */
        Key(final int entryPc, final int ramWords, final int[] pcs, final int[] words)
        {
            this.entryPc = entryPc;
            this.ramWords = ramWords;
            this.pcs = pcs;
            this.words = words;
            this.hash = 31 * (31 * (31 * entryPc + ramWords) + Arrays.hashCode(pcs)) + Arrays.hashCode(words);
        }

        @Override
        public int hashCode()
        {
            return hash;
        }

        @Override
        public boolean equals(final Object other)
        {
            if (!(other instanceof Key))
            {
                return false;
            }
            final Key key = (Key)other;
            return hash == key.hash && entryPc == key.entryPc && ramWords == key.ramWords &&
                Arrays.equals(pcs, key.pcs) && Arrays.equals(words, key.words);
        }
    }

    /** A generated class and its sizes, for the caches' accounting. */
    static final class Shared extends WeakReference<Class<?>>
    {
        final int bytecodeBytes;
        final int classBytes;

        Shared(final Class<?> type, final int bytecodeBytes, final int classBytes)
        {
            super(type);
            this.bytecodeBytes = bytecodeBytes;
            this.classBytes = classBytes;
        }
    }

    /** @return the class generated from {@code key} that some machine still holds, or null. */
    static Shared find(final Key key)
    {
        final Shared shared = CLASSES.get(key);
        return shared != null && shared.get() != null ? shared : null;
    }

    /**
     * Offers a class just generated from {@code key}.
     *
     * @return the class to use: {@code offered}, or one another machine published first.
     */
    static Shared publish(final Key key, final Shared offered)
    {
        if ((PUBLISHED.incrementAndGet() & (PURGE_EVERY - 1)) == 0)
        {
            CLASSES.values().removeIf(shared -> shared.get() == null);
        }
        while (true)
        {
            final Shared existing = CLASSES.putIfAbsent(key, offered);
            if (existing == null)
            {
                return offered;
            }
            if (existing.get() != null)
            {
                return existing;
            }
            CLASSES.remove(key, existing); // its class was unloaded: take the slot
        }
    }

    /** @return classes held in the table now, live or not yet purged. */
    static int size()
    {
        return CLASSES.size();
    }
}
