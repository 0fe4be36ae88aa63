package io.tandem.engine.cpu;

import io.tandem.engine.mem.MemoryMap;
import org.agrona.UnsafeApi;

import static io.tandem.engine.cpu.DecodedInstruction.pack;

/**
 * Decodes one RV32IMAC + Zicsr + Zifencei instruction at a known address into its
 * {@link DecodedInstruction} form. Because a decoded slot belongs to one address, pc-relative
 * values (AUIPC results, branch and JAL targets) are folded into absolute constants here.
 * A 16-bit (compressed) instruction decodes to the form of its 32-bit expansion with length 2
 * ({@link CompressedDecoder}). Anything that is not a valid encoding decodes to {@link Op#ILLEGAL}.
 */
public final class Decoder
{
    private static final int[] OP_BY_FUNCT3 = {Op.ADD, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.OR, Op.AND};
    private static final int[] MULDIV_BY_FUNCT3 = {Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU};

    private Decoder()
    {
    }

    /**
     * Fetches and decodes the instruction at {@code pc}: 16 bits, then 16 more when the first
     * say it is a 32-bit instruction. A 32-bit instruction in the last halfword of RAM cannot be
     * fetched whole: it decodes to {@link Op#FETCH_FAULT} at the first address past RAM, the
     * part of the instruction that faulted (mtval), while mepc stays at its start.
     *
     * @param ramAddress   host address of RAM.
     * @param ramHalfwords RAM size in halfwords.
     * @param pc           a fetchable pc ({@link #fetchable}).
     * @return the decoded form.
     */
    public static long fetchAndDecode(final long ramAddress, final int ramHalfwords, final int pc)
    {
        final int offset = pc - MemoryMap.RAM_BASE;
        final int low = UnsafeApi.getShort(ramAddress + offset) & 0xFFFF;
        if ((low & 3) != 3)
        {
            return CompressedDecoder.decode(low, pc, ramHalfwords);
        }
        if ((offset >>> 1) + 1 >= ramHalfwords)
        {
            return pack(Op.FETCH_FAULT, 0, 0, 0, 0, MemoryMap.RAM_BASE + (ramHalfwords << 1));
        }
        return decode(low | (UnsafeApi.getShort(ramAddress + offset + 2) << 16), pc, ramHalfwords);
    }

    /**
     * @param word         the instruction word; when its low two bits are not {@code 11}, only
     *                     its low 16 bits are the (compressed) instruction.
     * @param pc           its address: pc-relative values become absolute.
     * @param ramHalfwords RAM size in halfwords, which decides whether jump targets are fetchable.
     * @return the decoded form, {@link Op#ILLEGAL} for an invalid encoding.
     */
    public static long decode(final int word, final int pc, final int ramHalfwords)
    {
        if ((word & 3) != 3)
        {
            return CompressedDecoder.decode(word & 0xFFFF, pc, ramHalfwords);
        }
        final int rd = (word >>> 7) & 31;
        final int funct3 = (word >>> 12) & 7;
        final int rs1 = (word >>> 15) & 31;
        final int rs2 = (word >>> 20) & 31;
        final int funct7 = word >>> 25;
        final int immI = word >> 20;

        switch (word & 0x7F)
        {
            case 0x37: // LUI
                return pack(Op.LUI, rd, 0, 0, 0, word & 0xFFFF_F000);

            case 0x17: // AUIPC: the result depends only on this slot's pc
                return pack(Op.LUI, rd, 0, 0, 0, pc + (word & 0xFFFF_F000));

            case 0x6F: // JAL
            {
                final int target = pc + immJ(word);
                return pack(fetchable(target, ramHalfwords) ? Op.JAL : Op.BRANCH_COLD, rd, 0, 0, 0, target);
            }

            case 0x67: // JALR
                return funct3 == 0 ? pack(Op.JALR, rd, rs1, 0, 0, immI) : illegal(word);

            case 0x63: // branches
            {
                final int op;
                switch (funct3)
                {
                    case 0: op = Op.BEQ; break;
                    case 1: op = Op.BNE; break;
                    case 4: op = Op.BLT; break;
                    case 5: op = Op.BGE; break;
                    case 6: op = Op.BLTU; break;
                    case 7: op = Op.BGEU; break;
                    default: return illegal(word);
                }
                final int target = pc + immB(word);
                if (!fetchable(target, ramHalfwords))
                {
                    // The trap happens only when taken: the cold path evaluates the condition (aux = real op).
                    return pack(Op.BRANCH_COLD, 0, rs1, rs2, op, target);
                }
                return pack(op, 0, rs1, rs2, 0, target);
            }

            case 0x03: // loads
            {
                final int op;
                switch (funct3)
                {
                    case 0: op = Op.LB; break;
                    case 1: op = Op.LH; break;
                    case 2: op = Op.LW; break;
                    case 4: op = Op.LBU; break;
                    case 5: op = Op.LHU; break;
                    default: return illegal(word);
                }
                return pack(op, rd, rs1, 0, 0, immI);
            }

            case 0x23: // stores
            {
                final int op;
                switch (funct3)
                {
                    case 0: op = Op.SB; break;
                    case 1: op = Op.SH; break;
                    case 2: op = Op.SW; break;
                    default: return illegal(word);
                }
                return pack(op, 0, rs1, rs2, 0, immS(word));
            }

            case 0x13: // OP-IMM
                switch (funct3)
                {
                    case 0: return pack(Op.ADDI, rd, rs1, 0, 0, immI);
                    case 2: return pack(Op.SLTI, rd, rs1, 0, 0, immI);
                    case 3: return pack(Op.SLTIU, rd, rs1, 0, 0, immI);
                    case 4: return pack(Op.XORI, rd, rs1, 0, 0, immI);
                    case 6: return pack(Op.ORI, rd, rs1, 0, 0, immI);
                    case 7: return pack(Op.ANDI, rd, rs1, 0, 0, immI);
                    case 1: return funct7 == 0 ? pack(Op.SLLI, rd, rs1, 0, 0, rs2) : illegal(word);
                    case 5:
                        if (funct7 == 0)
                        {
                            return pack(Op.SRLI, rd, rs1, 0, 0, rs2);
                        }
                        return funct7 == 0x20 ? pack(Op.SRAI, rd, rs1, 0, 0, rs2) : illegal(word);
                    default: return illegal(word);
                }

            case 0x33: // OP
                return decodeOp(word, rd, funct3, rs1, rs2, funct7);

            case 0x0F: // MISC-MEM: FENCE (funct3 0), FENCE.I (funct3 1)
                return funct3 <= 1 ? pack(Op.FENCE, 0, 0, 0, 0, 0) : illegal(word);

            case 0x73: // SYSTEM
                return decodeSystem(word, rd, funct3, rs1);

            case 0x2F: // AMO
                return decodeAmo(word, rd, funct3, rs1, rs2);

            default:
                return illegal(word);
        }
    }

