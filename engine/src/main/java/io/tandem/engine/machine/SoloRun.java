package io.tandem.engine.machine;

import io.tandem.engine.wake.IdleBound;
import io.tandem.engine.wake.TimerSlack;
import io.tandem.engine.wake.WakeableIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.BooleanSupplier;

/**
 * Runs one machine alone to its end: in chunks, waiting in WFI for the clock, until it halts,
 * reaches an instruction limit, waits for an interrupt that can never come, or is asked to stop.
 */
public final class SoloRun
{
    /** Instructions per {@link Machine#run(long)} call; console output is flushed between calls. */
    public static final long CHUNK_INSTRUCTIONS = 50_000_000L;

    // Without a signal from the inputs (nobody wakes it), an idle guest notices a packet when a
    // park ends: at most 100 us, as before wake-ups; its timer is still met to the clock's precision.
    private static final long UNSIGNALLED_MAX_PARK_NS = 100_000;
    private static final BooleanSupplier NEVER_STOP = () -> false;

    /** How a solo run ended. */
    public enum Outcome
    {
        /** The machine halted; see {@link Machine#haltReason()}. */
        HALTED,
        /** The instruction limit was reached first. */
        INSTRUCTION_LIMIT,
        /** The hart waits for an interrupt that nothing can raise (virtual clock, no armed timer). */
        WAITS_FOREVER,
        /** A stop was requested (Ctrl-C, a test that has seen enough); the machine can be resumed. */
        STOPPED
    }

    private SoloRun()
    {
    }

    private static WakeableIdleStrategy unsignalled()
    {
        return new WakeableIdleStrategy(WakeableIdleStrategy.DEFAULT_SPINS, UNSIGNALLED_MAX_PARK_NS,
            TimerSlack.DEFAULT_NS);
    }

    /**
     * @param machine         a loaded machine.
     * @param maxInstructions stop after this many instructions in all; {@link Long#MAX_VALUE} for no limit.
     * @return how the run ended.
     */
    public static Outcome run(final Machine machine, final long maxInstructions)
    {
        return run(machine, maxInstructions, unsignalled());
    }

    /**
     * @param machine         a loaded machine.
     * @param maxInstructions stop after this many instructions in all; {@link Long#MAX_VALUE} for no limit.
     * @param idle            how to wait while the guest waits (WFI) on real time or for input.
     * @return how the run ended.
     */
    public static Outcome run(final Machine machine, final long maxInstructions, final IdleStrategy idle)
    {
        return run(machine, maxInstructions, idle, NEVER_STOP);
    }

    /**
     * @param machine         a loaded machine.
     * @param maxInstructions stop after this many instructions in all; {@link Long#MAX_VALUE} for no limit.
     * @param stopRequested   asked between chunks and between waits, never inside one: once it says
     *                        true the run returns {@link Outcome#STOPPED} at the instruction
     *                        boundary where it stands, so that the state can be hashed and logged.
     *                        It is called from the running thread; a flag set by another thread
     *                        must be read with acquire semantics (a volatile field).
     * @return how the run ended.
     */
    public static Outcome run(final Machine machine, final long maxInstructions, final BooleanSupplier stopRequested)
    {
        return run(machine, maxInstructions, unsignalled(), stopRequested);
    }

    /**
     * @param machine         a loaded machine.
     * @param maxInstructions stop after this many instructions in all; {@link Long#MAX_VALUE} for no limit.
     * @param idle            how to wait while the guest waits (WFI) on real time or for input; one
     *                        that takes a bound ({@link IdleBound}, such as a
     *                        {@link WakeableIdleStrategy} that the machine's inputs wake) sleeps
     *                        no later than the guest's timer is due.
     * @param stopRequested   asked between chunks; see {@link #run(Machine, long, BooleanSupplier)}.
     * @return how the run ended.
     */
    public static Outcome run(
        final Machine machine, final long maxInstructions, final IdleStrategy idle, final BooleanSupplier stopRequested)
    {
        final IdleBound bound = idle instanceof IdleBound ? (IdleBound)idle : IdleBound.NONE;
        while (true)
        {
            if (stopRequested.getAsBoolean())
            {
                return Outcome.STOPPED;
            }
            final long left = maxInstructions - machine.icount();
            if (left <= 0)
            {
                return Outcome.INSTRUCTION_LIMIT;
            }
            final StopReason stop = machine.run(Math.min(left, CHUNK_INSTRUCTIONS));
            machine.flushConsole();
            if (stop == StopReason.HALT)
            {
                return Outcome.HALTED;
            }
            if (stop == StopReason.WFI)
            {
                if (machine.waitsForever())
                {
                    return Outcome.WAITS_FOREVER;
                }
                if (!machine.skipToTimer())
                {
                    bound.idleAtMost(machine.timerWaitNs());
                    idle.idle();
                }
            }
            else
            {
                idle.reset();
            }
        }
    }
}
