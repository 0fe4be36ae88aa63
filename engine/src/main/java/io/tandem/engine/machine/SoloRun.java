package io.tandem.engine.machine;

/**
 * Runs one machine alone to its end: in chunks, waiting in WFI for the clock, until it halts,
 * reaches an instruction limit, or waits for an interrupt that can never come.
 */
public final class SoloRun
{
    /** Instructions per {@link Machine#run(long)} call; console output is flushed between calls. */
    public static final long CHUNK_INSTRUCTIONS = 50_000_000L;

    /** How a solo run ended. */
    public enum Outcome
    {
        /** The machine halted; see {@link Machine#haltReason()}. */
        HALTED,
        /** The instruction limit was reached first. */
        INSTRUCTION_LIMIT,
        /** The hart waits for an interrupt that nothing can raise (virtual clock, no armed timer). */
        WAITS_FOREVER
    }

    private SoloRun()
    {
    }

    /**
     * @param machine         a loaded machine.
     * @param maxInstructions stop after this many instructions in all; {@link Long#MAX_VALUE} for no limit.
     * @return how the run ended.
     */
    public static Outcome run(final Machine machine, final long maxInstructions)
    {
        while (true)
        {
            final long left = maxInstructions - machine.icount();
            if (left <= 0)
            {
                return Outcome.INSTRUCTION_LIMIT;
            }
            final StopReason stop = machine.run(Math.min(left, CHUNK_INSTRUCTIONS));
            machine.flushConsole();
            if (stop == StopReason.HALT)
            {
                return Outcome.HALTED;
            }
            if (stop == StopReason.WFI)
            {
                if (machine.waitsForever())
                {
                    return Outcome.WAITS_FOREVER;
                }
                machine.awaitInterrupt();
            }
        }
    }
}
