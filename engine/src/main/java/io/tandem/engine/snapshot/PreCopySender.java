package io.tandem.engine.snapshot;

import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.WrittenPages;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends a running machine's whole state to a new replica with iterative pre-copy, on the
 * machine's own thread between its slices, so that the guest stops only for the last few pages.
 * <p>
 * Round 0 sends every page that is not all zeros (a new machine's RAM is zero) while the guest
 * runs, {@link Context#pagesPerStep()} pages per {@link #step()}. Writes made meanwhile set the
 * pages' {@link WrittenPages#TRANSFER} bit; each following round takes the pages written during
 * the previous one and sends them again, still with the guest running. Once a round leaves at most
 * {@link Context#finalPages()} pages to send, or after {@link Context#maxRounds()} rounds,
 * {@link #step()} says {@link #READY}: the caller stops the guest, calls {@link #finish}, which
 * sends the last written pages, every component's state and the END frame, and measures that
 * pause. The caller then lets the guest go on and sends its log from the journal sequence given
 * to {@link #finish} onwards.
 * <p>
 * Not thread-safe: the machine's thread calls every method.
 */
public final class PreCopySender
{
    /** {@link #step()}: pages of the current round remain, or the sink pushed back. */
    public static final int SENDING = 0;
    /** {@link #step()}: the rest is small: stop the guest and {@link #finish}. */
    public static final int READY = 1;

    /** Tuning of a transfer. */
    public static final class Context
    {
        private int pagesPerStep = 256;
        private int finalPages = 256;
        private int maxRounds = 10;
        private boolean verifyStateHash;

        /** @return pages sent per {@link PreCopySender#step()} while the guest runs (default 256, 1 MiB). */
        public int pagesPerStep()
        {
            return pagesPerStep;
        }

        /** @param pages pages per step, at least 1. */
        public Context pagesPerStep(final int pages)
        {
            this.pagesPerStep = Math.max(1, pages);
            return this;
        }

        /** @return at most this many pages left for the pause ends the rounds (default 256, 1 MiB). */
        public int finalPages()
        {
            return finalPages;
        }

        /** @param pages the pause's page budget. */
        public Context finalPages(final int pages)
        {
            this.finalPages = pages;
            return this;
        }

        /** @return rounds after which the guest is stopped anyway (default 10): a guest that writes faster than the link. */
        public int maxRounds()
        {
            return maxRounds;
        }

        /** @param rounds the most rounds, at least 1. */
        public Context maxRounds(final int rounds)
        {
            this.maxRounds = Math.max(1, rounds);
            return this;
        }

        /**
         * @return true to send the machine's full state hash for the receiver to check: proof of a
         * whole transfer, at the price of hashing all of RAM while the guest is stopped (tens of
         * milliseconds for 256 MiB). Without it each frame's checksum and the state checks that
         * follow in the log guard the transfer. Default false.
         */
        public boolean verifyStateHash()
        {
            return verifyStateHash;
        }

        /** @param verify send the full state hash for the receiver to check. */
        public Context verifyStateHash(final boolean verify)
        {
            this.verifyStateHash = verify;
            return this;
        }
    }

    private final Machine machine;
    private final FrameSink sink;
    private final Context context;
    private final byte[] elfSha256;
    private final GuestRam ram;
    private final WrittenPages written;
    private final int pages;
    private final long[] roundPages;
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(TransferFrame.MAX_LENGTH));
    private final TransferFrame frame = new TransferFrame();
    private final SectionWriter sections = new SectionWriter();
    private final ExpandableDirectByteBuffer stateBlob = new ExpandableDirectByteBuffer(64 * 1024);

    private boolean begun;
    private int round;
    private int cursor;
    private boolean ready;
    private long startNs;
    private long pauseStartNs;
    private long pauseNs;
    private long totalNs;
    private long pagesSent;
    private long bytesSent;
    private int stateLength;
    private int stateSent;
    private int pauseStage;
    private long finalSequence;
    private long pairGeneration;
    private BlockStore disk;
    private long diskBlock;

    /**
     * @param machine   the machine to send, with its guest loaded and (usually) running.
     * @param elfSha256 SHA-256 of its guest ELF, which the receiver checks.
     * @param sink      where frames go.
     * @param context   tuning.
     */
    public PreCopySender(final Machine machine, final byte[] elfSha256, final FrameSink sink, final Context context)
    {
        this.machine = machine;
        this.elfSha256 = elfSha256.clone();
        this.sink = sink;
        this.context = context;
        this.ram = machine.ram();
        this.written = ram.writtenPages();
        this.pages = written.pages();
        this.roundPages = new long[(pages + 63) >>> 6];
    }

    /**
     * @param generation the pair generation the new replica's failover is to claim, carried in
     *                   the END frame (a primary bumps it for every backup it takes in).
     * @return this.
     */
    public PreCopySender pairGeneration(final long generation)
    {
        this.pairGeneration = generation;
        return this;
    }

    /**
     * @param store the disk image the new replica is to have: its blocks that are not all zeros
     *              (the receiver's image starts empty) go out in the pause, after the last pages,
     *              so that they are the image at the cut. Null (the default): no disk is sent.
     * @return this.
     */
    public PreCopySender disk(final BlockStore store)
    {
        this.disk = store;
        return this;
    }

    /** Starts round 0: every non-zero page. Writes from here on are tracked. */
    public void start()
    {
        startNs = System.nanoTime();
        written.clear(WrittenPages.TRANSFER);
        java.util.Arrays.fill(roundPages, 0);
        final long base = ram.address();
        for (int page = 0; page < pages; page++)
        {
            final long start = base + ((long)page << WrittenPages.PAGE_SHIFT);
            for (int i = 0; i < WrittenPages.PAGE_BYTES; i += Long.BYTES)
            {
                if (UnsafeApi.getLong(start + i) != 0)
                {
                    roundPages[page >>> 6] |= 1L << (page & 63);
                    break;
                }
            }
        }
        round = 0;
        cursor = 0;
        begun = false;
        ready = false;
    }

    /**
     * Sends up to {@link Context#pagesPerStep()} pages of the current round, with the guest
     * running between calls; at a round's end, starts the next from the pages written meanwhile.
     *
     * @return {@link #READY} once the guest should stop for {@link #finish}, else {@link #SENDING}.
     */
    public int step()
    {
        if (ready)
        {
            return READY;
        }
        if (!begun)
        {
            if (!offerBegin())
            {
                return SENDING;
            }
            begun = true;
        }
        if (!sendRoundPages(context.pagesPerStep()))
        {
            return SENDING;
        }
        // The round is done: what was written during it is the next round.
        final int left = takeWrittenPages();
        round++;
        if (left <= context.finalPages() || round >= context.maxRounds())
        {
            ready = true;
            return READY;
        }
        return SENDING;
    }

    /**
     * With the guest stopped (no {@code run} until this returns true): sends the pages written
     * since the last round, every component's state and the END frame.
     *
     * @param journalSequence the last log entry the machine's state contains: the receiver's
     *                        replay goes on from the entry after it.
     * @return true when everything was taken by the sink; false under back-pressure: call again
     * (the guest stays stopped).
     * @throws IllegalStateException when {@link #step()} has not said {@link #READY}, or the
     * machine has disk I/O in flight ({@link Machine#stateSavable()}): nothing is sent then; run a
     * little and call again.
     */
    public boolean finish(final long journalSequence)
    {
        if (!ready)
        {
            throw new IllegalStateException("the pre-copy rounds are not done: step() until it says READY");
        }
        if (pauseStage == 0)
        {
            if (!machine.stateSavable())
            {
                throw new IllegalStateException("disk I/O in flight at instruction " + machine.icount() +
                    ": run on to a quiescent point before stopping the guest");
            }
            pauseStartNs = System.nanoTime();
            finalSequence = journalSequence;
            takeWrittenPages();
            machine.saveState(sections.reset());
            stateLength = packSections();
            stateSent = 0;
            pauseStage = 1;
        }
        if (pauseStage == 1)
        {
            if (!sendRoundPages(Integer.MAX_VALUE))
            {
                return false;
            }
            pauseStage = disk != null ? 5 : 2;
        }
        if (pauseStage == 5)
        {
            if (!sendDiskBlocks())
            {
                return false;
            }
            pauseStage = 2;
        }
        if (pauseStage == 2)
        {
            while (stateSent < stateLength)
            {
                final int piece = Math.min(TransferFrame.MAX_STATE_PIECE, stateLength - stateSent);
                frame.wrapForWrite(frameBuffer, 0).header(TransferFrame.STATE, 0, piece, round, stateSent);
                frameBuffer.putBytes(frame.bodyOffset(), stateBlob, stateSent, piece);
                if (!offer(frame.seal()))
                {
                    return false;
                }
                stateSent += piece;
            }
            pauseStage = 3;
        }
        frame.wrapForWrite(frameBuffer, 0).header(TransferFrame.END, stateLength, TransferFrame.END_BODY_LENGTH, round,
            finalSequence);
        frameBuffer.putLong(frame.bodyOffset(), machine.icount(), ByteOrder.LITTLE_ENDIAN);
        frameBuffer.putLong(frame.bodyOffset() + 8, context.verifyStateHash() ? machine.stateHash() : 0,
            ByteOrder.LITTLE_ENDIAN);
        frameBuffer.putLong(frame.bodyOffset() + 16, context.verifyStateHash() ? 1 : 0, ByteOrder.LITTLE_ENDIAN);
        frameBuffer.putLong(frame.bodyOffset() + 24, pairGeneration, ByteOrder.LITTLE_ENDIAN);
        if (!offer(frame.seal()))
        {
            return false;
        }
        final long endNs = System.nanoTime();
        totalNs = endNs - startNs;
        pauseNs = endNs - pauseStartNs;
        pauseStage = 4;
        return true;
    }

    private boolean offerBegin()
    {
        final SnapshotInfo info = new SnapshotInfo(machine.icount(), -1, 0, ram.sizeBytes(), machine.checkInterval(),
            machine.network() != null, machine.disk() != null, elfSha256, System.currentTimeMillis());
        frame.wrapForWrite(frameBuffer, 0).header(TransferFrame.BEGIN, 0, SnapshotHeader.LENGTH, 0, 0);
        final UnsafeBuffer body = new UnsafeBuffer(frameBuffer, frame.bodyOffset(), SnapshotHeader.LENGTH);
        new SnapshotHeader().wrap(body).fill(info, 0);
        return offer(frame.seal());
    }

    /**
     * Adds the pages with the TRANSFER bit to the round's set (which holds the pages not sent yet:
     * none between rounds, the last round's written pages at the pause) and clears the bit.
     *
     * @return how many pages the set holds.
     */
    private int takeWrittenPages()
    {
        int count = 0;
        for (int page = written.nextWritten(0, WrittenPages.TRANSFER); page >= 0;
            page = written.nextWritten(page + 1, WrittenPages.TRANSFER))
        {
            roundPages[page >>> 6] |= 1L << (page & 63);
        }
        written.clear(WrittenPages.TRANSFER);
        for (final long word : roundPages)
        {
            count += Long.bitCount(word);
        }
        cursor = 0;
        return count;
    }

    /** Sends up to {@code budget} pages of the round from the cursor; @return true when the round is done. */
    private boolean sendRoundPages(final int budget)
    {
        int sent = 0;
        while (cursor < pages)
        {
            final long word = roundPages[cursor >>> 6] >>> (cursor & 63);
            if (word == 0)
            {
                cursor = (cursor | 63) + 1; // nothing more in this word
                continue;
            }
            cursor += Long.numberOfTrailingZeros(word);
            if (sent == budget)
            {
                return false;
            }
            frame.wrapForWrite(frameBuffer, 0).header(TransferFrame.PAGE, cursor, WrittenPages.PAGE_BYTES, round, 0);
            frameBuffer.putBytes(frame.bodyOffset(), ram.buffer(), cursor << WrittenPages.PAGE_SHIFT,
                WrittenPages.PAGE_BYTES);
            if (!offer(frame.seal()))
            {
                return false;
            }
            roundPages[cursor >>> 6] &= ~(1L << (cursor & 63));
            pagesSent++;
            sent++;
            cursor++;
        }
        return true;
    }

    /** Sends the disk's non-zero blocks from the cursor; @return true when all are sent. */
    private boolean sendDiskBlocks()
    {
        final long blocks = disk.capacitySectors() * 512 / TransferFrame.DISK_BLOCK_BYTES;
        while (diskBlock < blocks)
        {
            frame.wrapForWrite(frameBuffer, 0).header(TransferFrame.DISK, (int)diskBlock, TransferFrame.DISK_BLOCK_BYTES,
                round, 0);
            if (!disk.read(diskBlock * TransferFrame.DISK_BLOCK_BYTES, frameBuffer, frame.bodyOffset(),
                TransferFrame.DISK_BLOCK_BYTES))
            {
                throw new IllegalStateException("cannot read block " + diskBlock + " of the disk image to send it");
            }
            if (!allZero(frame.bodyOffset(), TransferFrame.DISK_BLOCK_BYTES) && !offer(frame.seal()))
            {
                return false; // read again on the next call: the guest is stopped, the block is the same
            }
            diskBlock++;
        }
        return true;
    }

    private boolean allZero(final int offset, final int length)
    {
        for (int i = 0; i < length; i += Long.BYTES)
        {
            if (frameBuffer.getLong(offset + i) != 0)
            {
                return false;
            }
        }
        return true;
    }

    /** Lays the sections out as a table (count, then tag, start, length each) followed by their bytes. */
    private int packSections()
    {
        final int count = sections.count();
        final int table = 4 + 12 * count;
        stateBlob.putInt(0, count, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++)
        {
            stateBlob.putInt(4 + 12 * i, sections.section(i).tag(), ByteOrder.LITTLE_ENDIAN);
            stateBlob.putInt(8 + 12 * i, table + sections.start(i), ByteOrder.LITTLE_ENDIAN);
            stateBlob.putInt(12 + 12 * i, sections.length(i), ByteOrder.LITTLE_ENDIAN);
        }
        final int length = sections.writer().position();
        stateBlob.putBytes(table, sections.writer().buffer(), 0, length);
        return table + length;
    }

    private boolean offer(final int length)
    {
        if (!sink.offer(frameBuffer, 0, length))
        {
            return false;
        }
        bytesSent += length;
        return true;
    }

    /** @return rounds completed while the guest ran. */
    public int rounds()
    {
        return round;
    }

    /** @return pages sent, all rounds and the pause together. */
    public long pagesSent()
    {
        return pagesSent;
    }

    /** @return bytes offered to the sink. */
    public long bytesSent()
    {
        return bytesSent;
    }

    /**
     * @return how long the guest was stopped: from the first {@link #finish} call to the END
     * frame taken by the sink, once it returned true.
     */
    public long pauseNs()
    {
        return pauseNs;
    }

    /** @return from {@link #start} to the END frame, once {@link #finish} returned true. */
    public long totalNs()
    {
        return totalNs;
    }
}
