package io.tandem.engine.cpu.compiler;

/**
 * How a compiled region left: written by the region at each exit, read by the dispatcher. One
 * per engine, reused for every region call, so that leaving allocates nothing.
 */
final class RegionExit
{
    /** Continue at the returned pc: a jump out of the region, or a branch to code it does not hold. */
    static final int JUMP = 0;
    /**
     * The interpreter steps from the returned pc: the instruction there missed the RAM fast path
     * (device, misaligned, unmapped: it may trap), or the budget left does not cover its block.
     */
    static final int INTERPRET = 1;
    /**
     * Compiled code may have changed: the region's page was written before it was entered, or
     * the region stored into a word of compiled code (and retired that store).
     */
    static final int CODE_WRITTEN = 2;

    /** With {@link #CODE_WRITTEN}: the page whose code may have changed. */
    int writtenPage;
    /** Budget left after the region, instructions. */
    int remaining;
    /** One of {@link #JUMP}, {@link #INTERPRET}, {@link #CODE_WRITTEN}. */
    int reason;
    /** Regions entered from regions now running (chained jumps), zero in the dispatcher. */
    int depth;
}
