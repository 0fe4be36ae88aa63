package io.tandem.engine.cpu.compiler;

/**
 * One compiled region: the code reachable from an entry pc within one 4 KiB page, as the
 * {@link #run} method of a hidden class that extends this one. Its instruction words are kept to
 * tell, after a write to the page, whether the region still matches RAM. The class holds no
 * machine's addresses: each machine has its own instance, with its own addresses, and machines
 * of one process that run the same code share the class ({@link SharedRegions}) and so what
 * HotSpot compiled of it.
 */
abstract class CompiledRegion
{
    /** Host address of the machine's RAM; its page marks lie just below. */
    long ramAddress;
    /** Host address of the machine's code-word bitmap ({@link CodeCache#codeWordBitsAddress()}). */
    long codeWordBitsAddress;
    /** The machine's regions, where a jump out of this one finds the next ({@link RegionGenerator#MAX_CHAIN_DEPTH}). */
    CodeCache cache;
    int entryPc;
    /** Every pc the region may be entered at, ascending: {@link #entryPc} and its calls' return addresses. */
    int[] entries;
    int page;
    /** The guest addresses of the region's instructions and their words, as compiled. */
    int[] pcs;
    int[] words;
    int bytecodeBytes;
    int classBytes;

    /** @return true when the region holds the instruction at {@code pc} (cold path: a linear search). */
    final boolean holds(final int pc)
    {
        for (int i = 0; i < pcs.length; i++)
        {
            if (pcs[i] == pc)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs guest code from {@code pc}, one of {@link #entries}.
     *
     * @param x         the register file: read at entry, written back at every exit.
     * @param decoded   the decode cache's pages ({@link io.tandem.engine.cpu.DecodeCache#pages()}):
     *                  a store into a page that has slots clears those of the bytes it writes.
     * @param remaining the slice budget left; blocks are entered only when it covers them.
     * @param exit      receives the budget left and why the region left.
     * @param pc        where to enter.
     * @return the pc to continue at.
     */
    abstract int run(int[] x, long[][] decoded, int remaining, RegionExit exit, int pc);
}
