package io.tandem.engine.snapshot;

import io.tandem.engine.machine.Machine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saved at instruction N and loaded into a fresh machine, a guest runs on exactly as the original
 * does: after M more instructions both have the same state hash, and the same console output.
 */
class SnapshotRoundTripTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} saved at {1}, run {2} more")
    @CsvSource({
        "clock.elf, 30011, 2000000",        // timer interrupts and WFI on the virtual clock
        "traps.elf, 5003, 1000000",         // CSRs, traps and the lock-up detector's memory
        "isa_rv32a.elf, 2501, 1000000",     // reservations
        "cpubench_quick.elf, 1000003, 3000000",
        "hello.elf, 1, 1000000",
    })
    void aLoadedMachineRunsOnToTheSameState(final String guest, final long saveAt, final long runOn) throws Exception
    {
        final Path file = tmp.resolve(guest + ".snap");
        final byte[] digest = SnapshotMachines.sha256(guest);
        try (Machine original = SnapshotMachines.loaded(guest); Machine restored = SnapshotMachines.bare())
        {
            original.run(saveAt);
            final SnapshotInfo saved = SnapshotFile.write(file, original, digest, -1);
            final SnapshotInfo loaded = SnapshotFile.load(file, restored, digest);
            assertEquals(saved.icount(), loaded.icount());
            assertEquals(original.stateHash(), restored.stateHash(), "state right after loading");
            assertEquals(original.cpu().pc(), restored.cpu().pc());

            original.run(runOn);
            restored.run(runOn);
            assertEquals(original.icount(), restored.icount());
            assertEquals(original.haltReason(), restored.haltReason());
            assertEquals(original.stateHash(), restored.stateHash(), "state after running on");
        }
        assertTrue(Files.size(file) < (SnapshotMachines.RAM_MIB << 20) / 8,
            "all-zero pages are left out: " + Files.size(file) + " bytes");
    }
}
