package io.tandem.perf;

import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;

/**
 * Machines configured the same way for every benchmark: a virtual clock and seeded entropy, so
 * that a run retires the same instructions every time and figures are comparable between runs.
 */
public final class Machines
{
    private Machines()
    {
    }

    /**
     * @param ramMib guest RAM in MiB; kept small where the program allows, because the decode
     *               cache holds one {@code long} per RAM word and a large one only costs set-up time.
     * @return a new machine with nothing loaded.
     */
    public static Machine newMachine(final int ramMib)
    {
        return newMachine(ramMib, new MachineContext().cpuEngine());
    }

    /**
     * @param ramMib guest RAM in MiB.
     * @param engine the engine that runs the machine's instructions.
     * @return a new machine with nothing loaded.
     */
    public static Machine newMachine(final int ramMib, final CpuEngine engine)
    {
        return new Machine(new MachineContext()
            .cpuEngine(engine)
            .ramMib(ramMib)
            .clock(new VirtualClock())
            .entropy(new SeededEntropy(1)));
    }

    /** Random data in every page above the guest's first 16 MiB, which it uses itself. */
    public static void fillFreeRam(final Machine machine, final int ramMib)
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        final byte[] page = new byte[4096];
        for (long address = 0x8100_0000L; address < 0x8000_0000L + ((long)ramMib << 20); address += page.length)
        {
            random.nextBytes(page);
            machine.writeRam((int)address, page, 0, page.length);
        }
    }
}
