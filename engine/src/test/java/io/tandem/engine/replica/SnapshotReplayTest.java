package io.tandem.engine.replica;

import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.StopReason;
import io.tandem.engine.snapshot.SnapshotFile;
import io.tandem.engine.snapshot.SnapshotInfo;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.engine.replica.RecordReplayTest.guest;
import static io.tandem.engine.replica.RecordReplayTest.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots taken along the replay of a kvstore session (network card, disk, requests in flight)
 * and each one restored into a fresh machine that replays the rest of the log: every restore
 * reaches the recording's final state hash.
 */
class SnapshotReplayTest
{
    private static final int RAM_MIB = 16;
    private static final int SNAPSHOTS = 40;
    // An I/O thread woken when a request starts completes it within a few hundred instructions
    // of the guest: steps of 997 caught a request in flight in some runs only, steps of 13 in all.
    private static final long FINE_STEP = 13;

    @TempDir
    Path tmp;

    private static MachineContext replayContext(final Replayer replayer)
    {
        // Another clock, entropy and host identity: a replay must not ask them.
        return new MachineContext().ramMib(RAM_MIB).clock(new VirtualClock(3)).entropy(new SeededEntropy(99)).hostId(2)
            .network(PacketSource.NONE, PacketSink.DISCARD).blockStore(new DiskCompletionReplayTest.NoDisk())
            .diskMode(DiskMode.SHARED).inputs(replayer);
    }

    @Test
    void everySnapshotAlongAReplayRestoresToTheRecordedEnd() throws Exception
    {
        final Path image = tmp.resolve("shared.img");
        DiskCompletionReplayTest.record(image, DiskMode.PRIVATE, false, 2);
        final DiskCompletionReplayTest.Recording recording =
            DiskCompletionReplayTest.record(image, DiskMode.SHARED, true, 6);
        final Path elf = guest("kvstore.elf");
        final byte[] digest = sha256(elf);

        // An odd step, so that snapshots fall off the check-point grid as well as on it.
        final long step = recording.icount / SNAPSHOTS | 1;
        final List<Path> snapshots = new ArrayList<>();
        int withRequestsInFlight = 0;
        final Replayer replayer = new Replayer(recording.log.reader());
        try (Machine machine = new Machine(replayContext(replayer)))
        {
            machine.load(ElfReader.read(elf));
            replayer.stateHashSource(machine::stateHash);
            replayer.start(digest, machine.ram().sizeBytes(), machine.checkInterval());
            long nextRegular = step;
            while (machine.icount() < recording.icount)
            {
                // Small steps find the moments with disk requests in flight; most steps save nothing.
                final StopReason stop = machine.run(Math.min(FINE_STEP, recording.icount - machine.icount()));
                assertTrue(stop != StopReason.HALT, machine.haltMessage());
                final boolean inFlight = machine.disk().requests() > machine.disk().completed();
                if (machine.icount() >= nextRegular || (inFlight && withRequestsInFlight < SNAPSHOTS / 4))
                {
                    final Path snapshot = tmp.resolve("at-" + machine.icount() + ".snap");
                    final SnapshotInfo info = SnapshotFile.write(snapshot, machine, digest, replayer.lastSequence());
                    assertEquals(machine.stateHash(), info.stateHash());
                    snapshots.add(snapshot);
                    withRequestsInFlight += inFlight ? 1 : 0;
                    nextRegular = machine.icount() + step;
                }
            }
        }
        assertTrue(snapshots.size() > 10, "snapshots taken: " + snapshots.size());
        assertTrue(withRequestsInFlight > 0, "some snapshot caught disk requests in flight");

        for (final Path snapshot : snapshots)
        {
            final Replayer resumed = new Replayer(recording.log.reader());
            try (Machine machine = new Machine(replayContext(resumed)))
            {
                resumed.stateHashSource(machine::stateHash);
                resumed.start(digest, machine.ram().sizeBytes(), machine.checkInterval());
                final SnapshotInfo info = SnapshotFile.load(snapshot, machine, digest);
                assertEquals(info.stateHash(), machine.stateHash(), "loaded state of " + snapshot.getFileName());
                resumed.skipThrough(info.journalSequence());
                final StringBuilder report = new StringBuilder();
                assertEquals(ReplayRun.Outcome.MATCHED, ReplayRun.run(machine, resumed, NoOpIdleStrategy.INSTANCE, report),
                    snapshot.getFileName() + ": " + report);
                assertEquals(recording.stateHash, machine.stateHash());
            }
        }
    }
}
