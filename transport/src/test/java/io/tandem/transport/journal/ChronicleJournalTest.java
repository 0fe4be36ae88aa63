package io.tandem.transport.journal;

import io.tandem.codec.LogEntry;
import io.tandem.codec.LogFormatException;
import io.tandem.engine.replica.LogReader;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleJournalTest
{
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path tmp;

    private final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
    private final LogEntry entry = new LogEntry();

    @Test
    void aHundredThousandEntriesRoundTripInSequenceAndIcountOrder()
    {
        final int count = 100_000;
        final Path dir = tmp.resolve("journal");
        final ExpandableArrayBuffer heap = new ExpandableArrayBuffer(LogEntry.MAX_LENGTH);
        try (ChronicleJournal journal = ChronicleJournal.create(dir, false, Entries.fixedClock());
            JournalAppender appender = journal.appender())
        {
            for (long sequence = 1; sequence <= count; sequence++)
            {
                // Alternate off-heap and heap sources: the appender copies from either.
                final MutableDirectBuffer buffer = (sequence & 1) == 0 ? direct : heap;
                final int length = Entries.write(entry, buffer, sequence, sequence * 7);
                appender.append(buffer, 0, length);
            }
            assertEquals(count, journal.entryCount());
            journal.finish();
        }

        try (ChronicleJournal journal = ChronicleJournal.open(dir); JournalReader reader = journal.reader())
        {
            assertTrue(journal.isFinished());
            assertEquals(count, journal.finishedEntryCount());
            final ExpandableArrayBuffer heapTarget = new ExpandableArrayBuffer(LogEntry.MAX_LENGTH);
            long offset = 0;
            for (long sequence = 1; sequence <= count; sequence++)
            {
                final MutableDirectBuffer buffer = (sequence & 1) == 0 ? heapTarget : direct;
                final int length = reader.poll(buffer);
                assertTrue(length > 0, "entry " + sequence + ": " + length);
                entry.wrapForRead(buffer, 0).validate(length, offset);
                assertNull(Entries.mismatch(entry, sequence));
                assertEquals(sequence * 7, entry.icount());
                assertEquals(offset, reader.entryOffset());
                offset += length;
            }
            assertEquals(LogReader.END, reader.poll(direct));
            assertEquals(LogReader.END, reader.poll(direct));
            assertEquals(count, reader.entriesRead());
        }
    }

    @Test
    void aReaderOnAnotherThreadTailsTheWriterAndSeesNotYetInBetween() throws Exception
    {
        final Path dir = tmp.resolve("tailed");
        final int bursts = 20;
        final int perBurst = 500;
        final AtomicLong readCount = new AtomicLong();
        final AtomicLong notYetWhileCaughtUp = new AtomicLong();
        final AtomicReference<String> readerFailure = new AtomicReference<>();
        try (ChronicleJournal writing = ChronicleJournal.create(dir);
            JournalAppender appender = writing.appender();
            ChronicleJournal reading = ChronicleJournal.open(dir);
            JournalReader reader = reading.reader())
        {
            final AtomicLong written = new AtomicLong();
            final Thread readerThread = new Thread(() ->
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
                final LogEntry read = new LogEntry();
                long offset = 0;
                final long deadline = System.nanoTime() + WAIT_NS;
                while (System.nanoTime() < deadline)
                {
                    final int length = reader.poll(buffer);
                    if (length == LogReader.END)
                    {
                        return;
                    }
                    if (length == LogReader.NOT_YET)
                    {
                        if (readCount.get() == written.get())
                        {
                            notYetWhileCaughtUp.incrementAndGet();
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    final long sequence = readCount.get() + 1;
                    read.wrapForRead(buffer, 0).validate(length, offset);
                    final String mismatch = Entries.mismatch(read, sequence);
                    if (mismatch != null)
                    {
                        readerFailure.set(mismatch);
                        return;
                    }
                    offset += length;
                    readCount.incrementAndGet();
                }
                readerFailure.set("timed out after " + readCount.get() + " entries");
            }, "journal-reader");
            readerThread.start();

            long sequence = 0;
            for (int burst = 0; burst < bursts; burst++)
            {
                for (int i = 0; i < perBurst; i++)
                {
                    sequence++;
                    appender.append(direct, 0, Entries.write(entry, direct, sequence, sequence));
                    written.set(sequence);
                }
                // Wait until the reader has everything and has been told there is nothing more yet.
                final long seen = notYetWhileCaughtUp.get();
                final long deadline = System.nanoTime() + WAIT_NS;
                while ((readCount.get() < sequence || notYetWhileCaughtUp.get() == seen) && readerFailure.get() == null &&
                    System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
                assertNull(readerFailure.get());
                assertEquals(sequence, readCount.get());
            }
            writing.finish();
            readerThread.join(TimeUnit.NANOSECONDS.toMillis(WAIT_NS));
            assertFalse(readerThread.isAlive(), "the reader sees END once the journal is finished");
            assertNull(readerFailure.get());
            assertEquals((long)bursts * perBurst, readCount.get());
            assertTrue(notYetWhileCaughtUp.get() >= bursts, "NOT_YET seen " + notYetWhileCaughtUp.get() + " times");
        }
    }

    @Test
    void entriesAppendedJustBeforeFinishAreReadBeforeTheEnd()
    {
        final Path dir = tmp.resolve("race");
        try (ChronicleJournal journal = ChronicleJournal.create(dir); JournalAppender appender = journal.appender();
            JournalReader reader = journal.reader())
        {
            appender.append(direct, 0, Entries.write(entry, direct, 1, 1));
            final UnsafeBuffer target = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
            assertTrue(reader.poll(target) > 0);
            assertEquals(LogReader.NOT_YET, reader.poll(target));
            appender.append(direct, 0, Entries.write(entry, direct, 2, 2));
            journal.finish();
            assertTrue(reader.poll(target) > 0);
            assertEquals(2, entry.wrapForRead(target, 0).sequence());
            assertEquals(LogReader.END, reader.poll(target));
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> appender.append(direct, 0, Entries.write(entry, direct, 3, 3)));
            assertTrue(ex.getMessage().contains("is finished"), ex.getMessage());
        }
    }

    @Test
    void aTailingReaderKnowsTheIcountOfEntriesWrittenAheadOfWhatItRead()
    {
        // A replay waits at a check point until an entry beyond it is in the journal: the
        // recorder may have written only some of the entries it logged there.
        final Path dir = tmp.resolve("ahead");
        try (ChronicleJournal journal = ChronicleJournal.create(dir); JournalAppender appender = journal.appender();
            JournalReader reader = journal.reader(); JournalReader toEnd = journal.readerToCurrentEnd())
        {
            final UnsafeBuffer target = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
            appender.append(direct, 0, Entries.write(entry, direct, 1, 500));
            assertTrue(reader.poll(target) > 0);
            assertEquals(500, reader.receivedIcount(), "only what was read");
            appender.append(direct, 0, Entries.write(entry, direct, 2, 500));
            appender.append(direct, 0, Entries.write(entry, direct, 3, 900));
            assertEquals(900, reader.receivedIcount(), "entries in the journal, not yet read");
            assertTrue(reader.poll(target) > 0);
            assertTrue(reader.poll(target) > 0);
            assertEquals(900, reader.receivedIcount());
            assertEquals(Long.MAX_VALUE, toEnd.receivedIcount(), "a reader to the current end waits for nothing");
            journal.finish();
            assertEquals(Long.MAX_VALUE, reader.receivedIcount(), "a finished journal has nothing more to come");
        }
    }

    @Test
    void entriesRollIntoANewFileEachHourAndReadBackInOrder() throws IOException
    {
        final Path dir = tmp.resolve("rolled");
        final SetTimeProvider clock = Entries.fixedClock();
        final long[] indexes = new long[3];
        try (ChronicleJournal journal = ChronicleJournal.create(dir, false, clock);
            JournalAppender appender = journal.appender())
        {
            long sequence = 0;
            for (int hour = 0; hour < 3; hour++)
            {
                for (int i = 0; i < 1000; i++)
                {
                    sequence++;
                    appender.append(direct, 0, Entries.write(entry, direct, sequence, sequence));
                }
                indexes[hour] = appender.lastIndex();
                clock.advanceMillis(TimeUnit.HOURS.toMillis(1));
            }
            // Before it is finished, a reader to the current end finds all three files' entries.
            try (JournalReader reader = journal.readerToCurrentEnd())
            {
                int read = 0;
                while (reader.poll(direct) > 0)
                {
                    read++;
                }
                assertEquals(3000, read);
                assertEquals(LogReader.END, reader.poll(direct));
            }
            journal.finish();
        }
        final List<String> files;
        try (Stream<Path> list = Files.list(dir))
        {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted()
                .collect(Collectors.toList());
        }
        assertEquals(List.of("20260304-10LS.cq4", "20260304-11LS.cq4", "20260304-12LS.cq4"), files);

        try (ChronicleJournal journal = ChronicleJournal.open(dir); JournalReader reader = journal.reader())
        {
            for (int hour = 0; hour < 3; hour++)
            {
                assertTrue(journal.describe(indexes[hour]).startsWith(files.get(hour) + " excerpt 999 "),
                    journal.describe(indexes[hour]));
            }
            for (long sequence = 1; sequence <= 3000; sequence++)
            {
                final int length = reader.poll(direct);
                assertTrue(length > 0);
                assertNull(Entries.mismatch(entry.wrapForRead(direct, 0), sequence));
            }
            assertEquals(indexes[2], reader.position());
            assertEquals(LogReader.END, reader.poll(direct));
        }
    }

    @Test
    void appendingAndReadingAllocateNothingPerEntry()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final int warmup = 200_000;
        final int measured = 200_000;
        final ExpandableArrayBuffer heap = new ExpandableArrayBuffer(LogEntry.MAX_LENGTH);
        final int directLength = Entries.write(entry, direct, 1, 1);
        final int heapLength = Entries.write(new LogEntry(), heap, 2, 2);
        try (ChronicleJournal journal = ChronicleJournal.create(tmp.resolve("garbage"), false, Entries.fixedClock());
            JournalAppender appender = journal.appender();
            JournalReader reader = journal.reader())
        {
            for (int i = 0; i < warmup; i++)
            {
                appender.append(direct, 0, directLength);
                appender.append(heap, 0, heapLength);
                reader.poll(direct);
                reader.poll(heap);
            }
            final long beforeAppend = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < measured; i++)
            {
                appender.append(direct, 0, directLength);
                appender.append(heap, 0, heapLength);
            }
            final long appendBytes = threads.getCurrentThreadAllocatedBytes() - beforeAppend;
            final long beforeRead = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < measured; i++)
            {
                reader.poll(direct);
                reader.poll(heap);
            }
            final long readBytes = threads.getCurrentThreadAllocatedBytes() - beforeRead;
            // One object per entry would be 16 bytes or more; mapping the next chunk of the
            // file now and then costs a few objects, spread over many entries.
            assertTrue(appendBytes / (2.0 * measured) < 2, "append allocated " + appendBytes + " bytes");
            assertTrue(readBytes / (2.0 * measured) < 2, "read allocated " + readBytes + " bytes");
        }
    }

    @Test
    void aMissingDirectoryIsRefusedByName()
    {
        final Path missing = tmp.resolve("no-such-journal");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ChronicleJournal.open(missing));
        assertEquals("no journal at " + missing + ": the directory does not exist", ex.getMessage());
        assertFalse(Files.exists(missing), "opening for reading creates nothing");
    }

    @Test
    void anEmptyDirectoryOrAFileIsNotAJournal() throws IOException
    {
        final Path empty = Files.createDirectory(tmp.resolve("empty"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ChronicleJournal.open(empty));
        assertEquals(empty + " is not a Tandem journal: it has no tandem-journal file", ex.getMessage());
        try (Stream<Path> list = Files.list(empty))
        {
            assertEquals(0, list.count(), "nothing written into a directory that is not a journal");
        }

        final Path file = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        final IllegalArgumentException notDir = assertThrows(IllegalArgumentException.class,
            () -> ChronicleJournal.open(file));
        assertTrue(notDir.getMessage().contains(file.toString()), notDir.getMessage());

        final Path other = Files.createDirectory(tmp.resolve("other"));
        Files.writeString(other.resolve(ChronicleJournal.MARKER_FILE), "something else\n");
        final IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
            () -> ChronicleJournal.open(other));
        assertTrue(wrong.getMessage().startsWith(other + " is not a Tandem journal"), wrong.getMessage());
    }

    @Test
    void aNewerFormatVersionIsRefused() throws IOException
    {
        final Path dir = Files.createDirectory(tmp.resolve("future"));
        Files.writeString(dir.resolve(ChronicleJournal.MARKER_FILE), "format tandem-journal\nversion 2\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ChronicleJournal.open(dir));
        assertEquals("journal " + dir + " has format version 2; this version of Tandem reads version 1", ex.getMessage());
    }

    @Test
    void aJournalWithNoEntriesYetIsNotYetThenEndsWhenFinished()
    {
        final Path dir = tmp.resolve("idle");
        try (ChronicleJournal journal = ChronicleJournal.create(dir))
        {
            try (ChronicleJournal reading = ChronicleJournal.open(dir); JournalReader reader = reading.reader();
                JournalReader toEnd = reading.readerToCurrentEnd())
            {
                assertEquals(LogReader.NOT_YET, reader.poll(direct));
                assertEquals(LogReader.NOT_YET, reader.poll(direct));
                assertEquals(LogReader.END, toEnd.poll(direct));
                assertEquals(-1, reader.position());
                journal.finish();
                assertEquals(LogReader.END, reader.poll(direct));
            }
        }
    }

    @Test
    void creatingOverAnExistingJournalOrOtherFilesIsRefused() throws IOException
    {
        final Path dir = tmp.resolve("once");
        ChronicleJournal.create(dir).close();
        final IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
            () -> ChronicleJournal.create(dir));
        assertTrue(again.getMessage().contains("already holds one"), again.getMessage());

        final Path busy = Files.createDirectory(tmp.resolve("busy"));
        Files.writeString(busy.resolve("x"), "x");
        final IllegalArgumentException notEmpty = assertThrows(IllegalArgumentException.class,
            () -> ChronicleJournal.create(busy));
        assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
    }

    @Test
    void aFinishedJournalThatLostItsLastEntriesIsReportedNotEnded() throws IOException
    {
        final Path dir = tmp.resolve("cut");
        final long cutAt;
        final Path file;
        try (ChronicleJournal journal = ChronicleJournal.create(dir, false, Entries.fixedClock());
            JournalAppender appender = journal.appender())
        {
            for (long sequence = 1; sequence <= 50; sequence++)
            {
                appender.append(direct, 0, Entries.write(entry, direct, sequence, sequence));
            }
            journal.finish();
            try (JournalReader reader = journal.reader())
            {
                for (int i = 0; i < 40; i++)
                {
                    reader.poll(direct);
                }
                // The 40th entry's excerpt header is 4 bytes before its bytes: cut there.
                cutAt = reader.filePosition() - 4;
                file = journal.file(reader.position());
            }
        }
        Entries.truncate(file, cutAt);
        long offset = 0;
        for (long sequence = 1; sequence < 40; sequence++)
        {
            offset += LogEntry.lengthFor(Entries.payloadLength(sequence));
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir); JournalReader reader = journal.reader())
        {
            for (int i = 0; i < 39; i++)
            {
                assertTrue(reader.poll(direct) > 0);
            }
            final LogFormatException ex = assertThrows(LogFormatException.class, () -> reader.poll(direct));
            assertEquals(40, ex.sequence());
            assertEquals(offset, ex.byteOffset());
            assertTrue(ex.getMessage().startsWith("the queue ends after 39 entries but journal " + dir +
                " was finished with 50; the queue files are truncated or damaged (last read: 20260304-10LS.cq4 excerpt 38 "),
                ex.getMessage());
            assertTrue(ex.getMessage().endsWith("(entry sequence 40 at byte offset " + offset + ")"), ex.getMessage());
        }
    }

    @Test
    void anExcerptLongerThanItsEntryIsReported() throws IOException
    {
        final Path dir = tmp.resolve("long");
        final Path file;
        final long position;
        try (ChronicleJournal journal = ChronicleJournal.create(dir, false, Entries.fixedClock());
            JournalAppender appender = journal.appender())
        {
            for (long sequence = 1; sequence <= 3; sequence++)
            {
                appender.append(direct, 0, Entries.write(entry, direct, sequence, sequence));
            }
            try (JournalReader reader = journal.reader())
            {
                reader.poll(direct);
                reader.poll(direct);
                file = journal.file(reader.position());
                position = reader.filePosition();
            }
        }
        // Entry 2's own length field says 8 bytes less than its excerpt.
        Entries.writeIntLe(file, position + 4, Entries.readIntLe(file, position + 4) - 8);
        try (ChronicleJournal journal = ChronicleJournal.open(dir); JournalReader reader = journal.readerToCurrentEnd())
        {
            assertTrue(reader.poll(direct) > 0);
            final LogFormatException ex = assertThrows(LogFormatException.class, () -> reader.poll(direct));
            assertEquals(2, ex.sequence());
            assertTrue(ex.getMessage().contains("holds an entry of"), ex.getMessage());
        }
    }
}
