package io.tandem.transport.journal;

import io.tandem.engine.replica.LogWriter;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * Appends sealed log entries to a {@link ChronicleJournal}, one excerpt per entry, copying the
 * bytes straight from the caller's buffer (on or off heap) into the mapped queue file: no
 * object is allocated per entry. For one thread; take one per writing thread.
 */
public final class JournalAppender implements LogWriter, AutoCloseable
{
    private final ChronicleJournal journal;
    private final ExcerptAppender appender;
    private final boolean msyncOnFlush;

    JournalAppender(final ChronicleJournal journal, final ExcerptAppender appender, final boolean msyncOnFlush)
    {
        this.journal = journal;
        this.appender = appender;
        this.msyncOnFlush = msyncOnFlush;
    }

    /**
     * Appends one entry as one excerpt; it is visible to readers when this returns.
     *
     * @throws IllegalStateException if the journal is finished.
     */
    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (journal.finishedHere())
        {
            throw new IllegalStateException(journal + " is finished: no entry may follow");
        }
        buffer.boundsCheck(offset, length);
        final DocumentContext context = appender.writingDocument();
        try
        {
            final Bytes<?> bytes = context.wire().bytes();
            final byte[] array = buffer.byteArray();
            if (array != null)
            {
                // For a heap buffer addressOffset() is the array's base offset plus the wrap offset.
                bytes.unsafeWriteObject(array, (int)(buffer.addressOffset() + offset), length);
            }
            else
            {
                bytes.unsafeWrite(buffer.addressOffset() + offset, length);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            // Never commit a part of an entry.
            context.rollbackOnClose();
            throw ex;
        }
        finally
        {
            context.close();
        }
    }

    /**
     * Entries are visible to readers as soon as they are appended, and in the page cache they
     * survive this process; with msync-on-flush this also forces them to disk.
     */
    @Override
    public void flush()
    {
        if (msyncOnFlush)
        {
            appender.sync();
        }
    }

    /** @return the Chronicle index of the last entry this appender wrote (see {@link ChronicleJournal#describe}). */
    public long lastIndex()
    {
        return appender.lastIndexAppended();
    }

    /**
     * Lets another thread take over this appender once the thread that used it so far is done
     * with it (a start-up thread that logged the first entry hands over to the replica's thread;
     * starting that thread orders the two).
     */
    public void handOver()
    {
        appender.singleThreadedCheckReset();
    }

    @Override
    public void close()
    {
        appender.close();
    }
}
