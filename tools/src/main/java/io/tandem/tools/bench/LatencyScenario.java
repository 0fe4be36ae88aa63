package io.tandem.tools.bench;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.tools.kv.KvLoad;
import io.tandem.node.Pair;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Round trips of kvstore (half PUTs of 64-byte values, half GETs) and echo (64-byte datagrams)
 * at fixed request rates (one client up to 2500/s, four above): a plain Java UDP echo (echo only: the floor, which
 * measures the load generator and loopback), the guest alone, as a pair over Aeron IPC and over
 * Aeron UDP, and under QEMU when it is installed. The difference between solo and pair is what the
 * output rule costs: every reply of a pair waits for the backup's acknowledgement of the log up to
 * it. Then, per configuration, the highest rate (from a ladder, several clients) whose p99 stays
 * under 1 ms, and the CPU each server spends while nobody talks to it (QEMU's process included).
 */
final class LatencyScenario implements Scenario
{
    private static final long SEED = 42;
    /** A rate is sustained while its p99 stays under this. */
    private static final long SUSTAINED_P99_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Clients of the throughput ladder: requests overlap, as they would from many users. */
    private static final int THROUGHPUT_CLIENTS = 4;

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
        RAW("raw UDP echo"), SOLO("solo"), PAIR_IPC("pair IPC"), PAIR_UDP("pair UDP"), QEMU("QEMU");

        final String label;

        Setup(final String label)
        {
            this.label = label;
        }

        String file()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
        final BenchSize size = run.size();
        final double fixed = run.latencyRates().size() * (size.latencyWarmupSeconds + size.latencySeconds);
        final double ladder = size.throughputRates.length * size.throughputSeconds * 1.25;
        int steps = 0;
        for (final Guest guest : Guest.values())
        {
            steps += setups(run, guest).size();
        }
        run.progress().plan(steps, fixed + ladder + size.idleSeconds + 2);
    }

    private static List<Setup> setups(final BenchRun run, final Guest guest)
    {
        final List<Setup> setups = new ArrayList<>();
        for (final Setup setup : Setup.values())
        {
            if ((setup == Setup.RAW && guest != Guest.ECHO) ||
                (setup == Setup.QEMU && (!run.qemu() || !QemuRun.installed())))
            {
                continue;
            }
            setups.add(setup);
        }
        return setups;
    }

    @Override
    public void run(final BenchRun run)
    {
        final BenchSize size = run.size();
        if (!run.qemu() || !QemuRun.installed())
        {
            run.results().note("latency: QEMU left out (" + (run.qemu() ? QemuRun.QEMU + " not installed" : "--no-qemu") +
                ")");
        }
        for (final Guest guest : Guest.values())
        {
            final Path elf = run.guests().elf(guest.elf);
            for (final Setup setup : setups(run, guest))
            {
                final double fixed = run.latencyRates().size() * (size.latencyWarmupSeconds + size.latencySeconds);
                run.progress().step(String.format(Locale.ROOT, "latency: %s, %s: %s requests/s, the highest rate " +
                    "under 1 ms, idle CPU", guest.label, setup.label, run.latencyRates()),
                    fixed + size.throughputRates.length * size.throughputSeconds * 1.25 + size.idleSeconds + 2);
                try (WorkDirectory work = run.workDirectory(setup.file() + "-");
                    LatencyServer server = start(run, guest, setup, elf, work))
                {
                    for (final int rate : run.latencyRates())
                    {
                        fixedRate(run, guest, setup, server.address(), rate);
                        noteSplit(run, guest, setup, server);
                    }
                    sustained(run, guest, setup, server.address());
                    idle(run, guest, setup, server);
                }
            }
        }
    }

    private static LatencyServer start(final BenchRun run, final Guest guest, final Setup setup, final Path elf,
        final WorkDirectory work)
    {
        switch (setup)
        {
            case RAW:
                return new RawUdpEchoServer();
            case SOLO:
                return new SoloServer(elf, guest.port, guest.disk, work);
            case QEMU:
                return new QemuServer(elf, guest.port, guest.disk, work);
            default:
                final Pair pair = new Pair(PairSetup.context(elf, guest.port,
                    setup == Setup.PAIR_IPC ? PairSetup.Link.IPC : PairSetup.Link.UDP,
                    PairSetup.config(run.failureTimeoutMs()), work));
                try
                {
                    PairSetup.awaitListening(pair, elf);
                }
                catch (final RuntimeException ex)
                {
                    pair.close();
                    throw ex;
                }
                return new LatencyServer()
                {
                    @Override
                    public InetSocketAddress address()
                    {
                        return pair.address();
                    }

                    @Override
                    public String split()
                    {
                        return pair.primaryState() == PrimaryReplica.State.PAIRED &&
                            pair.backupState() == BackupReplica.State.FOLLOWING ? null :
                            "primary " + pair.primaryState() + ", backup " + pair.backupState();
                    }

                    @Override
                    public void close()
                    {
                        pair.close();
                    }
                };
        }
    }

    private void fixedRate(final BenchRun run, final Guest guest, final Setup setup, final InetSocketAddress server,
        final int rate)
    {
        final BenchSize size = run.size();
        final String plot = String.format(Locale.ROOT, "%s round trip at %d requests/s, %d client(s)", guest.label,
            rate, fixedRateClients(rate));
        try (LatencySeries series = run.results().series(String.format(Locale.ROOT, "latency-%s-%d-%s",
            guest.label, rate, setup.file()), name(), plot, setup.label, DisplayUnit.MICROSECONDS))
        {
            StageTimeline.clear();
            final KvLoad.Report report = LoadRun.run(load(guest, rate, server).clients(fixedRateClients(rate)), series,
                run.progress(),
                (long)(size.latencyWarmupSeconds * 1e9), (long)(size.latencySeconds * 1e9));
            if (series.total().getTotalCount() != report.histogram().getTotalCount())
            {
                // The interval log and the load's own histogram see every reply: a difference is a bug here.
                throw new IllegalStateException("the interval log holds " + series.total().getTotalCount() +
                    " round trips but the load measured " + report.histogram().getTotalCount());
            }
            figures(run, String.format(Locale.ROOT, "%s at %d/s, %s", guest.label, rate, setup.label), series, report);
            if (setup == Setup.PAIR_IPC || setup == Setup.PAIR_UDP)
            {
                StageTimeline.print(run.summary(), String.format(Locale.ROOT, "%s at %d/s, %s", guest.label, rate,
                    setup.label));
            }
        }
    }

    /** Says so when a pair split under the load: its figures are then a machine alone's. */
    private void noteSplit(final BenchRun run, final Guest guest, final Setup setup, final LatencyServer server)
    {
        final String split = server.split();
        if (split != null)
        {
            final String note = String.format(Locale.ROOT, "%s, %s: THE PAIR SPLIT (%s): its figures are a machine " +
                "alone's, not a pair's", guest.label, setup.label, split);
            run.results().note("latency: " + note);
            run.summary().println("split     " + note);
        }
    }

    /**
     * One client up to 2500 requests/s, four above: a closed-loop client at 10000/s would need
     * every round trip under 100 µs, and would measure its own queue instead of the server.
     */
    static int fixedRateClients(final int rate)
    {
        return rate > 2500 ? THROUGHPUT_CLIENTS : 1;
    }

    /** Climbs the ladder of rates until p99 reaches 1 ms or requests go unanswered; the last rate held counts. */
    private void sustained(final BenchRun run, final Guest guest, final Setup setup, final InetSocketAddress server)
    {
        final BenchSize size = run.size();
        final long durationNs = (long)(size.throughputSeconds * 1e9);
        double best = 0;
        String stoppedBy = "the ladder's top";
        for (final int rate : size.throughputRates)
        {
            final KvLoad.Report report;
            final Histogram h;
            try (LatencySeries series = run.results().series(String.format(Locale.ROOT, "sustained-%s-%s-%d",
                guest.label, setup.file(), rate), name(), guest.label + " round trip under rising load",
                setup.label + " at " + rate + "/s", DisplayUnit.MICROSECONDS))
            {
                report = LoadRun.run(load(guest, rate, server).clients(THROUGHPUT_CLIENTS), series, run.progress(),
                    durationNs / 4, durationNs);
                h = series.total();
            }
            final long lost = report.timedOut() + report.unsent();
            final long p99 = h.getTotalCount() == 0 ? Long.MAX_VALUE : h.getValueAtPercentile(99);
            if (lost > 0 || p99 >= SUSTAINED_P99_NS)
            {
                stoppedBy = String.format(Locale.ROOT, "%d/s: p99 %.0f us, %d unanswered", rate, p99 / 1e3, lost);
                break;
            }
            best = report.throughput();
        }
        final String configuration = String.format(Locale.ROOT, "%s, %s", guest.label, setup.label);
        run.results().figure(name(), configuration, "sustained with p99 < 1 ms", best, "1/s");
        run.summary().printf(Locale.ROOT, "sustained %-26s %8.0f requests/s with p99 under 1 ms (%d clients; " +
            "stopped at %s)%n", configuration, best, THROUGHPUT_CLIENTS, stoppedBy);
    }

    private void idle(final BenchRun run, final Guest guest, final Setup setup, final LatencyServer server)
    {
        SoloServer.sleepMs(500); // the last replies and the JIT settle
        final IdleCpu.Figures cpu = server instanceof QemuServer ?
            IdleCpu.measure((long)(run.size().idleSeconds * 1e9), ((QemuServer)server)::cpuNs, "qemu process") :
            IdleCpu.measure((long)(run.size().idleSeconds * 1e9));
        final String configuration = String.format(Locale.ROOT, "%s, %s", guest.label, setup.label);
        run.results().figure(name(), configuration, "idle CPU", cpu.percentOfCore, "% of a core");
        run.summary().printf(Locale.ROOT, "idle      %-26s %8.2f %% of one core (this JVM's threads%s: %s)%n",
            configuration, cpu.percentOfCore, setup == Setup.QEMU ? " and QEMU's process" : "", cpu.busiest);
    }

    private static KvLoad.Config load(final Guest guest, final int rate, final InetSocketAddress server)
    {
        return new KvLoad.Config().servers(List.of(server)).ratePerSecond(rate).echo(guest == Guest.ECHO).seed(SEED);
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
        run.summary().printf(Locale.ROOT, "latency  %-32s p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  max %8.1f us" +
            "  %6.0f replies/s  %d timed out%n", configuration, any ? h.getValueAtPercentile(50) / 1e3 : Double.NaN,
            any ? h.getValueAtPercentile(99) / 1e3 : Double.NaN, any ? h.getValueAtPercentile(99.9) / 1e3 : Double.NaN,
            any ? h.getMaxValue() / 1e3 : Double.NaN, report.throughput(), report.timedOut() + report.unsent());
    }
}
