package io.tandem.engine.asm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tandem.engine.machine.Machine;

/**
 * Encodes RV32IMA + Zicsr + Zifencei instructions into 32-bit words placed consecutively from an
 * origin address, for test programs and benchmarks written in Java.
 * <p>
 * Each instruction has one method named after its mnemonic in lower camel case ({@code fence.i}
 * is {@link #fenceI()}, {@code amoadd.w} is {@link #amoaddW(int, int, int)}); registers are ints
 * 0..31, with the constants {@link #X0}..{@link #X31} and the ABI names ({@link #ZERO},
 * {@link #RA}, {@link #SP}, {@link #A0}, ...) for readability. Operands come in assembly order:
 * stores are {@code sw(rs2, rs1, imm)} like {@code sw rs2, imm(rs1)}, CSR instructions are
 * {@code csrrw(rd, csr, rs1)} like {@code csrrw rd, csr, rs1}.
 * <p>
 * Every operand is range-checked when the instruction is added ({@link IllegalArgumentException}
 * naming the operand), because a silently truncated immediate would run a different program
 * than the test meant. Label references are resolved by {@link #words()} / {@link #bytes()}: an
 * unbound label or an offset out of the instruction's reach is an {@link IllegalStateException}
 * naming the label.
 * <p>
 * {@link #li(int, int)} picks the shortest sequence, like the GNU assembler: one {@code addi}
 * when the value fits in a signed 12-bit immediate, one {@code lui} when its low 12 bits are
 * zero, otherwise {@code lui} + {@code addi}. Programs whose layout matters use labels rather than
 * counting instructions.
 * <p>
 * Not thread-safe.
 */
public final class Assembler
{
    public static final int X0 = 0;
    public static final int X1 = 1;
    public static final int X2 = 2;
    public static final int X3 = 3;
    public static final int X4 = 4;
    public static final int X5 = 5;
    public static final int X6 = 6;
    public static final int X7 = 7;
    public static final int X8 = 8;
    public static final int X9 = 9;
    public static final int X10 = 10;
    public static final int X11 = 11;
    public static final int X12 = 12;
    public static final int X13 = 13;
    public static final int X14 = 14;
    public static final int X15 = 15;
    public static final int X16 = 16;
    public static final int X17 = 17;
    public static final int X18 = 18;
    public static final int X19 = 19;
    public static final int X20 = 20;
    public static final int X21 = 21;
    public static final int X22 = 22;
    public static final int X23 = 23;
    public static final int X24 = 24;
    public static final int X25 = 25;
    public static final int X26 = 26;
    public static final int X27 = 27;
    public static final int X28 = 28;
    public static final int X29 = 29;
    public static final int X30 = 30;
    public static final int X31 = 31;

    public static final int ZERO = 0;
    public static final int RA = 1;
    public static final int SP = 2;
    public static final int GP = 3;
    public static final int TP = 4;
    public static final int T0 = 5;
    public static final int T1 = 6;
    public static final int T2 = 7;
    public static final int S0 = 8;
    public static final int FP = 8;
    public static final int S1 = 9;
    public static final int A0 = 10;
    public static final int A1 = 11;
    public static final int A2 = 12;
    public static final int A3 = 13;
    public static final int A4 = 14;
    public static final int A5 = 15;
    public static final int A6 = 16;
    public static final int A7 = 17;
    public static final int S2 = 18;
    public static final int S3 = 19;
    public static final int S4 = 20;
    public static final int S5 = 21;
    public static final int S6 = 22;
    public static final int S7 = 23;
    public static final int S8 = 24;
    public static final int S9 = 25;
    public static final int S10 = 26;
    public static final int S11 = 27;
    public static final int T3 = 28;
    public static final int T4 = 29;
    public static final int T5 = 30;
    public static final int T6 = 31;

