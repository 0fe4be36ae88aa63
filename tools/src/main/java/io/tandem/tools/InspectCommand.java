package io.tandem.tools;

import io.tandem.codec.Ack;
import io.tandem.codec.DiskCompletion;
import io.tandem.codec.EntryType;
import io.tandem.codec.ExternalInterrupt;
import io.tandem.codec.Heartbeat;
import io.tandem.codec.LogEntry;
import io.tandem.codec.LogFormatException;
import io.tandem.codec.RunStart;
import io.tandem.codec.StateCheck;
import io.tandem.engine.dev.MachineClock;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.replica.LogReader;
import io.tandem.engine.replica.LogStatistics;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tandem inspect}: lists a journal's entries with their fields and sums the journal up.
 * It reads the journal as it is now, finished or not, and checks every entry as a replay would
 * (length, CRC32C, version, type, gap-free sequence, icount never going back): on damage it
 * prints what precedes it and names the damaged entry, and exits with 2.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
        "Lists the entries of a journal recorded with `tandem run --record` and sums it up: entries and bytes " +
            "by type, icount range, guest time and log bytes per second of it and per million instructions.",
        "Exit codes: 0 OK; 2 usage error, not a journal, or a damaged journal (the entries before the damage " +
            "are printed, then a line naming the damaged entry's sequence number and byte offset)."})
final class InspectCommand implements Callable<Integer>
{
    private static final int FRAME_BYTES_SHOWN = 16;
    private static final int SHA256_BYTES_SHOWN = 8;

    @Parameters(index = "0", paramLabel = "DIR", description = "journal directory")
    Path journalDirectory;

    @Option(names = "--limit", paramLabel = "N",
        description = "list at most N entries (default: all); the summary still covers the whole journal")
    long limit = Long.MAX_VALUE;

    @Option(names = "--type", split = ",", paramLabel = "NAME",
        description = "list only entries of these types, comma-separated or repeated (e.g. CLOCK_READ,TIMER_INTERRUPT)")
    List<String> types = new ArrayList<>();

    @Override
    public Integer call()
    {
        if (limit < 0)
        {
            throw new IllegalArgumentException("--limit must not be negative: " + limit);
        }
        final boolean[] listed = listedTypes(types);
        quietChronicleLogging();
        final PrintStream out = System.out;
        try (ChronicleJournal journal = ChronicleJournal.open(journalDirectory);
            JournalReader reader = journal.readerToCurrentEnd())
        {
            out.println("journal " + journalDirectory + ": " + (journal.isFinished() ? "finished" :
                "not finished (its writer is still running, or stopped without finishing it)"));
            out.printf("%10s %14s  %-16s %s%n", "SEQUENCE", "ICOUNT", "TYPE", "FIELDS");

            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
            final LogEntry entry = new LogEntry();
            final Summary summary = new Summary();
            final StringBuilder fields = new StringBuilder();
            String damage = null;
            long listedCount = 0;
            while (true)
            {
                final int length;
                try
                {
                    length = reader.poll(buffer);
                }
                catch (final LogFormatException | IllegalStateException ex)
                {
                    damage = ex.getMessage();
                    break;
                }
                if (length == LogReader.END || length == LogReader.NOT_YET)
                {
                    break;
                }
                damage = check(entry.wrapForRead(buffer, 0), length, reader, summary);
                if (damage != null)
                {
                    break;
                }
                summary.add(entry);
                if (listed[entry.type()] && listedCount < limit)
                {
                    fields.setLength(0);
                    describe(entry, fields);
                    if (fields.length() == 0)
                    {
                        out.printf("%10d %14d  %s%n", entry.sequence(), entry.icount(), EntryType.name(entry.type()));
                    }
                    else
                    {
                        out.printf("%10d %14d  %-16s %s%n", entry.sequence(), entry.icount(),
                            EntryType.name(entry.type()), fields);
                    }
                    listedCount++;
                }
            }
            summary.print(out);
            out.flush();
            if (damage != null)
            {
                System.err.println("tandem: damaged journal " + journalDirectory + ": " + damage);
                System.err.flush();
                return ExitCodes.BAD_INPUT;
            }
            return 0;
        }
    }

    /** Checks an entry as the replayer does; @return what is wrong with it, or null. */
    private static String check(
        final LogEntry entry, final int length, final JournalReader reader, final Summary summary)
    {
        final long offset = reader.entryOffset();
        final long expected = summary.entries() + 1;
        try
        {
            entry.validate(length, offset);
        }
        catch (final LogFormatException ex)
        {
            // The sequence in the message is as read from the damaged header: say which it should be.
            return ex.getMessage() +
                (ex.sequence() != expected ? ", where sequence " + expected + " was expected" : "") +
                ", in " + reader.describePosition();
        }
        if (entry.sequence() != expected)
        {
            return new LogFormatException("expected sequence " + expected + " but found " + entry.sequence(),
                entry.sequence(), offset).getMessage() + ", in " + reader.describePosition();
        }
        if (summary.entries() > 0 && entry.icount() < summary.lastIcount)
        {
            return new LogFormatException("instruction count goes back to " + entry.icount() + " from " +
                summary.lastIcount, entry.sequence(), offset).getMessage() + ", in " + reader.describePosition();
        }
        return null;
    }

