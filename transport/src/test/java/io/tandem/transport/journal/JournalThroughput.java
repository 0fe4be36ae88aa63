package io.tandem.transport.journal;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.replica.LogReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Append and read throughput of the journal, and bytes allocated per entry, for 40-byte and
 * 1.5 KiB entries: {@code java ... JournalThroughput [DIR]} (default: the temporary directory).
 * A measurement, not a test: figures depend on the host and its page cache.
 */
public final class JournalThroughput
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private JournalThroughput()
    {
    }

    /** @param args optional parent directory for the scratch journals. */
    public static void main(final String[] args) throws IOException
    {
        final Path parent = args.length > 0 ? Paths.get(args[0]) : Paths.get(System.getProperty("java.io.tmpdir"));
        final Path root = Files.createTempDirectory(parent, "journal-throughput");
        try
        {
            // 40 bytes: a clock read (8-byte payload); 1536 bytes: a frame-sized entry.
            for (final int payload : new int[] {8, 1504})
            {
                final int entries = payload < 100 ? 3_000_000 : 400_000;
                run(root.resolve("warmup-" + payload), payload, entries, false);
                for (int round = 1; round <= 3; round++)
                {
                    run(root.resolve("run-" + payload + "-" + round), payload, entries, true);
                }
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(root))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(final Path dir, final int payload, final int entries, final boolean print)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
        final LogEntry entry = new LogEntry();
        final int length = entry.wrap(buffer, 0).type(EntryType.CLOCK_READ).sequence(1).icount(1).seal(payload);
        try (ChronicleJournal journal = ChronicleJournal.create(dir); JournalAppender appender = journal.appender())
        {
            // One append first: the first maps the file and is not what is measured.
            appender.append(buffer, 0, length);
            final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            final long start = System.nanoTime();
            for (int i = 1; i < entries; i++)
            {
                // Sequence and icount change per entry, as they would; the checksum is not redone.
                buffer.putLong(16, i + 1, java.nio.ByteOrder.LITTLE_ENDIAN);
                appender.append(buffer, 0, length);
            }
            final long appendNs = System.nanoTime() - start;
            final long appendAllocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            journal.finish();

            try (JournalReader reader = journal.reader())
            {
                reader.poll(buffer);
                final long readAllocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
                final long readStart = System.nanoTime();
                int read = 1;
                while (reader.poll(buffer) != LogReader.END)
                {
                    read++;
                }
                final long readNs = System.nanoTime() - readStart;
                final long readAllocated = THREADS.getCurrentThreadAllocatedBytes() - readAllocatedBefore;
                if (read != entries)
                {
                    throw new IllegalStateException("read " + read + " of " + entries);
                }
                if (print)
                {
                    final double seconds = appendNs / 1e9;
                    System.out.printf("%5d-byte entries: append %,.0f entries/s %.1f MB/s (%.2f us each, %.2f bytes " +
                        "allocated/entry); read %,.0f entries/s %.1f MB/s (%.2f bytes allocated/entry)%n",
                        length, (entries - 1) / seconds, (entries - 1) * (double)length / seconds / 1e6,
                        appendNs / 1e3 / (entries - 1), appendAllocated / (double)(entries - 1),
                        (entries - 1) / (readNs / 1e9), (entries - 1) * (double)length / (readNs / 1e9) / 1e6,
                        readAllocated / (double)(entries - 1));
                }
            }
        }
    }
}
