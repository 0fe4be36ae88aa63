package io.tandem.tools.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What every scenario of one bench run shares: sizes, options, guests, results and progress. */
final class BenchRun
{
    private final BenchSize size;
    private final GuestFiles guests;
    private final BenchResults results;
    private final Progress progress;
    private final PrintStream summary;
    private final int failoverTrials;
    private final long failureTimeoutMs;
    private final boolean qemu;
    private final List<Integer> latencyRates;
    private final Path workRoot;

    BenchRun(final BenchSize size, final GuestFiles guests, final BenchResults results, final Progress progress,
        final PrintStream summary, final int failoverTrials, final long failureTimeoutMs, final boolean qemu,
        final List<Integer> latencyRates, final Path workRoot)
    {
        this.workRoot = workRoot;
        this.latencyRates = List.copyOf(latencyRates);
        this.size = size;
        this.guests = guests;
        this.results = results;
        this.progress = progress;
        this.summary = summary;
        this.failoverTrials = failoverTrials;
        this.failureTimeoutMs = failureTimeoutMs;
        this.qemu = qemu;
    }

    BenchSize size()
    {
        return size;
    }

    GuestFiles guests()
    {
        return guests;
    }

    BenchResults results()
    {
        return results;
    }

    Progress progress()
    {
        return progress;
    }

    /** @return where a scenario prints its short summary (stdout). */
    PrintStream summary()
    {
        return summary;
    }

    int failoverTrials()
    {
        return failoverTrials;
    }

    long failureTimeoutMs()
    {
        return failureTimeoutMs;
    }

    /** @return false when QEMU was turned off on the command line (mips then measures Tandem only). */
    boolean qemu()
    {
        return qemu;
    }

    /** @return a new scratch directory for one measured run, under the work root. */
    WorkDirectory workDirectory(final String prefix)
    {
        return WorkDirectory.under(workRoot, prefix);
    }

    /** @return the request rates the latency scenario measures, requests per second. */
    List<Integer> latencyRates()
    {
        return latencyRates;
    }
}
