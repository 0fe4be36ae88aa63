package io.tandem.engine.cpu;

import static io.tandem.engine.cpu.DecodedInstruction.pack;

/**
 * Decodes a 16-bit RV32C instruction into the {@link DecodedInstruction} form of its 32-bit
 * expansion, with length 2, so that both engines run it as the instruction it stands for. The
 * floating-point encodings (C.FLD, C.FLW, C.FSD, C.FSW and their SP forms), the RV64-only ones
 * and the reserved ones decode to {@link Op#ILLEGAL} with the 16 bits as mtval. HINTs (a write
 * to x0, a zero shift, C.NOP with an immediate) run as the no-ops their expansions are.
 */
final class CompressedDecoder
{
    private static final int SP = 2;
    private static final int RA = 1;

    private CompressedDecoder()
    {
    }

    /**
     * @param half         the instruction's 16 bits (low two bits not {@code 11}).
     * @param pc           its address: branch and jump targets become absolute.
     * @param ramHalfwords RAM size in halfwords, which decides whether jump targets are fetchable.
     * @return the decoded form.
     */
    static long decode(final int half, final int pc, final int ramHalfwords)
    {
        final int funct3 = half >>> 13;
        switch (half & 3)
        {
            case 0: return quadrant0(half, funct3);
            case 1: return quadrant1(half, funct3, pc, ramHalfwords);
            default: return quadrant2(half, funct3);
        }
    }

    private static long quadrant0(final int half, final int funct3)
    {
        final int rdOrRs2 = 8 + ((half >>> 2) & 7);
        final int rs1 = 8 + ((half >>> 7) & 7);
        switch (funct3)
        {
            case 0: // C.ADDI4SPN; nzuimm 0 is reserved, which also makes the all-zero halfword illegal
            {
                final int imm = ((half >>> 7) & 0x30) | ((half >>> 1) & 0x3C0) | ((half >>> 4) & 0x4) | ((half >>> 2) & 0x8);
                return imm == 0 ? illegal(half) : op(Op.ADDI, rdOrRs2, SP, 0, imm);
            }
            case 2: // C.LW
                return op(Op.LW, rdOrRs2, rs1, 0, wordOffset(half));
            case 6: // C.SW
                return op(Op.SW, 0, rs1, rdOrRs2, wordOffset(half));
            default: // C.FLD, C.FLW, C.FSD, C.FSW, and the reserved funct3 4
                return illegal(half);
        }
    }

    private static long quadrant1(final int half, final int funct3, final int pc, final int ramHalfwords)
    {
        final int rd = (half >>> 7) & 31;
        final int imm6 = ((half << 19) >> 26 & ~31) | ((half >>> 2) & 31);
        switch (funct3)
        {
            case 0: // C.ADDI (C.NOP when rd is x0)
                return op(Op.ADDI, rd, rd, 0, imm6);
            case 1: // C.JAL (RV32 only)
                return jump(RA, pc + jumpOffset(half), ramHalfwords);
            case 2: // C.LI
                return op(Op.ADDI, rd, 0, 0, imm6);
            case 3:
                if (rd == SP)
                {
                    // C.ADDI16SP: nzimm[9|4|6|8:7|5]
                    final int imm = ((half << 19) >> 22 & ~0x1FF) | ((half >>> 2) & 0x10) | ((half << 1) & 0x40) |
                        ((half << 4) & 0x180) | ((half << 3) & 0x20);
                    return imm == 0 ? illegal(half) : op(Op.ADDI, SP, SP, 0, imm);
                }
                // C.LUI: nzimm[17|16:12]
                return imm6 == 0 ? illegal(half) : op(Op.LUI, rd, 0, 0, imm6 << 12);
            case 4:
                return arithmetic(half);
            case 5: // C.J
                return jump(0, pc + jumpOffset(half), ramHalfwords);
            default: // C.BEQZ, C.BNEZ: offset[8|4:3|7:6|2:1|5]
            {
                final int rs1 = 8 + ((half >>> 7) & 7);
                final int offset = ((half << 19) >> 23 & ~0xFF) | ((half >>> 7) & 0x18) | ((half << 1) & 0xC0) |
                    ((half >>> 2) & 0x6) | ((half << 3) & 0x20);
                final int branch = funct3 == 6 ? Op.BEQ : Op.BNE;
                final int target = pc + offset;
                if (!Decoder.fetchable(target, ramHalfwords))
                {
                    return pack(Op.BRANCH_COLD, 0, rs1, 0, branch, target, 2);
                }
                return pack(branch + Op.COMPRESSED, 0, rs1, 0, 0, target, 2);
            }
        }
    }

