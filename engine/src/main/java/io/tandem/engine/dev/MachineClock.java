package io.tandem.engine.dev;

/**
 * Port: the source of the CLINT's {@code mtime} (10 MHz ticks, as on QEMU {@code virt}).
 * <p>
 * Time is a non-deterministic input: a recording machine logs what this returns and a
 * replaying one answers from the log. Every call carries the instruction count at which the
 * guest observes time, so that a clock may also be a pure function of it ({@link VirtualClock}).
 */
public interface MachineClock
{
    /** mtime ticks per second. */
    long TICKS_PER_SECOND = 10_000_000L;

    /**
     * @param icount instructions retired when the guest looks.
     * @return mtime, in ticks.
     */
    long mtime(long icount);

    /**
     * The hart is waiting for an interrupt and the timer is set to fire at {@code deadlineTicks}
     * (unsigned; all ones when it is not armed). Returns when time may have moved on: a virtual
     * clock jumps to the deadline, a host clock sleeps for at most {@code maxWaitNs}.
     *
     * @param icount        instructions retired.
     * @param deadlineTicks the CLINT's mtimecmp.
     * @param maxWaitNs     the longest a host clock may block, so that other inputs are noticed.
     */
    void awaitDeadline(long icount, long deadlineTicks, long maxWaitNs);
}
