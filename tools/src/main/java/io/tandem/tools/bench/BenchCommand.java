package io.tandem.tools.bench;

import picocli.CommandLine.Command;
import io.tandem.tools.CpuOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tandem bench}: end-to-end scenarios on real guests, with a results directory and an HTML report. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Runs end-to-end scenarios on the committed guests, prints a summary and",
        "writes every result to a directory: .hgrm and .hlog (HdrHistogram) per",
        "distribution, summary.json, and report.html with percentile plots.",
        "  mips       cpubench solo, recording, replaying, as primary and backup",
        "             of a pair; QEMU -icount and plain when installed",
        "  latency    kvstore and echo round trips at fixed rates: a raw UDP echo",
        "             (the floor), solo, pair over Aeron IPC and UDP, QEMU when",
        "             installed; the highest rate with p99 under 1 ms; idle CPU",
        "  failover   repeated crashes of the primary: time until the backup is",
        "             live and until its first reply",
        "  lag        the backup's lag under a CPU-bound and an I/O-bound guest",
        "  bandwidth  log bytes and entries per second by entry type, per workload",
        "  join       a new backup by state transfer, again and again, under a",
        "             writing load: the primary's pause and the whole transfer",
        "  all        all of them (about 3.5 minutes; --quick: about 40 s)"})
public final class BenchCommand implements Callable<Integer>
{
    @Mixin
    CpuOption cpu = new CpuOption();

    static final List<String> SCENARIOS = List.of("mips", "latency", "failover", "lag", "bandwidth", "join");

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "mips, latency, failover, lag, bandwidth, join or all")
    String scenario;

    @Option(names = "--out", paramLabel = "DIR",
        description = "results directory (default: bench-results/<date>T<time>)")
    Path out;

    @Option(names = "--quick", description = "tiny sizes: checks that everything runs, in seconds; figures not to quote")
    boolean quick;

    @Option(names = "--trials", paramLabel = "N", description = "failover trials (default: 50, --quick: 3)")
    Integer trials;

    @Option(names = "--failure-timeout", paramLabel = "MS",
        description = "silence after which a replica takes its peer for dead, in every pair (default: ${DEFAULT-VALUE})")
    long failureTimeoutMs = 100;

    @Option(names = "--rates", paramLabel = "RATE", split = ",",
        description = "latency: request rates to measure, requests per second (default: 1000,10000, --quick: 200)")
    List<Integer> rates;

    @Option(names = "--no-qemu", description = "mips: measure Tandem only, even when qemu-system-riscv32 is installed")
    boolean noQemu;

    @Option(names = "--work-dir", paramLabel = "DIR",
        description = "where the runs keep disk images, journals and arbiters while they run (default: /dev/shm, tmpfs, " +
            "so that the host disk's flush latency stays out of the figures)")
    Path workRoot;

    @Option(names = "--guests", paramLabel = "DIR", description = "where the guest ELFs are (default: guests/bin)")
    Path guestsDirectory;

    @Override
    public Integer call()
    {
        final List<Scenario> chosen = scenarios(scenario);
        if (trials != null && trials < 1)
        {
            throw new IllegalArgumentException("--trials must be at least 1: " + trials);
        }
        if (failureTimeoutMs < 10 || failureTimeoutMs > 60_000)
        {
            throw new IllegalArgumentException("--failure-timeout must be 10..60000 ms: " + failureTimeoutMs);
        }
        if (rates != null && rates.stream().anyMatch(r -> r < 1 || r > 100_000))
        {
            throw new IllegalArgumentException("--rates must be 1..100000 requests per second each: " + rates);
        }
        final BenchSize size = quick ? BenchSize.QUICK : BenchSize.FULL;
        final GuestFiles guests = GuestFiles.locate(guestsDirectory);
        final Path directory = out != null ? out : Paths.get("bench-results",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss", Locale.ROOT)));
        final Path root = workRoot != null ? workRoot : WorkDirectory.defaultRoot();
        final String command = "tandem bench " + scenario + (quick ? " --quick" : "") +
            (trials != null ? " --trials " + trials : "") + " --failure-timeout " + failureTimeoutMs +
            (noQemu ? " --no-qemu" : "") + (rates != null ? " --rates " + rates.stream().map(String::valueOf)
            .reduce((a, b) -> a + "," + b).orElse("") : "") + " --work-dir " + root;
        final BenchResults results = new BenchResults(directory, command, size.name().toLowerCase(Locale.ROOT));
        final PrintStream err = System.err;
        final Progress progress = new Progress(err);
        final BenchRun run = new BenchRun(size, guests, results, progress, System.out,
            trials != null ? trials : size.failoverTrials, failureTimeoutMs, !noQemu,
            rates != null ? rates : java.util.Arrays.stream(size.latencyRates).boxed().collect(
                java.util.stream.Collectors.toList()), root);
        err.println("tandem bench " + scenario + ": " + size.name().toLowerCase(Locale.ROOT) + " size, results in " +
            directory);
        chosen.forEach(s -> s.plan(run));
        final List<String> names = new ArrayList<>();
        for (final Scenario s : chosen)
        {
            s.run(run);
            names.add(s.name());
        }
        results.finish(names, progress.elapsedNs());
        System.out.printf(Locale.ROOT, "tandem bench: %s in %s; results in %s (summary.json, report.html)%n",
            String.join(", ", names), Progress.clock(progress.elapsedSeconds()), directory);
        System.out.flush();
        return 0;
    }

    /** @return the scenarios a name stands for. */
    static List<Scenario> scenarios(final String name)
    {
        final List<Scenario> all = List.of(new MipsScenario(), new LatencyScenario(), new FailoverScenario(),
            new LagScenario(), new BandwidthScenario(), new JoinScenario());
        if ("all".equals(name))
        {
            return all;
        }
        for (final Scenario s : all)
        {
            if (s.name().equals(name))
            {
                return List.of(s);
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "': " + String.join(", ", SCENARIOS) +
            " or all");
    }
}
