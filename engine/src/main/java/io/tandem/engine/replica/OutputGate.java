package io.tandem.engine.replica;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.PacketSink;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongSupplier;

/**
 * The output rule: every output the primary's guest produces (console bytes, network frames) is
 * tagged with the sequence number of the last log entry written before it, and leaves only once
 * the backup has acknowledged that entry. The guest keeps running meanwhile; only outputs wait,
 * in an off-heap ring. A primary without a backup opens the gate ({@link #passThrough()}).
 * <p>
 * Single-threaded: the primary's thread produces, and releases when acknowledgements arrive.
 * <pre>
 *   record: | tag (u64) | kind (u32) | length (u32) | bytes ... |
 * </pre>
 */
public final class OutputGate
{
    private static final int TAG_OFFSET = 0;
    private static final int KIND_OFFSET = 8;
    private static final int LENGTH_OFFSET = 12;
    private static final int BYTES_OFFSET = 16;
    private static final int KIND_CONSOLE = 1;
    private static final int KIND_FRAME = 2;
    private static final int CONSOLE_BATCH = 256;

    private final ConsoleSink console;
    private final PacketSink network;
    private final LongSupplier lastLoggedSequence;
    private final ExpandableRingBuffer held = new ExpandableRingBuffer(64 * 1024, 1 << 28, true);
    private final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(BYTES_OFFSET + 64 * 1024));
    private final ExpandableRingBuffer.MessageConsumer releaser = this::releaseOne;
    private final ExpandableRingBuffer.MessageConsumer discarder = this::discardOne;
    private int pendingConsoleBytes;
    private long pendingConsoleTag;
    private boolean passThrough;
    private long releaseUpTo;
    private long heldOutputs;
    private long releasedOutputs;
    private long discardUpTo;
    private long discardedOutputs;
    private PrimaryEvents events = PrimaryEvents.NONE;

    /**
     * @param console            where released console bytes go.
     * @param network            where released frames go.
     * @param lastLoggedSequence the recorder's last logged sequence number at the time of an output.
     */
    public OutputGate(final ConsoleSink console, final PacketSink network, final LongSupplier lastLoggedSequence)
    {
        this.console = console;
        this.network = network;
        this.lastLoggedSequence = lastLoggedSequence;
    }

    /** @return the gate's side that the guest's UART writes to. */
    public ConsoleSink consoleSide()
    {
        return new ConsoleSink()
        {
            @Override
            public void write(final byte b)
            {
                gateConsole(b);
            }

            @Override
            public void flush()
            {
                if (passThrough)
                {
                    console.flush();
                }
            }
        };
    }

    /** @return the gate's side that the guest's network card sends to. */
    public PacketSink networkSide()
    {
        return this::gateFrame;
    }

    private void gateConsole(final byte b)
    {
        if (passThrough)
        {
            console.write(b);
            return;
        }
        final long tag = lastLoggedSequence.getAsLong();
        if (pendingConsoleBytes > 0 && (tag != pendingConsoleTag || pendingConsoleBytes == CONSOLE_BATCH))
        {
            sealConsole();
        }
        pendingConsoleTag = tag;
        record.putByte(BYTES_OFFSET + pendingConsoleBytes++, b);
    }

    private void sealConsole()
    {
        record.putLong(TAG_OFFSET, pendingConsoleTag, ByteOrder.LITTLE_ENDIAN);
        record.putInt(KIND_OFFSET, KIND_CONSOLE, ByteOrder.LITTLE_ENDIAN);
        record.putInt(LENGTH_OFFSET, pendingConsoleBytes, ByteOrder.LITTLE_ENDIAN);
        append(BYTES_OFFSET + pendingConsoleBytes);
        pendingConsoleBytes = 0;
    }

    private void gateFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (passThrough)
        {
            network.send(buffer, offset, length);
            events.frameSent();
            return;
        }
        if (pendingConsoleBytes > 0)
        {
            sealConsole(); // keep console and frames in the order the guest produced them
        }
        // A frame staged in the console buffer's place: build the record after the console batch is sealed.
        record.putLong(TAG_OFFSET, lastLoggedSequence.getAsLong(), ByteOrder.LITTLE_ENDIAN);
        record.putInt(KIND_OFFSET, KIND_FRAME, ByteOrder.LITTLE_ENDIAN);
        record.putInt(LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        record.putBytes(BYTES_OFFSET, buffer, offset, length);
        append(BYTES_OFFSET + length);
        events.outputHeld(record.getLong(TAG_OFFSET, ByteOrder.LITTLE_ENDIAN));
        if (RequestTimeline.ENABLED)
        {
            RequestTimeline.PAIR.held(record.getLong(TAG_OFFSET, ByteOrder.LITTLE_ENDIAN));
        }
    }

    private void append(final int length)
    {
        if (!held.append(record, 0, length))
        {
            throw new IllegalStateException("output gate full: " + held.size() + " bytes held; the backup is not acknowledging");
        }
        heldOutputs++;
    }

    /**
     * Releases every output whose tag the backup has acknowledged.
     *
     * @param ackedSequence the highest log sequence the backup has acknowledged.
     * @return outputs released.
     */
    public int release(final long ackedSequence)
    {
        if (pendingConsoleBytes > 0 && pendingConsoleTag <= ackedSequence)
        {
            sealConsole();
        }
        releaseUpTo = ackedSequence;
        final long before = releasedOutputs;
        held.consume(releaser, Integer.MAX_VALUE);
        if (releasedOutputs != before)
        {
            console.flush();
            events.outputsReleased((int)(releasedOutputs - before));
        }
        return (int)(releasedOutputs - before);
    }

    private boolean releaseOne(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        final long tag = buffer.getLong(offset + TAG_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (tag > releaseUpTo)
        {
            return false; // outputs leave in order: stop at the first one still waiting
        }
        final int kind = buffer.getInt(offset + KIND_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int bytes = buffer.getInt(offset + LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (kind == KIND_CONSOLE)
        {
            for (int i = 0; i < bytes; i++)
            {
                console.write(buffer.getByte(offset + BYTES_OFFSET + i));
            }
        }
        else
        {
            if (RequestTimeline.ENABLED)
            {
                RequestTimeline.PAIR.released();
            }
            network.send(buffer, offset + BYTES_OFFSET, bytes);
            events.frameSent();
            if (RequestTimeline.ENABLED)
            {
                RequestTimeline.PAIR.sent();
            }
        }
        releasedOutputs++;
        return true;
    }

    /**
     * Drops, unsent, every held output whose tag is at most {@code upToTag}: on a backup, the
     * outputs that the primary has said it released. Only those still in doubt stay, to be let
     * out again if the backup goes live.
     *
     * @param upToTag the primary's release position.
     * @return outputs dropped.
     */
    public int discard(final long upToTag)
    {
        if (pendingConsoleBytes > 0 && pendingConsoleTag <= upToTag)
        {
            sealConsole();
        }
        discardUpTo = upToTag;
        final long before = discardedOutputs;
        held.consume(discarder, Integer.MAX_VALUE);
        return (int)(discardedOutputs - before);
    }

    private boolean discardOne(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        if (buffer.getLong(offset + TAG_OFFSET, ByteOrder.LITTLE_ENDIAN) > discardUpTo)
        {
            return false;
        }
        discardedOutputs++;
        return true;
    }

    /** Releases everything held and lets later outputs straight through: the primary runs alone. */
    public void passThrough()
    {
        release(Long.MAX_VALUE);
        passThrough = true;
    }

    /**
     * Holds outputs again, from the next one on, for a new backup that joined by state transfer:
     * the output rule applies once more.
     */
    public void hold()
    {
        passThrough = false;
    }

    /** @return true once the gate lets outputs straight through. */
    public boolean isPassThrough()
    {
        return passThrough;
    }

    /** @return bytes of outputs waiting for an acknowledgement. */
    public int heldBytes()
    {
        return held.size() + pendingConsoleBytes;
    }

    /**
     * @param events told of each held, released and sent output (the primary's thread's only).
     */
    public void events(final PrimaryEvents events)
    {
        this.events = events;
    }

    /** @return outputs held so far, in all. */
    public long heldOutputs()
    {
        return heldOutputs;
    }

    /** @return outputs dropped unsent so far, in all. */
    public long discardedOutputs()
    {
        return discardedOutputs;
    }

    /** @return outputs released so far, in all. */
    public long releasedOutputs()
    {
        return releasedOutputs;
    }
}
