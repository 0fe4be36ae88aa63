package io.tandem.tools.bench;

/**
 * How long each scenario measures: {@link #FULL} for figures to quote (all of {@code bench all}
 * in a few minutes on a 2-core machine), {@link #QUICK} to check that everything runs, in seconds.
 */
enum BenchSize
{
    /** Figures to quote. */
    FULL("cpubench.elf", 2.0, 8.0, 1000, 50, 8.0, 5.0, new int[] {64, 256}, 10),
    /** A smoke run: every step, tiny sizes. */
    QUICK("cpubench_quick.elf", 0.3, 1.0, 200, 3, 1.5, 1.0, new int[] {16}, 2);

    /** The CPU benchmark guest for mips and the CPU-bound lag and bandwidth workloads. */
    final String cpuGuest;
    /** Warm-up of each latency run, s (sent, not recorded). */
    final double latencyWarmupSeconds;
    /** Measured length of each latency run, s. */
    final double latencySeconds;
    /** Requests per second of the latency, lag and bandwidth loads. */
    final int requestRate;
    /** Failover trials, unless --trials says otherwise. */
    final int failoverTrials;
    /** Length of each lag workload, s. */
    final double lagSeconds;
    /** Length of each bandwidth workload, s. */
    final double bandwidthSeconds;
    /** Guest RAM sizes of the join series, MiB. */
    final int[] joinRamMib;
    /** Joins of a new backup per RAM size. */
    final int joins;

    BenchSize(final String cpuGuest, final double latencyWarmupSeconds, final double latencySeconds,
        final int requestRate, final int failoverTrials, final double lagSeconds, final double bandwidthSeconds,
        final int[] joinRamMib, final int joins)
    {
        this.cpuGuest = cpuGuest;
        this.latencyWarmupSeconds = latencyWarmupSeconds;
        this.latencySeconds = latencySeconds;
        this.requestRate = requestRate;
        this.failoverTrials = failoverTrials;
        this.lagSeconds = lagSeconds;
        this.bandwidthSeconds = bandwidthSeconds;
        this.joinRamMib = joinRamMib;
        this.joins = joins;
    }
}
