package io.tandem.engine.mem;

import io.tandem.engine.machine.StateHasher;

/**
 * A memory-mapped device behind the {@link Bus}. Accesses are cold: a guest touches a device
 * rarely compared with RAM, so one interface call per access costs nothing that matters.
 */
public interface MmioDevice
{
    /**
     * A guest load.
     *
     * @param offset     byte offset in the device's window, aligned to {@code sizeBytes}.
     * @param sizeBytes  1, 2 or 4.
     * @param icount     instructions retired before the loading one: the machine's clock of record.
     * @return the value, zero-extended into the low {@code sizeBytes} bytes.
     */
    int read(int offset, int sizeBytes, long icount);

    /**
     * A guest store.
     *
     * @param offset    byte offset in the device's window, aligned to {@code sizeBytes}.
     * @param sizeBytes 1, 2 or 4.
     * @param value     the value in the low {@code sizeBytes} bytes.
     * @param icount    instructions retired before the storing one.
     */
    void write(int offset, int sizeBytes, int value, long icount);

    /** Adds the device's guest-visible state to a machine state hash. */
    void hashState(StateHasher hasher);
}
