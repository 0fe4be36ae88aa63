package io.tandem.engine.wake;

/**
 * Port: how the work of an agent bounds its next idle period, for a deadline only it knows (a
 * guest's timer armed while it waits in WFI): the thread sleeps no longer than that even when no
 * signal comes.
 */
@FunctionalInterface
public interface IdleBound
{
    /** Bounds nothing: the idle strategy's own longest park applies. */
    IdleBound NONE = waitNs ->
    {
    };

    /**
     * Called from the idling thread before it idles: its next park ends within {@code waitNs},
     * and the bound applies to that park only.
     *
     * @param waitNs nanoseconds from now, 0 or more.
     */
    void idleAtMost(long waitNs);
}
