package io.tandem.engine.replica;

import io.tandem.engine.snapshot.CapturedState;

/**
 * Port: where a primary's snapshots go when their RAM is copied while the guest runs
 * ({@link io.tandem.engine.snapshot.RamPreCopy}). Called on the machine's thread right after the
 * capture; it must hand the writing to another thread and return, and release the state once
 * written (or failed), or no further snapshot begins.
 */
public interface CapturedStateSaver
{
    /**
     * Copies a bounded part of what the saver keeps beside RAM (a disk image) while the guest
     * runs: called at every slice end while RAM is being copied.
     *
     * @return true when what is left to copy is small enough to copy in the capture's pause.
     */
    default boolean step()
    {
        return true;
    }

    /**
     * Called at the slice end of the capture, where no disk I/O is in flight: finishes what it
     * keeps beside RAM, then hands the writing to another thread.
     *
     * @param state the state captured at a slice end.
     */
    void save(CapturedState state);
}
