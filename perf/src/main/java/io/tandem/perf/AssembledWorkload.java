package io.tandem.perf;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;

/**
 * An endless program built with the {@link Assembler}, plus the data it works on.
 */
public final class AssembledWorkload implements Workload
{
    private final int ramMib;
    private final int codeAddress;
    private final byte[] code;
    private final int dataAddress;
    private final byte[] data;

    /**
     * @param ramMib      guest RAM in MiB.
     * @param program     the program; must loop forever, its origin is the entry point.
     * @param dataAddress where {@code data} goes.
     * @param data        initial contents of the data area; may be empty.
     */
    public AssembledWorkload(final int ramMib, final Assembler program, final int dataAddress, final byte[] data)
    {
        this.ramMib = ramMib;
        this.codeAddress = program.origin();
        this.code = program.bytes();
        this.dataAddress = dataAddress;
        this.data = data.clone();
    }

    /** {@inheritDoc} */
    @Override
    public Machine start(final CpuEngine engine)
    {
        final Machine machine = Machines.newMachine(ramMib, engine);
        machine.writeRam(dataAddress, data, 0, data.length);
        machine.writeRam(codeAddress, code, 0, code.length);
        machine.cpu().pc(codeAddress);
        return machine;
    }

    /** {@inheritDoc} */
    @Override
    public long runLength()
    {
        return ENDLESS;
    }
}
