package io.tandem.transport.journal;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import io.tandem.engine.replica.LogReader;
import io.tandem.engine.replica.LogWriter;
import io.tandem.engine.replica.Recorder;
import io.tandem.engine.replica.ReplayRun;
import io.tandem.engine.replica.Replayer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recordings through the journal replay as they do from memory; a damaged journal stops the replay with a report. */
class JournalReplayTest
{
    private static final int RAM_MIB = 16;
    /** Chronicle's excerpt header: bit 31 marks an excerpt still being written. */
    private static final int NOT_COMPLETE = 0x8000_0000;

    @TempDir
    Path tmp;

    static Path guest(final String name)
    {
        for (final String base : new String[] {"../guests/bin", "guests/bin"})
        {
            final Path path = Paths.get(base, name);
            if (Files.exists(path))
            {
                return path;
            }
        }
        throw new IllegalStateException("guest not found: " + name);
    }

    static byte[] sha256(final Path file) throws Exception
    {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }

    /** What a recording ended with. */
    static final class Recording
    {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        long icount;
        long stateHash;
        long entries;
    }

    /** Records a guest on the host's clock and entropy into {@code writer}. */
    static Recording record(final Path elf, final long maxInstructions, final LogWriter writer) throws Exception
    {
        final Recording recording = new Recording();
        final MachineContext context = new MachineContext().ramMib(RAM_MIB)
            .clock(new HostClock()).entropy(new HostEntropy()).hostId(0x1234_5678)
            .consoleSink(recording.console::write);
        final Recorder recorder = new Recorder(LiveInputs.from(context), writer, Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
        context.inputs(recorder);
        try (Machine machine = new Machine(context))
        {
            machine.load(ElfReader.read(elf));
            recorder.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
            SoloRun.run(machine, maxInstructions);
            recording.icount = machine.icount();
            recording.stateHash = machine.stateHash();
            recorder.finish(machine.icount(), recording.stateHash, machine.cpu().pc(),
                machine.haltReason().ordinal(), machine.exitCode());
        }
        recording.entries = recorder.lastSequence();
        return recording;
    }

    /** Records into a new journal at a fixed roll-cycle time (one queue file) and finishes it. */
    Recording recordToJournal(final Path dir, final String guest, final long maxInstructions) throws Exception
    {
        try (ChronicleJournal journal = ChronicleJournal.create(dir, false, Entries.fixedClock());
            JournalAppender appender = journal.appender())
        {
            final Recording recording = record(guest(guest), maxInstructions, appender);
            journal.finish();
            return recording;
        }
    }

    /** Replays on a machine whose own clock, entropy and host identity differ from the recorder's. */
    static ReplayRun.Outcome replay(
        final Path elf, final LogReader reader, final ByteArrayOutputStream console, final StringBuilder report)
        throws Exception
    {
        final MachineContext context = new MachineContext().ramMib(RAM_MIB)
            .clock(new VirtualClock(3)).entropy(new SeededEntropy(99)).hostId(0x0BAD_CAFE)
            .consoleSink(console::write);
        final Replayer replayer = new Replayer(reader);
        context.inputs(replayer);
        try (Machine machine = new Machine(context))
        {
            machine.load(ElfReader.read(elf));
            replayer.stateHashSource(machine::stateHash);
            replayer.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
            return ReplayRun.run(machine, replayer, NoOpIdleStrategy.INSTANCE, report);
        }
    }

    ReplayRun.Outcome replayJournal(final Path dir, final String guest, final boolean toCurrentEnd,
        final StringBuilder report) throws Exception
    {
        try (ChronicleJournal journal = ChronicleJournal.open(dir);
            JournalReader reader = toCurrentEnd ? journal.readerToCurrentEnd() : journal.reader())
        {
            return replay(guest(guest), reader, new ByteArrayOutputStream(), report);
        }
    }

    /** Where one entry of a journal is: in the log and in its queue file. */
    static final class Located
    {
        long sequence;
        long icount;
        int type;
        int length;
        long logOffset;
        Path file;
        long filePosition;
    }

    /** Reads a journal through and locates every entry. */
    static List<Located> locate(final Path dir)
    {
        final List<Located> entries = new ArrayList<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
        final LogEntry entry = new LogEntry();
        try (ChronicleJournal journal = ChronicleJournal.open(dir); JournalReader reader = journal.readerToCurrentEnd())
        {
            int length;
            while ((length = reader.poll(buffer)) > 0)
            {
                entry.wrapForRead(buffer, 0).validate(length, reader.entryOffset());
                final Located located = new Located();
                located.sequence = entry.sequence();
                located.icount = entry.icount();
                located.type = entry.type();
                located.length = length;
                located.logOffset = reader.entryOffset();
                located.file = journal.file(reader.position());
                located.filePosition = reader.filePosition();
                entries.add(located);
            }
        }
        return entries;
    }

    @Test
    void trapsRecordedThroughTheJournalReplaysToTheSameStateHashAndConsole() throws Exception
    {
        final Path dir = tmp.resolve("traps");
        final Recording recording = recordToJournal(dir, "traps.elf", Long.MAX_VALUE);
        final List<Located> entries = locate(dir);
        assertEquals(recording.entries, entries.size());
        assertTrue(entries.stream().anyMatch(e -> e.type == EntryType.TIMER_INTERRUPT), "the guest took timer interrupts");
        assertTrue(entries.stream().anyMatch(e -> e.type == EntryType.CLOCK_READ), "the guest read the clock");

        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final StringBuilder report = new StringBuilder();
        try (ChronicleJournal journal = ChronicleJournal.open(dir); JournalReader reader = journal.reader())
        {
            assertEquals(ReplayRun.Outcome.MATCHED, replay(guest("traps.elf"), reader, console, report),
                report.toString());
        }
        assertEquals(String.format("replay matched the recording: instruction %d, state hash %016x",
            recording.icount, recording.stateHash), report.toString());
        assertEquals(recording.console.toString(), console.toString());
    }

    @Test
    void aCpuBoundRecordingStoppedAtALimitReplaysToTheSameStateHash() throws Exception
    {
        final Path dir = tmp.resolve("cpubench");
        final Recording recording = recordToJournal(dir, "cpubench_quick.elf", 5_000_001);
        assertEquals(5_000_001, recording.icount);
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.MATCHED, replayJournal(dir, "cpubench_quick.elf", false, report),
            report.toString());
        assertTrue(report.toString().contains(String.format("%016x", recording.stateHash)), report.toString());
    }

