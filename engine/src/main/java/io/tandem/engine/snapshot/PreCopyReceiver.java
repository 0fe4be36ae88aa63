package io.tandem.engine.snapshot;

import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.mem.WrittenPages;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Builds a new replica's machine from a {@link PreCopySender}'s frames: pages go straight into
 * its RAM as they come (a page sent again overwrites the older copy), the components' state is
 * gathered and loaded at the END frame, whose instruction count and state hash the machine must
 * then have. A frame with a bad checksum, length or order, or a machine that does not match the
 * sender's, is refused with a {@link SnapshotFormatException} naming the frame.
 */
public final class PreCopyReceiver
{
    private final Machine machine;
    private final byte[] elfSha256;
    private final String source;
    private final TransferFrame frame = new TransferFrame();
    private final ExpandableDirectByteBuffer stateBlob = new ExpandableDirectByteBuffer(64 * 1024);
    private long frames;
    private boolean begun;
    private long framesBeforeBegin;
    private boolean complete;
    private int stateReceived;
    private long journalSequence = -1;
    private long pagesReceived;
    private long pairGeneration;
    private BlockStore disk;

    /**
     * @param machine   a new machine built like the sender's, not run.
     * @param elfSha256 SHA-256 of the guest ELF it is for.
     * @param source    names the sender in messages.
     */
    public PreCopyReceiver(final Machine machine, final byte[] elfSha256, final String source)
    {
        this.machine = machine;
        this.elfSha256 = elfSha256.clone();
        this.source = source;
    }

    /**
     * @param store the new replica's disk image, empty, for the sender's disk blocks.
     * @return this.
     */
    public PreCopyReceiver disk(final BlockStore store)
    {
        this.disk = store;
        return this;
    }

