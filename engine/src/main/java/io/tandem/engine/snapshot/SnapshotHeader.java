package io.tandem.engine.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over a snapshot file's fixed header, little-endian:
 * <pre>
 *   0                   4                   8                  12                  16
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |            magic "TANDEMSN"           |      version      |   header length   |
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |     RAM bytes     |  check interval   |   device flags    |   section count   |
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |                icount                 |   journal sequence (-1: no journal)   |
 *   +---------------------------------------+---------------------------------------+
 *   |              state hash               |   ELF SHA-256 (32 bytes) ...          |
 *   +---------------------------------------+                                       |
 *   |                                                           +-------------------+
 *   |                                                           | created (ms) ...  |
 *   +-------------------------------------------------------------------------------+
 *   | ... created       | reserved, zero (28 bytes)                                 |
 *   +                                                           +-------------------+
 *   |                                                           | CRC32C of 0..124  |
 *   +-----------------------------------------------------------+-------------------+
 * </pre>
 * Sections follow the header: each a 16-byte section header (tag, CRC32C of the body, body
 * length as a long) and its body.
 */
public final class SnapshotHeader
{
    /** "TANDEMSN" read as a little-endian long. */
    public static final long MAGIC = 0x4E53_4D45_444E_4154L;
    /** The version this build writes and reads. */
    public static final int VERSION = 1;

    /** Offset of a field, see the diagram. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of a field, see the diagram. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + 8;
    /** Offset of a field, see the diagram. */
    public static final int HEADER_LENGTH_OFFSET = VERSION_OFFSET + 4;
    /** Offset of a field, see the diagram. */
    public static final int RAM_BYTES_OFFSET = HEADER_LENGTH_OFFSET + 4;
    /** Offset of a field, see the diagram. */
    public static final int CHECK_INTERVAL_OFFSET = RAM_BYTES_OFFSET + 4;
    /** Offset of a field, see the diagram. */
    public static final int FLAGS_OFFSET = CHECK_INTERVAL_OFFSET + 4;
    /** Offset of a field, see the diagram. */
    public static final int SECTION_COUNT_OFFSET = FLAGS_OFFSET + 4;
    /** Offset of a field, see the diagram. */
    public static final int ICOUNT_OFFSET = SECTION_COUNT_OFFSET + 4;
    /** Offset of a field, see the diagram. */
    public static final int JOURNAL_SEQUENCE_OFFSET = ICOUNT_OFFSET + 8;
    /** Offset of a field, see the diagram. */
    public static final int STATE_HASH_OFFSET = JOURNAL_SEQUENCE_OFFSET + 8;
    /** Offset of a field, see the diagram. */
    public static final int ELF_SHA256_OFFSET = STATE_HASH_OFFSET + 8;
    /** Offset of a field, see the diagram. */
    public static final int CREATED_MS_OFFSET = ELF_SHA256_OFFSET + 32;
    /** Offset of a field, see the diagram. */
    public static final int CRC_OFFSET = 124;
    /** Bytes of the header. */
    public static final int LENGTH = CRC_OFFSET + 4;

    /** The machine has a network card. */
    public static final int FLAG_NET = 1;
    /** The machine has a disk. */
    public static final int FLAG_DISK = 2;

    /** Bytes of each section's own header: tag, CRC32C, body length. */
    public static final int SECTION_HEADER_LENGTH = 16;
    /** Offset of a field, see the diagram. */
    public static final int SECTION_TAG_OFFSET = 0;
    /** Offset of a field, see the diagram. */
    public static final int SECTION_CRC_OFFSET = 4;
    /** Offset of a field, see the diagram. */
    public static final int SECTION_LENGTH_OFFSET = 8;

    private MutableDirectBuffer buffer;

    /** Wraps a buffer holding (or to hold) a header at offset 0. */
    public SnapshotHeader wrap(final MutableDirectBuffer buffer)
    {
        this.buffer = buffer;
        return this;
    }

    /** @return the buffer. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return the magic, {@link #MAGIC} in a snapshot. */
    public long magic()
    {
        return buffer.getLong(MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the format version. */
    public int version()
    {
        return buffer.getInt(VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the header's length, {@link #LENGTH}. */
    public int headerLength()
    {
        return buffer.getInt(HEADER_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return guest RAM size in bytes. */
    public int ramBytes()
    {
        return buffer.getInt(RAM_BYTES_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the interrupt check interval in instructions. */
    public int checkInterval()
    {
        return buffer.getInt(CHECK_INTERVAL_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return {@link #FLAG_NET} and {@link #FLAG_DISK}. */
    public int flags()
    {
        return buffer.getInt(FLAGS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return sections after the header, RAM included. */
    public int sectionCount()
    {
        return buffer.getInt(SECTION_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return instructions retired at the save. */
    public long icount()
    {
        return buffer.getLong(ICOUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the last journal entry the state contains, or -1. */
    public long journalSequence()
    {
        return buffer.getLong(JOURNAL_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the machine's state hash at the save. */
    public long stateHash()
    {
        return buffer.getLong(STATE_HASH_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return a copy of the guest ELF's SHA-256. */
    public byte[] elfSha256()
    {
        final byte[] digest = new byte[32];
        buffer.getBytes(ELF_SHA256_OFFSET, digest);
        return digest;
    }

    /** @return wall-clock time of the save, ms since the epoch. */
    public long createdMs()
    {
        return buffer.getLong(CREATED_MS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the header's CRC32C. */
    public int crc()
    {
        return buffer.getInt(CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** Fills every field but the CRC, zeroing the reserved bytes. */
    public SnapshotHeader fill(final SnapshotInfo info, final int sectionCount)
    {
        buffer.setMemory(0, LENGTH, (byte)0);
        buffer.putLong(MAGIC_OFFSET, MAGIC, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(VERSION_OFFSET, VERSION, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(HEADER_LENGTH_OFFSET, LENGTH, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(RAM_BYTES_OFFSET, info.ramBytes(), ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(CHECK_INTERVAL_OFFSET, info.checkInterval(), ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(FLAGS_OFFSET, (info.network() ? FLAG_NET : 0) | (info.disk() ? FLAG_DISK : 0),
            ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(SECTION_COUNT_OFFSET, sectionCount, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(ICOUNT_OFFSET, info.icount(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(JOURNAL_SEQUENCE_OFFSET, info.journalSequence(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(STATE_HASH_OFFSET, info.stateHash(), ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(ELF_SHA256_OFFSET, info.elfSha256());
        buffer.putLong(CREATED_MS_OFFSET, info.createdMs(), ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /** Sets the CRC. */
    public SnapshotHeader crc(final int crc)
    {
        buffer.putInt(CRC_OFFSET, crc, ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /** @return what the header says, as a value. */
    public SnapshotInfo info()
    {
        return new SnapshotInfo(icount(), journalSequence(), stateHash(), ramBytes(), checkInterval(),
            (flags() & FLAG_NET) != 0, (flags() & FLAG_DISK) != 0, elfSha256(), createdMs());
    }
}
