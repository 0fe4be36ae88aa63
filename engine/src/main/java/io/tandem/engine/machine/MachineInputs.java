package io.tandem.engine.machine;

import io.tandem.engine.dev.DiskRequests;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import org.agrona.MutableDirectBuffer;

/**
 * Every input whose value or timing the instruction stream does not decide, in one place: the
 * machine's boundary with the world (the hypervisor layer). Each call carries the instruction
 * count at which the input takes effect. Live machines answer from their ports
 * ({@link LiveInputs}); a recording machine also logs each answer; a replaying machine answers
 * from the log and ignores its own clock, entropy, console and network.
 */
public interface MachineInputs
{
    /** @return mtime ticks on the clock's scale, read by the guest at {@code icount}. */
    long mtime(long icount);

    /**
     * Asked at check points while the timer is armed and its line is low.
     *
     * @param deadlineTicks mtimecmp on the clock's scale.
     * @return true when the timer fires now: MTIP rises at {@code icount}.
     */
    boolean timerDue(long icount, long deadlineTicks);

    /**
     * The hart waits in WFI for the timer: a clock that can jump (a virtual one) moves to the
     * deadline.
     *
     * @return true when time jumped; false when real time has to pass instead.
     */
    boolean skipTo(long icount, long deadlineTicks);

    /** @return true when time is a function of the instruction count (nothing outside moves it). */
    boolean timeIsVirtual();

    /** @return sixteen bits of entropy for the seed CSR read at {@code icount}. */
    int entropy16(long icount);

    /** @return the host identity read at {@code icount}. */
    int hostId(long icount);

    /** @return the next console input byte entering the UART at {@code icount}, or -1. */
    int consoleInput(long icount);

    /**
     * @param buffer where to put the next network frame, at offset 0.
     * @return its length, or -1 when no frame enters at {@code icount}.
     */
    int networkFrame(long icount, MutableDirectBuffer buffer);

    /**
     * The disk took new requests from the guest at {@code icount} (a deterministic point: the
     * guest's notification). Live inputs start their I/O; a replay starts none, because it
     * performs (private image) or skips (shared image) each request's I/O at its completion.
     */
    void diskRequested(long icount, DiskRequests disk);

    /**
     * Asked at check points while disk requests are outstanding.
     *
     * @return the status of the oldest request when its completion enters the guest at
     * {@code icount}, or {@link DiskRequests#NOT_DONE}.
     */
    int diskCompletion(long icount, DiskRequests disk);

    /**
     * @return the highest instruction count the machine may reach before it must consult the
     * inputs again (a replay's next logged event); {@code now} when the inputs cannot yet say what
     * happens next (a backup waiting for its log). Live inputs have no horizon.
     */
    default long horizon(final long now)
    {
        return Long.MAX_VALUE;
    }

    /**
     * @return true when the machine may hold its check point at {@code icount} now: a replay only
     * once every entry logged at that instruction count has arrived, because a check point applies
     * all of them together, in the order the recording did, and is not held twice.
     */
    default boolean checkpointReady(final long icount)
    {
        return true;
    }

    /** The machine is at a check point (between instructions) at {@code icount}. */
    default void checkpoint(final long icount)
    {
    }

    /** @return a description of why the inputs cannot go on (a replay that diverged), or null. */
    default String failure()
    {
        return null;
    }

    /**
     * Saves where input sources that are functions of their own position stand (a virtual clock's
     * skipped time, a seeded entropy generator), so that a machine loaded from a snapshot reads
     * the same values on. Inputs from a log or the world have no such position and save nothing.
     */
    default void saveState(final StateWriter out)
    {
    }

    /**
     * Loads what {@link #saveState} saved. Inputs that have no position (a log, the world) pass
     * over what a machine with other inputs saved: a replay restored from a recording's snapshot
     * takes its clock and entropy from the journal.
     */
    default void loadState(final StateReader in)
    {
        in.skipRest();
    }
}
