package io.tandem.engine.wake;

import java.nio.channels.SelectableChannel;
import java.util.function.BooleanSupplier;

/**
 * An idle strategy that can wait on channels as well as for signals: where it would park it waits
 * in a {@link java.nio.channels.Selector} until a watched channel is readable, a signal comes or
 * its deadline passes, so that input from a socket wakes the thread that takes it with no
 * thread in between.
 */
public interface ChannelWatch
{
    /**
     * Watches a channel from now on (callable from any thread, also while the idler waits).
     *
     * @param channel a channel in non-blocking mode.
     * @param reader  called on the idling thread when the channel is readable: it must read what
     *                is there, or the next wait ends at once.
     * @param active  asked on the idling thread before each wait: while false the channel is not
     *                waited on (a replica that has nothing to do with its input yet).
     */
    void watch(SelectableChannel channel, ChannelReader reader, BooleanSupplier active);
}
