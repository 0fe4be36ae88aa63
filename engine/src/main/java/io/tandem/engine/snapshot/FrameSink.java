package io.tandem.engine.snapshot;

import org.agrona.DirectBuffer;

/** Port: where a state transfer's frames go (an Aeron stream, an in-memory queue). */
@FunctionalInterface
public interface FrameSink
{
    /**
     * @return true when the frame was taken; false under back-pressure, to be offered again (as
     * Aeron's {@code Publication.offer} does).
     */
    boolean offer(DirectBuffer buffer, int offset, int length);
}
