package io.tandem.engine.replica;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordReplayTest
{
    private static final int RAM_MIB = 16;

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

    static byte[] sha256(final Path file) throws IOException, NoSuchAlgorithmException
    {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }

    /** A recorded run: its log, console output and final state. */
    static final class Recording
    {
        final MemoryLog log = new MemoryLog();
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        long icount;
        long stateHash;
        Recorder recorder;
    }

    static Recording record(final Path elf, final long maxInstructions) throws Exception
    {
        final Recording recording = new Recording();
        final MachineContext context = new MachineContext().ramMib(RAM_MIB)
            .clock(new HostClock()).entropy(new HostEntropy()).hostId(0x1234_5678)
            .consoleSink(recording.console::write);
        recording.recorder = new Recorder(LiveInputs.from(context), recording.log, Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
        context.inputs(recording.recorder);
        try (Machine machine = new Machine(context))
        {
            machine.load(ElfReader.read(elf));
            recording.recorder.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
            SoloRun.run(machine, maxInstructions);
            recording.icount = machine.icount();
            recording.stateHash = machine.stateHash();
            recording.recorder.finish(machine.icount(), recording.stateHash, machine.cpu().pc(),
                machine.haltReason().ordinal(), machine.exitCode());
        }
        recording.log.finish();
        return recording;
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

    @Test
    void timerInterruptsOnTheHostClockReplayToTheSameStateAndConsole() throws Exception
    {
        final Path elf = guest("traps.elf");
        final Recording recording = record(elf, Long.MAX_VALUE);
        assertTrue(recording.recorder.statistics().entries(EntryType.TIMER_INTERRUPT) > 0, "the guest took timer interrupts");
        assertTrue(recording.recorder.statistics().entries(EntryType.CLOCK_READ) > 0, "the guest read the clock");

        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.MATCHED, replay(elf, recording.log.reader(), console, report), report.toString());
        assertEquals(recording.console.toString(), console.toString());
        assertTrue(report.toString().contains(Long.toString(recording.icount)), report.toString());
    }

    @Test
    void theClockGuestsTimeEntropyAndHostIdentityReplayExactly() throws Exception
    {
        final Path elf = guest("clock.elf");
        final Recording first = record(elf, Long.MAX_VALUE);
        final Recording second = record(elf, Long.MAX_VALUE);
        assertNotEquals(first.console.toString(), second.console.toString(), "the guest sees real non-determinism");
        final LogStatistics statistics = first.recorder.statistics();
        assertTrue(statistics.entries(EntryType.ENTROPY_READ) > 0);
        assertTrue(statistics.entries(EntryType.HOST_ID_READ) > 0);
        assertTrue(statistics.entries(EntryType.TIMER_INTERRUPT) >= 5);

        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.MATCHED, replay(elf, first.log.reader(), console, report), report.toString());
        assertEquals(first.console.toString(), console.toString());
        assertTrue(console.toString().contains("host=0x12345678"), console.toString());
    }

    @Test
    void recordingStoppedAtAnInstructionLimitReplaysToThatPoint() throws Exception
    {
        final Path elf = guest("cpubench_quick.elf");
        final Recording recording = record(elf, 3_000_001);
        assertEquals(3_000_001, recording.icount);
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.MATCHED,
            replay(elf, recording.log.reader(), new ByteArrayOutputStream(), report), report.toString());
    }

    @Test
    void aCpuBoundGuestLogsOnlyEpochMarks() throws Exception
    {
        final Recording recording = record(guest("cpubench_quick.elf"), 5_000_000);
        final LogStatistics statistics = recording.recorder.statistics();
        assertEquals(statistics.entries(EntryType.RUN_START) + statistics.entries(EntryType.EPOCH) +
            statistics.entries(EntryType.RUN_END), statistics.totalEntries());
        assertTrue(statistics.entries(EntryType.EPOCH) >= 4, "an epoch mark per million instructions");
    }

    @Test
    void aFlippedBitStopsTheReplayNamingTheSequenceAndTheLastGoodIcount() throws Exception
    {
        final Path elf = guest("traps.elf");
        final Recording recording = record(elf, Long.MAX_VALUE);
        // Damage the payload of the fifth entry.
        int offset = 0;
        for (int i = 0; i < 4; i++)
        {
            offset += recording.log.bytes().getInt(offset + 4, java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        final int at = offset + LogEntry.HEADER_LENGTH;
        recording.log.bytes().putByte(at, (byte)(recording.log.bytes().getByte(at) ^ 0x10));
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED,
            replay(elf, recording.log.reader(), new ByteArrayOutputStream(), report));
        assertTrue(report.toString().contains("bad checksum (entry sequence 5"), report.toString());
        assertTrue(report.toString().contains("last good instruction count"), report.toString());
    }

    @Test
    void aTruncatedLogReplaysToItsLastEntryAndSaysSo() throws Exception
    {
        final Path elf = guest("traps.elf");
        final Recording recording = record(elf, Long.MAX_VALUE);
        int offset = 0;
        int entries = 0;
        while (entries < 6)
        {
            offset += recording.log.bytes().getInt(offset + 4, java.nio.ByteOrder.LITTLE_ENDIAN);
            entries++;
        }
        recording.log.truncate(offset);
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.LOG_ENDED,
            replay(elf, recording.log.reader(), new ByteArrayOutputStream(), report), report.toString());
        assertTrue(report.toString().contains("without RUN_END"), report.toString());
    }

    @Test
    void aTornLastEntryIsReportedNotSkipped() throws Exception
    {
        final Path elf = guest("traps.elf");
        final Recording recording = record(elf, Long.MAX_VALUE);
        recording.log.truncate(recording.log.length() - 3);
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED,
            replay(elf, recording.log.reader(), new ByteArrayOutputStream(), report), report.toString());
        assertTrue(report.toString().contains("truncated entry"), report.toString());
    }

    @Test
    void aLogFromAnotherGuestIsRefusedBeforeReplaying() throws Exception
    {
        final Recording recording = record(guest("hello.elf"), Long.MAX_VALUE);
        final ReplayMismatchException ex = assertThrows(ReplayMismatchException.class,
            () -> replay(guest("traps.elf"), recording.log.reader(), new ByteArrayOutputStream(), new StringBuilder()));
        assertTrue(ex.getMessage().contains("another guest ELF"), ex.getMessage());
    }

    @Test
    void anEntryOfAnUnknownVersionIsRefused() throws Exception
    {
        final Path elf = guest("traps.elf");
        final Recording recording = record(elf, Long.MAX_VALUE);
        final int second = recording.log.bytes().getInt(4, java.nio.ByteOrder.LITTLE_ENDIAN);
        recording.log.bytes().putByte(second + 10, (byte)7);
        // Re-seal so that only the version is wrong, not the checksum.
        final org.agrona.concurrent.UnsafeBuffer copy = new org.agrona.concurrent.UnsafeBuffer(
            java.nio.ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
        final int length = recording.log.bytes().getInt(second + 4, java.nio.ByteOrder.LITTLE_ENDIAN);
        copy.putBytes(0, recording.log.bytes(), second, length);
        final int crc = org.agrona.checksum.Crc32c.INSTANCE.compute(copy.addressOffset(), 4, length - 4);
        recording.log.bytes().putInt(second, crc, java.nio.ByteOrder.LITTLE_ENDIAN);
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED,
            replay(elf, recording.log.reader(), new ByteArrayOutputStream(), report));
        assertTrue(report.toString().contains("unknown entry version 7 (this reader knows 1) (entry sequence 2"),
            report.toString());
    }

    @Test
    void aMissingInputIsCaughtAsDivergence() throws Exception
    {
        // Drop one clock read from the log: the replay must stop, not run on with another value.
        final Path elf = guest("traps.elf");
        final Recording recording = record(elf, Long.MAX_VALUE);
        final MemoryLog edited = new MemoryLog();
        final org.agrona.concurrent.UnsafeBuffer entryBuffer = new org.agrona.concurrent.UnsafeBuffer(
            java.nio.ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
        final LogEntry entry = new LogEntry();
        int offset = 0;
        boolean dropped = false;
        long sequence = 0;
        while (offset < recording.log.length())
        {
            final int length = recording.log.bytes().getInt(offset + 4, java.nio.ByteOrder.LITTLE_ENDIAN);
            entryBuffer.putBytes(0, recording.log.bytes(), offset, length);
            entry.wrap(entryBuffer, 0);
            if (!dropped && entry.type() == EntryType.CLOCK_READ)
            {
                dropped = true;
            }
            else
            {
                entry.sequence(++sequence);
                entry.seal(entry.payloadLength());
                edited.append(entryBuffer, 0, length);
            }
            offset += length;
        }
        edited.finish();
        assertTrue(dropped);
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED, replay(elf, edited.reader(), new ByteArrayOutputStream(), report));
        assertTrue(report.toString().contains("replay diverged"), report.toString());
    }

    @Test
    void replayedMachineIgnoresItsOwnClockEntropyAndHostIdentity() throws Exception
    {
        final Path elf = guest("traps.elf");
        final Recording first = record(elf, Long.MAX_VALUE);
        final ByteArrayOutputStream a = new ByteArrayOutputStream();
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        final StringBuilder reportA = new StringBuilder();
        final StringBuilder reportB = new StringBuilder();
        assertEquals(ReplayRun.Outcome.MATCHED, replay(elf, first.log.reader(), a, reportA), reportA.toString());
        assertEquals(ReplayRun.Outcome.MATCHED, replay(elf, first.log.reader(), b, reportB), reportB.toString());
        assertEquals(reportA.toString(), reportB.toString());
        assertNotEquals(0, first.stateHash);
    }
}
