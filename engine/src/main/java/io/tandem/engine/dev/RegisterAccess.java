package io.tandem.engine.dev;

/**
 * Byte and half-word views of 32-bit device registers: devices decode word registers and these
 * helpers make narrower accesses behave as a slice of the containing word.
 */
final class RegisterAccess
{
    private RegisterAccess()
    {
    }

    /** @return the bytes of {@code word} that a {@code sizeBytes} read at {@code offset} sees. */
    static int extract(final int word, final int offset, final int sizeBytes)
    {
        final int shift = (offset & 3) * 8;
        return sizeBytes == 4 ? word : (word >>> shift) & (sizeBytes == 1 ? 0xFF : 0xFFFF);
    }

    /** @return {@code word} with a {@code sizeBytes} write of {@code value} at {@code offset} merged in. */
    static int merge(final int word, final int offset, final int sizeBytes, final int value)
    {
        if (sizeBytes == 4)
        {
            return value;
        }
        final int shift = (offset & 3) * 8;
        final int mask = (sizeBytes == 1 ? 0xFF : 0xFFFF) << shift;
        return (word & ~mask) | ((value << shift) & mask);
    }
}
