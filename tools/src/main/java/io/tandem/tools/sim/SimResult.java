package io.tandem.tools.sim;

import java.util.List;

/**
 * What one simulated run did and found.
 *
 * @param seed       the run's seed: the same seed runs the same schedule again.
 * @param schedule   the faults drawn, one line each, with their virtual times.
 * @param faults     how many faults were injected.
 * @param operations client operations in the history.
 * @param statuses   how those operations ended, e.g. {@code OK 120, NOT_FOUND 31, TIMED_OUT 2}.
 * @param violations what the checks found wrong; empty for a good run.
 * @param digest     a digest of the run (history, final states): equal for two runs of one seed.
 * @param effects    what the faults did that the schedule does not say (datagrams lost or
 *                   duplicated, disk requests failed, how each replica ended), one line.
 */
public record SimResult(long seed, List<String> schedule, int faults, int operations, String statuses,
    List<String> violations,
    long digest, String effects)
{
}
