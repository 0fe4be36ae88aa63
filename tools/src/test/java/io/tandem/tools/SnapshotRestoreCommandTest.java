package io.tandem.tools;

import io.tandem.codec.LogEntry;
import io.tandem.engine.snapshot.SnapshotFile;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.tandem.tools.CommandLineRun.guest;
import static io.tandem.tools.CommandLineRun.tandem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --snapshot-every}, {@code snapshot} and {@code restore}: a recorded run is restored
 * from its newest snapshot plus the journal after it to the recording's final state; a damaged
 * snapshot is refused or passed over for an older one; a torn last entry is restored up to the
 * last whole entry.
 */
class SnapshotRestoreCommandTest
{
    private static final String GUEST = "cpubench_quick.elf";
    private static final Pattern FINAL = Pattern.compile("final icount (\\d+), state hash ([0-9a-f]{16})");
    private static final Pattern RECORDED = Pattern.compile("final icount (\\d+), state hash ([0-9a-f]{16})");

    @TempDir
    Path dir;
    private Path journal;
    private String recordedEnd;

    @BeforeEach
    void record()
    {
        journal = dir.resolve("journal");
        final CommandLineRun run = tandem("run", "--record", journal.toString(), "--snapshot-every", "4000000",
            guest(GUEST));
        assertEquals(0, run.exitCode, run.err);
        recordedEnd = finalState(run.err);
    }

    private static String finalState(final String err)
    {
        final Matcher matcher = FINAL.matcher(err);
        String last = null;
        while (matcher.find())
        {
            last = matcher.group(1) + " " + matcher.group(2);
        }
        assertTrue(last != null, err);
        return last;
    }

