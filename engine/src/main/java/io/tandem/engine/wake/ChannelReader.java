package io.tandem.engine.wake;

/**
 * Port: what a thread does when a channel it watches ({@link ChannelWatch}) has something to read:
 * it reads what is there without blocking, on that thread. Called from inside the thread's idle
 * strategy, so that the channel is drained before the strategy waits on it again.
 */
@FunctionalInterface
public interface ChannelReader
{
    /** @return how many messages were read (0 when another thread had taken them). */
    int readAvailable();
}
