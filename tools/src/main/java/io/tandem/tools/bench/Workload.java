package io.tandem.tools.bench;

import java.util.Locale;

/** What a pair runs in the lag and bandwidth scenarios. */
enum Workload
{
    /** The CPU benchmark: nothing to log but epoch marks (CPU-bound). */
    CPU("cpubench (CPU-bound)", false, false),
    /** kvstore with no client: timers and clock reads only. */
    KVSTORE_IDLE("kvstore idle", true, false),
    /** kvstore under a fixed-rate client load (I/O-bound). */
    KVSTORE_LOAD("kvstore under load (I/O-bound)", true, true);

    final String label;
    final boolean kvstore;
    final boolean load;

    Workload(final String label, final boolean kvstore, final boolean load)
    {
        this.label = label;
        this.kvstore = kvstore;
        this.load = load;
    }

    /** @return the label, with the request rate for a loaded workload. */
    String label(final int rate)
    {
        return load ? String.format(Locale.ROOT, "kvstore at %d requests/s (I/O-bound)", rate) : label;
    }
}
