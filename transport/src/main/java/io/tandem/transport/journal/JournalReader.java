package io.tandem.transport.journal;

import io.tandem.codec.LogEntry;
import io.tandem.codec.LogFormatException;
import io.tandem.engine.replica.LogReader;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Reads a {@link ChronicleJournal}'s entries in order from the first, one excerpt per poll,
 * copying each into the caller's buffer unvalidated (the replayer checks length, CRC32C and
 * sequence). No object is allocated per entry.
 * <p>
 * The end: when no excerpt follows, a tailing reader answers {@code NOT_YET} until the journal's
 * finished file exists, then {@code END}; a reader to the current end answers {@code END} at
 * once. Either way the end is checked before it is reported: a finished journal must have given
 * the number of entries it was finished with, and an unfinished one as many as Chronicle counts
 * complete; otherwise the queue lost entries (a truncated file, or an excerpt header that reads
 * as unwritten) and poll throws a {@link LogFormatException} naming the next sequence number and
 * byte offset, rather than end the log early. An entry torn by a writer that died is not complete
 * and so ends an unfinished journal; the replay then says that the log ended without RUN_END.
 * <p>
 * Byte offsets in errors count entry bytes from the start of the log, as the replayer does;
 * {@link #position()} and {@link #describePosition()} locate the excerpt in the queue files.
 * For one thread.
 */
public final class JournalReader implements LogReader, AutoCloseable
{
    private static final int LENGTH_OFFSET = 4;
    private static final int SEQUENCE_OFFSET = 16;
    private static final int ICOUNT_OFFSET = 24;
    private static final long UNKNOWN = -1;
    /** Excerpts one {@link #receivedIcount()} call looks ahead at most, so that a call stays short. */
    private static final int PEEK_LIMIT = 1024;

    private final ChronicleJournal journal;
    private final boolean endAtCurrentEnd;
    private ExcerptTailer tailer;
    private long entriesRead;
    private long bytesRead;
    private long lastLength;
    private long lastSequence;
    private long lastIndex = -1;
    private long lastFilePosition = -1;
    private long finishedEntries = UNKNOWN;
    private ExcerptTailer peekTailer;
    private long lastIcount = -1;
    private long peekedIcount = -1;
    private boolean peekBroken;

    JournalReader(final ChronicleJournal journal, final boolean endAtCurrentEnd)
    {
        this.journal = journal;
        this.endAtCurrentEnd = endAtCurrentEnd;
    }

    @Override
    public int poll(final MutableDirectBuffer buffer)
    {
        int length = read(buffer);
        if (length != NOT_YET)
        {
            return length;
        }
        if (finishedEntries == UNKNOWN)
        {
            if (!journal.finishedFileExists())
            {
                return endAtCurrentEnd ? endOfUnfinished(buffer) : NOT_YET;
            }
            finishedEntries = journal.finishedEntryCount();
            // Entries appended between the read above and finish() are all visible now.
            length = read(buffer);
            if (length != NOT_YET)
            {
                return length;
            }
        }
        if (entriesRead != finishedEntries)
        {
            throw damage((entriesRead < finishedEntries ?
                "the queue ends after " + entriesRead + " entries but " + journal + " was finished with " +
                finishedEntries + "; the queue files are truncated or damaged" :
                "the queue holds " + entriesRead + " entries but " + journal + " was finished with " +
                finishedEntries) + " (last read: " + describePosition() + ")", lastSequence + 1, null);
        }
        return END;
    }

    /**
     * For a tailing reader of a journal still being written: the highest instruction count among
     * the entries read and those already in the queue beyond them, found by a second tailer that
     * reads only their icount fields. A replay holds a check point until an entry beyond it is
     * here, since the recorder may have written only some of the entries it logged there. A
     * finished journal, or a reader to the current end, has nothing more to wait for.
     */
    @Override
    public long receivedIcount()
    {
        if (endAtCurrentEnd || finishedEntries != UNKNOWN || peekBroken)
        {
            return Long.MAX_VALUE;
        }
        if (peekedIcount <= lastIcount)
        {
            if (journal.finishedFileExists())
            {
                return Long.MAX_VALUE;
            }
            peek();
        }
        return peekBroken ? Long.MAX_VALUE : Math.max(lastIcount, peekedIcount);
    }

    private void peek()
    {
        try
        {
            if (peekTailer == null)
            {
                peekTailer = journal.createTailer();
            }
            for (int i = 0; i < PEEK_LIMIT; i++)
            {
                try (DocumentContext context = peekTailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        return;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    if (bytes.readRemaining() >= ICOUNT_OFFSET + 8)
                    {
                        peekedIcount = Math.max(peekedIcount, bytes.readLong(bytes.readPosition() + ICOUNT_OFFSET));
                    }
                }
            }
        }
        catch (final RuntimeException ex)
        {
            // Damage is reported by poll() when the replay reaches it; from here the reader
            // cannot tell what lies ahead, and says so.
            peekBroken = true;
        }
    }

    /**
     * The end of what an unfinished journal holds now, unless Chronicle's own count says that
     * more excerpts were completed than can be read: one that reads as unwritten in the middle
     * (a damaged header) or a file cut short. Chronicle updates its count only after an excerpt
     * is complete, so an entry still being written (or torn by a writer that died) is not
     * counted, and an entry completed after the count is taken is found by reading again.
     */
    private int endOfUnfinished(final MutableDirectBuffer buffer)
    {
        final long counted;
        try
        {
            counted = journal.entryCount();
        }
        catch (final RuntimeException ex)
        {
            throw damage("the queue cannot be counted after " + describePosition() + ": " + ex, lastSequence + 1, ex);
        }
        if (counted <= entriesRead)
        {
            return END;
        }
        final int length = read(buffer);
        if (length != NOT_YET)
        {
            return length;
        }
        throw damage("reading stops after " + entriesRead + " entries but the queue counts " + counted +
            "; the queue files of " + journal + " are truncated or damaged (last read: " + describePosition() + ")",
            lastSequence + 1, null);
    }

    private int read(final MutableDirectBuffer buffer)
    {
        final int length;
        final long sequence;
        try
        {
            if (tailer == null)
            {
                tailer = journal.createTailer();
            }
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    return NOT_YET;
                }
                final Bytes<?> bytes = context.wire().bytes();
                final long remaining = bytes.readRemaining();
                lastIndex = context.index();
                lastFilePosition = bytes.readPosition();
                if (remaining > LogEntry.MAX_LENGTH || remaining > buffer.capacity())
                {
                    throw damage("excerpt of " + remaining + " bytes at " + describePosition() +
                        " is longer than any log entry", -1, null);
                }
                length = (int)remaining;
                final byte[] array = buffer.byteArray();
                if (array != null)
                {
                    bytes.unsafeReadObject(array, (int)buffer.addressOffset(), length);
                }
                else
                {
                    bytes.unsafeRead(buffer.addressOffset(), length);
                }
            }
        }
        catch (final LogFormatException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw damage("the queue cannot be read after " + describePosition() + ": " + ex, lastSequence + 1, ex);
        }
        sequence = length >= SEQUENCE_OFFSET + 8 ? buffer.getLong(SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN) : -1;
        if (length >= LENGTH_OFFSET + 4)
        {
            final int entryLength = buffer.getInt(LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            // A longer entry is left to the reader's validation (a truncated entry); a longer
            // excerpt would otherwise hide the bytes after the entry.
            if (entryLength >= LogEntry.HEADER_LENGTH && entryLength < length)
            {
                throw damage("excerpt of " + length + " bytes at " + describePosition() + " holds an entry of " +
                    entryLength + " bytes", sequence, null);
            }
        }
        if (length >= ICOUNT_OFFSET + 8)
        {
            lastIcount = Math.max(lastIcount, buffer.getLong(ICOUNT_OFFSET, ByteOrder.LITTLE_ENDIAN));
        }
        entriesRead++;
        bytesRead += lastLength;
        lastLength = length;
        lastSequence = sequence;
        return length;
    }

    private LogFormatException damage(final String problem, final long sequence, final Throwable cause)
    {
        final long offset = bytesRead + lastLength;
        final LogFormatException ex = new LogFormatException(problem, sequence, offset);
        if (cause != null)
        {
            ex.initCause(cause);
        }
        return ex;
    }

    /** @return the Chronicle index of the last excerpt read, or -1 before the first. */
    @Override
    public long position()
    {
        return lastIndex;
    }

    /** @return where the last excerpt's bytes start in its queue file, or -1 before the first. */
    public long filePosition()
    {
        return lastFilePosition;
    }

    /** @return entries read. */
    public long entriesRead()
    {
        return entriesRead;
    }

    /** @return the byte offset in the log of the last entry read (its bytes from the first entry's start). */
    public long entryOffset()
    {
        return bytesRead;
    }

    /** @return the last excerpt read, by file, excerpt number, index and file offset (for messages). */
    public String describePosition()
    {
        if (lastIndex < 0)
        {
            return "the start of " + journal;
        }
        return journal.describe(lastIndex) + " at file offset " + lastFilePosition;
    }

    @Override
    public void close()
    {
        if (tailer != null)
        {
            tailer.close();
        }
        if (peekTailer != null)
        {
            peekTailer.close();
        }
    }
}