    /** C.SRLI, C.SRAI, C.ANDI, C.SUB, C.XOR, C.OR, C.AND on rd' (x8..x15). */
    private static long arithmetic(final int half)
    {
        final int rd = 8 + ((half >>> 7) & 7);
        final int rs2 = 8 + ((half >>> 2) & 7);
        final boolean bit12 = (half & 0x1000) != 0;
        switch ((half >>> 10) & 3)
        {
            case 0: // C.SRLI: shamt[5] set is reserved on RV32 (a custom encoding we do not have)
                return bit12 ? illegal(half) : op(Op.SRLI, rd, rd, 0, (half >>> 2) & 31);
            case 1: // C.SRAI
                return bit12 ? illegal(half) : op(Op.SRAI, rd, rd, 0, (half >>> 2) & 31);
            case 2: // C.ANDI
                return op(Op.ANDI, rd, rd, 0, ((half << 19) >> 26 & ~31) | ((half >>> 2) & 31));
            default:
                if (bit12)
                {
                    return illegal(half); // C.SUBW, C.ADDW: RV64 only, reserved on RV32
                }
                switch ((half >>> 5) & 3)
                {
                    case 0: return op(Op.SUB, rd, rd, rs2, 0);
                    case 1: return op(Op.XOR, rd, rd, rs2, 0);
                    case 2: return op(Op.OR, rd, rd, rs2, 0);
                    default: return op(Op.AND, rd, rd, rs2, 0);
                }
        }
    }

    private static long quadrant2(final int half, final int funct3)
    {
        final int rd = (half >>> 7) & 31;
        final int rs2 = (half >>> 2) & 31;
        final boolean bit12 = (half & 0x1000) != 0;
        switch (funct3)
        {
            case 0: // C.SLLI: shamt[5] set is reserved on RV32
                return bit12 ? illegal(half) : op(Op.SLLI, rd, rd, 0, rs2);
            case 2: // C.LWSP: uimm[5|4:2|7:6]; rd x0 is reserved
            {
                final int imm = ((half >>> 7) & 0x20) | ((half >>> 2) & 0x1C) | ((half << 4) & 0xC0);
                return rd == 0 ? illegal(half) : op(Op.LW, rd, SP, 0, imm);
            }
            case 4:
                if (!bit12)
                {
                    if (rs2 == 0)
                    {
                        // C.JR; rs1 x0 is reserved
                        return rd == 0 ? illegal(half) : op(Op.JALR, 0, rd, 0, 0);
                    }
                    return op(Op.ADD, rd, 0, rs2, 0); // C.MV
                }
                if (rs2 == 0)
                {
                    if (rd == 0)
                    {
                        return pack(Op.SYSTEM, 0, 0, 0, Op.SYS_EBREAK, half, 2); // C.EBREAK
                    }
                    return op(Op.JALR, RA, rd, 0, 0); // C.JALR
                }
                return op(Op.ADD, rd, rd, rs2, 0); // C.ADD
            case 6: // C.SWSP: uimm[5:2|7:6]
                return op(Op.SW, 0, SP, rs2, ((half >>> 7) & 0x3C) | ((half >>> 1) & 0xC0));
            default: // C.FLDSP, C.FLWSP, C.FSDSP, C.FSWSP
                return illegal(half);
        }
    }

    /** C.LW and C.SW: uimm[5:3] in bits 12:10, uimm[2|6] in bits 6:5. */
    private static int wordOffset(final int half)
    {
        return ((half >>> 7) & 0x38) | ((half << 1) & 0x40) | ((half >>> 4) & 0x4);
    }

    /** C.J and C.JAL: offset[11|4|9:8|10|6|7|3:1|5]. */
    private static int jumpOffset(final int half)
    {
        return ((half << 19) >> 20 & ~0x7FF) |
            ((half >>> 7) & 0x10) |
            ((half >>> 1) & 0x300) |
            ((half << 2) & 0x400) |
            ((half >>> 1) & 0x40) |
            ((half << 1) & 0x80) |
            ((half >>> 2) & 0xE) |
            ((half << 3) & 0x20);
    }

    private static long jump(final int rd, final int target, final int ramHalfwords)
    {
        return pack(Decoder.fetchable(target, ramHalfwords) ? Op.JAL + Op.COMPRESSED : Op.BRANCH_COLD, rd, 0, 0, 0, target, 2);
    }

    private static long op(final int op, final int rd, final int rs1, final int rs2, final int imm)
    {
        return pack(op + Op.COMPRESSED, rd, rs1, rs2, 0, imm, 2);
    }

    private static long illegal(final int half)
    {
        return pack(Op.ILLEGAL, 0, 0, 0, 0, half, 2);
    }
}
