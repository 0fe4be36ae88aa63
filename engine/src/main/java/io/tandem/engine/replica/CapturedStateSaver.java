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
    /** @param state the state captured at a slice end. */
    void save(CapturedState state);
}
