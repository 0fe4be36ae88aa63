package io.tandem.node;

import io.tandem.engine.dev.ConsoleSink;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pair's console, as one stream. Both guests print the same bytes (the backup replays the
 * primary), so the backup's console, released when it goes live, starts with what the primary
 * already showed: those bytes are dropped by count, as clients drop duplicate replies by sequence
 * number, and only what comes after is shown. The text is also kept (its first 64 KiB) so that
 * a caller can wait for a line.
 */
public final class PairConsole
{
    private static final int KEPT_CHARS = 64 * 1024;

    private final PrintStream out;
    private final AtomicLong primaryBytes = new AtomicLong();
    private final StringBuilder text = new StringBuilder();
    private final Side primary = new Side(true);
    private final Side backup = new Side(false);

    /** @param out where console lines go, or null to only keep them. */
    public PairConsole(final PrintStream out)
    {
        this.out = out;
    }

    /** @return the sink behind the primary's output gate. */
    public ConsoleSink primarySide()
    {
        return primary;
    }

    /** @return the sink behind the backup's output gate. */
    public ConsoleSink backupSide()
    {
        return backup;
    }

    /** @return the console text so far (its first 64 KiB). */
    public String text()
    {
        synchronized (text)
        {
            return text.toString();
        }
    }

    /**
     * @param wanted  text to wait for.
     * @param timeout how long at most.
     * @return true once the console shows it, false at the deadline.
     */
    public boolean await(final String wanted, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        synchronized (text)
        {
            while (text.indexOf(wanted) < 0)
            {
                final long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0)
                {
                    return false;
                }
                try
                {
                    text.wait(Math.max(1, remainingNs / 1_000_000));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void emit(final byte[] line, final int length)
    {
        final String s = new String(line, 0, length, StandardCharsets.UTF_8);
        if (out != null)
        {
            out.print(s);
            out.flush();
        }
        synchronized (text)
        {
            if (text.length() < KEPT_CHARS)
            {
                text.append(s, 0, Math.min(s.length(), KEPT_CHARS - text.length()));
            }
            text.notifyAll();
        }
    }

    /** One replica's side: bytes are gathered into lines, so the shared part is touched per line. */
    private final class Side implements ConsoleSink
    {
        private final boolean isPrimary;
        private final byte[] line = new byte[1024];
        private int length;
        private long count;

        Side(final boolean isPrimary)
        {
            this.isPrimary = isPrimary;
        }

        @Override
        public void write(final byte b)
        {
            count++;
            if (isPrimary)
            {
                primaryBytes.lazySet(count);
            }
            else if (count <= primaryBytes.get())
            {
                return; // the primary showed this byte before it failed
            }
            line[length++] = b;
            if (b == '\n' || length == line.length)
            {
                flush();
            }
        }

        @Override
        public void flush()
        {
            if (length > 0)
            {
                emit(line, length);
                length = 0;
            }
        }
    }
}
