package io.tandem.transport.journal;

import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.SparseRollCycles;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * A journal directory holding one Chronicle Queue of log entries, one excerpt per entry, in
 * sequence order.
 * <p>
 * <b>Writing.</b> {@link #create} makes a new journal; each writing thread takes its own
 * {@link #appender()}. {@link #finish()} marks the journal complete by writing the
 * {@value #FINISHED_FILE} file, which records the number of entries and the index of the last:
 * readers report {@link io.tandem.engine.replica.LogReader#END} only after it, so that a journal
 * whose writer is slow is told apart from one whose writer is done. A journal whose writer died
 * is never finished; read it with {@link #readerToCurrentEnd()}.
 * <p>
 * <b>Reading.</b> {@link #open} opens an existing journal; {@link #reader()} tails it from the
 * start (entries as they are written, {@code NOT_YET} when caught up, {@code END} once
 * finished). A reader that reaches the end of a finished journal with fewer (or more) entries
 * than {@value #FINISHED_FILE} records reports the damage rather than the end.
 * <p>
 * <b>Roll cycle.</b> {@link SparseRollCycles#LARGE_HOURLY_SPARSE}: one {@code .cq4} file per
 * hour of wall-clock time ({@code yyyyMMdd-HH'LS'.cq4}), so that a long run's journal can be
 * archived or deleted an hour at a time, with room for 2<sup>34</sup>-1 entries an hour (4.8
 * million a second, sustained: what one appender manages with the smallest entries, so a guest
 * that does nothing but read the clock cannot overflow a cycle) and an index entry every 1024
 * entries, which keeps appends cheap; reads are sequential and do not need a denser index.
 * The roll cycle is recorded in {@value #MARKER_FILE} and used when the journal is opened.
 * <p>
 * <b>Damage.</b> Opening a journal maps its queue files read-write, as Chronicle does: a queue
 * file that was truncated is extended back to its preallocated length with zeros. The journal
 * is opened this way on purpose: a read-only mapping past the end of a truncated file faults the
 * JVM (SIGBUS) instead of reading zeros, and the zeros read back as the end of the queue (caught
 * by the {@value #FINISHED_FILE} count) or as a torn entry (caught by its CRC32C).
 */
public final class ChronicleJournal implements AutoCloseable
{
    /** The file that makes a directory a Tandem journal. */
    public static final String MARKER_FILE = "tandem-journal";
    /** The file {@link #finish()} writes: entries and last index of the complete journal. */
    public static final String FINISHED_FILE = "finished";
    /** The journal layout this code writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Roll cycle of new journals. */
    public static final SparseRollCycles ROLL_CYCLE = SparseRollCycles.LARGE_HOURLY_SPARSE;

    private static final String FORMAT_LINE = "format tandem-journal";
    private static final String VERSION_KEY = "version";
    private static final String ROLL_CYCLE_KEY = "roll-cycle";
    private static final String ENTRIES_KEY = "entries";
    private static final String LAST_INDEX_KEY = "last-index";

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final File finishedFile;
    private final boolean msyncOnFlush;
    private final DateTimeFormatter cycleFormat;
    private volatile boolean finishedHere;

    private ChronicleJournal(
        final Path directory, final RollCycle rollCycle, final boolean msyncOnFlush, final TimeProvider time)
    {
        this.directory = directory;
        this.finishedFile = directory.resolve(FINISHED_FILE).toFile();
        this.msyncOnFlush = msyncOnFlush;
        this.cycleFormat = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        final SingleChronicleQueueBuilder builder = ChronicleQueue.singleBuilder(directory).rollCycle(rollCycle);
        if (time != null)
        {
            builder.timeProvider(time);
        }
        try
        {
            this.queue = builder.build();
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("journal " + directory + " cannot be opened: " + ex.getMessage(), ex);
        }
    }

    /**
     * Creates a journal in a new or empty directory; {@link JournalAppender#flush()} does not
     * force the page cache to disk.
     *
     * @param directory where the journal goes; created if missing.
     * @return the journal, open for appending and reading.
     * @throws IllegalArgumentException if the directory already holds a journal or other files.
     */
    public static ChronicleJournal create(final Path directory)
    {
        return create(directory, false, null);
    }

    /**
     * Creates a journal in a new or empty directory.
     *
     * @param directory    where the journal goes; created if missing.
     * @param msyncOnFlush true to msync the queue file on every {@link JournalAppender#flush()}
     *                     (entries survive a host crash, at the cost of a system call and a
     *                     disk write per flush); false to leave them in the page cache (they
     *                     survive the process, not the host).
     * @return the journal, open for appending and reading.
     */
    public static ChronicleJournal create(final Path directory, final boolean msyncOnFlush)
    {
        return create(directory, msyncOnFlush, null);
    }

    /** As {@link #create(Path, boolean)} with a clock for the roll cycle (tests roll files with it). */
    static ChronicleJournal create(final Path directory, final boolean msyncOnFlush, final TimeProvider time)
    {
        if (Files.exists(directory))
        {
            if (!Files.isDirectory(directory))
            {
                throw new IllegalArgumentException("cannot create a journal at " + directory + ": not a directory");
            }
            if (Files.exists(directory.resolve(MARKER_FILE)))
            {
                throw new IllegalArgumentException(
                    "cannot create a journal at " + directory + ": it already holds one (record into a new directory)");
            }
            if (!isEmpty(directory))
            {
                throw new IllegalArgumentException("cannot create a journal at " + directory + ": directory not empty");
            }
        }
        try
        {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(MARKER_FILE),
                FORMAT_LINE + "\n" + VERSION_KEY + " " + FORMAT_VERSION + "\n" +
                ROLL_CYCLE_KEY + " " + ROLL_CYCLE.name() + "\n", StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a journal at " + directory + ": " + ex.getMessage(), ex);
        }
        return new ChronicleJournal(directory, ROLL_CYCLE, msyncOnFlush, time);
    }

    /**
     * Opens an existing journal, to read it (possibly while another thread or process writes it).
     *
     * @param directory the journal directory.
     * @return the journal.
     * @throws IllegalArgumentException naming the directory if it does not exist or is not a
     *                                  Tandem journal of a version this code reads.
     */
    public static ChronicleJournal open(final Path directory)
    {
        if (!Files.exists(directory))
        {
            throw new IllegalArgumentException("no journal at " + directory + ": the directory does not exist");
        }
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException(directory + " is not a journal: not a directory");
        }
        final Path marker = directory.resolve(MARKER_FILE);
        if (!Files.isRegularFile(marker))
        {
            throw new IllegalArgumentException(
                directory + " is not a Tandem journal: it has no " + MARKER_FILE + " file");
        }
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(marker, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + marker + ": " + ex.getMessage(), ex);
        }
        if (lines.isEmpty() || !FORMAT_LINE.equals(lines.get(0)))
        {
            throw new IllegalArgumentException(directory + " is not a Tandem journal: " + marker +
                " does not begin with \"" + FORMAT_LINE + "\"");
        }
        final String version = value(lines, VERSION_KEY);
        if (!Integer.toString(FORMAT_VERSION).equals(version))
        {
            throw new IllegalArgumentException("journal " + directory + " has format version " + version +
                "; this version of Tandem reads version " + FORMAT_VERSION);
        }
        final String rollCycleName = value(lines, ROLL_CYCLE_KEY);
        return new ChronicleJournal(directory, rollCycle(directory, rollCycleName), false, null);
    }

    private static String value(final List<String> lines, final String key)
    {
        for (final String line : lines)
        {
            if (line.startsWith(key + " "))
            {
                return line.substring(key.length() + 1).trim();
            }
        }
        return null;
    }

    private static RollCycle rollCycle(final Path directory, final String name)
    {
        for (final RollCycle rollCycle : RollCycles.all())
        {
            if (rollCycle instanceof Enum && ((Enum<?>)rollCycle).name().equals(name))
            {
                return rollCycle;
            }
        }
        throw new IllegalArgumentException("journal " + directory + " has an unknown roll cycle: " + name);
    }

    private static boolean isEmpty(final Path directory)
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /** @return the journal directory. */
    public Path directory()
    {
        return directory;
    }

    /** @return the queue's roll cycle, which decodes indexes into files and excerpt numbers. */
    public RollCycle rollCycle()
    {
        return queue.rollCycle();
    }

    /**
     * An appender for the calling thread: Chronicle appenders are single-threaded, so each writing
     * thread takes its own (entries from several appenders interleave in append order).
     *
     * @return a new appender; close it when the thread is done.
     */
    public JournalAppender appender()
    {
        final ExcerptAppender appender = queue.createAppender();
        // Bound to the first thread that appends, not the one that created it.
        appender.singleThreadedCheckReset();
        return new JournalAppender(this, appender, msyncOnFlush);
    }

    /**
     * A reader from the first entry that tails the journal: {@code NOT_YET} when it has read all
     * that is written so far, {@code END} once the journal is finished and read to the end.
     *
     * @return a new reader for one thread.
     */
    public JournalReader reader()
    {
        return new JournalReader(this, false);
    }

    /**
     * A reader from the first entry that reports {@code END} where the entries written so far end,
     * whether or not the journal is finished: for inspecting a journal, or replaying one whose
     * writer died (the replay then ends without RUN_END and says so). The end is still checked:
     * against the entry count of a finished journal, and against Chronicle's count of complete
     * excerpts for an unfinished one.
     *
     * @return a new reader for one thread.
     */
    public JournalReader readerToCurrentEnd()
    {
        return new JournalReader(this, true);
    }

    /**
     * Marks the journal complete: nothing more may be appended, and readers report {@code END}
     * after the last entry. Call it once every appender is done.
     */
    public void finish()
    {
        finishedHere = true;
        final long entries = queue.entryCount();
        final long lastIndex = queue.lastIndex();
        final Path target = finishedFile.toPath();
        final Path temporary = directory.resolve(FINISHED_FILE + ".tmp");
        try
        {
            Files.writeString(temporary, ENTRIES_KEY + " " + entries + "\n" + LAST_INDEX_KEY + " 0x" +
                Long.toHexString(lastIndex) + "\n", StandardCharsets.US_ASCII);
            // A reader sees either no marker or a complete one.
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot finish journal " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /** @return true once the journal is marked finished (by this or another process). */
    public boolean isFinished()
    {
        return finishedFile.exists();
    }

    /** @return entries in the queue now, as Chronicle counts them. */
    public long entryCount()
    {
        return queue.entryCount();
    }

    /**
     * @return the entry count recorded by {@link #finish()}, or -1 when the journal is not finished.
     * @throws IllegalStateException if the finished file cannot be read or parsed.
     */
    public long finishedEntryCount()
    {
        if (!finishedFile.exists())
        {
            return -1;
        }
        final String entries;
        try
        {
            entries = value(Files.readAllLines(finishedFile.toPath(), StandardCharsets.US_ASCII), ENTRIES_KEY);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + finishedFile + ": " + ex.getMessage(), ex);
        }
        try
        {
            return Long.parseLong(String.valueOf(entries));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalStateException(
                "journal " + directory + " has a damaged " + FINISHED_FILE + " file: no entry count");
        }
    }

    /**
     * Names where an index points: the queue file and the excerpt's number within it.
     *
     * @param index a Chronicle index, as from {@link JournalReader#position()}.
     * @return for example {@code "20260612-14F.cq4 excerpt 17 (index 0x4e5d00000011)"}.
     */
    public String describe(final long index)
    {
        if (index < 0)
        {
            return "no excerpt";
        }
        final RollCycle rollCycle = queue.rollCycle();
        return fileName(rollCycle.toCycle(index)) + " excerpt " + rollCycle.toSequenceNumber(index) +
            " (index 0x" + Long.toHexString(index) + ")";
    }

    /**
     * @param index a Chronicle index, as from {@link JournalReader#position()}.
     * @return the queue file that holds the excerpt (for tools that inspect or repair files).
     */
    public Path file(final long index)
    {
        return directory.resolve(fileName(queue.rollCycle().toCycle(index)));
    }

    /** @return the name of the queue file of a cycle. */
    String fileName(final int cycle)
    {
        final long millis = (long)cycle * queue.rollCycle().lengthInMillis();
        return cycleFormat.format(Instant.ofEpochMilli(millis)) + SingleChronicleQueue.SUFFIX;
    }

    boolean finishedHere()
    {
        return finishedHere;
    }

    boolean finishedFileExists()
    {
        return finishedFile.exists();
    }

    ExcerptTailer createTailer()
    {
        final ExcerptTailer tailer = queue.createTailer();
        tailer.singleThreadedCheckReset();
        return tailer;
    }

    /** Closes the queue; appenders and readers of this journal must not be used after. */
    @Override
    public void close()
    {
        queue.close();
    }

    @Override
    public String toString()
    {
        return "journal " + directory;
    }
}
