package io.tandem.engine.dev;

/** Port: where the UART's transmitted bytes go. Outputs are what the output rule will hold. */
public interface ConsoleSink
{
    /** A sink that drops everything. */
    ConsoleSink DISCARD = b -> { };

    /** @param b the byte the guest transmitted. */
    void write(byte b);

    /** Pushes buffered bytes out, called when the machine pauses; the default does nothing. */
    default void flush()
    {
    }
}
