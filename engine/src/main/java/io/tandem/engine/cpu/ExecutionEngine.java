package io.tandem.engine.cpu;

/**
 * What runs a hart's instructions for one slice: the interpreter ({@link Cpu}) or the compiler of
 * hot guest code. Both keep the same contract, so that a machine on either reaches the same state
 * at every instruction count: {@link #execute(int)} retires exactly the instructions
 * {@link Cpu#execute(int)} would retire and returns the same stop code with the same pc,
 * registers, CSRs, RAM and written-page marks. The machine calls it once per slice.
 */
public interface ExecutionEngine
{
    /**
     * Runs at most {@code budget} instructions.
     *
     * @param budget instructions to retire, at least 1.
     * @return {@link Cpu#STOP_BUDGET}, {@link Cpu#STOP_BREAK}, {@link Cpu#STOP_WFI} or {@link Cpu#STOP_LOCKUP}.
     */
    int execute(int budget);

    /**
     * RAM was rewritten wholesale (snapshot load, state transfer) without the per-write marks:
     * nothing derived from guest code may run again before it is checked against RAM. The
     * decode cache is cleared by its owner.
     */
    void ramRewritten();

    /** @return the engine's name as the command line spells it: {@code interpreted} or {@code compiled}. */
    String name();
}
