package io.tandem.tools.bench;

import io.tandem.tools.kv.KvLoad;
import io.tandem.node.Pair;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Round trips of kvstore (half PUTs of 64-byte values, half GETs) and echo (64-byte datagrams)
 * at a fixed request rate from one client: the guest alone, as a pair over Aeron IPC, and as a
 * pair over Aeron UDP. The difference is what the output rule costs: every reply of a pair waits
 * for the backup's acknowledgement of the log up to it.
 */
final class LatencyScenario implements Scenario
{
    private static final long SEED = 42;

    private enum Guest
    {
        KVSTORE("kvstore", "kvstore.elf", 7000, true),
        ECHO("echo", "echo.elf", 7007, false);

        final String label;
        final String elf;
        final int port;
        final boolean disk;

        Guest(final String label, final String elf, final int port, final boolean disk)
        {
            this.label = label;
            this.elf = elf;
            this.port = port;
            this.disk = disk;
        }
    }

    private enum Setup
    {
        SOLO("solo"), PAIR_IPC("pair IPC"), PAIR_UDP("pair UDP");

        final String label;

        Setup(final String label)
        {
            this.label = label;
        }
    }

    @Override
    public String name()
    {
        return "latency";
    }

    @Override
    public void plan(final BenchRun run)
    {
        run.progress().plan(run.latencyRates().size() * Guest.values().length * Setup.values().length,
            run.size().latencyWarmupSeconds + run.size().latencySeconds + 1.5);
    }

    @Override
    public void run(final BenchRun run)
    {
        final BenchSize size = run.size();
        for (final int rate : run.latencyRates())
        {
            for (final Guest guest : Guest.values())
            {
                final Path elf = run.guests().elf(guest.elf);
                final String plot = String.format(Locale.ROOT, "%s round trip at %d requests/s", guest.label, rate);
                for (final Setup setup : Setup.values())
                {
                    run.progress().step(String.format(Locale.ROOT, "latency: %s, %s, %d requests/s for %.0f s",
                        guest.label, setup.label, rate, size.latencyWarmupSeconds + size.latencySeconds),
                        size.latencyWarmupSeconds + size.latencySeconds + 1.5);
                    final LatencySeries series = run.results().series(String.format(Locale.ROOT, "latency-%s-%d-%s",
                        guest.label, rate, setup.name().toLowerCase(Locale.ROOT).replace('_', '-')),
                        name(), plot, setup.label, DisplayUnit.MICROSECONDS);
                    final KvLoad.Report report = measure(run, guest, setup, elf, rate, series);
                    if (series.total().getTotalCount() != report.histogram().getTotalCount())
                    {
                        // The interval log and the load's own histogram see every reply: a difference is a bug here.
                        throw new IllegalStateException("the interval log holds " + series.total().getTotalCount() +
                            " round trips but the load measured " + report.histogram().getTotalCount());
                    }
                    figures(run, String.format(Locale.ROOT, "%s at %d/s, %s", guest.label, rate, setup.label),
                        series, report);
                }
            }
        }
    }

    private static KvLoad.Report measure(final BenchRun run, final Guest guest, final Setup setup, final Path elf,
        final int rate, final LatencySeries series)
    {
        final BenchSize size = run.size();
        final long warmupNs = (long)(size.latencyWarmupSeconds * 1e9);
        final long durationNs = (long)(size.latencySeconds * 1e9);
        if (setup == Setup.SOLO)
        {
            try (WorkDirectory work = run.workDirectory("solo-");
                SoloServer server = new SoloServer(elf, guest.port, guest.disk, work))
            {
                return LoadRun.run(load(guest, rate, server.address()), series, run.progress(), warmupNs, durationNs);
            }
        }
        final PairSetup.Link link = setup == Setup.PAIR_IPC ? PairSetup.Link.IPC : PairSetup.Link.UDP;
        try (WorkDirectory work = run.workDirectory("pair-");
            Pair pair = new Pair(PairSetup.context(elf, guest.port, link, PairSetup.config(run.failureTimeoutMs()), work)))
        {
            PairSetup.awaitListening(pair, elf);
            return LoadRun.run(load(guest, rate, pair.address()), series, run.progress(), warmupNs, durationNs);
        }
    }

    private static KvLoad.Config load(final Guest guest, final int rate, final InetSocketAddress server)
    {
        return new KvLoad.Config().servers(List.of(server)).ratePerSecond(rate).clients(1)
            .echo(guest == Guest.ECHO).seed(SEED);
    }

    private void figures(final BenchRun run, final String configuration, final LatencySeries series,
        final KvLoad.Report report)
    {
        final BenchResults results = run.results();
        final Histogram h = series.total();
        final boolean any = h.getTotalCount() > 0;
        results.figure(name(), configuration, "p50", any ? h.getValueAtPercentile(50) / 1e3 : Double.NaN, "us");
        results.figure(name(), configuration, "p99", any ? h.getValueAtPercentile(99) / 1e3 : Double.NaN, "us");
        results.figure(name(), configuration, "p99.9", any ? h.getValueAtPercentile(99.9) / 1e3 : Double.NaN, "us");
        results.figure(name(), configuration, "max", any ? h.getMaxValue() / 1e3 : Double.NaN, "us");
        results.figure(name(), configuration, "replies/s", report.throughput(), "1/s");
        results.figure(name(), configuration, "timed out", report.timedOut() + report.unsent(), "requests");
        run.summary().printf(Locale.ROOT, "latency  %-28s p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  max %8.1f us" +
            "  %6.0f replies/s  %d timed out%n", configuration, any ? h.getValueAtPercentile(50) / 1e3 : Double.NaN,
            any ? h.getValueAtPercentile(99) / 1e3 : Double.NaN, any ? h.getValueAtPercentile(99.9) / 1e3 : Double.NaN,
            any ? h.getMaxValue() / 1e3 : Double.NaN, report.throughput(), report.timedOut() + report.unsent());
    }
}
