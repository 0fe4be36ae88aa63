package io.tandem.engine.replica;

import io.tandem.engine.machine.Machine;

/**
 * Port: saves a replica's machine state (a snapshot beside its journal). Called on the replica's
 * thread between slices, where the state is whole.
 */
@FunctionalInterface
public interface StateSaver
{
    /**
     * @param machine         the machine, {@link Machine#stateSavable() savable}.
     * @param journalSequence the last log entry written up to now.
     */
    void save(Machine machine, long journalSequence);
}
