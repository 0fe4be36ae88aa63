package io.tandem.tools.sim;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Many seeded runs of one {@link Simulation}, with what they covered added up. */
public final class SimulationCampaign
{
    private final Simulation simulation;
    private int seeds;
    private int faults;
    private long operations;
    private int violations;
    private int failedSeeds;
    private long elapsedNs;

    /** @param simulation what each seed runs. */
    public SimulationCampaign(final Simulation simulation)
    {
        this.simulation = simulation;
    }

    /**
     * @param names fault names as {@code --faults} takes them, {@code none}, or null for all.
     * @return the kinds.
     */
    public static EnumSet<SimFault> kinds(final List<String> names)
    {
        if (names == null)
        {
            return EnumSet.allOf(SimFault.class);
        }
        final EnumSet<SimFault> kinds = EnumSet.noneOf(SimFault.class);
        for (final String name : names)
        {
            if (!"none".equals(name))
            {
                kinds.add(SimFault.parse(name));
            }
        }
        return kinds;
    }

    /** Runs one seed and counts it. */
    public SimResult run(final long seed)
    {
        final long startNs = System.nanoTime();
        final SimResult result = simulation.run(seed);
        elapsedNs += System.nanoTime() - startNs;
        seeds++;
        faults += result.faults();
        operations += result.operations();
        violations += result.violations().size();
        failedSeeds += result.violations().isEmpty() ? 0 : 1;
        return result;
    }

    /** Runs {@code count} seeds from {@code first}, each result to {@code each}. */
    public void run(final long first, final int count, final Consumer<SimResult> each)
    {
        for (int i = 0; i < count; i++)
        {
            each.accept(run(first + i));
        }
    }

    /** @return violations found so far. */
    public int violations()
    {
        return violations;
    }

    /** @return seeds run so far. */
    public int seeds()
    {
        return seeds;
    }

    /** @return one line: seeds, faults, operations, violations, time. */
    public String summary()
    {
        return String.format(Locale.ROOT, "%d seeds, %d faults injected, %d violations (%d client operations checked, " +
            "%d failing seeds, %.1f s)", seeds, faults, violations, operations, failedSeeds, elapsedNs / 1e9);
    }
}
