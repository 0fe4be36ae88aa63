package io.tandem.tools.replay;

import io.tandem.engine.dev.PacketSink;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/** Keeps a copy of every frame a machine sends, in order, and passes each on to the real sink. */
final class CapturingPacketSink implements PacketSink
{
    private final PacketSink next;
    private final List<byte[]> frames = new ArrayList<>();

    /** @param next where frames go on to: the UDP bridge, or {@link PacketSink#DISCARD} for a replay. */
    CapturingPacketSink(final PacketSink next)
    {
        this.next = next;
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        synchronized (frames)
        {
            frames.add(frame);
        }
        next.send(buffer, offset, length);
    }

    /** @return the frames sent so far, oldest first. */
    List<byte[]> frames()
    {
        synchronized (frames)
        {
            return new ArrayList<>(frames);
        }
    }
}
