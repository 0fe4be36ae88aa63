package io.tandem.engine.wake;

/**
 * Port: how a producer tells the thread that consumes its work that there is some. Raised after
 * the work is published (a frame in a ring, an entry in a log buffer), so that a consumer woken by
 * it finds the work. Cheap when the consumer is busy: it costs a wake-up only when the consumer
 * is parked.
 */
@FunctionalInterface
public interface WakeSignal
{
    /** Wakes nobody: for a consumer that polls on its own (tests, a consumer in another process). */
    WakeSignal NONE = () ->
    {
    };

    /** Says that work was published; callable from any thread, never blocks. */
    void wake();

    /**
     * @param first  a consumer.
     * @param second another consumer of the same work (one takes it, depending on who runs).
     * @return a signal that wakes both.
     */
    static WakeSignal both(final WakeSignal first, final WakeSignal second)
    {
        return () ->
        {
            first.wake();
            second.wake();
        };
    }
}
