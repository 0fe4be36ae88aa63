package io.tandem.engine.dev;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Console output into a host stream, buffered and pushed out whenever the machine pauses. */
public final class StreamConsoleSink implements ConsoleSink
{
    private final BufferedOutputStream out;

    /** @param out the host stream, e.g. standard output. */
    public StreamConsoleSink(final OutputStream out)
    {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void write(final byte b)
    {
        try
        {
            out.write(b);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("console output failed", ex);
        }
    }

    @Override
    public void flush()
    {
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("console output failed", ex);
        }
    }
}
