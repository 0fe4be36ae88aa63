package io.tandem.engine.dev;

import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.MmioDevice;

/**
 * Core-local interruptor for one hart, at the {@code virt} board's layout: msip at 0x0,
 * mtimecmp at 0x4000, mtime at 0xBFF8. mtime comes from a {@link MachineClock}; a guest write to
 * mtime is kept as an offset so that the clock itself is never wound back.
 */
public final class Clint implements MmioDevice
{
    static final int MSIP = 0x0000;
    static final int MTIMECMP = 0x4000;
    static final int MTIME = 0xBFF8;

    private final MachineClock clock;
    private int msip;
    private long mtimecmp = -1L; // never fires until the guest sets it
    private long mtimeOffset;

    /** @param clock the source of mtime. */
    public Clint(final MachineClock clock)
    {
        this.clock = clock;
    }

    /** @return mtime at an instruction count. */
    public long mtime(final long icount)
    {
        return clock.mtime(icount) + mtimeOffset;
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

    /** @return true when mtime has reached mtimecmp (unsigned). */
    public boolean timerInterrupt(final long icount)
    {
        return Long.compareUnsigned(mtime(icount), mtimecmp) >= 0;
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
        }
        else if (word == MTIMECMP + 4)
        {
            final int high = RegisterAccess.merge((int)(mtimecmp >>> 32), offset, sizeBytes, value);
            mtimecmp = ((long)high << 32) | (mtimecmp & 0xFFFF_FFFFL);
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
        }
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        hasher.add(msip).add(mtimecmp).add(mtimeOffset);
    }
}
