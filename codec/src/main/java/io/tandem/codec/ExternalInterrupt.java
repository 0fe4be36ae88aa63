package io.tandem.codec;

/**
 * Payload layout of an {@link EntryType#EXTERNAL_INTERRUPT} entry, little-endian: 8 bytes, a
 * 40-byte entry.
 * <pre>
 *   0               4               8
 *  +---------------+---------------+
 *  |    source     |     level     |
 *  +---------------+---------------+
 * </pre>
 * {@code source} is the PLIC source number (1..), {@code level} 1 when the line rises, 0 when it
 * falls.
 */
public final class ExternalInterrupt
{
    /** u32 PLIC source number. */
    public static final int SOURCE_OFFSET = 0;
    /** u32 line level, 0 or 1. */
    public static final int LEVEL_OFFSET = SOURCE_OFFSET + 4;
    /** Payload length. */
    public static final int LENGTH = LEVEL_OFFSET + 4;

    private ExternalInterrupt()
    {
    }
}
