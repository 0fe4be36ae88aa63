package io.tandem.engine.asm;

/**
 * Encodes RV32C (compressed) instructions into their 16 bits, for tests: each method is named
 * after the mnemonic without its {@code c.} ({@code c.addi4spn} is {@link #addi4spn(int, int)}),
 * takes operands in assembly order and range-checks them, including the rules that make an
 * encoding reserved (a zero immediate where the spec requires a nonzero one) and the 3-bit
 * register fields ({@code x8..x15}). Two of them fill one word of an {@link Assembler} through
 * {@link Assembler#halves(int, int)}. Offsets of jumps and branches are relative to the
 * instruction's own address.
 */
public final class Rvc
{
    /** c.nop. */
    public static final int NOP = 0x0001;
    /** c.ebreak. */
    public static final int EBREAK = 0x9002;

    private Rvc()
    {
    }

    public static int addi4spn(final int rd, final int uimm)
    {
        check(uimm > 0 && uimm < 1024 && (uimm & 3) == 0, "c.addi4spn uimm", uimm);
        return (uimm & 0x30) << 7 | (uimm & 0x3C0) << 1 | (uimm & 0x4) << 4 | (uimm & 0x8) << 2 | prime(rd) << 2;
    }

    public static int lw(final int rd, final int rs1, final int uimm)
    {
        return 0x4000 | wordOffset(uimm) | prime(rs1) << 7 | prime(rd) << 2;
    }

    public static int sw(final int rs2, final int rs1, final int uimm)
    {
        return 0xC000 | wordOffset(uimm) | prime(rs1) << 7 | prime(rs2) << 2;
    }

    public static int addi(final int rd, final int imm)
    {
        return 0x0001 | ci(rd, imm);
    }

    public static int jal(final int offset)
    {
        return 0x2001 | jumpOffset(offset);
    }

    public static int li(final int rd, final int imm)
    {
        return 0x4001 | ci(rd, imm);
    }

    public static int addi16sp(final int imm)
    {
        check(imm != 0 && imm >= -512 && imm < 512 && (imm & 15) == 0, "c.addi16sp imm", imm);
        return 0x6101 | (imm & 0x200) << 3 | (imm & 0x10) << 2 | (imm & 0x40) >> 1 | (imm & 0x180) >> 4 | (imm & 0x20) >> 3;
    }

    public static int lui(final int rd, final int imm6)
    {
        check(rd != 2 && imm6 != 0, "c.lui rd/imm", imm6);
        return 0x6001 | ci(rd, imm6);
    }

    public static int srli(final int rd, final int shamt)
    {
        return 0x8001 | shift(rd, shamt);
    }

    public static int srai(final int rd, final int shamt)
    {
        return 0x8401 | shift(rd, shamt);
    }

    public static int andi(final int rd, final int imm)
    {
        return 0x8801 | ci(8, imm) & ~(31 << 7) | prime(rd) << 7;
    }

    public static int sub(final int rd, final int rs2)
    {
        return 0x8C01 | prime(rd) << 7 | prime(rs2) << 2;
    }

    public static int xor(final int rd, final int rs2)
    {
        return 0x8C21 | prime(rd) << 7 | prime(rs2) << 2;
    }

    public static int or(final int rd, final int rs2)
    {
        return 0x8C41 | prime(rd) << 7 | prime(rs2) << 2;
    }

    public static int and(final int rd, final int rs2)
    {
        return 0x8C61 | prime(rd) << 7 | prime(rs2) << 2;
    }

    public static int j(final int offset)
    {
        return 0xA001 | jumpOffset(offset);
    }

    public static int beqz(final int rs1, final int offset)
    {
        return 0xC001 | branch(rs1, offset);
    }

    public static int bnez(final int rs1, final int offset)
    {
        return 0xE001 | branch(rs1, offset);
    }

    public static int slli(final int rd, final int shamt)
    {
        check(shamt >= 0 && shamt < 32, "c.slli shamt", shamt);
        return 0x0002 | register(rd) << 7 | shamt << 2;
    }

    public static int lwsp(final int rd, final int uimm)
    {
        check(rd != 0 && uimm >= 0 && uimm < 256 && (uimm & 3) == 0, "c.lwsp rd/uimm", uimm);
        return 0x4002 | rd << 7 | (uimm & 0x20) << 7 | (uimm & 0x1C) << 2 | (uimm & 0xC0) >> 4;
    }

    public static int swsp(final int rs2, final int uimm)
    {
        check(uimm >= 0 && uimm < 256 && (uimm & 3) == 0, "c.swsp uimm", uimm);
        return 0xC002 | (uimm & 0x3C) << 7 | (uimm & 0xC0) << 1 | register(rs2) << 2;
    }

    public static int jr(final int rs1)
    {
        check(rs1 != 0, "c.jr rs1", rs1);
        return 0x8002 | register(rs1) << 7;
    }

    public static int mv(final int rd, final int rs2)
    {
        check(rs2 != 0, "c.mv rs2", rs2);
        return 0x8002 | register(rd) << 7 | rs2 << 2;
    }

    public static int jalr(final int rs1)
    {
        check(rs1 != 0, "c.jalr rs1", rs1);
        return 0x9002 | register(rs1) << 7;
    }

    public static int add(final int rd, final int rs2)
    {
        check(rs2 != 0, "c.add rs2", rs2);
        return 0x9002 | register(rd) << 7 | rs2 << 2;
    }

    private static int ci(final int rd, final int imm)
    {
        check(imm >= -32 && imm < 32, "6-bit immediate", imm);
        return (imm & 0x20) << 7 | register(rd) << 7 | (imm & 31) << 2;
    }

    private static int shift(final int rd, final int shamt)
    {
        check(shamt >= 0 && shamt < 32, "shamt", shamt);
        return prime(rd) << 7 | shamt << 2;
    }

    private static int wordOffset(final int uimm)
    {
        check(uimm >= 0 && uimm < 128 && (uimm & 3) == 0, "c.lw/c.sw uimm", uimm);
        return (uimm & 0x38) << 7 | (uimm & 0x40) >> 1 | (uimm & 0x4) << 4;
    }

    private static int jumpOffset(final int offset)
    {
        check(offset >= -2048 && offset < 2048 && (offset & 1) == 0, "c.j/c.jal offset", offset);
        return (offset & 0x800) << 1 | (offset & 0x10) << 7 | (offset & 0x300) << 1 | (offset & 0x400) >> 2 |
            (offset & 0x40) << 1 | (offset & 0x80) >> 1 | (offset & 0xE) << 2 | (offset & 0x20) >> 3;
    }

    private static int branch(final int rs1, final int offset)
    {
        check(offset >= -256 && offset < 256 && (offset & 1) == 0, "c.beqz/c.bnez offset", offset);
        return (offset & 0x100) << 4 | (offset & 0x18) << 7 | prime(rs1) << 7 | (offset & 0xC0) >> 1 |
            (offset & 0x6) << 2 | (offset & 0x20) >> 3;
    }

    private static int prime(final int register)
    {
        check(register >= 8 && register <= 15, "compressed register (x8..x15)", register);
        return register - 8;
    }

    private static int register(final int register)
    {
        check(register >= 0 && register < 32, "register", register);
        return register;
    }

    private static void check(final boolean valid, final String what, final int value)
    {
        if (!valid)
        {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }
}
