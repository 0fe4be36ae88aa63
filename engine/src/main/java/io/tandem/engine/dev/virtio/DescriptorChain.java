package io.tandem.engine.dev.virtio;

/**
 * The buffers of one descriptor chain, read out of the descriptor table into reused arrays so
 * that walking a chain allocates nothing.
 */
final class DescriptorChain
{
    int head;
    int count;
    final long[] address;
    final int[] length;
    final boolean[] deviceWritable;

    DescriptorChain(final int capacity)
    {
        address = new long[capacity];
        length = new int[capacity];
        deviceWritable = new boolean[capacity];
    }

    /** @return total bytes of the device-readable buffers. */
    long readableBytes()
    {
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            if (!deviceWritable[i])
            {
                total += Integer.toUnsignedLong(length[i]);
            }
        }
        return total;
    }

    /** @return total bytes of the device-writable buffers. */
    long writableBytes()
    {
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            if (deviceWritable[i])
            {
                total += Integer.toUnsignedLong(length[i]);
            }
        }
        return total;
    }
}
