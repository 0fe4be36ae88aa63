package io.tandem.engine.dev;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Console input from a host stream. A daemon thread blocks on the stream and queues bytes; the
 * machine takes them with {@link #poll()} between instructions, so the reading thread never
 * touches guest-visible state.
 */
public final class StreamConsoleSource implements ConsoleSource
{
    private static final int CAPACITY = 64 * 1024;
    private final ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(CAPACITY);

    /** @param in the host stream, e.g. standard input; read until end of stream. */
    public StreamConsoleSource(final InputStream in)
    {
        final Thread reader = new Thread(() -> pump(in), "tandem-console-input");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(final InputStream in)
    {
        try
        {
            int b;
            while ((b = in.read()) >= 0)
            {
                queue.put(b);
            }
        }
        catch (final IOException | InterruptedException ignore)
        {
            // End of input for the guest: a closed or failing host stream reads as silence.
        }
    }

    @Override
    public int poll()
    {
        final Integer b = queue.poll();
        return b == null ? -1 : b;
    }
}
