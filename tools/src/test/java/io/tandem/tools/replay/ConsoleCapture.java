package io.tandem.tools.replay;

import io.tandem.engine.dev.ConsoleSink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A machine's console output, kept byte for byte, that a test thread can wait on. */
final class ConsoleCapture implements ConsoleSink
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean ended;

    @Override
    public synchronized void write(final byte b)
    {
        bytes.write(b);
        if (b == '\n')
        {
            notifyAll();
        }
    }

    /** The machine has stopped: nothing more will come, and waiting for more is pointless. */
    synchronized void end()
    {
        ended = true;
        notifyAll();
    }

    /** @return everything written so far. */
    synchronized String text()
    {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * @param text    what to wait for.
     * @param timeout how long at most.
     * @throws AssertionError when the text has not appeared in time, or the machine stopped first.
     */
    synchronized void await(final String text, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!text().contains(text))
        {
            final long remainingNs = deadlineNs - System.nanoTime();
            if (ended || remainingNs <= 0)
            {
                throw new AssertionError("console never showed '" + text + "' (" +
                    (ended ? "the machine stopped" : "timed out") + "); console: " + text());
            }
            wait(Math.max(1, remainingNs / 1_000_000));
        }
    }
}
