package io.tandem.engine.dev;

import io.tandem.engine.machine.MachineInputs;
import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.MmioDevice;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;

/**
 * Core-local interruptor for one hart, at the {@code virt} board's layout: msip at 0x0,
 * mtimecmp at 0x4000, mtime at 0xBFF8. mtime comes from the machine's inputs (logged when
 * recording); a guest write to mtime is kept as an offset so that the clock is never wound back.
 * <p>
 * The timer line is latched: it rises only at a check point where the inputs say the deadline
 * has passed (one logged event), and falls when the guest moves mtimecmp or mtime. mip.MTIP is
 * therefore machine state, never a fresh look at a clock.
 */
public final class Clint implements MmioDevice
{
    static final int MSIP = 0x0000;
    static final int MTIMECMP = 0x4000;
    static final int MTIME = 0xBFF8;

    private final MachineInputs inputs;
    private int msip;
    private boolean timerLine;
    private long mtimecmp = -1L; // never fires until the guest sets it
    private long mtimeOffset;

    /** @param inputs the source of mtime and of the timer's firing. */
    public Clint(final MachineInputs inputs)
    {
        this.inputs = inputs;
    }

    /** @return mtime at an instruction count. */
    public long mtime(final long icount)
    {
        return inputs.mtime(icount) + mtimeOffset;
    }

    /** @return mtimecmp. */
    public long mtimecmp()
    {
        return mtimecmp;
    }

    /** @return mtimecmp expressed on the clock's own scale, for waiting on it. */
    public long clockDeadline()
    {
        return mtimecmp == -1L ? -1L : mtimecmp - mtimeOffset;
    }

    /** @return true when the software interrupt line is raised. */
    public boolean softwareInterrupt()
    {
        return (msip & 1) != 0;
    }

    /** @return the timer line: mtime had reached mtimecmp at the last check point. */
    public boolean timerInterrupt()
    {
        return timerLine;
    }

    /** At a check point: raises the timer line if the armed deadline has passed. */
    public void checkTimer(final long icount)
    {
        if (!timerLine && mtimecmp != -1L)
        {
            timerLine = inputs.timerDue(icount, clockDeadline());
        }
    }

    @Override
    public int read(final int offset, final int sizeBytes, final long icount)
    {
        final int word = offset & ~3;
        final int value;
        if (word == MSIP)
        {
            value = msip;
        }
        else if (word == MTIMECMP || word == MTIMECMP + 4)
        {
            value = (int)(word == MTIMECMP ? mtimecmp : mtimecmp >>> 32);
        }
        else if (word == MTIME || word == MTIME + 4)
        {
            final long now = mtime(icount);
            value = (int)(word == MTIME ? now : now >>> 32);
        }
        else
        {
            value = 0;
        }
        return RegisterAccess.extract(value, offset, sizeBytes);
    }

    @Override
    public void write(final int offset, final int sizeBytes, final int value, final long icount)
    {
        final int word = offset & ~3;
        if (word == MSIP)
        {
            msip = RegisterAccess.merge(msip, offset, sizeBytes, value) & 1;
        }
        else if (word == MTIMECMP)
        {
            final int low = RegisterAccess.merge((int)mtimecmp, offset, sizeBytes, value);
            mtimecmp = (mtimecmp & 0xFFFF_FFFF_0000_0000L) | Integer.toUnsignedLong(low);
            timerLine = false; // re-evaluated at the check point right after this store
        }
        else if (word == MTIMECMP + 4)
        {
            final int high = RegisterAccess.merge((int)(mtimecmp >>> 32), offset, sizeBytes, value);
            mtimecmp = ((long)high << 32) | (mtimecmp & 0xFFFF_FFFFL);
            timerLine = false;
        }
        else if (word == MTIME || word == MTIME + 4)
        {
            final long now = mtime(icount);
            final long updated;
            if (word == MTIME)
            {
                updated = (now & 0xFFFF_FFFF_0000_0000L) |
                    Integer.toUnsignedLong(RegisterAccess.merge((int)now, offset, sizeBytes, value));
            }
            else
            {
                updated = ((long)RegisterAccess.merge((int)(now >>> 32), offset, sizeBytes, value) << 32) |
                    (now & 0xFFFF_FFFFL);
            }
            mtimeOffset += updated - now;
            timerLine = false;
        }
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        hasher.add(msip).add(mtimecmp).add(mtimeOffset).add(timerLine ? 1 : 0);
    }

    /** Saves msip, mtimecmp, the guest's mtime offset and the latched timer line. */
    public void saveState(final StateWriter out)
    {
        out.putInt(msip).putLong(mtimecmp).putLong(mtimeOffset).putBoolean(timerLine);
    }

    /** Loads what {@link #saveState} saved. */
    public void loadState(final StateReader in)
    {
        msip = in.getInt("msip", 0, 1);
        mtimecmp = in.getLong();
        mtimeOffset = in.getLong();
        timerLine = in.getBoolean();
    }
}
