package io.tandem.perf;

import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;

/**
 * A guest program ready to run: builds a fresh machine with the program loaded and knows how far
 * the program runs before it stops by itself.
 */
public interface Workload
{
    /** Run length of a program that never halts. */
    long ENDLESS = Long.MAX_VALUE;

    /** @return a new machine on the default engine, program loaded, pc at its entry; the caller closes it. */
    default Machine start()
    {
        return start(new MachineContext().cpuEngine());
    }

    /**
     * @param engine the engine that runs the machine's instructions.
     * @return a new machine, program loaded, pc at its entry; the caller closes it.
     */
    Machine start(CpuEngine engine);

    /**
     * @return instructions the program retires from {@link #start()} before it halts, or
     * {@link #ENDLESS}.
     */
    long runLength();
}
