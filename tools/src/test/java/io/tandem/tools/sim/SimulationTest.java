package io.tandem.tools.sim;

import io.tandem.engine.elf.ElfReader;
import io.tandem.node.ElfDigest;
import io.tandem.node.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated pair: clean runs under every fault have no violation, a seed runs the same
 * again, and each bug built in on purpose is caught by some seed.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SimulationTest
{
    private static final long DURATION_NS = TimeUnit.MILLISECONDS.toNanos(600);
    private static final Path ELF = TestGuests.guest("kvstore.elf");

    static Simulation simulation(final EnumSet<SimFault> kinds, final SimBug bug)
    {
        return new Simulation(ElfReader.read(ELF), ElfDigest.sha256(ELF), kinds, DURATION_NS, bug);
    }

    @Test
    void runsUnderEveryKindOfFaultHaveNoViolation()
    {
        final SimulationCampaign campaign = new SimulationCampaign(simulation(EnumSet.allOf(SimFault.class), SimBug.NONE));
        final StringBuilder failures = new StringBuilder();
        campaign.run(1_000, 30, result ->
        {
            if (!result.violations().isEmpty())
            {
                failures.append("seed ").append(result.seed()).append(' ').append(result.schedule())
                    .append(": ").append(result.violations()).append('\n');
            }
        });
        assertEquals(0, campaign.violations(), failures + campaign.summary());
        assertTrue(campaign.summary().startsWith("30 seeds, "), campaign.summary());
    }

    @Test
    void aSeedRunsTheSameScheduleToTheSameHistoryAgain()
    {
        final Simulation simulation = simulation(EnumSet.allOf(SimFault.class), SimBug.NONE);
        for (final long seed : new long[] {3, 17})
        {
            final SimResult first = simulation.run(seed);
            final SimResult again = simulation.run(seed);
            assertTrue(first.operations() > 50, "operations: " + first.operations());
            assertEquals(first.schedule(), again.schedule());
            assertEquals(first.statuses(), again.statuses());
            assertEquals(first.digest(), again.digest(), "seed " + seed);
            assertEquals(first.effects(), again.effects(), "seed " + seed);
        }
    }

    @Test
    void replicasThatBothSurviveEndAtTheSameStateHash()
    {
        final SimResult result = simulation(EnumSet.noneOf(SimFault.class), SimBug.NONE).run(5);
        assertEquals(List.of(), result.violations());
        assertTrue(result.effects().contains("both ended at instruction"), result.effects());
    }

    @Test
    void diskErrorsEndOnlyTheSideWhoseDiskFailedAndLoseNoAcknowledgedWrite()
    {
        // Each failing disk request is seen by the guest on the primary (the kvstore guest then
        // ends, exit code 6) or stops the backup's replay (its own image no longer answers as the
        // primary's did); neither may throw, diverge otherwise or make the history wrong.
        final Simulation simulation = simulation(EnumSet.of(SimFault.DISK_ERRORS), SimBug.NONE);
        int primaryFailed = 0;
        int backupFailed = 0;
        for (long seed = 1; seed <= 60 && (primaryFailed == 0 || backupFailed == 0); seed++)
        {
            final SimResult result = simulation.run(seed);
            assertEquals(List.of(), result.violations(), "seed " + seed + " " + result.schedule() + " " + result.effects());
            if (result.effects().contains("failed: primary 0, backup 0;"))
            {
                continue;
            }
            if (result.effects().contains("failed: primary 0,"))
            {
                backupFailed++;
                assertTrue(result.effects().contains("the private images differ"), result.effects());
            }
            else
            {
                primaryFailed++;
                assertTrue(result.effects().contains("exit code 6") || result.effects().contains("exit 6") ||
                    result.effects().contains("status 6"), result.effects());
            }
        }
        assertTrue(primaryFailed > 0 && backupFailed > 0, "primary " + primaryFailed + ", backup " + backupFailed);
    }

    @ParameterizedTest
    @EnumSource(value = SimBug.class, names = {"EARLY_RELEASE", "GRANT_TWICE", "DUPLICATE_APPLY", "BACKUP_PAST_BOUND"})
    void eachBugBuiltInOnPurposeIsCaughtBySomeSeed(final SimBug bug)
    {
        // The faults that expose each: a crash loses what left early; a partition makes both
        // claim; a delay makes clients resend.
        final EnumSet<SimFault> kinds = switch (bug)
        {
            case EARLY_RELEASE -> EnumSet.of(SimFault.CRASH_PRIMARY, SimFault.DELAY);
            case GRANT_TWICE -> EnumSet.of(SimFault.PARTITION_BOTH);
            case BACKUP_PAST_BOUND -> EnumSet.noneOf(SimFault.class);
            default -> EnumSet.of(SimFault.DELAY, SimFault.PARTITION_LOG);
        };
        final Simulation simulation = simulation(kinds, bug);
        SimResult caught = null;
        for (long seed = 1; seed <= 300 && caught == null; seed++)
        {
            final SimResult result = simulation.run(seed);
            caught = result.violations().isEmpty() ? null : result;
        }
        assertTrue(caught != null, bug + " went unnoticed in 300 seeds");
    }
}
