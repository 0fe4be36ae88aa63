package io.tandem.codec;

/**
 * Payload layout of a {@link EntryType#STATE_HASH} entry that checks for divergence along the way
 * (kind {@link #KIND_INCREMENTAL}): cheap to compute, and detailed enough for the replica that
 * finds a mismatch to say what differs.
 * <pre>
 *   0               8       12      16              24              32              40      44      48
 *  +---------------+-------+-------+---------------+---------------+---------------+-------+-------+
 *  | combined hash |  pc   | kind  |   CSR hash    |  device hash  |  pages hash   | pages | rsvd  |
 *  +---------------+-------+-------+---------------+---------------+---------------+-------+-------+
 *  |  x1 .. x31 (31 x u32), then u32 zero                                          | 176
 *  +-------------------------------------------------------------------------------+
 * </pre>
 * The pages hash covers the index and contents of every page written since the previous check,
 * and {@code pages} counts them: a check costs the registers, the CSRs, the devices and the pages
 * the guest touched, not all of RAM. An entry with a 12-byte payload (hash, pc) is a full state
 * hash ({@link #KIND_FULL}), as logged where a pair compares its replicas at the end.
 */
public final class StateCheck
{
    /** A full state hash: payload {@code hash, pc} only. */
    public static final int KIND_FULL = 0;
    /** An incremental check with the layout above. */
    public static final int KIND_INCREMENTAL = 1;

    /** u64: a hash of every field below, the one compared first. */
    public static final int HASH_OFFSET = 0;
    /** u32: pc at the check. */
    public static final int PC_OFFSET = 8;
    /** u32: {@link #KIND_INCREMENTAL}. */
    public static final int KIND_OFFSET = 12;
    /** u64: hash of the CSRs, privilege, reservation and WFI state. */
    public static final int CSR_HASH_OFFSET = 16;
    /** u64: hash of the devices' state. */
    public static final int DEVICE_HASH_OFFSET = 24;
    /** u64: hash of the pages written since the previous check. */
    public static final int PAGES_HASH_OFFSET = 32;
    /** u32: how many pages were written since the previous check. */
    public static final int PAGES_OFFSET = 40;
    /** u32: x1 .. x31 from here, 4 bytes each. */
    public static final int REGISTERS_OFFSET = 48;
    /** Payload length of a full state hash entry. */
    public static final int FULL_LENGTH = 12;
    /** Payload length of an incremental check. */
    public static final int LENGTH = REGISTERS_OFFSET + 32 * 4;

    private StateCheck()
    {
    }
}
