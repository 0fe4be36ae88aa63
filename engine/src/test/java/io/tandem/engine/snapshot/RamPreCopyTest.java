package io.tandem.engine.snapshot;

import io.tandem.engine.machine.Machine;
import io.tandem.engine.mem.WrittenPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot whose RAM is copied while the guest runs on holds exactly the state at its capture:
 * loaded into a fresh machine it has the state hash the machine had there, though the guest wrote
 * pages after they were copied, and ran on before the file was written.
 */
class RamPreCopyTest
{
    private static final String GUEST = "cpubench_quick.elf";

    @TempDir
    Path tmp;

    @Test
    void aStateCopiedWhileTheGuestRunsLoadsToTheStateAtItsCapture() throws Exception
    {
        final byte[] digest = SnapshotMachines.sha256(GUEST);
        try (Machine machine = SnapshotMachines.loaded(GUEST); Machine restored = SnapshotMachines.bare())
        {
            machine.run(1_000_003);
            final RamPreCopy preCopy = new RamPreCopy(machine, digest);
            preCopy.begin();
            int steps = 0;
            int rewritten = 0;
            boolean converged = false;
            while (!converged)
            {
                converged = preCopy.step(1);
                machine.run(2_000); // the guest writes pages, some already copied
                rewritten += machine.ram().writtenPages().count(WrittenPages.SNAPSHOT);
                steps++;
            }
            assertTrue(steps > 4, "the copy took " + steps + " steps of one page");
            assertTrue(rewritten > 0, "the guest wrote no page after its copy: the test shows nothing");
            final long expectedHash = machine.stateHash();
            final long expectedIcount = machine.icount();
            final CapturedState state = preCopy.capture(42);
            assertFalse(preCopy.idle(), "the copy is in use until the file is written");
            assertThrows(IllegalStateException.class, preCopy::begin);

            machine.run(500_000); // the guest runs on before the file is written
            final Path file = tmp.resolve("precopied.snap");
            final SnapshotInfo saved = SnapshotFile.write(file, state);
            state.release();
            assertTrue(preCopy.idle());
            assertEquals(expectedIcount, saved.icount());
            assertEquals(42, saved.journalSequence());
            assertEquals(expectedHash, saved.stateHash(), "the hash computed from the copy");

            final SnapshotInfo loaded = SnapshotFile.load(file, restored, digest);
            assertEquals(expectedIcount, loaded.icount());
            assertEquals(expectedHash, restored.stateHash(), "the loaded state is the state at the capture");

            machine.run(0); // nothing: the original is further on
            final SnapshotInfo again = SnapshotFile.write(tmp.resolve("again.snap"), machine, digest, 43);
            assertTrue(again.icount() > expectedIcount);
        }
    }

    @Test
    void afterAStateIsLoadedTheNextCopyTakesEveryPage() throws Exception
    {
        final byte[] digest = SnapshotMachines.sha256(GUEST);
        try (Machine source = SnapshotMachines.loaded(GUEST); Machine machine = SnapshotMachines.bare();
            Machine restored = SnapshotMachines.bare())
        {
            source.run(1_500_007);
            // A copy made on the source unmarks its pages: the flags saved with its state say
            // nothing to copy, though the loading machine's copy of RAM holds none of it.
            final RamPreCopy onSource = new RamPreCopy(source, digest);
            onSource.begin();
            while (!onSource.step(4096))
            {
                source.run(1_000);
            }
            onSource.capture(0).release();
            final Path start = tmp.resolve("start.snap");
            SnapshotFile.write(start, source, digest, -1);
            SnapshotFile.load(start, machine, digest); // RAM written, unmarked; flags replaced
            final RamPreCopy preCopy = new RamPreCopy(machine, digest);
            machine.run(100_000);
            preCopy.begin();
            while (!preCopy.step(64))
            {
                machine.run(5_000);
            }
            final long expectedHash = machine.stateHash();
            final CapturedState state = preCopy.capture(1);
            final Path file = tmp.resolve("after-load.snap");
            SnapshotFile.write(file, state);
            state.release();
            SnapshotFile.load(file, restored, digest);
            assertEquals(expectedHash, restored.stateHash());
        }
    }

    @Test
    void aSecondSnapshotCopiesAgainAfterTheFirstIsReleased() throws Exception
    {
        final byte[] digest = SnapshotMachines.sha256(GUEST);
        try (Machine machine = SnapshotMachines.loaded(GUEST); Machine restored = SnapshotMachines.bare())
        {
            final RamPreCopy preCopy = new RamPreCopy(machine, digest);
            for (int snapshot = 0; snapshot < 2; snapshot++)
            {
                machine.run(700_001);
                preCopy.begin();
                while (!preCopy.step(4096))
                {
                    machine.run(10_000);
                }
                final long expectedHash = machine.stateHash();
                final CapturedState state = preCopy.capture(snapshot);
                machine.run(100_000);
                final Path file = tmp.resolve("snapshot-" + snapshot + ".snap");
                SnapshotFile.write(file, state);
                state.release();
                SnapshotFile.load(file, restored, digest);
                assertEquals(expectedHash, restored.stateHash(), "snapshot " + snapshot);
            }
        }
    }
}
