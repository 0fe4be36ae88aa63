package io.tandem.engine.dev;

import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.MmioDevice;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;

/**
 * Platform-level interrupt controller with the {@code virt} board's layout: sources 1..95 with
 * 3-bit priorities, level-triggered gateways, and context 0 (hart 0, M-mode) with enables,
 * threshold and claim/complete. Context 1 (S-mode on QEMU) accepts its registers and never
 * interrupts, since this hart has no S-mode.
 */
public final class Plic implements MmioDevice
{
    /** Number of interrupt sources, counting the unused source 0. */
    public static final int SOURCES = 96;
    private static final int WORDS = SOURCES / 32;
    private static final int PRIORITY_MASK = 7;

    private static final int PENDING_BASE = 0x1000;
    private static final int ENABLE_BASE = 0x2000;
    private static final int ENABLE_STRIDE = 0x80;
    private static final int CONTEXT_BASE = 0x20_0000;
    private static final int CONTEXT_STRIDE = 0x1000;

    private final int[] priority = new int[SOURCES];
    private final int[] pending = new int[WORDS];
    private final int[] inService = new int[WORDS];
    private final int[] level = new int[WORDS];
    private final int[][] enable = new int[2][WORDS];
    private final int[] threshold = new int[2];

    /**
     * Drives a source's interrupt line. A raised line becomes pending unless the source is being
     * serviced; it becomes pending again on completion if still raised.
     *
     * @param source 1..95.
     * @param raised the line's level.
     */
    public void setLevel(final int source, final boolean raised)
    {
        final int word = source >>> 5;
        final int bit = 1 << (source & 31);
        if (raised)
        {
            level[word] |= bit;
            if ((inService[word] & bit) == 0)
            {
                pending[word] |= bit;
            }
        }
        else
        {
            level[word] &= ~bit;
            pending[word] &= ~bit; // a level-triggered source that drops its line withdraws the request
        }
    }

    /** @return true when context 0 has a pending, enabled source above its threshold: mip.MEIP. */
    public boolean externalInterrupt()
    {
        return best(0) != 0;
    }

    private int best(final int context)
    {
        int bestSource = 0;
        int bestPriority = threshold[context];
        for (int word = 0; word < WORDS; word++)
        {
            int candidates = pending[word] & enable[context][word];
            while (candidates != 0)
            {
                final int bit = Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                final int source = (word << 5) + bit;
                if (source != 0 && priority[source] > bestPriority)
                {
                    bestPriority = priority[source];
                    bestSource = source;
                }
            }
        }
        return bestSource;
    }

    @Override
    public int read(final int offset, final int sizeBytes, final long icount)
    {
        final int word = offset & ~3;
        final int value;
        if (word < PENDING_BASE)
        {
            value = word / 4 < SOURCES ? priority[word / 4] : 0;
        }
        else if (word < PENDING_BASE + WORDS * 4)
        {
            value = pending[(word - PENDING_BASE) / 4];
        }
        else if (word >= ENABLE_BASE && word < ENABLE_BASE + 2 * ENABLE_STRIDE)
        {
            final int context = (word - ENABLE_BASE) / ENABLE_STRIDE;
            final int index = (word - ENABLE_BASE - context * ENABLE_STRIDE) / 4;
            value = index < WORDS ? enable[context][index] : 0;
        }
        else if (word >= CONTEXT_BASE && word < CONTEXT_BASE + 2 * CONTEXT_STRIDE)
        {
            final int context = (word - CONTEXT_BASE) / CONTEXT_STRIDE;
            final int register = word - CONTEXT_BASE - context * CONTEXT_STRIDE;
            if (register == 0)
            {
                value = threshold[context];
            }
            else if (register == 4)
            {
                value = context == 0 ? claim() : 0;
            }
            else
            {
                value = 0;
            }
        }
        else
        {
            value = 0;
        }
        return RegisterAccess.extract(value, offset, sizeBytes);
    }

    private int claim()
    {
        final int source = best(0);
        if (source != 0)
        {
            final int word = source >>> 5;
            final int bit = 1 << (source & 31);
            pending[word] &= ~bit;
            inService[word] |= bit;
        }
        return source;
    }

    @Override
    public void write(final int offset, final int sizeBytes, final int value, final long icount)
    {
        final int word = offset & ~3;
        if (word < PENDING_BASE)
        {
            final int source = word / 4;
            if (source > 0 && source < SOURCES)
            {
                priority[source] = RegisterAccess.merge(priority[source], offset, sizeBytes, value) & PRIORITY_MASK;
            }
        }
        else if (word >= ENABLE_BASE && word < ENABLE_BASE + 2 * ENABLE_STRIDE)
        {
            final int context = (word - ENABLE_BASE) / ENABLE_STRIDE;
            final int index = (word - ENABLE_BASE - context * ENABLE_STRIDE) / 4;
            if (index < WORDS)
            {
                final int merged = RegisterAccess.merge(enable[context][index], offset, sizeBytes, value);
                enable[context][index] = index == 0 ? merged & ~1 : merged; // source 0 does not exist
            }
        }
        else if (word >= CONTEXT_BASE && word < CONTEXT_BASE + 2 * CONTEXT_STRIDE)
        {
            final int context = (word - CONTEXT_BASE) / CONTEXT_STRIDE;
            final int register = word - CONTEXT_BASE - context * CONTEXT_STRIDE;
            if (register == 0)
            {
                threshold[context] = RegisterAccess.merge(threshold[context], offset, sizeBytes, value) & PRIORITY_MASK;
            }
            else if (register == 4 && context == 0)
            {
                complete(value);
            }
        }
    }

    private void complete(final int source)
    {
        if (source <= 0 || source >= SOURCES)
        {
            return;
        }
        final int word = source >>> 5;
        final int bit = 1 << (source & 31);
        if ((enable[0][word] & bit) == 0)
        {
            return; // completion of a source not enabled for the context is ignored, per the PLIC spec
        }
        inService[word] &= ~bit;
        if ((level[word] & bit) != 0)
        {
            pending[word] |= bit;
        }
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        for (int i = 0; i < SOURCES; i++)
        {
            hasher.add(priority[i]);
        }
        for (int i = 0; i < WORDS; i++)
        {
            hasher.add(pending[i]).add(inService[i]).add(level[i]).add(enable[0][i]).add(enable[1][i]);
        }
        hasher.add(threshold[0]).add(threshold[1]);
    }

    /** Saves priorities, pending, in-service and level bits, enables and thresholds. */
    public void saveState(final StateWriter out)
    {
        out.putInts(priority).putInts(pending).putInts(inService).putInts(level)
            .putInts(enable[0]).putInts(enable[1]).putInts(threshold);
    }

    /** Loads what {@link #saveState} saved. */
    public void loadState(final StateReader in)
    {
        for (int i = 0; i < SOURCES; i++)
        {
            priority[i] = in.getInt("priority", 0, PRIORITY_MASK);
        }
        in.getInts(pending);
        in.getInts(inService);
        in.getInts(level);
        in.getInts(enable[0]);
        in.getInts(enable[1]);
        in.getInts(threshold);
    }
}
