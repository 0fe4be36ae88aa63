package io.tandem.node;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PrimaryReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A guest that ends, run as a pair without a network: both replicas end in the same state. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PairGuestEndTest
{
    @TempDir
    Path directory;

    @Test
    void aGuestThatEndsLeavesBothMachinesAtTheSameInstructionCountAndStateHash() throws Exception
    {
        try (Pair pair = new Pair(new PairContext()
            .elf(TestGuests.guest("traps.elf"))
            .ramMib(16)
            .disks(false)
            .workDirectory(directory)
            .primaryIdle(IdleStrategies.parse("backoff"))))
        {
            assertTrue(pair.console().await("traps: all checks passed", Duration.ofSeconds(20)),
                pair.console().text());
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (pair.primaryState() != PrimaryReplica.State.HALTED ||
                pair.backupState() != BackupReplica.State.HALTED)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, pair.primaryState() + " / " + pair.backupState());
                Thread.sleep(5);
            }
            final StateComparison comparison = pair.stopAndCompare(TimeUnit.SECONDS.toNanos(10));
            assertTrue(comparison.same(), comparison.toString());
            assertTrue(pair.backupHaltReason().startsWith("the guest ended"), pair.backupHaltReason());
            assertEquals(1, pair.console().text().split("traps: all checks passed", -1).length - 1,
                "the console shows the guest's output once");
        }
    }
}