    @Test
    void aReplayTailsARecordingInProgress() throws Exception
    {
        final Path dir = tmp.resolve("live");
        try (ChronicleJournal writing = ChronicleJournal.create(dir); JournalAppender appender = writing.appender();
            ChronicleJournal reading = ChronicleJournal.open(dir); JournalReader reader = reading.reader())
        {
            final StringBuilder report = new StringBuilder();
            final CompletableFuture<ReplayRun.Outcome> replayed = CompletableFuture.supplyAsync(() ->
            {
                final MachineContext context = new MachineContext().ramMib(RAM_MIB)
                    .clock(new VirtualClock(3)).entropy(new SeededEntropy(99)).consoleSink(b -> { });
                final Replayer replayer = new Replayer(reader);
                context.inputs(replayer);
                try (Machine machine = new Machine(context))
                {
                    final Path elf = guest("traps.elf");
                    machine.load(ElfReader.read(elf));
                    replayer.stateHashSource(machine::stateHash);
                    // The recorder may not have logged RUN_START yet.
                    while (!replayer.hasNext())
                    {
                        Thread.onSpinWait();
                    }
                    replayer.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
                    return ReplayRun.run(machine, replayer, new BackoffIdleStrategy(), report);
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            final Recording recording = record(guest("traps.elf"), Long.MAX_VALUE, appender);
            writing.finish();
            assertEquals(ReplayRun.Outcome.MATCHED, replayed.get(60, TimeUnit.SECONDS), report.toString());
            assertTrue(report.toString().contains(String.format("%016x", recording.stateHash)), report.toString());
        }
    }

    @Test
    void aFlippedBitInAnEntrysPayloadIsReportedWithItsSequenceAndOffset() throws Exception
    {
        final Path dir = tmp.resolve("flipped");
        recordToJournal(dir, "traps.elf", Long.MAX_VALUE);
        final List<Located> entries = locate(dir);
        // The first clock read after the start: a payload, and entries before it to replay.
        final Located target = entries.stream().filter(e -> e.type == EntryType.CLOCK_READ).findFirst().orElseThrow();
        final Located previous = entries.get((int)target.sequence - 2);
        Entries.flip(target.file, target.filePosition + LogEntry.HEADER_LENGTH + 2, 0x10);

        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED, replayJournal(dir, "traps.elf", false, report), report.toString());
        assertEquals("damaged log: bad checksum (entry sequence " + target.sequence + " at byte offset " +
            target.logOffset + "); last good instruction count " + previous.icount, report.toString());
    }

    @Test
    void aQueueFileCutInsideAnEntryStopsTheReplayAtThatEntry() throws Exception
    {
        final Path dir = tmp.resolve("torn");
        recordToJournal(dir, "traps.elf", Long.MAX_VALUE);
        final List<Located> entries = locate(dir);
        final Located target = entries.get(entries.size() / 2);
        final Located previous = entries.get(entries.size() / 2 - 1);
        // Past the sequence field, so that the torn entry still says which it is.
        Entries.truncate(target.file, target.filePosition + 24);

        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED, replayJournal(dir, "traps.elf", false, report), report.toString());
        // The cut entry reads back with zeros after the cut: its checksum fails.
        assertEquals("damaged log: bad checksum (entry sequence " + target.sequence + " at byte offset " +
            target.logOffset + "); last good instruction count " + previous.icount, report.toString());
    }

    @Test
    void aFinishedJournalCutBetweenEntriesStopsTheReplayNamingTheSequence() throws Exception
    {
        final Path dir = tmp.resolve("cut");
        final Recording recording = recordToJournal(dir, "traps.elf", Long.MAX_VALUE);
        final List<Located> entries = locate(dir);
        final Located target = entries.get(entries.size() / 2);
        final Located previous = entries.get(entries.size() / 2 - 1);
        // Cut at the excerpt header, 4 bytes before the entry.
        Entries.truncate(target.file, target.filePosition - 4);

        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED, replayJournal(dir, "traps.elf", false, report), report.toString());
        final String text = report.toString();
        assertTrue(text.startsWith("the log cannot be read after sequence " + previous.sequence + ": the queue ends after " +
            previous.sequence + " entries but journal " + dir + " was finished with " + recording.entries), text);
        assertTrue(text.endsWith("(entry sequence " + target.sequence + " at byte offset " + target.logOffset +
            "); last good instruction count " + previous.icount), text);
    }

