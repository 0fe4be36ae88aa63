package io.tandem.perf;

import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.StopReason;

/**
 * Checks shared by the benchmarks.
 */
public final class BenchmarkSupport
{
    private BenchmarkSupport()
    {
    }

    /**
     * Runs the machine for exactly {@code instructions}, failing loudly otherwise: a guest that
     * trapped into a lock-up, halted or went to sleep would otherwise report a figure for work it
     * never did.
     *
     * @param machine      a loaded machine.
     * @param instructions budget for {@link Machine#run(long)}.
     * @param what         names the workload in the error.
     * @return the machine's instruction count afterwards.
     */
    public static long runExactly(final Machine machine, final long instructions, final String what)
    {
        final StopReason reason = machine.run(instructions);
        if (reason != StopReason.BUDGET)
        {
            throw new IllegalStateException(what + " stopped early: " + reason + ", " + machine.haltReason() +
                ", " + machine.haltMessage() + " at icount " + machine.icount());
        }
        return machine.icount();
    }
}
