package io.tandem.engine.machine;

import io.tandem.engine.dev.ConsoleSource;
import io.tandem.engine.dev.DiskRequests;
import io.tandem.engine.dev.EntropySource;
import io.tandem.engine.dev.MachineClock;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import org.agrona.MutableDirectBuffer;

/** Inputs straight from the machine's ports: a solo machine, and what a recorder records. */
public final class LiveInputs implements MachineInputs
{
    private final MachineClock clock;
    private final EntropySource entropy;
    private final int hostId;
    private final ConsoleSource console;
    private final PacketSource network;

    /**
     * @param clock   mtime.
     * @param entropy the seed CSR's source.
     * @param hostId  the host identity.
     * @param console console input.
     * @param network incoming frames.
     */
    public LiveInputs(
        final MachineClock clock, final EntropySource entropy, final int hostId,
        final ConsoleSource console, final PacketSource network)
    {
        this.clock = clock;
        this.entropy = entropy;
        this.hostId = hostId;
        this.console = console;
        this.network = network;
    }

    /** @return inputs from a context's ports. */
    public static LiveInputs from(final MachineContext context)
    {
        return new LiveInputs(context.clock(), context.entropy(), context.hostId(), context.consoleSource(),
            context.hasNetwork() ? context.packetSource() : PacketSource.NONE);
    }

    @Override
    public long mtime(final long icount)
    {
        return clock.mtime(icount);
    }

    @Override
    public boolean timerDue(final long icount, final long deadlineTicks)
    {
        return Long.compareUnsigned(clock.mtime(icount), deadlineTicks) >= 0;
    }

    @Override
    public boolean skipTo(final long icount, final long deadlineTicks)
    {
        return clock.skipTo(icount, deadlineTicks);
    }

    @Override
    public boolean timeIsVirtual()
    {
        return clock instanceof VirtualClock;
    }

    @Override
    public int entropy16(final long icount)
    {
        return entropy.next16() & 0xFFFF;
    }

    @Override
    public int hostId(final long icount)
    {
        return hostId;
    }

    @Override
    public int consoleInput(final long icount)
    {
        return console.poll();
    }

    @Override
    public int networkFrame(final long icount, final MutableDirectBuffer buffer)
    {
        return network.poll(buffer);
    }

    @Override
    public void diskRequested(final long icount, final DiskRequests disk)
    {
        disk.startQueued();
    }

    @Override
    public int diskCompletion(final long icount, final DiskRequests disk)
    {
        return disk.pollOldest();
    }

    @Override
    public void saveState(final StateWriter out)
    {
        out.putBoolean(clock instanceof VirtualClock);
        if (clock instanceof VirtualClock)
        {
            out.putLong(((VirtualClock)clock).skippedTicks());
        }
        out.putBoolean(entropy instanceof SeededEntropy);
        if (entropy instanceof SeededEntropy)
        {
            out.putLong(((SeededEntropy)entropy).state());
        }
    }

    @Override
    public void loadState(final StateReader in)
    {
        if (in.remaining() == 0)
        {
            return; // saved by a replay, whose inputs have no position: this machine's own go on
        }
        if (in.getBoolean() != clock instanceof VirtualClock)
        {
            throw in.error("the snapshot was taken on a " + (clock instanceof VirtualClock ? "host" : "virtual") +
                " clock, this machine's is not");
        }
        if (clock instanceof VirtualClock)
        {
            ((VirtualClock)clock).skippedTicks(in.getLong());
        }
        if (in.getBoolean() && entropy instanceof SeededEntropy)
        {
            ((SeededEntropy)entropy).state(in.getLong());
        }
    }
}