    private List<Path> snapshots() throws IOException
    {
        try (Stream<Path> files = Files.list(journal.resolve("snapshots")))
        {
            return files.filter(p -> p.toString().endsWith(".snap")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void restoreFromTheNewestSnapshotReachesTheRecordedEnd() throws Exception
    {
        final List<Path> snapshots = snapshots();
        assertTrue(snapshots.size() >= 5, "one snapshot every 4 million instructions: " + snapshots);
        final CommandLineRun restore = tandem("restore", "--journal", journal.toString(), guest(GUEST));
        assertEquals(0, restore.exitCode, restore.err);
        final long newest = SnapshotFile.readInfo(snapshots.get(snapshots.size() - 1)).icount();
        assertTrue(restore.err.contains("restoring from the snapshot at instruction " + newest), restore.err);
        assertTrue(restore.err.contains("replay matched the recording"), restore.err);
        assertEquals(recordedEnd, finalState(restore.err));
    }

    @Test
    void aDamagedSnapshotIsRefusedWhenNamedAndPassedOverWhenChosen() throws Exception
    {
        final List<Path> snapshots = snapshots();
        final Path newest = snapshots.get(snapshots.size() - 1);
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 10] ^= 0x40;
        Files.write(newest, bytes);

        final CommandLineRun named = tandem("restore", "--journal", journal.toString(), "--snapshot", newest.toString(),
            guest(GUEST));
        assertEquals(ExitCodes.BAD_INPUT, named.exitCode, named.err);
        assertTrue(named.err.contains(newest + ": section RAM at byte offset") && named.err.contains("checksum mismatch"),
            named.err);

        final CommandLineRun chosen = tandem("restore", "--journal", journal.toString(), guest(GUEST));
        assertEquals(0, chosen.exitCode, chosen.err);
        assertTrue(chosen.err.contains("skipping unusable snapshot: " + newest), chosen.err);
        final long older = SnapshotFile.readInfo(snapshots.get(snapshots.size() - 2)).icount();
        assertTrue(chosen.err.contains("restoring from the snapshot at instruction " + older), chosen.err);
        assertEquals(recordedEnd, finalState(chosen.err));
    }

    @Test
    void aTornLastEntryIsRestoredToTheLastWholeEntry() throws Exception
    {
        final Path intact = dir.resolve("intact");
        copyTree(journal, intact);
        tearLastEntry(journal);

        final CommandLineRun restore = tandem("restore", "--journal", journal.toString(), guest(GUEST));
        assertEquals(0, restore.exitCode, restore.err);
        assertTrue(restore.err.contains("is torn") && restore.err.contains("restored to the last whole entry"),
            restore.err);
        final String[] restored = finalState(restore.err).split(" ");

        // The state at that instruction, from the intact journal replayed from its start.
        final Path reference = dir.resolve("reference.snap");
        final CommandLineRun snapshot = tandem("snapshot", intact.toString(), guest(GUEST), "--at", restored[0],
            "--out", reference.toString());
        assertEquals(0, snapshot.exitCode, snapshot.err);
        assertEquals(restored[1], String.format("%016x", SnapshotFile.readInfo(reference).stateHash()));
        assertTrue(!restored[0].equals(recordedEnd.split(" ")[0]) || restored[1].equals(recordedEnd.split(" ")[1]));
    }

    @Test
    void snapshotOfAJournalWithoutSnapshotsServesARestore() throws Exception
    {
        final Path plain = dir.resolve("plain");
        assertEquals(0, tandem("run", "--record", plain.toString(), guest(GUEST)).exitCode);
        final CommandLineRun snapshot = tandem("snapshot", plain.toString(), guest(GUEST), "--at", "12345677");
        assertEquals(0, snapshot.exitCode, snapshot.err);
        assertTrue(snapshot.err.contains("saved the snapshot at instruction 12345677"), snapshot.err);
        final CommandLineRun restore = tandem("restore", "--journal", plain.toString(), guest(GUEST));
        assertEquals(0, restore.exitCode, restore.err);
        assertTrue(restore.err.contains("restoring from the snapshot at instruction 12345677"), restore.err);
        assertEquals(recordedEnd, finalState(restore.err));
    }

    @Test
    void aRestoredMachineResumesLiveToTheEndOfAnUninterruptedRun()
    {
        final Path stopped = dir.resolve("stopped");
        final CommandLineRun run = tandem("run", "--record", stopped.toString(), "--snapshot-every", "4000000",
            "--max-instructions", "20000000", guest(GUEST));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(!run.out.contains("cpubench: done"), run.out);

        final CommandLineRun resumed = tandem("restore", "--journal", stopped.toString(), "--resume", guest(GUEST));
        assertEquals(0, resumed.exitCode, resumed.err);
        assertTrue(resumed.err.contains("restoring from the snapshot at instruction 16000000"), resumed.err);
        assertTrue(resumed.err.contains("resumed live at instruction 20000000"), resumed.err);
        assertTrue(resumed.out.contains("cpubench: done") && !resumed.out.contains("cpubench: start"), resumed.out);
        assertEquals(recordedEnd, finalState(resumed.err), "the same end as the run that was never stopped");
    }

    @Test
    void snapshotEveryNeedsARecording()
    {
        final CommandLineRun run = tandem("run", "--snapshot-every", "1000", guest(GUEST));
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode);
        assertTrue(run.err.contains("--snapshot-every needs --record"), run.err);
    }

    @Test
    void thePairsPrimarySavesSnapshotsThatRestoreToItsEnd() throws Exception
    {
        final Path journals = dir.resolve("pair");
        // A long failure timeout: on a loaded host the pair's two JVM threads stall, which is not
        // what this tests. The primary copies RAM while its guest runs and writes each snapshot on
        // another thread; the next begins at the first mark after that write is done, so on a
        // loaded host a short run holds fewer than one per mark: two at least, the newest made from
        // the pages written since the one before.
        final CommandLineRun pair = tandem("pair", guest(GUEST), "--journal-dir", journals.toString(),
            "--snapshot-every", "2000000", "--failure-timeout", "5000", "--duration", "60s");
        assertEquals(0, pair.exitCode, pair.err);
        final Path primaryJournal = journals.resolve("primary-journal");
        try (Stream<Path> files = Files.list(primaryJournal.resolve("snapshots")))
        {
            assertTrue(files.filter(p -> p.toString().endsWith(".snap")).count() >= 2, "snapshots of the primary");
        }
        final CommandLineRun restore = tandem("restore", "--journal", primaryJournal.toString(), guest(GUEST));
        assertEquals(0, restore.exitCode, restore.err);
        assertTrue(restore.err.contains("restoring from the snapshot at instruction"), restore.err);
        assertTrue(restore.err.contains("replay matched the recording"), restore.err);
        assertEquals(recordedEnd.split(" ")[0], finalState(restore.err).split(" ")[0]);
    }

    /** Cuts the journal's last entry in its queue file, as a writer that died while appending it. */
    private static void tearLastEntry(final Path journalDirectory) throws IOException
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
        byte[] last = null;
        try (ChronicleJournal opened = ChronicleJournal.open(journalDirectory);
            JournalReader reader = opened.readerToCurrentEnd())
        {
            int length;
            while ((length = reader.poll(buffer)) > 0)
            {
                last = new byte[length];
                buffer.getBytes(0, last);
            }
        }
        Files.delete(journalDirectory.resolve(ChronicleJournal.FINISHED_FILE));
        try (Stream<Path> files = Files.list(journalDirectory))
        {
            for (final Path file : files.filter(p -> p.toString().endsWith(".cq4")).collect(Collectors.toList()))
            {
                final byte[] content = Files.readAllBytes(file);
                final int at = indexOf(content, last);
                if (at >= 0)
                {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
                    {
                        raf.setLength(at + 24); // past the sequence field, inside the entry
                    }
                    return;
                }
            }
        }
        throw new AssertionError("the last entry was not found in the queue files");
    }

    private static int indexOf(final byte[] content, final byte[] wanted)
    {
        outer:
        for (int i = content.length - wanted.length; i >= 0; i--)
        {
            for (int j = 0; j < wanted.length; j++)
            {
                if (content[i + j] != wanted[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> files = Files.walk(from))
        {
            for (final Path file : files.collect(Collectors.toList()))
            {
                final Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(file, target);
                }
            }
        }
    }
}