    /**
     * Applies one frame.
     *
     * @throws SnapshotFormatException when the frame is damaged, out of order or for another machine.
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        frames++;
        if (complete)
        {
            throw error("a frame after the END frame");
        }
        if (length < TransferFrame.HEADER_LENGTH)
        {
            throw error("a frame of " + length + " bytes, shorter than its header");
        }
        frame.wrap(buffer, offset);
        if (frame.length() != length - TransferFrame.HEADER_LENGTH)
        {
            throw error("type " + frame.type() + " says " + frame.length() + " bytes of body, " +
                (length - TransferFrame.HEADER_LENGTH) + " came");
        }
        if (TransferFrame.Crc.of(buffer, frame.bodyOffset(), frame.length()) != frame.crc())
        {
            throw error("checksum mismatch (frame type " + frame.type() + ", index " + frame.index() + ")");
        }
        if (!begun && frame.type() != TransferFrame.BEGIN)
        {
            // A transfer joined part-way: a subscriber that replaces a dead backup on the same
            // endpoint can see a stream from where it stands, not from its start. Its tail is
            // dropped; the joiner keeps asking, and the primary's next transfer starts with BEGIN.
            framesBeforeBegin++;
            return;
        }
        switch (frame.type())
        {
            case TransferFrame.BEGIN:
                onBegin(buffer);
                break;
            case TransferFrame.PAGE:
                onPage(buffer);
                break;
            case TransferFrame.STATE:
                onState(buffer);
                break;
            case TransferFrame.DISK:
                onDisk(buffer);
                break;
            case TransferFrame.END:
                onEnd(buffer);
                break;
            default:
                throw error("unknown frame type " + frame.type());
        }
    }

    private void onBegin(final DirectBuffer buffer)
    {
        if (begun || frame.length() != SnapshotHeader.LENGTH)
        {
            throw error(begun ? "a second BEGIN frame" : "a BEGIN frame of " + frame.length() + " bytes");
        }
        final UnsafeBuffer header = new UnsafeBuffer(new byte[SnapshotHeader.LENGTH]);
        header.putBytes(0, buffer, frame.bodyOffset(), SnapshotHeader.LENGTH);
        final SnapshotInfo info = new SnapshotHeader().wrap(header).info();
        SnapshotFile.checkMachine(source, info, machine, elfSha256);
        begun = true;
    }

    private void onPage(final DirectBuffer buffer)
    {
        final int page = frame.index();
        if (frame.length() != WrittenPages.PAGE_BYTES || page < 0 || page >= machine.ram().writtenPages().pages())
        {
            throw error("page " + page + " of " + frame.length() + " bytes does not fit this machine's RAM");
        }
        machine.ram().buffer().putBytes(page << WrittenPages.PAGE_SHIFT, buffer, frame.bodyOffset(),
            WrittenPages.PAGE_BYTES);
        pagesReceived++;
    }

    private void onDisk(final DirectBuffer buffer)
    {
        final long block = frame.index() & 0xFFFF_FFFFL;
        if (disk == null)
        {
            throw error("a disk block came, and this machine was given no disk image to write it to");
        }
        if (frame.length() != TransferFrame.DISK_BLOCK_BYTES ||
            (block + 1) * TransferFrame.DISK_BLOCK_BYTES > disk.capacitySectors() * 512)
        {
            throw error("disk block " + block + " of " + frame.length() + " bytes does not fit the disk image");
        }
        if (!disk.write(block * TransferFrame.DISK_BLOCK_BYTES, buffer, frame.bodyOffset(), frame.length()))
        {
            throw error("cannot write disk block " + block + " to the disk image");
        }
    }

    private void onState(final DirectBuffer buffer)
    {
        if (frame.value() != stateReceived)
        {
            throw error("a state piece at offset " + frame.value() + " where " + stateReceived + " was due");
        }
        stateBlob.putBytes(stateReceived, buffer, frame.bodyOffset(), frame.length());
        stateReceived += frame.length();
    }

    private void onEnd(final DirectBuffer buffer)
    {
        if (frame.index() != stateReceived || frame.length() != TransferFrame.END_BODY_LENGTH)
        {
            throw error("END announces " + frame.index() + " bytes of state, " + stateReceived + " came");
        }
        final long icount = buffer.getLong(frame.bodyOffset(), ByteOrder.LITTLE_ENDIAN);
        final long stateHash = buffer.getLong(frame.bodyOffset() + 8, ByteOrder.LITTLE_ENDIAN);
        final boolean verify = buffer.getLong(frame.bodyOffset() + 16, ByteOrder.LITTLE_ENDIAN) != 0;
        final long generation = buffer.getLong(frame.bodyOffset() + 24, ByteOrder.LITTLE_ENDIAN);
        final SectionReader sections = new SectionReader(source, stateBlob);
        final int count = stateBlob.getInt(0, ByteOrder.LITTLE_ENDIAN);
        if (count < 0 || count > SnapshotSection.values().length || 4 + 12 * count > stateReceived)
        {
            throw error("a state of " + count + " sections");
        }
        for (int i = 0; i < count; i++)
        {
            final SnapshotSection section = SnapshotSection.ofTag(stateBlob.getInt(4 + 12 * i, ByteOrder.LITTLE_ENDIAN));
            final int start = stateBlob.getInt(8 + 12 * i, ByteOrder.LITTLE_ENDIAN);
            final int length = stateBlob.getInt(12 + 12 * i, ByteOrder.LITTLE_ENDIAN);
            if (section == null || start < 0 || length < 0 || start > stateReceived - length)
            {
                throw error("state section " + i + " does not fit the " + stateReceived + " bytes received");
            }
            sections.add(section, start, length, start);
        }
        // Pages came in through the host's back door: no decoded instruction may survive them.
        machine.loadState(sections);
        if (machine.icount() != icount || (verify && machine.stateHash() != stateHash))
        {
            throw error(String.format("the machine built is at instruction %d with state hash %016x, the sender's " +
                "was at %d with %016x", machine.icount(), machine.stateHash(), icount, stateHash));
        }
        journalSequence = frame.value();
        pairGeneration = generation;
        complete = true;
    }

    private SnapshotFormatException error(final String what)
    {
        return new SnapshotFormatException(source + ": state transfer frame " + frames + ": " + what);
    }

    /** @return true once the END frame was applied: the machine holds the sender's state. */
    public boolean complete()
    {
        return complete;
    }

    /** @return the journal sequence the state follows (the log goes on from the next), once complete. */
    public long journalSequence()
    {
        return journalSequence;
    }

    /** @return the pair generation the sender gave this replica (0: none), once complete. */
    public long pairGeneration()
    {
        return pairGeneration;
    }

    /** @return pages received, counting pages sent again. */
    public long pagesReceived()
    {
        return pagesReceived;
    }

    /** @return true once the transfer's BEGIN frame has come. */
    public boolean begun()
    {
        return begun;
    }

    /** @return frames dropped because they came before any BEGIN (the tail of a transfer joined part-way). */
    public long framesBeforeBegin()
    {
        return framesBeforeBegin;
    }
}
