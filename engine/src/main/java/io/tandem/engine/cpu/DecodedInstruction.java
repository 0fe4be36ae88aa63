package io.tandem.engine.cpu;

/**
 * Layout of a decoded instruction packed into one {@code long}, so that dispatch costs one array
 * load per instruction:
 * <pre>
 *   63                              32 31  29 28  24 23   19 18   14 13    8 7       0
 *  +----------------------------------+------+------+-------+-------+-------+---------+
 *  |    immediate (sign-extended)     | len  | aux  |  rs2  |  rs1  |  rd   |   op    |
 *  +----------------------------------+------+------+-------+-------+-------+---------+
 * </pre>
 * {@code rd} is 6 bits: a write to x0 is decoded as a write to {@link #SINK_REGISTER}, which is
 * never read, so the hot path needs no "is it x0" test. {@code len} is the instruction's length
 * in bytes, 4 or 2 (a compressed instruction decodes to the same op as its 32-bit expansion), so
 * that the next pc is one shift of the decoded value away.
 */
public final class DecodedInstruction
{
    /** Register index that absorbs writes to x0. */
    public static final int SINK_REGISTER = 32;

    /** The slot of a compiled region's entry: {@link Op#REGION_ENTRY} and nothing else. */
    public static final long REGION_ENTRY_MARK = Op.REGION_ENTRY;

    /** The slot of a 32-bit instruction that straddles two pages: {@link Op#STRADDLING} and nothing else. */
    public static final long STRADDLING_MARK = Op.STRADDLING;

    /** Bit of the length field: the length in bytes is {@code (int)d >>> LENGTH_SHIFT}. */
    static final int LENGTH_SHIFT = 29;

    /** Packs a 32-bit instruction. */
    static long pack(final int op, final int rd, final int rs1, final int rs2, final int aux, final int imm)
    {
        return pack(op, rd, rs1, rs2, aux, imm, 4);
    }

    /** Packs an instruction of {@code lengthBytes} bytes (2 for a compressed one). */
    static long pack(final int op, final int rd, final int rs1, final int rs2, final int aux, final int imm, final int lengthBytes)
    {
        final int rdSlot = rd == 0 ? SINK_REGISTER : rd;
        return (op & 0xFFL) |
            ((long)rdSlot << 8) |
            ((long)rs1 << 14) |
            ((long)rs2 << 19) |
            ((long)(aux & 0x1F) << 24) |
            ((long)lengthBytes << LENGTH_SHIFT) |
            ((long)imm << 32);
    }

    /** @return the internal opcode ({@link Op}). */
    public static int op(final long d)
    {
        return (int)d & 0xFF;
    }

    /** @return the destination register slot ({@link #SINK_REGISTER} for x0). */
    public static int rd(final long d)
    {
        return (int)(d >>> 8) & 0x3F;
    }

    /** @return the first source register. */
    public static int rs1(final long d)
    {
        return (int)(d >>> 14) & 0x1F;
    }

    /** @return the second source register. */
    public static int rs2(final long d)
    {
        return (int)(d >>> 19) & 0x1F;
    }

    /** @return the auxiliary field (SYSTEM kind, CSR funct3, AMO funct5, a cold branch's real op). */
    public static int aux(final long d)
    {
        return (int)(d >>> 24) & 0x1F;
    }

    /** @return {@code d} with the op of its 32-bit form: {@link Op#COMPRESSED} taken off a compressed op. */
    public static long uncompressed(final long d)
    {
        return d & ~(long)Op.COMPRESSED;
    }

    /** @return the instruction's length in bytes: 4, or 2 for a compressed instruction. */
    public static int length(final long d)
    {
        return (int)d >>> LENGTH_SHIFT;
    }

    /** @return the immediate: an absolute target for branches and JAL. */
    public static int imm(final long d)
    {
        return (int)(d >> 32);
    }

    private DecodedInstruction()
    {
    }
}
