package io.tandem.tools;

import io.tandem.engine.elf.ElfReader;
import io.tandem.node.ElfDigest;
import io.tandem.tools.sim.SimBug;
import io.tandem.tools.sim.SimResult;
import io.tandem.tools.sim.Simulation;
import io.tandem.tools.sim.SimulationCampaign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code tandem sim}: seeded deterministic simulations of a kvstore pair, each run checked. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a kvstore primary and backup in one thread on a virtual clock, over simulated links, arbiter " +
            "and clients, with faults drawn from each seed (crashes, partitions one way or both, delays, a " +
            "slow backup, arbiter outages). Each run is checked: the clients' history linearizable, the " +
            "backup never past the primary's log, no replay divergence, no generation won twice, no failure " +
            "on a replica's thread. A seed runs the same schedule again: a failing one prints its schedule.",
        "  tandem sim --seeds 200",
        "  tandem sim --seed 4711                     (one seed, with its schedule)",
        "Exit codes: 0 no violation; 1 violations; 2 usage error."})
final class SimCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "runs, seeds --first-seed .. +N-1 (default: ${DEFAULT-VALUE})")
    int seeds = 100;

    @Option(names = "--first-seed", paramLabel = "S", description = "the first seed (default: ${DEFAULT-VALUE})")
    long firstSeed = 1;

    @Option(names = "--seed", paramLabel = "S", description = "run this one seed and print its schedule")
    Long seed;

    @Option(names = "--faults", split = ",", paramLabel = "KIND",
        description = "the faults runs may draw (default: all): crash-primary, crash-backup, partition-log, " +
            "partition-ack, partition-both, delay, slow-backup, arbiter-outage, client-loss, client-duplicate, " +
            "disk-errors, disk-latency; none for no faults")
    List<String> faults;

    @Option(names = "--duration-ms", paramLabel = "MS",
        description = "virtual time the clients send per run (default: ${DEFAULT-VALUE})")
    long durationMs = 600;

    @Option(names = "--inject-bug", paramLabel = "BUG",
        description = "build a bug in on purpose, to see the checks catch it: early-release (outputs leave " +
            "before the backup's acknowledgement), grant-twice (the arbiter grants every claim), duplicate-apply " +
            "(a resent request taken as a new one), backup-past-bound (the backup runs one instruction past its log)")
    String injectBug;

    @Option(names = "--elf", paramLabel = "FILE.elf", description = "the kvstore guest (default: ${DEFAULT-VALUE})")
    Path elf = Path.of(PairCommand.DEFAULT_ELF);

    @Override
    public Integer call()
    {
        if (seeds < 1 || durationMs < 1)
        {
            throw new ParameterException(spec.commandLine(), "--seeds and --duration-ms must be positive");
        }
        final Simulation simulation;
        try
        {
            simulation = new Simulation(ElfReader.read(elf), ElfDigest.sha256(elf), SimulationCampaign.kinds(faults),
                TimeUnit.MILLISECONDS.toNanos(durationMs), injectBug == null ? SimBug.NONE : SimBug.parse(injectBug));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        final PrintWriter out = spec.commandLine().getOut();
        final SimulationCampaign campaign = new SimulationCampaign(simulation);
        if (seed != null)
        {
            final SimResult result = campaign.run(seed);
            out.println("seed " + seed + ": " + result.operations() + " operations (" + result.statuses() + "), digest " +
                Long.toHexString(result.digest()));
            result.schedule().forEach(line -> out.println("  fault: " + line));
            out.println("  " + result.effects());
            result.violations().forEach(line -> out.println("  VIOLATION: " + line));
        }
        else
        {
            campaign.run(firstSeed, seeds, result ->
            {
                if (!result.violations().isEmpty())
                {
                    out.println("seed " + result.seed() + ":");
                    result.schedule().forEach(line -> out.println("  fault: " + line));
                    out.println("  " + result.effects());
                    result.violations().forEach(line -> out.println("  VIOLATION: " + line));
                    out.flush();
                }
            });
        }
        out.println(campaign.summary());
        out.flush();
        return campaign.violations() == 0 ? 0 : 1;
    }
}
