package io.tandem.tools.bench;

import io.tandem.codec.LogEntry;
import io.tandem.engine.replica.LogReader;
import io.tandem.engine.replica.LogStatistics;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Entries and bytes of a journal by entry type, as {@code tandem inspect} sums them. */
final class JournalTally
{
    private JournalTally()
    {
    }

    /** @return the journal's entries counted by type (up to its current end). */
    static LogStatistics of(final Path journalDirectory)
    {
        final LogStatistics statistics = new LogStatistics();
        try (ChronicleJournal journal = ChronicleJournal.open(journalDirectory);
            JournalReader reader = journal.readerToCurrentEnd())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
            final LogEntry entry = new LogEntry();
            while (true)
            {
                final int length = reader.poll(buffer);
                if (length == LogReader.END || length == LogReader.NOT_YET)
                {
                    return statistics;
                }
                if (entry.wrapForRead(buffer, 0).validate(length, 0) < 0)
                {
                    throw new IllegalStateException(journalDirectory + ": a damaged entry at sequence " + entry.sequence());
                }
                statistics.count(entry.type(), length);
            }
        }
    }
}
