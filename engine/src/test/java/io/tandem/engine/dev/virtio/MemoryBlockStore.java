package io.tandem.engine.dev.virtio;

import io.tandem.engine.dev.BlockStore;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** An in-memory disk for device tests, which can be told to fail. */
class MemoryBlockStore implements BlockStore
{
    final byte[] bytes;
    boolean failing;
    int flushes;

    MemoryBlockStore(final int sectors)
    {
        bytes = new byte[sectors * SECTOR_BYTES];
    }

    @Override
    public long capacitySectors()
    {
        return bytes.length / SECTOR_BYTES;
    }

    @Override
    public boolean read(final long position, final MutableDirectBuffer dst, final int dstOffset, final int length)
    {
        if (failing)
        {
            return false;
        }
        dst.putBytes(dstOffset, bytes, (int)position, length);
        return true;
    }

    @Override
    public boolean write(final long position, final DirectBuffer src, final int srcOffset, final int length)
    {
        if (failing)
        {
            return false;
        }
        src.getBytes(srcOffset, bytes, (int)position, length);
        return true;
    }

    @Override
    public boolean flush()
    {
        flushes++;
        return !failing;
    }

    @Override
    public void close()
    {
    }
}
