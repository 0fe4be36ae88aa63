package io.tandem.engine.snapshot;

import io.tandem.engine.machine.Machine;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.WrittenPages;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A snapshot's copy of RAM, made while the guest runs, so that the guest stops only for the
 * pages written last. The copy is kept between snapshots as a mirror of RAM: a page whose
 * {@link WrittenPages#SNAPSHOT} bit is clear holds the same bytes in both (RAM and the copy both
 * start as zeros; every write to a page sets its bits; the bit is cleared just before the page is
 * copied, so a write after it marks the page again). On the machine's thread, between slices,
 * each {@link #step} copies a bounded number of marked pages, in rounds; once few are left,
 * {@link #capture} copies them and takes the rest of the machine's state at that instruction
 * count: the only pause. A snapshot therefore copies the pages written since the one before, and
 * every page only after a whole state was loaded into the machine ({@link Machine#stateLoads()}),
 * which writes RAM and replaces the flags without marking. The file is written from the capture
 * on another thread ({@link SnapshotFile#write(java.nio.file.Path, CapturedState)}), which hands
 * the copy back with {@link CapturedState#release()}.
 * <p>
 * The copy costs as much memory as RAM, off-heap, allocated and zeroed when this is made (not on
 * the machine's thread at a snapshot) and kept.
 */
public final class RamPreCopy
{
    /** Pages copied per step by default: 1 MiB, a tenth of a millisecond or so of copying. */
    public static final int DEFAULT_PAGES_PER_STEP = 256;
    /** A copy is ready to capture once no more pages than this wait to be copied again. */
    static final int CONVERGED_PAGES = 256;
    /** Rounds over the written pages after which the copy captures whatever waits. */
    static final int MAX_ROUNDS = 8;

    private final Machine machine;
    private final GuestRam ram;
    private final WrittenPages written;
    private final byte[] elfSha256;
    private final int pages;
    private final ByteBuffer image;
    private final long imageAddress;
    private boolean copying;
    private boolean firstPass;
    private int cursor;
    private int rounds;
    private long stateLoadsCopied;
    private volatile boolean inUse;

    /**
     * @param machine   the machine whose state is copied.
     * @param elfSha256 its guest ELF's SHA-256, for the snapshot's header.
     */
    public RamPreCopy(final Machine machine, final byte[] elfSha256)
    {
        this.machine = machine;
        this.ram = machine.ram();
        this.written = ram.writtenPages();
        this.elfSha256 = elfSha256.clone();
        this.pages = ram.sizeBytes() >>> WrittenPages.PAGE_SHIFT;
        // Here, not at the first snapshot: zeroing and faulting in RAM's size is tens of
        // milliseconds, which on the machine's thread would be the very pause this avoids.
        this.image = ByteBuffer.allocateDirect(ram.sizeBytes()); // zeros, as RAM before its first write
        this.imageAddress = new UnsafeBuffer(image).addressOffset();
    }

    /** @return true when no copy is under way and the last capture has been released. */
    public boolean idle()
    {
        return !copying && !inUse;
    }

    /** @return true while a copy is under way. */
    public boolean copying()
    {
        return copying;
    }

    /** Starts a copy: of the pages written since the last one, or of every page after a state load. */
    public void begin()
    {
        if (!idle())
        {
            throw new IllegalStateException("a snapshot copy is already under way or not yet written");
        }
        copying = true;
        firstPass = machine.stateLoads() != stateLoadsCopied;
        cursor = 0;
        rounds = 0;
    }

    /**
     * Copies up to {@code maxPages} pages.
     *
     * @return true when the copy is ready to {@link #capture}: at most {@link #CONVERGED_PAGES}
     * pages wait (or {@link #MAX_ROUNDS} rounds are done), after a pass over every page if one was due.
     */
    public boolean step(final int maxPages)
    {
        if (!copying)
        {
            throw new IllegalStateException("no snapshot copy under way");
        }
        int copied = 0;
        if (firstPass)
        {
            while (copied < maxPages && cursor < pages)
            {
                copyPage(cursor++);
                copied++;
            }
            if (cursor < pages)
            {
                return false;
            }
            firstPass = false;
            cursor = 0;
            return converged();
        }
        while (copied < maxPages)
        {
            final int page = written.nextWritten(cursor, WrittenPages.SNAPSHOT);
            if (page < 0)
            {
                cursor = 0;
                rounds++;
                return converged();
            }
            copyPage(page);
            cursor = page + 1;
            copied++;
        }
        return false;
    }

    private boolean converged()
    {
        return rounds >= MAX_ROUNDS || written.count(WrittenPages.SNAPSHOT) <= CONVERGED_PAGES;
    }

    private void copyPage(final int page)
    {
        written.clear(page, WrittenPages.SNAPSHOT); // before the copy: a write after it marks the page again
        final long offset = (long)page << WrittenPages.PAGE_SHIFT;
        UnsafeApi.copyMemory(ram.address() + offset, imageAddress + offset, WrittenPages.PAGE_BYTES);
    }

    /**
     * Copies the pages written since their copy and captures the rest of the machine's state: the
     * pause. The machine must be between runs and {@link Machine#stateSavable() savable}.
     *
     * @param journalSequence the last journal entry logged up to now.
     * @return the state, to be written and then released.
     */
    public CapturedState capture(final long journalSequence)
    {
        if (!copying || firstPass)
        {
            throw new IllegalStateException("the snapshot copy has not covered RAM yet");
        }
        for (int page = written.nextWritten(0, WrittenPages.SNAPSHOT); page >= 0;
            page = written.nextWritten(page + 1, WrittenPages.SNAPSHOT))
        {
            copyPage(page);
        }
        final SectionWriter sections = new SectionWriter();
        machine.saveState(sections);
        final CapturedState state = new CapturedState(this, sections, machine.stateHasherWithoutRam(), machine.icount(),
            journalSequence, machine.checkInterval(), machine.network() != null, machine.disk() != null, elfSha256);
        stateLoadsCopied = machine.stateLoads();
        copying = false;
        inUse = true;
        return state;
    }

    /**
     * Abandons a copy under way. The pages copied so far stay good copies (each was unmarked as it
     * was copied); a pass over every page that was due stays due.
     */
    public void abandon()
    {
        copying = false;
    }

    ByteBuffer image()
    {
        return image;
    }

    long imageAddress()
    {
        return imageAddress;
    }

    void released()
    {
        inUse = false;
    }
}
