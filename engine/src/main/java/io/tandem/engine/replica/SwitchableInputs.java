package io.tandem.engine.replica;

import io.tandem.engine.dev.DiskRequests;
import io.tandem.engine.machine.MachineInputs;
import org.agrona.MutableDirectBuffer;

/**
 * Inputs that can change source while the machine runs: a backup replays from its log, then,
 * when it goes live, takes its inputs from the world (recording them for a future backup).
 * Switch only between slices, on the machine's thread.
 */
public final class SwitchableInputs implements MachineInputs
{
    private MachineInputs target;

    /** @param initial the first source. */
    public SwitchableInputs(final MachineInputs initial)
    {
        this.target = initial;
    }

    /** @param next the source from now on. */
    public void switchTo(final MachineInputs next)
    {
        this.target = next;
    }

    /** @return the current source. */
    public MachineInputs target()
    {
        return target;
    }

    @Override
    public long mtime(final long icount)
    {
        return target.mtime(icount);
    }

    @Override
    public boolean timerDue(final long icount, final long deadlineTicks)
    {
        return target.timerDue(icount, deadlineTicks);
    }

    @Override
    public boolean skipTo(final long icount, final long deadlineTicks)
    {
        return target.skipTo(icount, deadlineTicks);
    }

    @Override
    public boolean timeIsVirtual()
    {
        return target.timeIsVirtual();
    }

    @Override
    public int entropy16(final long icount)
    {
        return target.entropy16(icount);
    }

    @Override
    public int hostId(final long icount)
    {
        return target.hostId(icount);
    }

    @Override
    public int consoleInput(final long icount)
    {
        return target.consoleInput(icount);
    }

    @Override
    public int networkFrame(final long icount, final MutableDirectBuffer buffer)
    {
        return target.networkFrame(icount, buffer);
    }

    @Override
    public void diskRequested(final long icount, final DiskRequests disk)
    {
        target.diskRequested(icount, disk);
    }

    @Override
    public int diskCompletion(final long icount, final DiskRequests disk)
    {
        return target.diskCompletion(icount, disk);
    }

    @Override
    public long horizon(final long now)
    {
        return target.horizon(now);
    }

    @Override
    public boolean checkpointReady(final long icount)
    {
        return target.checkpointReady(icount);
    }

    @Override
    public void checkpoint(final long icount)
    {
        target.checkpoint(icount);
    }

    @Override
    public String failure()
    {
        return target.failure();
    }
}
