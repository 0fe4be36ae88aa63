package io.tandem.codec;

import org.agrona.DirectBuffer;
import org.agrona.checksum.Crc32c;

import java.util.zip.CRC32C;

/** CRC32C over a region of an Agrona buffer, allocation-free for off-heap buffers. */
final class Checksums
{
    private Checksums()
    {
    }

    static int crc32c(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (array == null)
        {
            return Crc32c.INSTANCE.compute(buffer.addressOffset(), offset, length);
        }
        // Heap-backed buffers (tests, tools) take the JDK's intrinsic over the array.
        final CRC32C crc = new CRC32C();
        crc.update(array, (int)(buffer.addressOffset() - org.agrona.BufferUtil.ARRAY_BASE_OFFSET) + offset, length);
        return (int)crc.getValue();
    }
}
