package io.tandem.node;

import java.util.function.LongSupplier;

/**
 * What a replica's output gate tags each output with, which changes with the node that owns the
 * machine: the log sequence the output waits for while the machine records (the recorder's
 * tag), the replayed log's last sequence while it replays. The gate and its machine stay when a
 * replica changes roles; the source of the tags is switched, on the thread that will run the
 * machine, before that thread starts.
 */
final class OutputTag implements LongSupplier
{
    private LongSupplier source;

    OutputTag(final LongSupplier source)
    {
        this.source = source;
    }

    /** @param source the tags from now on. */
    void source(final LongSupplier source)
    {
        this.source = source;
    }

    @Override
    public long getAsLong()
    {
        return source.getAsLong();
    }
}
