package io.tandem.engine.replica;

import io.tandem.engine.machine.Machine;
import io.tandem.engine.snapshot.RamPreCopy;

/**
 * When a primary saves its machine's state: every so many instructions, at the first slice end
 * past each mark where the state can be saved. Off until {@link #every} or {@link #whileRunning}
 * is called. Saved whole at that slice end ({@link #every}), the guest waiting meanwhile; or
 * ({@link #whileRunning}) with RAM copied a bounded step per slice end from the mark on and the
 * state captured once few pages are left, the file written by another thread.
 */
final class SnapshotSchedule
{
    private StateSaver saver;
    private RamPreCopy preCopy;
    private CapturedStateSaver capturedSaver;
    private int pagesPerStep;
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

    /** Copies RAM while the guest runs, every {@code everyInstructions} from {@code icount} on. */
    void whileRunning(final RamPreCopy preCopy, final CapturedStateSaver saver, final int pagesPerStep,
        final long everyInstructions, final long icount)
    {
        this.preCopy = preCopy;
        this.capturedSaver = saver;
        this.pagesPerStep = pagesPerStep;
        this.everyInstructions = everyInstructions;
        this.nextIcount = icount + everyInstructions;
    }

    /** Saves the state if a mark has passed and the machine can be saved now. */
    void onSliceEnd(final Machine machine, final long lastSequence)
    {
        if (preCopy != null)
        {
            if (!preCopy.copying() && machine.icount() >= nextIcount && preCopy.idle())
            {
                preCopy.begin();
            }
            if (preCopy.copying() && preCopy.step(pagesPerStep) & capturedSaver.step() && machine.stateSavable())
            {
                capturedSaver.save(preCopy.capture(lastSequence));
                saved++;
                nextIcount = machine.icount() + everyInstructions;
            }
            return;
        }
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
