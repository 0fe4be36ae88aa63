package io.tandem.engine.replica;

/**
 * Port: what the primary's thread does on a request's way out, for a tracing tool to timestamp
 * ({@code HandOffTrace}): an entry sent to the backup, an output held by the output rule, an
 * acknowledgement taken, outputs released and a frame handed to the world. Called on the
 * primary's thread only; {@link #NONE}, the default, does nothing and costs a call the JIT removes.
 */
public interface PrimaryEvents
{
    /** Records nothing. */
    PrimaryEvents NONE = new PrimaryEvents()
    {
    };

    /**
     * An entry went to the backup's channel.
     *
     * @param type its {@link io.tandem.codec.EntryType}.
     */
    default void entrySent(final int type)
    {
    }

    /**
     * The guest produced an output that waits for an acknowledgement.
     *
     * @param tag the sequence it waits for.
     */
    default void outputHeld(final long tag)
    {
    }

    /**
     * An acknowledgement from the backup was taken.
     *
     * @param sequence the highest sequence it covers.
     */
    default void ackTaken(final long sequence)
    {
    }

    /**
     * Held outputs were let out.
     *
     * @param count how many.
     */
    default void outputsReleased(final int count)
    {
    }

    /** A frame went to the world (after the sink's send returned). */
    default void frameSent()
    {
    }
}