    private static final int OP_LUI = 0x37;
    private static final int OP_AUIPC = 0x17;
    private static final int OP_JAL = 0x6F;
    private static final int OP_JALR = 0x67;
    private static final int OP_BRANCH = 0x63;
    private static final int OP_LOAD = 0x03;
    private static final int OP_STORE = 0x23;
    private static final int OP_IMM = 0x13;
    private static final int OP_REG = 0x33;
    private static final int OP_MISC_MEM = 0x0F;
    private static final int OP_SYSTEM = 0x73;
    private static final int OP_AMO = 0x2F;

    private static final int FIXUP_JAL = 0;
    private static final int FIXUP_BRANCH = 1;
    private static final int FIXUP_AUIPC_ADDI = 2;

    private final int origin;
    private int[] code = new int[64];
    private int size;
    private int labelCount;
    private final List<Fixup> fixups = new ArrayList<>();

    /**
     * @param origin address of the first instruction; a multiple of 4.
     */
    public Assembler(final int origin)
    {
        if ((origin & 3) != 0)
        {
            throw new IllegalArgumentException(String.format("origin 0x%08x is not a multiple of 4", origin));
        }
        this.origin = origin;
    }

    /** @return the address of the first instruction. */
    public int origin()
    {
        return origin;
    }

    /** @return the address the next instruction will have. */
    public int pc()
    {
        return origin + 4 * size;
    }

    /** @return instructions and data words added so far. */
    public int size()
    {
        return size;
    }

    /** @return a new unbound label with a generated name. */
    public Label newLabel()
    {
        return new Label("L" + labelCount++);
    }

    /**
     * @param name used in error messages.
     * @return a new unbound label.
     */
    public Label newLabel(final String name)
    {
        labelCount++;
        return new Label(name);
    }

    /**
     * Binds a label to {@link #pc()}.
     *
     * @param label an unbound label.
     * @return this.
     * @throws IllegalStateException when the label is already bound.
     */
    public Assembler bind(final Label label)
    {
        label.bindTo(pc());
        return this;
    }

    // ---------------------------------------------------------------- RV32I

    /** {@code lui rd, imm20}: rd = imm20 << 12; imm20 in -0x80000..0xFFFFF. */
    public Assembler lui(final int rd, final int imm20)
    {
        return emit(uType(OP_LUI, rd, imm20));
    }

    /** {@code auipc rd, imm20}: rd = pc + (imm20 << 12); imm20 in -0x80000..0xFFFFF. */
    public Assembler auipc(final int rd, final int imm20)
    {
        return emit(uType(OP_AUIPC, rd, imm20));
    }

    /** {@code jal rd, label}. */
    public Assembler jal(final int rd, final Label target)
    {
        checkRegister("rd", rd);
        fixups.add(new Fixup(FIXUP_JAL, size, target));
        return emit(OP_JAL | rd << 7);
    }

    /**
     * {@code jal rd, offset} with a pc-relative byte offset, for targets a label cannot express
     * (misaligned targets, jumps out of the program).
     *
     * @param offset even, -2^20..2^20-2.
     */
    public Assembler jal(final int rd, final int offset)
    {
        checkRegister("rd", rd);
        checkJalOffset(offset);
        return emit(jType(rd, offset));
    }

