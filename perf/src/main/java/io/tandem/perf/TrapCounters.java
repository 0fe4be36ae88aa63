package io.tandem.perf;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH's second metric for {@link TrapBenchmark}: traps taken, reported per second next to the
 * score (guest instructions per second), so that {@code 1e9 / traps} is the all-in cost of one
 * trap in nanoseconds: entry, handler, {@code mret} and the one or two loop instructions.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class TrapCounters
{
    /** Traps taken in this iteration, as the guest counted them. */
    public long traps;

    /** JMH does not reset counters by itself. */
    @Setup(Level.Iteration)
    public void reset()
    {
        traps = 0;
    }
}
