package io.tandem.engine.machine;

import java.util.List;

/**
 * Names RV32IMAC, Zicsr and Zifencei encodings by their mnemonic, independently of the machine's
 * decoder (which folds AUIPC into LUI and compressed forms into their 32-bit expansions), so that
 * a test can say which instructions a generated program holds. Compressed forms are named with
 * their {@code c.} prefix; anything else is {@code illegal}.
 */
final class Rv32imacMnemonics
{
    /** Every unprivileged RV32IMAC instruction (the C ones without floating point), Zicsr's and FENCE.I. */
    static final List<String> ALL = List.of(
        "lui", "auipc", "jal", "jalr", "beq", "bne", "blt", "bge", "bltu", "bgeu",
        "lb", "lh", "lw", "lbu", "lhu", "sb", "sh", "sw",
        "addi", "slti", "sltiu", "xori", "ori", "andi", "slli", "srli", "srai",
        "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
        "fence", "fence.i", "ecall", "ebreak",
        "csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi", "csrrci",
        "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
        "lr.w", "sc.w", "amoswap.w", "amoadd.w", "amoxor.w", "amoand.w", "amoor.w",
        "amomin.w", "amomax.w", "amominu.w", "amomaxu.w",
        "c.addi4spn", "c.lw", "c.sw", "c.nop", "c.addi", "c.jal", "c.li", "c.addi16sp", "c.lui",
        "c.srli", "c.srai", "c.andi", "c.sub", "c.xor", "c.or", "c.and", "c.j", "c.beqz", "c.bnez",
        "c.slli", "c.lwsp", "c.jr", "c.mv", "c.ebreak", "c.jalr", "c.add", "c.swsp");

    private static final String[] BRANCHES = {"beq", "bne", "illegal", "illegal", "blt", "bge", "bltu", "bgeu"};
    private static final String[] LOADS = {"lb", "lh", "lw", "illegal", "lbu", "lhu", "illegal", "illegal"};
    private static final String[] STORES = {"sb", "sh", "sw", "illegal", "illegal", "illegal", "illegal", "illegal"};
    private static final String[] IMMEDIATES = {"addi", "slli", "slti", "sltiu", "xori", "srli", "ori", "andi"};
    private static final String[] REGISTERS = {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"};
    private static final String[] MULDIV = {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"};
    private static final String[] CSRS = {"illegal", "csrrw", "csrrs", "csrrc", "illegal", "csrrwi", "csrrsi", "csrrci"};

    private Rv32imacMnemonics()
    {
    }

    /** @return the mnemonic of a 32-bit encoding (low two bits 11). */
    static String of32(final int word)
    {
        final int funct3 = (word >>> 12) & 7;
        final int funct7 = word >>> 25;
        switch (word & 0x7F)
        {
            case 0x37: return "lui";
            case 0x17: return "auipc";
            case 0x6F: return "jal";
            case 0x67: return funct3 == 0 ? "jalr" : "illegal";
            case 0x63: return BRANCHES[funct3];
            case 0x03: return LOADS[funct3];
            case 0x23: return STORES[funct3];
            case 0x13:
                if (funct3 == 5)
                {
                    return funct7 == 0 ? "srli" : funct7 == 0x20 ? "srai" : "illegal";
                }
                return funct3 == 1 && funct7 != 0 ? "illegal" : IMMEDIATES[funct3];
            case 0x33:
                if (funct7 == 1)
                {
                    return MULDIV[funct3];
                }
                if (funct7 == 0x20)
                {
                    return funct3 == 0 ? "sub" : funct3 == 5 ? "sra" : "illegal";
                }
                return funct7 == 0 ? REGISTERS[funct3] : "illegal";
            case 0x0F: return funct3 == 0 ? "fence" : funct3 == 1 ? "fence.i" : "illegal";
            case 0x73:
                if (funct3 == 0)
                {
                    return word == 0x73 ? "ecall" : word == 0x0010_0073 ? "ebreak" : word == 0x3020_0073 ? "mret"
                        : word == 0x1050_0073 ? "wfi" : "illegal";
                }
                return CSRS[funct3];
            case 0x2F: return funct3 == 2 ? amo(word >>> 27, (word >>> 20) & 0x1F) : "illegal";
            default: return "illegal";
        }
    }

    private static String amo(final int funct5, final int rs2)
    {
        switch (funct5)
        {
            case 0b00010: return rs2 == 0 ? "lr.w" : "illegal";
            case 0b00011: return "sc.w";
            case 0b00001: return "amoswap.w";
            case 0b00000: return "amoadd.w";
            case 0b00100: return "amoxor.w";
            case 0b01100: return "amoand.w";
            case 0b01000: return "amoor.w";
            case 0b10000: return "amomin.w";
            case 0b10100: return "amomax.w";
            case 0b11000: return "amominu.w";
            case 0b11100: return "amomaxu.w";
            default: return "illegal";
        }
    }

    /** @return the mnemonic of a 16-bit encoding (low two bits not 11), RV32C without F and D. */
    static String of16(final int half)
    {
        final int funct3 = (half >>> 13) & 7;
        final int rd = (half >>> 7) & 0x1F;
        final int rs2 = (half >>> 2) & 0x1F;
        final boolean bit12 = (half & 0x1000) != 0;
        switch (half & 3)
        {
            case 0:
                return funct3 == 0 ? (((half >>> 5) & 0xFF) != 0 ? "c.addi4spn" : "illegal")
                    : funct3 == 2 ? "c.lw" : funct3 == 6 ? "c.sw" : "illegal";
            case 1:
                switch (funct3)
                {
                    case 0: return rd == 0 ? "c.nop" : "c.addi";
                    case 1: return "c.jal";
                    case 2: return "c.li";
                    case 3:
                        if (rd == 2)
                        {
                            return bit12 || rs2 != 0 ? "c.addi16sp" : "illegal";
                        }
                        return bit12 || rs2 != 0 ? "c.lui" : "illegal";
                    case 4:
                        switch ((half >>> 10) & 3)
                        {
                            case 0: return bit12 ? "illegal" : "c.srli";
                            case 1: return bit12 ? "illegal" : "c.srai";
                            case 2: return "c.andi";
                            default:
                                if (bit12)
                                {
                                    return "illegal"; // c.subw, c.addw: RV64
                                }
                                return new String[] {"c.sub", "c.xor", "c.or", "c.and"}[(half >>> 5) & 3];
                        }
                    case 5: return "c.j";
                    case 6: return "c.beqz";
                    default: return "c.bnez";
                }
            default:
                switch (funct3)
                {
                    case 0: return bit12 ? "illegal" : "c.slli";
                    case 2: return rd != 0 ? "c.lwsp" : "illegal";
                    case 4:
                        if (!bit12)
                        {
                            return rs2 != 0 ? "c.mv" : rd != 0 ? "c.jr" : "illegal";
                        }
                        return rs2 != 0 ? "c.add" : rd != 0 ? "c.jalr" : "c.ebreak";
                    case 6: return "c.swsp";
                    default: return "illegal"; // floating-point loads and stores
                }
        }
    }
}