    /** {@code jalr rd, imm(rs1)}. */
    public Assembler jalr(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_JALR, 0, rd, rs1, imm));
    }

    /** {@code beq rs1, rs2, label}. */
    public Assembler beq(final int rs1, final int rs2, final Label target)
    {
        return branch(0, rs1, rs2, target);
    }

    /** {@code bne rs1, rs2, label}. */
    public Assembler bne(final int rs1, final int rs2, final Label target)
    {
        return branch(1, rs1, rs2, target);
    }

    /** {@code blt rs1, rs2, label}. */
    public Assembler blt(final int rs1, final int rs2, final Label target)
    {
        return branch(4, rs1, rs2, target);
    }

    /** {@code bge rs1, rs2, label}. */
    public Assembler bge(final int rs1, final int rs2, final Label target)
    {
        return branch(5, rs1, rs2, target);
    }

    /** {@code bltu rs1, rs2, label}. */
    public Assembler bltu(final int rs1, final int rs2, final Label target)
    {
        return branch(6, rs1, rs2, target);
    }

    /** {@code bgeu rs1, rs2, label}. */
    public Assembler bgeu(final int rs1, final int rs2, final Label target)
    {
        return branch(7, rs1, rs2, target);
    }

    /** {@code beq rs1, rs2, offset}; offset even, -4096..4094. */
    public Assembler beq(final int rs1, final int rs2, final int offset)
    {
        return branch(0, rs1, rs2, offset);
    }

    /** {@code bne rs1, rs2, offset}; offset even, -4096..4094. */
    public Assembler bne(final int rs1, final int rs2, final int offset)
    {
        return branch(1, rs1, rs2, offset);
    }

    /** {@code blt rs1, rs2, offset}; offset even, -4096..4094. */
    public Assembler blt(final int rs1, final int rs2, final int offset)
    {
        return branch(4, rs1, rs2, offset);
    }

    /** {@code bge rs1, rs2, offset}; offset even, -4096..4094. */
    public Assembler bge(final int rs1, final int rs2, final int offset)
    {
        return branch(5, rs1, rs2, offset);
    }

    /** {@code bltu rs1, rs2, offset}; offset even, -4096..4094. */
    public Assembler bltu(final int rs1, final int rs2, final int offset)
    {
        return branch(6, rs1, rs2, offset);
    }

    /** {@code bgeu rs1, rs2, offset}; offset even, -4096..4094. */
    public Assembler bgeu(final int rs1, final int rs2, final int offset)
    {
        return branch(7, rs1, rs2, offset);
    }

    /** {@code lb rd, imm(rs1)}. */
    public Assembler lb(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_LOAD, 0, rd, rs1, imm));
    }

    /** {@code lh rd, imm(rs1)}. */
    public Assembler lh(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_LOAD, 1, rd, rs1, imm));
    }

    /** {@code lw rd, imm(rs1)}. */
    public Assembler lw(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_LOAD, 2, rd, rs1, imm));
    }

    /** {@code lbu rd, imm(rs1)}. */
    public Assembler lbu(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_LOAD, 4, rd, rs1, imm));
    }

    /** {@code lhu rd, imm(rs1)}. */
    public Assembler lhu(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_LOAD, 5, rd, rs1, imm));
    }

    /** {@code sb rs2, imm(rs1)}. */
    public Assembler sb(final int rs2, final int rs1, final int imm)
    {
        return emit(sType(0, rs2, rs1, imm));
    }

    /** {@code sh rs2, imm(rs1)}. */
    public Assembler sh(final int rs2, final int rs1, final int imm)
    {
        return emit(sType(1, rs2, rs1, imm));
    }

    /** {@code sw rs2, imm(rs1)}. */
    public Assembler sw(final int rs2, final int rs1, final int imm)
    {
        return emit(sType(2, rs2, rs1, imm));
    }

    /** {@code addi rd, rs1, imm}. */
    public Assembler addi(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_IMM, 0, rd, rs1, imm));
    }

    /** {@code slti rd, rs1, imm}. */
    public Assembler slti(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_IMM, 2, rd, rs1, imm));
    }

    /** {@code sltiu rd, rs1, imm} (imm sign-extended, then compared unsigned). */
    public Assembler sltiu(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_IMM, 3, rd, rs1, imm));
    }

    /** {@code xori rd, rs1, imm}. */
    public Assembler xori(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_IMM, 4, rd, rs1, imm));
    }

    /** {@code ori rd, rs1, imm}. */
    public Assembler ori(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_IMM, 6, rd, rs1, imm));
    }

    /** {@code andi rd, rs1, imm}. */
    public Assembler andi(final int rd, final int rs1, final int imm)
    {
        return emit(iType(OP_IMM, 7, rd, rs1, imm));
    }

    /** {@code slli rd, rs1, shamt}; shamt 0..31. */
    public Assembler slli(final int rd, final int rs1, final int shamt)
    {
        return emit(shift(0x00, 1, rd, rs1, shamt));
    }

    /** {@code srli rd, rs1, shamt}; shamt 0..31. */
    public Assembler srli(final int rd, final int rs1, final int shamt)
    {
        return emit(shift(0x00, 5, rd, rs1, shamt));
    }

    /** {@code srai rd, rs1, shamt}; shamt 0..31. */
    public Assembler srai(final int rd, final int rs1, final int shamt)
    {
        return emit(shift(0x20, 5, rd, rs1, shamt));
    }

    /** {@code add rd, rs1, rs2}. */
    public Assembler add(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x00, 0, rd, rs1, rs2));
    }

    /** {@code sub rd, rs1, rs2}. */
    public Assembler sub(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x20, 0, rd, rs1, rs2));
    }

    /** {@code sll rd, rs1, rs2}. */
    public Assembler sll(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x00, 1, rd, rs1, rs2));
    }

    /** {@code slt rd, rs1, rs2}. */
    public Assembler slt(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x00, 2, rd, rs1, rs2));
    }

    /** {@code sltu rd, rs1, rs2}. */
    public Assembler sltu(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x00, 3, rd, rs1, rs2));
    }

    /** {@code xor rd, rs1, rs2}. */
    public Assembler xor(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x00, 4, rd, rs1, rs2));
    }

    /** {@code srl rd, rs1, rs2}. */
    public Assembler srl(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x00, 5, rd, rs1, rs2));
    }

    /** {@code sra rd, rs1, rs2}. */
    public Assembler sra(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x20, 5, rd, rs1, rs2));
    }

    /** {@code or rd, rs1, rs2}. */
    public Assembler or(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x00, 6, rd, rs1, rs2));
    }

    /** {@code and rd, rs1, rs2}. */
    public Assembler and(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x00, 7, rd, rs1, rs2));
    }

    /** {@code fence iorw, iorw}. */
    public Assembler fence()
    {
        return fence(0xF, 0xF);
    }

    /**
     * {@code fence pred, succ}.
     *
     * @param predecessor bit set I=8, O=4, R=2, W=1.
     * @param successor   bit set I=8, O=4, R=2, W=1.
     */
    public Assembler fence(final int predecessor, final int successor)
    {
        checkRange("fence predecessor", predecessor, 0, 15);
        checkRange("fence successor", successor, 0, 15);
        return emit(predecessor << 24 | successor << 20 | OP_MISC_MEM);
    }

    /** {@code fence.i}. */
    public Assembler fenceI()
    {
        return emit(1 << 12 | OP_MISC_MEM);
    }

    /** {@code ecall}. */
    public Assembler ecall()
    {
        return emit(OP_SYSTEM);
    }

    /** {@code ebreak}. */
    public Assembler ebreak()
    {
        return emit(1 << 20 | OP_SYSTEM);
    }

    /** {@code mret}. */
    public Assembler mret()
    {
        return emit(0x302 << 20 | OP_SYSTEM);
    }

    /** {@code wfi}. */
    public Assembler wfi()
    {
        return emit(0x105 << 20 | OP_SYSTEM);
    }

    // ---------------------------------------------------------------- M

    /** {@code mul rd, rs1, rs2}. */
    public Assembler mul(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x01, 0, rd, rs1, rs2));
    }

    /** {@code mulh rd, rs1, rs2}. */
    public Assembler mulh(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x01, 1, rd, rs1, rs2));
    }

    /** {@code mulhsu rd, rs1, rs2}. */
    public Assembler mulhsu(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x01, 2, rd, rs1, rs2));
    }

    /** {@code mulhu rd, rs1, rs2}. */
    public Assembler mulhu(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x01, 3, rd, rs1, rs2));
    }

    /** {@code div rd, rs1, rs2}. */
    public Assembler div(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x01, 4, rd, rs1, rs2));
    }

    /** {@code divu rd, rs1, rs2}. */
    public Assembler divu(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x01, 5, rd, rs1, rs2));
    }

    /** {@code rem rd, rs1, rs2}. */
    public Assembler rem(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x01, 6, rd, rs1, rs2));
    }

    /** {@code remu rd, rs1, rs2}. */
    public Assembler remu(final int rd, final int rs1, final int rs2)
    {
        return emit(rType(OP_REG, 0x01, 7, rd, rs1, rs2));
    }

    // ---------------------------------------------------------------- Zicsr

    /** {@code csrrw rd, csr, rs1}. */
    public Assembler csrrw(final int rd, final int csr, final int rs1)
    {
        return emit(csrType(1, rd, csr, "rs1", rs1));
    }

    /** {@code csrrs rd, csr, rs1}. */
    public Assembler csrrs(final int rd, final int csr, final int rs1)
    {
        return emit(csrType(2, rd, csr, "rs1", rs1));
    }

    /** {@code csrrc rd, csr, rs1}. */
    public Assembler csrrc(final int rd, final int csr, final int rs1)
    {
        return emit(csrType(3, rd, csr, "rs1", rs1));
    }

    /** {@code csrrwi rd, csr, uimm}; uimm 0..31. */
    public Assembler csrrwi(final int rd, final int csr, final int uimm)
    {
        return emit(csrType(5, rd, csr, "uimm", uimm));
    }

    /** {@code csrrsi rd, csr, uimm}; uimm 0..31. */
    public Assembler csrrsi(final int rd, final int csr, final int uimm)
    {
        return emit(csrType(6, rd, csr, "uimm", uimm));
    }

    /** {@code csrrci rd, csr, uimm}; uimm 0..31. */
    public Assembler csrrci(final int rd, final int csr, final int uimm)
    {
        return emit(csrType(7, rd, csr, "uimm", uimm));
    }

    // ---------------------------------------------------------------- A

    /** {@code lr.w rd, (rs1)}. */
    public Assembler lrW(final int rd, final int rs1)
    {
        return emit(amo(0x02, rd, rs1, 0));
    }

    /** {@code sc.w rd, rs2, (rs1)}: rd = 0 on success, 1 on failure. */
    public Assembler scW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x03, rd, rs1, rs2));
    }

    /** {@code amoswap.w rd, rs2, (rs1)}. */
    public Assembler amoswapW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x01, rd, rs1, rs2));
    }

    /** {@code amoadd.w rd, rs2, (rs1)}. */
    public Assembler amoaddW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x00, rd, rs1, rs2));
    }

    /** {@code amoxor.w rd, rs2, (rs1)}. */
    public Assembler amoxorW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x04, rd, rs1, rs2));
    }

    /** {@code amoand.w rd, rs2, (rs1)}. */
    public Assembler amoandW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x0C, rd, rs1, rs2));
    }

    /** {@code amoor.w rd, rs2, (rs1)}. */
    public Assembler amoorW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x08, rd, rs1, rs2));
    }

    /** {@code amomin.w rd, rs2, (rs1)}. */
    public Assembler amominW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x10, rd, rs1, rs2));
    }

    /** {@code amomax.w rd, rs2, (rs1)}. */
    public Assembler amomaxW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x14, rd, rs1, rs2));
    }

    /** {@code amominu.w rd, rs2, (rs1)}. */
    public Assembler amominuW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x18, rd, rs1, rs2));
    }

    /** {@code amomaxu.w rd, rs2, (rs1)}. */
    public Assembler amomaxuW(final int rd, final int rs1, final int rs2)
    {
        return emit(amo(0x1C, rd, rs1, rs2));
    }

    // ---------------------------------------------------------------- pseudo-instructions

    /**
     * {@code li rd, value}: the shortest of {@code addi rd, x0, value} (value in -2048..2047),
     * {@code lui rd, hi} (low 12 bits zero) or {@code lui rd, hi; addi rd, rd, lo}. Every 32-bit
     * value is reachable.
     */
    public Assembler li(final int rd, final int value)
    {
        checkRegister("rd", rd);
        if (value >= -2048 && value <= 2047)
        {
            return addi(rd, ZERO, value);
        }
        final int lo = (value << 20) >> 20;
        final int hi = ((value - lo) >>> 12) & 0xFFFFF;
        lui(rd, hi);
        if (lo != 0)
        {
            addi(rd, rd, lo);
        }
        return this;
    }

    /** {@code la rd, label}: {@code auipc rd, hi; addi rd, rd, lo}, always two instructions. */
    public Assembler la(final int rd, final Label target)
    {
        checkRegister("rd", rd);
        fixups.add(new Fixup(FIXUP_AUIPC_ADDI, size, target));
        emit(OP_AUIPC | rd << 7);
        return emit(OP_IMM | rd << 7 | rd << 15);
    }

    /** {@code j label}: {@code jal x0, label}. */
    public Assembler j(final Label target)
    {
        return jal(ZERO, target);
    }

    /** {@code call label}: {@code jal ra, label} (the target must be within 1 MiB). */
    public Assembler call(final Label target)
    {
        return jal(RA, target);
    }

    /** {@code ret}: {@code jalr x0, 0(ra)}. */
    public Assembler ret()
    {
        return jalr(ZERO, RA, 0);
    }

    /** {@code nop}: {@code addi x0, x0, 0}. */
    public Assembler nop()
    {
        return addi(ZERO, ZERO, 0);
    }

    /** {@code mv rd, rs}: {@code addi rd, rs, 0}. */
    public Assembler mv(final int rd, final int rs)
    {
        return addi(rd, rs, 0);
    }

    /** {@code beqz rs, label}: {@code beq rs, x0, label}. */
    public Assembler beqz(final int rs, final Label target)
    {
        return beq(rs, ZERO, target);
    }

    /** {@code bnez rs, label}: {@code bne rs, x0, label}. */
    public Assembler bnez(final int rs, final Label target)
    {
        return bne(rs, ZERO, target);
    }

    /** {@code csrr rd, csr}: {@code csrrs rd, csr, x0} (reads without writing). */
    public Assembler csrr(final int rd, final int csr)
    {
        return csrrs(rd, csr, ZERO);
    }

    /** {@code csrw csr, rs}: {@code csrrw x0, csr, rs}. */
    public Assembler csrw(final int csr, final int rs)
    {
        return csrrw(ZERO, csr, rs);
    }

    /** {@code csrs csr, rs}: {@code csrrs x0, csr, rs}. */
    public Assembler csrs(final int csr, final int rs)
    {
        return csrrs(ZERO, csr, rs);
    }

    /** {@code csrc csr, rs}: {@code csrrc x0, csr, rs}. */
    public Assembler csrc(final int csr, final int rs)
    {
        return csrrc(ZERO, csr, rs);
    }

    /** {@code csrwi csr, uimm}: {@code csrrwi x0, csr, uimm}. */
    public Assembler csrwi(final int csr, final int uimm)
    {
        return csrrwi(ZERO, csr, uimm);
    }

    /** {@code csrsi csr, uimm}: {@code csrrsi x0, csr, uimm}. */
    public Assembler csrsi(final int csr, final int uimm)
    {
        return csrrsi(ZERO, csr, uimm);
    }

    /** {@code csrci csr, uimm}: {@code csrrci x0, csr, uimm}. */
    public Assembler csrci(final int csr, final int uimm)
    {
        return csrrci(ZERO, csr, uimm);
    }

    /**
     * Adds a raw 32-bit word: data, or an encoding the methods above cannot produce (illegal or
     * reserved instructions).
     */
    public Assembler word(final int raw)
    {
        return emit(raw);
    }

    /**
     * Adds two compressed instructions ({@link Rvc}) as one word: {@code first} at the word's
     * address, {@code second} two bytes after it.
     */
    public Assembler halves(final int first, final int second)
    {
        for (final int half : new int[] {first, second})
        {
            if ((half & ~0xFFFF) != 0 || (half & 3) == 3)
            {
                throw new IllegalArgumentException(String.format("0x%x is not a 16-bit instruction", half));
            }
        }
        return emit(first | second << 16);
    }

    // ---------------------------------------------------------------- output

    /**
     * @return the code with every label reference resolved, one word per instruction.
     * @throws IllegalStateException naming the label when one is unbound or out of reach.
     */
    public int[] words()
    {
        final int[] out = Arrays.copyOf(code, size);
        for (final Fixup fixup : fixups)
        {
            final Label label = fixup.label;
            if (!label.isBound())
            {
                throw new IllegalStateException("label " + label.name() + " is referenced but never bound");
            }
            final int at = origin + 4 * fixup.index;
            final int offset = label.address() - at;
            switch (fixup.kind)
            {
                case FIXUP_JAL:
                    if (offset < -(1 << 20) || offset >= (1 << 20))
                    {
                        throw outOfReach(label, "jal", at, offset);
                    }
                    out[fixup.index] |= jType(0, offset);
                    break;
                case FIXUP_BRANCH:
                    if (offset < -4096 || offset > 4094)
                    {
                        throw outOfReach(label, "branch", at, offset);
                    }
                    out[fixup.index] |= bType(0, 0, 0, offset);
                    break;
                default:
                    final int lo = (offset << 20) >> 20;
                    final int hi = (offset - lo) >>> 12;
                    out[fixup.index] |= hi << 12;
                    out[fixup.index + 1] |= lo << 20;
                    break;
            }
        }
        return out;
    }

    /** @return {@link #words()} as little-endian bytes, ready to copy to {@link #origin()}. */
    public byte[] bytes()
    {
        final int[] words = words();
        final byte[] out = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++)
        {
            final int w = words[i];
            out[4 * i] = (byte)w;
            out[4 * i + 1] = (byte)(w >>> 8);
            out[4 * i + 2] = (byte)(w >>> 16);
            out[4 * i + 3] = (byte)(w >>> 24);
        }
        return out;
    }

    /**
     * Writes the code into the machine's RAM at {@link #origin()} (forgetting any code decoded
     * there) and points the hart's pc at it.
     *
     * @param machine the target; the code must fit in its RAM.
     */
    public void loadInto(final Machine machine)
    {
        final byte[] bytes = bytes();
        machine.writeRam(origin, bytes, 0, bytes.length);
        machine.cpu().pc(origin);
    }

    // ---------------------------------------------------------------- encoding

    private Assembler emit(final int word)
    {
        if (size == code.length)
        {
            code = Arrays.copyOf(code, size * 2);
        }
        code[size++] = word;
        return this;
    }

    private Assembler branch(final int funct3, final int rs1, final int rs2, final Label target)
    {
        checkRegister("rs1", rs1);
        checkRegister("rs2", rs2);
        fixups.add(new Fixup(FIXUP_BRANCH, size, target));
        return emit(OP_BRANCH | funct3 << 12 | rs1 << 15 | rs2 << 20);
    }

    private Assembler branch(final int funct3, final int rs1, final int rs2, final int offset)
    {
        checkRegister("rs1", rs1);
        checkRegister("rs2", rs2);
        if ((offset & 1) != 0 || offset < -4096 || offset > 4094)
        {
            throw new IllegalArgumentException("branch offset must be even and in -4096..4094: " + offset);
        }
        return emit(OP_BRANCH | funct3 << 12 | rs1 << 15 | rs2 << 20 | bType(0, 0, 0, offset));
    }

    private static int bType(final int funct3, final int rs1, final int rs2, final int offset)
    {
        return ((offset >> 12) & 1) << 31 | ((offset >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 |
            funct3 << 12 | ((offset >> 1) & 0xF) << 8 | ((offset >> 11) & 1) << 7;
    }

    private static int jType(final int rd, final int offset)
    {
        return ((offset >> 20) & 1) << 31 | ((offset >> 1) & 0x3FF) << 21 | ((offset >> 11) & 1) << 20 |
            ((offset >> 12) & 0xFF) << 12 | rd << 7 | OP_JAL;
    }

    private static void checkJalOffset(final int offset)
    {
        if ((offset & 1) != 0 || offset < -(1 << 20) || offset >= (1 << 20))
        {
            throw new IllegalArgumentException("jal offset must be even and in -1048576..1048574: " + offset);
        }
    }

    private static int uType(final int opcode, final int rd, final int imm20)
    {
        checkRegister("rd", rd);
        checkRange("20-bit upper immediate", imm20, -0x80000, 0xFFFFF);
        return (imm20 & 0xFFFFF) << 12 | rd << 7 | opcode;
    }

    private static int iType(final int opcode, final int funct3, final int rd, final int rs1, final int imm)
    {
        checkRegister("rd", rd);
        checkRegister("rs1", rs1);
        checkRange("12-bit immediate", imm, -2048, 2047);
        return imm << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int sType(final int funct3, final int rs2, final int rs1, final int imm)
    {
        checkRegister("rs2", rs2);
        checkRegister("rs1", rs1);
        checkRange("12-bit immediate", imm, -2048, 2047);
        return ((imm >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 0x1F) << 7 | OP_STORE;
    }

    private static int shift(final int funct7, final int funct3, final int rd, final int rs1, final int shamt)
    {
        checkRegister("rd", rd);
        checkRegister("rs1", rs1);
        checkRange("shift amount", shamt, 0, 31);
        return funct7 << 25 | shamt << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | OP_IMM;
    }

    private static int rType(
        final int opcode, final int funct7, final int funct3, final int rd, final int rs1, final int rs2)
    {
        checkRegister("rd", rd);
        checkRegister("rs1", rs1);
        checkRegister("rs2", rs2);
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int csrType(final int funct3, final int rd, final int csr, final String what, final int source)
    {
        checkRegister("rd", rd);
        checkRange("csr", csr, 0, 0xFFF);
        checkRange(what, source, 0, 31);
        return csr << 20 | source << 15 | funct3 << 12 | rd << 7 | OP_SYSTEM;
    }

    private static int amo(final int funct5, final int rd, final int rs1, final int rs2)
    {
        checkRegister("rd", rd);
        checkRegister("rs1", rs1);
        checkRegister("rs2", rs2);
        return funct5 << 27 | rs2 << 20 | rs1 << 15 | 2 << 12 | rd << 7 | OP_AMO;
    }

    private static void checkRegister(final String what, final int register)
    {
        if (register < 0 || register > 31)
        {
            throw new IllegalArgumentException(what + " must be a register number 0..31: " + register);
        }
    }

    private static void checkRange(final String what, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + value);
        }
    }

    private static IllegalStateException outOfReach(
        final Label label, final String what, final int at, final int offset)
    {
        return new IllegalStateException(String.format(
            "label %s is out of reach of the %s at 0x%08x (offset %d)", label.name(), what, at, offset));
    }

    /** A label reference to patch once the label's address is known. */
    private static final class Fixup
    {
        final int kind;
        final int index;
        final Label label;

        Fixup(final int kind, final int index, final Label label)
        {
            this.kind = kind;
            this.index = index;
            this.label = label;
        }
    }
}
