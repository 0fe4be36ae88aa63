package io.tandem.tools.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's campaign: up to {@value #SEEDS} seeds under every kind of fault, within a time
 * budget ({@code tandem.sim.budget.s}, default {@value #DEFAULT_BUDGET_S} s) so that a slow host
 * shortens the campaign instead of the build; it prints what it covered and fails on any
 * violation, or if the budget let fewer than {@value #MIN_SEEDS} seeds run.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class SimulationCampaignTest
{
    private static final int SEEDS = 2_000;
    private static final int MIN_SEEDS = 300;
    private static final long DEFAULT_BUDGET_S = 480;

    @Test
    void aCampaignOfSeedsUnderEveryFaultFindsNoViolation()
    {
        final long budgetNs = TimeUnit.SECONDS.toNanos(Long.getLong("tandem.sim.budget.s", DEFAULT_BUDGET_S));
        final SimulationCampaign campaign = new SimulationCampaign(
            SimulationTest.simulation(EnumSet.allOf(SimFault.class), SimBug.NONE));
        final StringBuilder failures = new StringBuilder();
        final long startNs = System.nanoTime();
        for (long seed = 1; seed <= SEEDS && System.nanoTime() - startNs < budgetNs; seed++)
        {
            final SimResult result = campaign.run(seed);
            if (!result.violations().isEmpty())
            {
                failures.append("seed ").append(seed).append(' ').append(result.schedule()).append(": ")
                    .append(result.violations()).append('\n');
            }
        }
        System.out.println("simulation campaign: " + campaign.summary());
        assertEquals(0, campaign.violations(), failures + campaign.summary());
        assertTrue(campaign.seeds() >= Math.min(SEEDS, MIN_SEEDS), "too few seeds in the budget: " + campaign.summary());
    }
}
