package io.tandem.tools;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.codec.RunStart;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** The machine a journal was recorded on, from its RUN_START entry: RAM and check interval. */
final class JournalStart
{
    final int ramBytes;
    final int checkInterval;

    private JournalStart(final int ramBytes, final int checkInterval)
    {
        this.ramBytes = ramBytes;
        this.checkInterval = checkInterval;
    }

    /**
     * @throws IllegalArgumentException naming the journal when it does not begin with RUN_START.
     */
    static JournalStart read(final ChronicleJournal journal, final Path directory)
    {
        final UnsafeBuffer first = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
        try (JournalReader peek = journal.reader())
        {
            final int length = peek.poll(first);
            final LogEntry start = new LogEntry().wrapForRead(first, 0);
            if (length < 0 || start.validate(length, 0) < 0 || start.type() != EntryType.RUN_START)
            {
                throw new IllegalArgumentException(directory + ": the journal does not begin with RUN_START");
            }
            return new JournalStart(start.payloadInt(RunStart.RAM_BYTES_OFFSET),
                start.payloadInt(RunStart.CHECK_INTERVAL_OFFSET));
        }
    }
}