    @Test
    void anUnfinishedJournalCutBetweenEntriesStopsTheReplayNamingTheSequence() throws Exception
    {
        final Path dir = tmp.resolve("died");
        recordToJournal(dir, "traps.elf", Long.MAX_VALUE);
        final List<Located> entries = locate(dir);
        final Located last = entries.get(entries.size() / 2 - 1);
        Entries.truncate(last.file, last.filePosition + last.length);
        // As if the writer had died before it could finish the journal: only Chronicle's own
        // count of complete excerpts tells that some were lost.
        Files.delete(dir.resolve(ChronicleJournal.FINISHED_FILE));

        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED, replayJournal(dir, "traps.elf", true, report), report.toString());
        final String text = report.toString();
        assertTrue(text.startsWith("the log cannot be read after sequence " + last.sequence + ": reading stops after " +
            last.sequence + " entries but the queue counts "), text);
        assertTrue(text.endsWith("(entry sequence " + (last.sequence + 1) + " at byte offset " +
            (last.logOffset + last.length) + "); last good instruction count " + last.icount), text);
    }

    @Test
    void anUnfinishedJournalWithAMiddleEntryThatReadsAsUnwrittenIsNotCutShortSilently() throws Exception
    {
        final Path dir = tmp.resolve("hole-unfinished");
        recordToJournal(dir, "traps.elf", Long.MAX_VALUE);
        final List<Located> entries = locate(dir);
        final Located target = entries.get(entries.size() / 3);
        final Located previous = entries.get(entries.size() / 3 - 1);
        final long header = target.filePosition - 4;
        Entries.writeIntLe(target.file, header, Entries.readIntLe(target.file, header) | NOT_COMPLETE);
        Files.delete(dir.resolve(ChronicleJournal.FINISHED_FILE));

        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED, replayJournal(dir, "traps.elf", true, report), report.toString());
        assertTrue(report.toString().startsWith("the log cannot be read after sequence " + previous.sequence +
            ": reading stops after " + previous.sequence + " entries but the queue counts " + entries.size()),
            report.toString());
    }

    @Test
    void anEntryLeftHalfWrittenByAWriterThatDiedEndsTheReplayWithoutRunEnd() throws Exception
    {
        final Path dir = tmp.resolve("half");
        recordToJournal(dir, "traps.elf", Long.MAX_VALUE);
        final List<Located> entries = locate(dir);
        final Located runEnd = entries.get(entries.size() - 1);
        final Located previous = entries.get(entries.size() - 2);
        assertEquals(EntryType.RUN_END, runEnd.type);
        // Chronicle marks an excerpt complete only once it is written: undo that for RUN_END.
        final long header = runEnd.filePosition - 4;
        Entries.writeIntLe(runEnd.file, header, Entries.readIntLe(runEnd.file, header) | NOT_COMPLETE);
        Files.delete(dir.resolve(ChronicleJournal.FINISHED_FILE));

        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.LOG_ENDED, replayJournal(dir, "traps.elf", true, report), report.toString());
        assertTrue(report.toString().startsWith("the log ends at sequence " + previous.sequence + " without RUN_END"),
            report.toString());
    }

    @Test
    void aMiddleEntryThatReadsAsUnwrittenIsNotSkipped() throws Exception
    {
        final Path dir = tmp.resolve("hole");
        final Recording recording = recordToJournal(dir, "traps.elf", Long.MAX_VALUE);
        final List<Located> entries = locate(dir);
        final Located target = entries.get(entries.size() / 3);
        final Located previous = entries.get(entries.size() / 3 - 1);
        final long header = target.filePosition - 4;
        Entries.writeIntLe(target.file, header, Entries.readIntLe(target.file, header) | NOT_COMPLETE);

        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED, replayJournal(dir, "traps.elf", false, report), report.toString());
        final String text = report.toString();
        assertTrue(text.startsWith("the log cannot be read after sequence " + previous.sequence + ": the queue ends after " +
            previous.sequence + " entries but journal " + dir + " was finished with " + recording.entries), text);
    }
}