    private static boolean[] listedTypes(final List<String> names)
    {
        final boolean[] listed = new boolean[EntryType.MAX + 1];
        if (names.isEmpty())
        {
            Arrays.fill(listed, true);
            return listed;
        }
        for (final String name : names)
        {
            final int type = typeNamed(name.trim());
            if (type < 0)
            {
                final StringBuilder known = new StringBuilder();
                for (int t = 1; t <= EntryType.MAX; t++)
                {
                    known.append(t > 1 ? ", " : "").append(EntryType.name(t));
                }
                throw new IllegalArgumentException(
                    "--type: no entry type is named " + name + " (types: " + known + ")");
            }
            listed[type] = true;
        }
        return listed;
    }

    private static int typeNamed(final String name)
    {
        for (int t = 1; t <= EntryType.MAX; t++)
        {
            if (EntryType.name(t).equalsIgnoreCase(name))
            {
                return t;
            }
        }
        return -1;
    }

    /** Appends the fields of an entry's payload. */
    static void describe(final LogEntry entry, final StringBuilder text)
    {
        switch (entry.type())
        {
            case EntryType.RUN_START:
                text.append("elf sha256 ");
                hex(entry, RunStart.ELF_SHA256_OFFSET, SHA256_BYTES_SHOWN, text);
                final int ramBytes = entry.payloadInt(RunStart.RAM_BYTES_OFFSET);
                text.append("..., ram ")
                    .append(ramBytes % (1 << 20) == 0 ? (ramBytes >> 20) + " MiB" : ramBytes + " bytes")
                    .append(", check interval ").append(entry.payloadInt(RunStart.CHECK_INTERVAL_OFFSET))
                    .append(" instructions");
                final int flags = entry.payloadInt(RunStart.FLAGS_OFFSET);
                if ((flags & RunStart.FLAG_DEVICES_KNOWN) != 0)
                {
                    text.append(", devices: ").append((flags & RunStart.FLAG_NET) != 0 ? "net" : "no net")
                        .append((flags & RunStart.FLAG_DISK) != 0 ? ", disk" : ", no disk");
                }
                break;
            case EntryType.CLOCK_READ:
                text.append("mtime ").append(entry.payloadLong(0));
                break;
            case EntryType.ENTROPY_READ:
                text.append("entropy 0x").append(String.format("%04x", entry.payloadInt(0)));
                break;
            case EntryType.HOST_ID_READ:
                text.append("host id 0x").append(String.format("%08x", entry.payloadInt(0)));
                break;
            case EntryType.TIMER_INTERRUPT:
                text.append("deadline mtime ").append(entry.payloadLong(0));
                break;
            case EntryType.CONSOLE_INPUT:
                final int b = entry.payloadInt(0) & 0xFF;
                text.append("byte ").append(quoted(b)).append(String.format(" (0x%02x)", b));
                break;
            case EntryType.NET_FRAME:
                final int frameLength = entry.payloadLength();
                text.append("frame ").append(frameLength).append(" bytes");
                if (frameLength > 0)
                {
                    text.append(": ");
                    hex(entry, 0, Math.min(frameLength, FRAME_BYTES_SHOWN), text);
                    if (frameLength > FRAME_BYTES_SHOWN)
                    {
                        text.append("...");
                    }
                }
                break;
            case EntryType.ACK:
                text.append("journaled up to sequence ").append(entry.payloadLong(Ack.SEQUENCE_OFFSET));
                break;
            case EntryType.HEARTBEAT:
                text.append("sender time ").append(entry.payloadLong(Heartbeat.TIME_OFFSET)).append(" ns");
                break;
            case EntryType.STATE_HASH:
                if (entry.payloadLength() >= StateCheck.LENGTH &&
                    entry.payloadInt(StateCheck.KIND_OFFSET) == StateCheck.KIND_INCREMENTAL)
                {
                    text.append(String.format("state check %016x, pc 0x%08x, %d pages written",
                        entry.payloadLong(StateCheck.HASH_OFFSET), entry.payloadInt(StateCheck.PC_OFFSET),
                        entry.payloadInt(StateCheck.PAGES_OFFSET)));
                    break;
                }
                text.append(String.format("state hash %016x, pc 0x%08x", entry.payloadLong(0), entry.payloadInt(8)));
                break;
            case EntryType.RUN_END:
                final int halt = entry.payloadInt(12);
                text.append(String.format(
                    "state hash %016x, pc 0x%08x, halt ", entry.payloadLong(0), entry.payloadInt(8)))
                    .append(halt >= 0 && halt < HaltReason.values().length ? HaltReason.values()[halt].name() :
                        "UNKNOWN(" + halt + ")")
                    .append(", exit code ").append(entry.payloadInt(16));
                break;
            case EntryType.DISK_COMPLETION:
                final int dataLength = entry.payloadInt(DiskCompletion.DATA_LENGTH_OFFSET);
                text.append("request ").append(entry.payloadLong(DiskCompletion.REQUEST_ID_OFFSET))
                    .append(", head ").append(entry.payloadU16(DiskCompletion.HEAD_OFFSET))
                    .append(", status ").append(entry.payloadU8(DiskCompletion.STATUS_OFFSET));
                if ((entry.payloadU8(DiskCompletion.FLAGS_OFFSET) & DiskCompletion.FLAG_DATA) != 0)
                {
                    text.append(", read data ").append(dataLength).append(" bytes");
                    if (dataLength > 0)
                    {
                        text.append(": ");
                        hex(entry, DiskCompletion.DATA_OFFSET, Math.min(dataLength, FRAME_BYTES_SHOWN), text);
                        if (dataLength > FRAME_BYTES_SHOWN)
                        {
                            text.append("...");
                        }
                    }
                }
                break;
            case EntryType.EXTERNAL_INTERRUPT:
                text.append("source ").append(entry.payloadInt(ExternalInterrupt.SOURCE_OFFSET))
                    .append(", level ").append(entry.payloadInt(ExternalInterrupt.LEVEL_OFFSET));
                break;
            default:
                break; // EPOCH: no payload
        }
    }

