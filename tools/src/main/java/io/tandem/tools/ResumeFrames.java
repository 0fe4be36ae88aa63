package io.tandem.tools;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.PacketSink;
import org.agrona.DirectBuffer;

/**
 * The outputs of a restored machine, its network card's frames and its console: dropped while it
 * replays (the recording sent them already), let through once it goes on live.
 */
final class ResumeFrames implements PacketSink, ConsoleSink
{
    private PacketSink target = PacketSink.DISCARD;
    private ConsoleSink console = ConsoleSink.DISCARD;

    /** From now on frames go to {@code live} (null: nowhere) and console bytes to {@code liveConsole}. */
    void goLive(final PacketSink live, final ConsoleSink liveConsole)
    {
        target = live == null ? PacketSink.DISCARD : live;
        console = liveConsole;
    }

    @Override
    public void write(final byte b)
    {
        console.write(b);
    }

    @Override
    public void flush()
    {
        console.flush();
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        target.send(buffer, offset, length);
    }
}
