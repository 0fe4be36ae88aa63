package io.tandem.engine.dev.virtio;

import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;

/**
 * The device-type half of a virtio device (network, block); {@link VirtioMmio} is the transport
 * half. Every method runs on the machine's thread.
 */
interface VirtioDevice
{
    /** @return the virtio device id (1 network, 2 block). */
    int deviceId();

    /** @return the device's feature bits, not counting VIRTIO_F_VERSION_1, which the transport adds. */
    long features();

    /** @return the number of virtqueues. */
    int queueCount();

    /** @return the largest size of a queue. */
    int queueMaxSize(int queue);

    /** @return config-space bytes at {@code offset}, little-endian, zero beyond the device's config. */
    int readConfig(int offset, int sizeBytes);

    /** Called between instructions: process notified queues, deliver waiting input. */
    void service(VirtioMmio transport);

    /** Called when the driver resets the device. */
    void reset();

    /** Adds device-type state to a state hash. */
    void hashState(StateHasher hasher);

    /** Saves device-type state: counters, a frame or requests in flight. */
    void saveState(StateWriter out);

    /** Loads what {@link #saveState} saved. */
    void loadState(StateReader in);
}
