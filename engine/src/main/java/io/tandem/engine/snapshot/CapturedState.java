package io.tandem.engine.snapshot;

import io.tandem.engine.machine.StateHasher;

import java.nio.ByteBuffer;

/**
 * A machine's state at one instruction count, captured by a {@link RamPreCopy} while the guest ran
 * on: every section but RAM as saved at the capture, the state hash without RAM, and the copy of
 * RAM. It is read by one thread (the one that writes the snapshot file), which gives the copy back
 * with {@link #release()} when done, so that the next snapshot may begin.
 */
public final class CapturedState
{
    private final RamPreCopy owner;
    private final SectionWriter sections;
    private final StateHasher hasherWithoutRam;
    private final long icount;
    private final long journalSequence;
    private final int checkInterval;
    private final boolean network;
    private final boolean disk;
    private final byte[] elfSha256;
    private final long capturedAtMillis;
    private SnapshotInfo info;

    CapturedState(final RamPreCopy owner, final SectionWriter sections, final StateHasher hasherWithoutRam,
        final long icount, final long journalSequence, final int checkInterval, final boolean network,
        final boolean disk, final byte[] elfSha256)
    {
        this.owner = owner;
        this.sections = sections;
        this.hasherWithoutRam = hasherWithoutRam;
        this.icount = icount;
        this.journalSequence = journalSequence;
        this.checkInterval = checkInterval;
        this.network = network;
        this.disk = disk;
        this.elfSha256 = elfSha256;
        this.capturedAtMillis = System.currentTimeMillis();
    }

    /** @return the instruction count of the state. */
    public long icount()
    {
        return icount;
    }

    /** @return the last journal entry the state contains. */
    public long journalSequence()
    {
        return journalSequence;
    }

    /**
     * @return the state's header, its state hash computed from the copy of RAM on first use (the
     * hash of a large RAM takes tens of milliseconds: on the writing thread, not the guest's).
     */
    public SnapshotInfo info()
    {
        if (info == null)
        {
            final long hash = hasherWithoutRam.addMemory(owner.imageAddress(), owner.image().capacity()).hash();
            info = new SnapshotInfo(icount, journalSequence, hash, owner.image().capacity(), checkInterval, network, disk,
                elfSha256.clone(), capturedAtMillis);
        }
        return info;
    }

    SectionWriter sections()
    {
        return sections;
    }

    ByteBuffer ram()
    {
        return owner.image().duplicate().clear();
    }

    long ramAddress()
    {
        return owner.imageAddress();
    }

    /** Gives the copy of RAM back: the next snapshot may begin copying into it. */
    public void release()
    {
        owner.released();
    }
}
