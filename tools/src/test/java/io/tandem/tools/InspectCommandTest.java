package io.tandem.tools;

import io.tandem.codec.DiskCompletion;
import io.tandem.codec.EntryType;
import io.tandem.codec.ExternalInterrupt;
import io.tandem.codec.LogEntry;
import io.tandem.codec.RunStart;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import io.tandem.engine.replica.Recorder;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalAppender;
import io.tandem.transport.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;

import static io.tandem.tools.CommandLineRun.guest;
import static io.tandem.tools.CommandLineRun.tandem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest
{
    @TempDir
    Path tmp;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
    private final LogEntry entry = new LogEntry();
    private long sequence;

    private LogEntry begin(final int type, final long icount)
    {
        return entry.wrap(buffer, 0).type(type).sequence(++sequence).icount(icount);
    }

    private void commit(final JournalAppender appender, final int payloadLength)
    {
        appender.append(buffer, 0, entry.seal(payloadLength));
    }

    /** One entry of each type a recording holds, with known fields; 13 entries in all. */
    private Path syntheticJournal(final boolean finish)
    {
        final Path dir = tmp.resolve("synthetic");
        try (ChronicleJournal journal = ChronicleJournal.create(dir); JournalAppender appender = journal.appender())
        {
            begin(EntryType.RUN_START, 0);
            for (int i = 0; i < 32; i++)
            {
                buffer.putByte(entry.payloadOffset() + i, (byte)(0xA0 + i));
            }
            entry.payloadInt(RunStart.RAM_BYTES_OFFSET, 16 << 20).payloadInt(RunStart.CHECK_INTERVAL_OFFSET, 8192);
            commit(appender, RunStart.LENGTH);
            begin(EntryType.CLOCK_READ, 1_000).payloadLong(0, 5_000_000);
            commit(appender, 8);
            begin(EntryType.ENTROPY_READ, 2_000).payloadInt(0, 0xBEEF);
            commit(appender, 4);
            begin(EntryType.HOST_ID_READ, 2_500).payloadInt(0, 0x1234_5678);
            commit(appender, 4);
            begin(EntryType.TIMER_INTERRUPT, 3_000).payloadLong(0, 15_000_000);
            commit(appender, 8);
            begin(EntryType.CONSOLE_INPUT, 4_000).payloadInt(0, 'a');
            commit(appender, 4);
            begin(EntryType.CONSOLE_INPUT, 4_100).payloadInt(0, '\n');
            commit(appender, 4);
            begin(EntryType.NET_FRAME, 5_000);
            for (int i = 0; i < 60; i++)
            {
                buffer.putByte(entry.payloadOffset() + i, (byte)i);
            }
            commit(appender, 60);
            begin(EntryType.EPOCH, 1_005_000);
            commit(appender, 0);
            begin(EntryType.STATE_HASH, 1_005_000).payloadLong(0, 0x0123_4567_89AB_CDEFL).payloadInt(8, 0x8000_0040);
            commit(appender, 12);
            begin(EntryType.CLOCK_READ, 1_500_000).payloadLong(0, 25_000_000);
            commit(appender, 8);
            begin(EntryType.EPOCH, 2_000_000);
            commit(appender, 0);
            if (finish)
            {
                begin(EntryType.RUN_END, 2_000_000).payloadLong(0, 0xFEDC_BA98_7654_3210L).payloadInt(8, 0x8000_0100)
                    .payloadInt(12, HaltReason.PASSED.ordinal()).payloadInt(16, 0);
                commit(appender, 20);
                journal.finish();
            }
        }
        return dir;
    }

    @Test
    void listsEveryEntryWithItsFieldsAndSumsTheJournalUp()
    {
        final Path dir = syntheticJournal(true);
        final CommandLineRun run = tandem("inspect", dir.toString());
        assertEquals(0, run.exitCode, run.err);
        assertEquals("", run.err);
        final String expected = String.join("\n",
            "journal " + dir + ": finished",
            "  SEQUENCE         ICOUNT  TYPE             FIELDS",
            "         1              0  RUN_START        elf sha256 a0a1a2a3a4a5a6a7..., ram 16 MiB, check interval 8192 " +
                "instructions",
            "         2           1000  CLOCK_READ       mtime 5000000",
            "         3           2000  ENTROPY_READ     entropy 0xbeef",
            "         4           2500  HOST_ID_READ     host id 0x12345678",
            "         5           3000  TIMER_INTERRUPT  deadline mtime 15000000",
            "         6           4000  CONSOLE_INPUT    byte 'a' (0x61)",
            "         7           4100  CONSOLE_INPUT    byte '\\n' (0x0a)",
            "         8           5000  NET_FRAME        frame 60 bytes: 000102030405060708090a0b0c0d0e0f...",
            "         9        1005000  EPOCH",
            "        10        1005000  STATE_HASH       state hash 0123456789abcdef, pc 0x80000040",
            "        11        1500000  CLOCK_READ       mtime 25000000",
            "        12        2000000  EPOCH",
            "        13        2000000  RUN_END          state hash fedcba9876543210, pc 0x80000100, halt PASSED, " +
                "exit code 0",
            "",
            "TYPE                  ENTRIES          BYTES",
            "RUN_START                   1             80",
            "CLOCK_READ                  2             80",
            "ENTROPY_READ                1             40",
            "HOST_ID_READ                1             40",
            "TIMER_INTERRUPT             1             40",
            "CONSOLE_INPUT               2             80",
            "NET_FRAME                   1             96",
            "EPOCH                       2             64",
            "STATE_HASH                  1             48",
            "RUN_END                     1             56",
            "total                      13            624",
            "icount range: 0 .. 2000000 (2000000 instructions)",
            "guest time: 2.000000 s (mtime 5000000 .. 25000000, 20000000 ticks of 10 MHz)",
            "bytes per second of guest time: 312.0",
            "bytes per million instructions: 312.0",
            "ends with RUN_END at sequence 13",
            "");
        assertEquals(expected, run.out);
    }

    @Test
    void diskCompletionsAndExternalInterruptsAreListedWithTheirFields()
    {
        final Path dir = tmp.resolve("disk");
        try (ChronicleJournal journal = ChronicleJournal.create(dir); JournalAppender appender = journal.appender())
        {
            begin(EntryType.RUN_START, 0).payloadInt(RunStart.RAM_BYTES_OFFSET, 16 << 20)
                .payloadInt(RunStart.CHECK_INTERVAL_OFFSET, 8192);
            commit(appender, RunStart.LENGTH);
            begin(EntryType.DISK_COMPLETION, 8192).payloadLong(DiskCompletion.REQUEST_ID_OFFSET, 1)
                .payloadU16(DiskCompletion.HEAD_OFFSET, 0).payloadU8(DiskCompletion.STATUS_OFFSET, 0)
                .payloadU8(DiskCompletion.FLAGS_OFFSET, 0).payloadInt(DiskCompletion.DATA_LENGTH_OFFSET, 0);
            commit(appender, DiskCompletion.DATA_OFFSET);
            begin(EntryType.DISK_COMPLETION, 16384).payloadLong(DiskCompletion.REQUEST_ID_OFFSET, 2)
                .payloadU16(DiskCompletion.HEAD_OFFSET, 3).payloadU8(DiskCompletion.STATUS_OFFSET, 0)
                .payloadU8(DiskCompletion.FLAGS_OFFSET, DiskCompletion.FLAG_DATA)
                .payloadInt(DiskCompletion.DATA_LENGTH_OFFSET, 512);
            for (int i = 0; i < 512; i++)
            {
                buffer.putByte(entry.payloadOffset() + DiskCompletion.DATA_OFFSET + i, (byte)(0xF0 + i));
            }
            commit(appender, DiskCompletion.DATA_OFFSET + 512);
            begin(EntryType.EXTERNAL_INTERRUPT, 20000).payloadInt(ExternalInterrupt.SOURCE_OFFSET, 10)
                .payloadInt(ExternalInterrupt.LEVEL_OFFSET, 1);
            commit(appender, ExternalInterrupt.LENGTH);
        }
        final CommandLineRun run = tandem("inspect", dir.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("         2           8192  DISK_COMPLETION  request 1, head 0, status 0\n"),
            run.out);
        assertTrue(run.out.contains("         3          16384  DISK_COMPLETION  request 2, head 3, status 0, read data " +
            "512 bytes: f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff...\n"), run.out);
        assertTrue(run.out.contains("         4          20000  EXTERNAL_INTERRUPT source 10, level 1\n"), run.out);
        assertTrue(run.out.contains("DISK_COMPLETION             2            608"), run.out);
    }

    @Test
    void typeAndLimitFilterTheListingButNotTheSummary()
    {
        final Path dir = syntheticJournal(true);
        final CommandLineRun run = tandem("inspect", "--type", "clock_read,EPOCH", "--limit", "3", dir.toString());
        assertEquals(0, run.exitCode, run.err);
        final String[] lines = run.out.split("\n");
        assertTrue(lines[2].contains("CLOCK_READ       mtime 5000000"), run.out);
        assertTrue(lines[3].equals("         9        1005000  EPOCH"), run.out);
        assertTrue(lines[4].contains("CLOCK_READ       mtime 25000000"), run.out);
        assertEquals("", lines[5], run.out);
        assertTrue(run.out.contains("total                      13            624"), run.out);
    }

    @Test
    void anUnknownTypeIsAUsageError()
    {
        final CommandLineRun run = tandem("inspect", "--type", "CLOCK", syntheticJournal(true).toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode);
        assertTrue(run.err.startsWith("tandem: --type: no entry type is named CLOCK (types: RUN_START, CLOCK_READ,"),
            run.err);
    }

    @Test
    void anUnfinishedJournalIsListedToItsLastEntryAndSaysSo()
    {
        final Path dir = syntheticJournal(false);
        final CommandLineRun run = tandem("inspect", dir.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.startsWith("journal " + dir + ": not finished"), run.out);
        assertTrue(run.out.endsWith("no RUN_END: the log stops at sequence 12 (EPOCH)\n"), run.out);
    }

    @Test
    void aJournalWithoutTimeSaysGuestTimeIsUnknown() throws Exception
    {
        final Path dir = tmp.resolve("cpubench");
        final Path elf = Paths.get(guest("cpubench_quick.elf"));
        try (ChronicleJournal journal = ChronicleJournal.create(dir); JournalAppender appender = journal.appender())
        {
            final MachineContext context = new MachineContext().ramMib(16)
                .clock(new HostClock()).entropy(new HostEntropy());
            final Recorder recorder = new Recorder(LiveInputs.from(context), appender, Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
            context.inputs(recorder);
            try (Machine machine = new Machine(context))
            {
                machine.load(ElfReader.read(elf));
                recorder.start(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(elf)), context.ramBytes(),
                    context.interruptCheckInstructions());
                SoloRun.run(machine, 3_000_000);
                recorder.finish(machine.icount(), machine.stateHash(), machine.cpu().pc(), machine.haltReason().ordinal(),
                    machine.exitCode());
            }
            journal.finish();
        }
        final CommandLineRun run = tandem("inspect", "--limit", "0", dir.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("\nicount range: 0 .. 3000000 (3000000 instructions)\n"), run.out);
        assertTrue(run.out.contains("\nguest time: unknown (no clock reads or timer entries)\n" +
            "bytes per second of guest time: unknown\n"), run.out);
        // RUN_START 80, two epoch marks of 32, RUN_END 56: 200 bytes for 3 million instructions.
        assertTrue(run.out.contains("\nbytes per million instructions: 66.7\n"), run.out);
        assertFalse(run.out.contains("RUN_START        elf"), "--limit 0 lists nothing");
    }

    @Test
    void aDamagedEntryEndsTheListingWithALineNamingItsSequenceAndOffset() throws IOException
    {
        final Path dir = syntheticJournal(true);
        final Path file;
        final long position;
        try (ChronicleJournal journal = ChronicleJournal.open(dir); JournalReader reader = journal.reader())
        {
            for (int i = 0; i < 5; i++)
            {
                reader.poll(buffer);
            }
            file = journal.file(reader.position());
            position = reader.filePosition();
        }
        // A bit of the fifth entry's payload (the timer deadline).
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position + LogEntry.HEADER_LENGTH + 1);
            final int b = raf.read();
            raf.seek(position + LogEntry.HEADER_LENGTH + 1);
            raf.write(b ^ 0x04);
        }

        final CommandLineRun run = tandem("inspect", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.err);
        assertTrue(run.out.contains("         4           2500  HOST_ID_READ     host id 0x12345678\n\nTYPE"), run.out);
        assertFalse(run.out.contains("TIMER_INTERRUPT  deadline"), run.out);
        assertTrue(run.out.contains("\ntotal                       4            200\n"), run.out);
        // RUN_START 80 + three of 40 bytes: the fifth entry starts at byte 200 of the log.
        assertTrue(run.err.startsWith("tandem: damaged journal " + dir +
            ": bad checksum (entry sequence 5 at byte offset 200), in " + file.getFileName() + " excerpt 4 "), run.err);
        assertTrue(run.err.endsWith(" at file offset " + position + "\n"), run.err);
        assertEquals(1, run.err.split("\n").length, "one line, no stack trace: " + run.err);
    }

    @Test
    void aQueueFileCutInsideAnEntryNamesTheSequenceThatWasExpected() throws IOException
    {
        final Path dir = syntheticJournal(true);
        final Path file;
        final long position;
        try (ChronicleJournal journal = ChronicleJournal.open(dir); JournalReader reader = journal.reader())
        {
            for (int i = 0; i < 6; i++)
            {
                reader.poll(buffer);
            }
            file = journal.file(reader.position());
            position = reader.filePosition();
        }
        // Keep the sixth entry's checksum and length; lose its sequence and the rest.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(position + 8);
        }

        final CommandLineRun run = tandem("inspect", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode, run.err);
        assertTrue(run.out.contains("\ntotal                       5            240\n"), run.out);
        assertTrue(run.err.startsWith("tandem: damaged journal " + dir + ": bad checksum (entry sequence 0 at byte " +
            "offset 240), where sequence 6 was expected, in "), run.err);
    }

    @Test
    void aMissingOrForeignDirectoryIsRefusedClearly() throws IOException
    {
        final Path missing = tmp.resolve("nothing-here");
        final CommandLineRun run = tandem("inspect", missing.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode);
        assertEquals("tandem: no journal at " + missing + ": the directory does not exist\n", run.err);

        final Path empty = Files.createDirectory(tmp.resolve("empty"));
        final CommandLineRun other = tandem("inspect", empty.toString());
        assertEquals(ExitCodes.BAD_INPUT, other.exitCode);
        assertEquals("tandem: " + empty + " is not a Tandem journal: it has no tandem-journal file\n", other.err);
    }
}
