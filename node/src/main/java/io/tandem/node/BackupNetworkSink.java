package io.tandem.node;

import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.replica.BackupReplica;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The network side behind the backup's output gate. It notes when the backup, once live, sends
 * its first frame of its own (the first reply from the new primary), and counts the frames sent
 * before that: the outputs held while following, let out again when the backup went live, which
 * clients drop as duplicates.
 */
final class BackupNetworkSink implements PacketSink
{
    private final PacketSink delegate;
    private final AtomicLong firstLiveSendNs = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private BackupReplica backup;
    private boolean live;
    private long resentCount;

    BackupNetworkSink(final PacketSink delegate)
    {
        this.delegate = delegate;
    }

    /** Set before the backup's thread starts. */
    void backup(final BackupReplica backup)
    {
        this.backup = backup;
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!live)
        {
            // The held outputs go out inside goLive, before it records the time it went live.
            if (backup.wentLiveNs() != 0)
            {
                live = true;
                firstLiveSendNs.lazySet(System.nanoTime());
            }
            else
            {
                resent.lazySet(++resentCount);
            }
        }
        delegate.send(buffer, offset, length);
    }

    /** @return when the live backup sent its first frame ({@link System#nanoTime()}), or 0. */
    long firstLiveSendNs()
    {
        return firstLiveSendNs.get();
    }

    /** @return frames held while following and sent again on going live. */
    long resent()
    {
        return resent.get();
    }
}
