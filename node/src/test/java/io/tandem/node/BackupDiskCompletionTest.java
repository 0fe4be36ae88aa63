package io.tandem.node;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.DiskCompletionReplayTest;
import io.tandem.engine.replica.DiskCompletionReplayTest.Recording;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.MemoryChannel;
import io.tandem.engine.replica.PairConfig;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.engine.replica.DiskCompletionReplayTest.DISK_BYTES;
import static io.tandem.engine.replica.DiskCompletionReplayTest.PUTS;
import static io.tandem.engine.replica.DiskCompletionReplayTest.RAM_MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup node that goes live between a disk request and its completion (the primary died
 * before logging it) completes the request itself, on its own image, which ends as the
 * primary's did. The backup is the library's, stepped from the test's thread over the log of a
 * recorded kvstore session.
 */
class BackupDiskCompletionTest
{
    @TempDir
    Path tmp;

    @Test
    void aBackupGoingLiveCompletesTheRequestWhoseCompletionNeverArrived() throws Exception
    {
        final Path primaryImage = tmp.resolve("primary.img");
        final Recording recording = DiskCompletionReplayTest.record(primaryImage, DiskMode.PRIVATE, false, PUTS);
        final List<Integer> completions = DiskCompletionReplayTest.offsetsOf(recording.log,
            EntryType.DISK_COMPLETION);
        final int cut = completions.get(completions.size() - 1); // the primary dies before the last completion

        final Path elf = TestGuests.guest("kvstore.elf");
        final CachedNanoClock clock = new CachedNanoClock();
        final MemoryChannel logChannel = new MemoryChannel();
        final MemoryChannel ackChannel = new MemoryChannel();
        final List<Integer> backupReplies = new ArrayList<>();
        final PairConfig config = new PairConfig().failureTimeoutNs(200_000_000L).heartbeatIntervalNs(10_000_000L)
            .sliceInstructions(200_000);
        final CountersManager counters = TestCounters.inMemory();
        try (FileBlockStore store = FileBlockStore.open(tmp.resolve("backup.img"), DISK_BYTES);
            BackupNode node = new BackupNode(new BackupNodeContext().image(ElfReader.read(elf))
                .machine(new MachineContext().ramMib(RAM_MIB).clock(new VirtualClock()).entropy(new SeededEntropy(5))
                    .blockStore(store).diskMode(DiskMode.PRIVATE))
                .network(PacketSource.NONE, DiskCompletionReplayTest.replies(backupReplies))
                .channels(logChannel, ackChannel).arbiter(new FileArbiter(tmp)).config(config).clock(clock)
                .counters(counters)))
        {
            final LogEntry entry = new LogEntry();
            for (int offset = 0; offset < cut; offset += entry.length())
            {
                entry.wrapForRead(recording.log.bytes(), offset);
                logChannel.offer(recording.log.bytes(), offset, entry.length());
            }
            node.begin(ElfDigest.sha256(elf), 1_000_000_000L);
            final BackupReplica backup = node.replica();
            for (int round = 0; round < 100_000 && !backupReplies.contains(PUTS); round++)
            {
                clock.update(clock.nanoTime() + 1_000_000L);
                backup.doWork();
                assertNotEquals(BackupReplica.State.HALTED, backup.state(), String.valueOf(backup.haltReason()));
            }
            assertEquals(BackupReplica.State.LIVE, backup.state());
            assertTrue(backupReplies.contains(PUTS), "the backup answered the last request: " + backupReplies);
            assertEquals(completions.size(), node.machine().disk().completed(),
                "every request the guest made completed, the last one on the backup's own disk");
        }
        assertArrayEquals(Files.readAllBytes(primaryImage), Files.readAllBytes(tmp.resolve("backup.img")),
            "the backup's image holds what the primary's does");
    }
}