    private static void hex(final LogEntry entry, final int index, final int length, final StringBuilder text)
    {
        for (int i = 0; i < length; i++)
        {
            text.append(String.format("%02x", entry.buffer().getByte(entry.payloadOffset() + index + i) & 0xFF));
        }
    }

    private static String quoted(final int b)
    {
        switch (b)
        {
            case '\n': return "'\\n'";
            case '\r': return "'\\r'";
            case '\t': return "'\\t'";
            case '\'': return "'\\''";
            case '\\': return "'\\\\'";
            default:
                return b >= 0x20 && b < 0x7F ? "'" + (char)b + "'" : String.format("'\\x%02x'", b);
        }
    }

    /**
     * Chronicle logs through SLF4J, and with no provider on the class path SLF4J warns about it on
     * stderr, where it would read as a problem with the journal.
     */
    private static void quietChronicleLogging()
    {
        if (System.getProperty("slf4j.internal.verbosity") == null)
        {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /** Entries and bytes by type, the icount range and the span of recorded mtime values. */
    static final class Summary
    {
        private final LogStatistics statistics = new LogStatistics();
        private long firstIcount = -1;
        private long lastIcount;
        private long minMtime = Long.MAX_VALUE;
        private long maxMtime = Long.MIN_VALUE;
        private long mtimeValues;
        private int lastType;
        private long lastSequence;

        void add(final LogEntry entry)
        {
            statistics.count(entry.type(), entry.length());
            if (firstIcount < 0)
            {
                firstIcount = entry.icount();
            }
            lastIcount = entry.icount();
            lastType = entry.type();
            lastSequence = entry.sequence();
            if (entry.type() == EntryType.CLOCK_READ || entry.type() == EntryType.TIMER_INTERRUPT)
            {
                final long mtime = entry.payloadLong(0);
                minMtime = Math.min(minMtime, mtime);
                maxMtime = Math.max(maxMtime, mtime);
                mtimeValues++;
            }
        }

        long entries()
        {
            return statistics.totalEntries();
        }

        void print(final PrintStream out)
        {
            out.println();
            out.printf("%-16s %12s %14s%n", "TYPE", "ENTRIES", "BYTES");
            for (int type = 1; type <= EntryType.MAX; type++)
            {
                if (statistics.entries(type) > 0)
                {
                    out.printf("%-16s %12d %14d%n",
                        EntryType.name(type), statistics.entries(type), statistics.bytes(type));
                }
            }
            final long totalBytes = statistics.totalBytes();
            out.printf("%-16s %12d %14d%n", "total", statistics.totalEntries(), totalBytes);
            if (statistics.totalEntries() == 0)
            {
                out.println("no entries");
                return;
            }
            final long instructions = lastIcount - firstIcount;
            out.printf("icount range: %d .. %d (%d instructions)%n", firstIcount, lastIcount, instructions);
            if (mtimeValues == 0)
            {
                out.println("guest time: unknown (no clock reads or timer entries)");
                out.println("bytes per second of guest time: unknown");
            }
            else
            {
                final long ticks = maxMtime - minMtime;
                final double seconds = ticks / (double)MachineClock.TICKS_PER_SECOND;
                out.printf("guest time: %.6f s (mtime %d .. %d, %d ticks of 10 MHz)%n",
                    seconds, minMtime, maxMtime, ticks);
                if (ticks > 0)
                {
                    out.printf("bytes per second of guest time: %.1f%n", totalBytes / seconds);
                }
                else
                {
                    out.println("bytes per second of guest time: unknown (a single mtime value)");
                }
            }
            if (instructions > 0)
            {
                out.printf("bytes per million instructions: %.1f%n", totalBytes * 1e6 / instructions);
            }
            else
            {
                out.println("bytes per million instructions: unknown (no instructions between entries)");
            }
            out.println(lastType == EntryType.RUN_END ? "ends with RUN_END at sequence " + lastSequence :
                "no RUN_END: the log stops at sequence " + lastSequence + " (" + EntryType.name(lastType) + ")");
        }
    }
}