    private static long decodeOp(final int word, final int rd, final int funct3, final int rs1, final int rs2, final int funct7)
    {
        if (funct7 == 0)
        {
            return pack(OP_BY_FUNCT3[funct3], rd, rs1, rs2, 0, 0);
        }
        if (funct7 == 1)
        {
            return pack(MULDIV_BY_FUNCT3[funct3], rd, rs1, rs2, 0, 0);
        }
        if (funct7 == 0x20)
        {
            if (funct3 == 0)
            {
                return pack(Op.SUB, rd, rs1, rs2, 0, 0);
            }
            if (funct3 == 5)
            {
                return pack(Op.SRA, rd, rs1, rs2, 0, 0);
            }
        }
        return illegal(word);
    }

    private static long decodeSystem(final int word, final int rd, final int funct3, final int rs1)
    {
        if (funct3 == 0)
        {
            if (rd != 0 || rs1 != 0)
            {
                return illegal(word);
            }
            switch (word >>> 20)
            {
                case 0x000: return pack(Op.SYSTEM, 0, 0, 0, Op.SYS_ECALL, word);
                case 0x001: return pack(Op.SYSTEM, 0, 0, 0, Op.SYS_EBREAK, word);
                case 0x302: return pack(Op.SYSTEM, 0, 0, 0, Op.SYS_MRET, word);
                case 0x105: return pack(Op.SYSTEM, 0, 0, 0, Op.SYS_WFI, word);
                default: return illegal(word);
            }
        }
        if (funct3 == 4)
        {
            return illegal(word);
        }
        // CSR number in imm; rs1 holds rs1 or the 5-bit immediate.
        return pack(Op.CSR, rd, rs1, 0, funct3, word >>> 20);
    }

    private static long decodeAmo(final int word, final int rd, final int funct3, final int rs1, final int rs2)
    {
        if (funct3 != 2)
        {
            return illegal(word);
        }
        final int funct5 = word >>> 27;
        switch (funct5)
        {
            case 0x02: // LR.W requires rs2 == 0
                return rs2 == 0 ? pack(Op.AMO, rd, rs1, 0, funct5, 0) : illegal(word);
            case 0x03: // SC.W
            case 0x01: // AMOSWAP
            case 0x00: // AMOADD
            case 0x04: // AMOXOR
            case 0x0C: // AMOAND
            case 0x08: // AMOOR
            case 0x10: // AMOMIN
            case 0x14: // AMOMAX
            case 0x18: // AMOMINU
            case 0x1C: // AMOMAXU
                return pack(Op.AMO, rd, rs1, rs2, funct5, 0);
            default:
                return illegal(word);
        }
    }

    /**
     * @return true when {@code pc} is a halfword-aligned RAM address (IALIGN is 16 with the C
     * extension): the hot loop fetches only from such addresses, so every other target takes a
     * cold path that decides what trap it is.
     */
    public static boolean fetchable(final int pc, final int ramHalfwords)
    {
        return Integer.compareUnsigned(Integer.rotateRight(pc - MemoryMap.RAM_BASE, 1), ramHalfwords) < 0;
    }

    /** Illegal instructions keep their bits in imm: they become mtval. */
    static long illegal(final int word)
    {
        return pack(Op.ILLEGAL, 0, 0, 0, 0, word);
    }

    static int immS(final int word)
    {
        return ((word >> 25) << 5) | ((word >>> 7) & 0x1F);
    }

    static int immB(final int word)
    {
        return ((word >> 31) << 12) |
            (((word >>> 7) & 1) << 11) |
            (((word >>> 25) & 0x3F) << 5) |
            (((word >>> 8) & 0xF) << 1);
    }

    static int immJ(final int word)
    {
        return ((word >> 31) << 20) |
            (((word >>> 12) & 0xFF) << 12) |
            (((word >>> 20) & 1) << 11) |
            (((word >>> 21) & 0x3FF) << 1);
    }
}
