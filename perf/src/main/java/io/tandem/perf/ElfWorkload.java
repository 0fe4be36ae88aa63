package io.tandem.perf;

import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.SoloRun;

import java.nio.file.Path;

/**
 * A committed guest ELF that runs to completion. Its run length is measured once, by running it
 * to its end, so that benchmarks can start a fresh machine before the guest would halt.
 */
public final class ElfWorkload implements Workload
{
    private final ElfImage image;
    private final int ramMib;
    private final long runLength;

    /**
     * Parses the ELF and runs it once to its end.
     *
     * @param path   the ELF.
     * @param ramMib guest RAM in MiB.
     * @throws IllegalStateException when the guest does not pass, which would make its figure meaningless.
     */
    public ElfWorkload(final Path path, final int ramMib)
    {
        this.image = ElfReader.read(path);
        this.ramMib = ramMib;

        try (Machine machine = start())
        {
            final SoloRun.Outcome outcome = SoloRun.run(machine, Long.MAX_VALUE);
            if (outcome != SoloRun.Outcome.HALTED || machine.haltReason() != HaltReason.PASSED)
            {
                throw new IllegalStateException(
                    path + " did not pass: " + outcome + ", " + machine.haltMessage());
            }
            this.runLength = machine.icount();
        }
    }

    /** {@inheritDoc} */
    @Override
    public Machine start(final CpuEngine engine)
    {
        final Machine machine = Machines.newMachine(ramMib, engine);
        machine.load(image);
        return machine;
    }

    /** {@inheritDoc} */
    @Override
    public long runLength()
    {
        return runLength;
    }
}
