package io.tandem.engine.replica;

import io.tandem.engine.machine.Machine;

/**
 * When a primary saves its machine's state: every so many instructions, at the first slice end
 * past each mark where the state can be saved. Off until {@link #every} is called.
 */
final class SnapshotSchedule
{
    private StateSaver saver;
    private long everyInstructions;
    private long nextIcount = Long.MAX_VALUE;
    private long saved;

    /** Saves every {@code everyInstructions} from {@code icount} on. */
    void every(final StateSaver saver, final long everyInstructions, final long icount)
    {
        this.saver = saver;
        this.everyInstructions = everyInstructions;
        this.nextIcount = icount + everyInstructions;
    }

    /** Saves the state if a mark has passed and the machine can be saved now. */
    void onSliceEnd(final Machine machine, final long lastSequence)
    {
        if (machine.icount() >= nextIcount && machine.stateSavable())
        {
            // The guest waits meanwhile: a snapshot costs a pause of the primary, measured by the caller.
            saver.save(machine, lastSequence);
            saved++;
            nextIcount = machine.icount() + everyInstructions;
        }
    }

    long saved()
    {
        return saved;
    }
}
