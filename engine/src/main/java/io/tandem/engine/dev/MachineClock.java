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
     * (unsigned; all ones when it is not armed). A clock that can jump (a virtual one) moves to
     * the deadline and says so; a host clock cannot, and the caller idles instead.
     *
     * @param icount        instructions retired.
     * @param deadlineTicks the CLINT's mtimecmp, on this clock's scale.
     * @return true when time jumped.
     */
    boolean skipTo(long icount, long deadlineTicks);
}
