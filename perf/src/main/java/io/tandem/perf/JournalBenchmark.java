package io.tandem.perf;

import io.tandem.codec.LogEntry;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalAppender;
import io.tandem.transport.journal.JournalReader;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Chronicle Queue journal: {@code append} writes one sealed entry per operation through a
 * {@link JournalAppender} (what the backup does before it acknowledges); {@code read} takes
 * entries back through a tailing {@link JournalReader} (what a replay or a catching-up reader
 * does). Scores are entries per second. Journals live in a temporary directory (on disk, through
 * the page cache) and are deleted afterwards.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true" })
public class JournalBenchmark
{
    /** Entries read per invocation of {@code read}, all written once in the set-up. */
    public static final int READ_ENTRIES = 65_536;

    /**
     * A new journal per iteration: a journal only ever appends into fresh pages, so a new one is
     * the steady state, and disk use stays at one iteration's worth (about 1.5 GB at most for
     * 1500-byte frames).
     */
    @State(Scope.Thread)
    public static class AppendState
    {
        /** The entry's shape; see {@link SampleEntry}. */
        @Param({ SampleEntry.CLOCK, SampleEntry.FRAME_128, SampleEntry.FRAME_1500 })
        public String entry;

        EntryRing ring;
        long appended;
        private Path directory;
        private ChronicleJournal journal;
        JournalAppender appender;

        /** Builds the entries once. */
        @Setup(Level.Trial)
        public void buildEntries()
        {
            ring = new EntryRing(entry);
        }

        /** Creates an empty journal. */
        @Setup(Level.Iteration)
        public void createJournal()
        {
            directory = newTemporaryDirectory();
            journal = ChronicleJournal.create(directory);
            appender = journal.appender();
        }

        /** Closes the journal and deletes its directory. */
        @TearDown(Level.Iteration)
        public void deleteJournal()
        {
            appender.close();
            journal.close();
            IoUtil.delete(directory.toFile(), false);
        }
    }

    /**
     * One journal of {@link #READ_ENTRIES} entries per trial, read from the start by a new
     * tailing reader in every invocation; the pages are in the page cache, as for a reader that
     * follows a writer.
     */
    @State(Scope.Thread)
    public static class ReadState
    {
        /** The entry's shape; see {@link SampleEntry}. */
        @Param({ SampleEntry.CLOCK, SampleEntry.FRAME_128, SampleEntry.FRAME_1500 })
        public String entry;

        int expectedLength;
        final UnsafeBuffer received = EntryRing.receiveBuffer();
        final LogEntry header = new LogEntry();
        private Path directory;
        private ChronicleJournal journal;
        JournalReader reader;

        /** Writes the journal. */
        @Setup(Level.Trial)
        public void writeJournal()
        {
            final EntryRing ring = new EntryRing(entry);
            expectedLength = ring.length();
            directory = newTemporaryDirectory();
            journal = ChronicleJournal.create(directory);
            try (JournalAppender appender = journal.appender())
            {
                for (long n = 0; n < READ_ENTRIES; n++)
                {
                    appender.append(ring.buffer(), ring.offset(n), ring.length());
                }
            }
        }

        /** A reader from the first entry: its creation is outside the measurement. */
        @Setup(Level.Invocation)
        public void openReader()
        {
            closeReader();
            reader = journal.reader();
        }

        /** Closes the journal and deletes its directory. */
        @TearDown(Level.Trial)
        public void deleteJournal()
        {
            closeReader();
            journal.close();
            IoUtil.delete(directory.toFile(), false);
        }

        private void closeReader()
        {
            if (reader != null)
            {
                reader.close();
                reader = null;
            }
        }
    }

    /**
     * @param state the journal, its appender and the entries to append in turn.
     * @return the count of entries appended, so the call cannot be dropped.
     */
    @Benchmark
    public long append(final AppendState state)
    {
        final long n = state.appended++;
        final EntryRing ring = state.ring;
        state.appender.append(ring.buffer(), ring.offset(n), ring.length());
        return n;
    }

    /**
     * Reads every entry of the journal, checking each one's length and sequence (cheap reads of
     * the copied header; the CRC32C is the codec's cost, measured by {@code CodecBenchmark}).
     *
     * @param state the journal and a fresh reader.
     * @return the last sequence read.
     */
    @Benchmark
    @OperationsPerInvocation(READ_ENTRIES)
    public long read(final ReadState state)
    {
        final JournalReader reader = state.reader;
        final UnsafeBuffer received = state.received;
        long sequence = 0;
        for (long n = 0; n < READ_ENTRIES; n++)
        {
            final int length = reader.poll(received);
            sequence = state.header.wrapForRead(received, 0).sequence();
            if (length != state.expectedLength || sequence != EntryRing.sequence(n))
            {
                throw new IllegalStateException("entry " + n + ": read " + length + " bytes with sequence " +
                    sequence + ", expected " + state.expectedLength + " bytes with sequence " + EntryRing.sequence(n));
            }
        }
        return sequence;
    }

    static Path newTemporaryDirectory()
    {
        try
        {
            return Files.createTempDirectory("tandem-jmh-journal-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a temporary directory for the journal: " + ex.getMessage(), ex);
        }
    }
}
