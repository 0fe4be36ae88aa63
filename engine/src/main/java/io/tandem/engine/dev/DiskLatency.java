package io.tandem.engine.dev;

/**
 * Port: how long a disk request takes when its I/O is done at once on the machine's thread, as a
 * simulated disk does it. The request is performed when it starts, but completes into the guest
 * only once it is due, on the port's own clock (a simulation's virtual one), so that completions
 * enter the guest at instruction counts that depend on the latency, as a real disk's do. A disk
 * with an I/O thread has the host's latency and takes none.
 */
public interface DiskLatency
{
    /** @return when a request started now is due, on the {@link #nowNs()} clock. */
    long dueNs();

    /** @return the port's clock now. */
    long nowNs();
}
