package io.tandem.tools.bench;

/**
 * How long each scenario measures: {@link #FULL} for figures to quote (all of {@code bench all}
 * in a few minutes on a 2-core machine), {@link #QUICK} to check that everything runs, in seconds.
 */
enum BenchSize
{
    /** Figures to quote. */
    FULL("cpubench.elf", 2.0, 8.0, 1000, 50, 8.0, 5.0, new int[] {64, 256}, 10,
        new int[] {1000, 10_000}, new int[] {250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000}, 2.0, 5.0),
    /** A smoke run: every step, tiny sizes. */
    QUICK("cpubench_quick.elf", 0.3, 1.0, 200, 3, 1.5, 1.0, new int[] {16}, 2,
        new int[] {200}, new int[] {500, 2000}, 0.5, 1.0);

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
    /** Request rates of the latency scenario's fixed-rate runs, unless --rates says otherwise. */
    final int[] latencyRates;
    /** Rates tried in turn, each until p99 reaches 1 ms, for the highest sustained one. */
    final int[] throughputRates;
    /** Measured length of each throughput step, s (after a warm-up of a quarter of it). */
    final double throughputSeconds;
    /** How long an idle server's CPU is watched, s. */
    final double idleSeconds;

    BenchSize(final String cpuGuest, final double latencyWarmupSeconds, final double latencySeconds,
        final int requestRate, final int failoverTrials, final double lagSeconds, final double bandwidthSeconds,
        final int[] joinRamMib, final int joins, final int[] latencyRates, final int[] throughputRates,
        final double throughputSeconds, final double idleSeconds)
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
        this.latencyRates = latencyRates;
        this.throughputRates = throughputRates;
        this.throughputSeconds = throughputSeconds;
        this.idleSeconds = idleSeconds;
    }
}
