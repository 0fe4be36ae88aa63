package io.tandem.perf;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.mem.MemoryMap;

import java.util.SplittableRandom;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
import static io.tandem.engine.asm.Assembler.A2;
import static io.tandem.engine.asm.Assembler.A3;
import static io.tandem.engine.asm.Assembler.A4;
import static io.tandem.engine.asm.Assembler.A5;
import static io.tandem.engine.asm.Assembler.A6;
import static io.tandem.engine.asm.Assembler.A7;
import static io.tandem.engine.asm.Assembler.RA;
import static io.tandem.engine.asm.Assembler.S0;
import static io.tandem.engine.asm.Assembler.S1;
import static io.tandem.engine.asm.Assembler.S10;
import static io.tandem.engine.asm.Assembler.S11;
import static io.tandem.engine.asm.Assembler.S2;
import static io.tandem.engine.asm.Assembler.S3;
import static io.tandem.engine.asm.Assembler.S4;
import static io.tandem.engine.asm.Assembler.S5;
import static io.tandem.engine.asm.Assembler.S6;
import static io.tandem.engine.asm.Assembler.S7;
import static io.tandem.engine.asm.Assembler.S8;
import static io.tandem.engine.asm.Assembler.S9;
import static io.tandem.engine.asm.Assembler.SP;
import static io.tandem.engine.asm.Assembler.T0;
import static io.tandem.engine.asm.Assembler.T1;
import static io.tandem.engine.asm.Assembler.T2;
import static io.tandem.engine.asm.Assembler.T3;
import static io.tandem.engine.asm.Assembler.T4;
import static io.tandem.engine.asm.Assembler.T5;
import static io.tandem.engine.asm.Assembler.T6;
import static io.tandem.engine.asm.Assembler.ZERO;

/**
 * Endless guest programs, each dominated by one kind of instruction, so that a figure can be
 * traced to one group of cases in the CPU's dispatch loop.
 * <p>
 * Layout: code at the start of RAM, data {@link #DATA_OFFSET} above it, the stack at the top of
 * the {@link #RAM_MIB} MiB of RAM. Data is filled from a fixed seed so every run executes the
 * same branches.
 */
public final class Programs
{
    /** RAM of the synthetic programs; small, so that starting a machine is cheap. */
    public static final int RAM_MIB = 1;

    /** Where code starts: the first RAM address, as for the ELF guests. */
    public static final int CODE_ADDRESS = MemoryMap.RAM_BASE;

    /** Distance of the data area from the code, far enough that stores never touch code. */
    public static final int DATA_OFFSET = 64 * 1024;

    /** Start of the data area. */
    public static final int DATA_ADDRESS = MemoryMap.RAM_BASE + DATA_OFFSET;

    /** First address above the stack. */
    public static final int STACK_TOP = MemoryMap.RAM_BASE + (RAM_MIB << 20);

    /** Address of the CLINT's mtime register (low word). */
    public static final int MTIME_ADDRESS = MemoryMap.CLINT_BASE + 0xBFF8;

    /** Size of each array the load/store and branch programs walk: a few KiB, as asked of an L1-resident loop. */
    public static final int ARRAY_BYTES = 4096;

    /** Instructions in the block that {@link #decode(boolean)} executes once per pass. */
    public static final int DECODE_BLOCK_INSTRUCTIONS = 256;

    private static final long SEED = 0x7A4DE3L;

    private Programs()
    {
    }

    /**
     * @param mix one of {@code alu}, {@code loadstore}, {@code branchy}, {@code muldiv}, {@code calls},
     *            {@code atomics}.
     * @return that program.
     */
    public static AssembledWorkload forMix(final String mix)
    {
        switch (mix)
        {
            case "alu":
                return alu();
            case "loadstore":
                return loadStore();
            case "branchy":
                return branchy();
            case "muldiv":
                return mulDiv();
            case "calls":
                return calls();
            case "atomics":
                return atomics();
            default:
                throw new IllegalArgumentException("unknown instruction mix: " + mix);
        }
    }

    /**
     * Register-register and register-immediate arithmetic, logic, compares and shifts, with the
     * results fed back so that values keep changing: 28 ALU instructions and one jump per pass.
     */
    public static AssembledWorkload alu()
    {
        final Assembler a = new Assembler(CODE_ADDRESS);
        a.li(S0, 0x1234_5678).li(S1, 0x9ABC_DEF0).li(S2, 7).li(S3, 3);

        final Label loop = a.newLabel("loop");
        a.bind(loop);
        a.add(T0, S0, S1);
        a.sub(T1, S1, S2);
        a.xor(T2, T0, T1);
        a.or(T3, T2, S3);
        a.and(T4, T3, S0);
        a.sll(T5, T4, S3);
        a.srl(T6, T5, S2);
        a.sra(A0, S1, S3);
        a.slt(A1, T0, T1);
        a.sltu(A2, T1, T0);
        a.addi(A3, A0, 123);
        a.xori(A4, A3, 0x555);
        a.ori(A5, A4, 0x0F0);
        a.andi(A6, A5, 0x7FF);
        a.slli(A7, A6, 3);
        a.srli(S5, A7, 2);
        a.srai(S6, S1, 7);
        a.slti(S7, S5, 100);
        a.sltiu(S8, S6, 2000);
        a.lui(S9, 0x12345);
        a.add(S0, S0, A1);
        a.xor(S1, S1, T6);
        a.addi(S2, S2, 1);
        a.andi(S2, S2, 31);
        a.add(S10, T2, A3);
        a.sub(S11, S10, A5);
        a.xor(S0, S0, S11);
        a.add(S3, S2, S7);
        a.j(loop);

        return new AssembledWorkload(RAM_MIB, a, DATA_ADDRESS, new byte[0]);
    }

    /**
     * An array sum (4 loads per step), a copy into a second array (2 loads and 2 stores per
     * step) and a pass of byte and halfword accesses; about half of all instructions are loads or
     * stores, all to RAM.
     */
    public static AssembledWorkload loadStore()
    {
        final int source = DATA_ADDRESS;
        final int destination = DATA_ADDRESS + ARRAY_BYTES;
        final Assembler a = new Assembler(CODE_ADDRESS);
        a.li(A0, source).li(A1, destination).li(A2, source + ARRAY_BYTES);

        final Label outer = a.newLabel("outer");
        final Label sum = a.newLabel("sum");
        final Label copy = a.newLabel("copy");
        final Label bytes = a.newLabel("bytes");

        a.bind(outer);
        a.mv(T0, A0);
        a.li(S0, 0);
        a.bind(sum);
        a.lw(T1, T0, 0).lw(T2, T0, 4).lw(T3, T0, 8).lw(T4, T0, 12);
        a.add(S0, S0, T1).add(S0, S0, T2).add(S0, S0, T3).add(S0, S0, T4);
        a.addi(T0, T0, 16);
        a.bne(T0, A2, sum);

        a.mv(T0, A0);
        a.mv(T5, A1);
        a.bind(copy);
        a.lw(T1, T0, 0).lw(T2, T0, 4);
        a.sw(T1, T5, 0).sw(T2, T5, 4);
        a.addi(T0, T0, 8).addi(T5, T5, 8);
        a.bne(T0, A2, copy);

        a.mv(T0, A1);
        a.addi(T6, A1, 1024);
        a.bind(bytes);
        a.lbu(T1, T0, 0);
        a.lh(T2, T0, 2);
        a.xor(T1, T1, S0);
        a.sb(T1, T0, 1);
        a.add(S1, S1, T2);
        a.addi(T0, T0, 4);
        a.bne(T0, T6, bytes);
        a.j(outer);

        return new AssembledWorkload(RAM_MIB, a, DATA_ADDRESS, randomBytes(2 * ARRAY_BYTES));
    }

    /**
     * A walk over random words with five data-dependent conditional branches per element (bit
     * test, sign, unsigned range, signed order against the next element, a 1-in-4 field test);
     * the outcomes follow the data, not a pattern.
     */
    public static AssembledWorkload branchy()
    {
        final Assembler a = new Assembler(CODE_ADDRESS);
        a.li(A0, DATA_ADDRESS).li(A2, DATA_ADDRESS + ARRAY_BYTES - 4).li(A3, 0x4000_0000);

        final Label outer = a.newLabel("outer");
        final Label inner = a.newLabel("inner");
        final Label even = a.newLabel("even");
        final Label negative = a.newLabel("negative");
        final Label small = a.newLabel("small");
        final Label ordered = a.newLabel("ordered");
        final Label skip = a.newLabel("skip");

        a.bind(outer);
        a.mv(A1, A0);
        a.bind(inner);
        a.lw(T0, A1, 0);
        a.lw(T3, A1, 4);
        a.andi(T1, T0, 1);
        a.beqz(T1, even);
        a.addi(S0, S0, 1);
        a.bind(even);
        a.blt(T0, ZERO, negative);
        a.addi(S1, S1, 1);
        a.bind(negative);
        a.bltu(T0, A3, small);
        a.addi(S2, S2, 3);
        a.bind(small);
        a.bge(T0, T3, ordered);
        a.addi(S4, S4, 1);
        a.bind(ordered);
        a.srli(T2, T0, 8);
        a.andi(T2, T2, 3);
        a.bnez(T2, skip);
        a.xor(S3, S3, T0);
        a.bind(skip);
        a.addi(A1, A1, 4);
        a.bne(A1, A2, inner);
        a.j(outer);

        return new AssembledWorkload(RAM_MIB, a, DATA_ADDRESS, randomBytes(ARRAY_BYTES));
    }

    /**
     * All eight M-extension instructions on changing operands, divisors kept odd so that the
     * common (non-zero) path is measured: 8 of 15 instructions are multiplies or divides.
     */
    public static AssembledWorkload mulDiv()
    {
        final Assembler a = new Assembler(CODE_ADDRESS);
        a.li(S0, 0x1234_5678).li(S1, 0x3B9A_CA07).li(S2, 12345);

        final Label loop = a.newLabel("loop");
        a.bind(loop);
        a.mul(T0, S0, S1);
        a.mulh(T1, S0, S1);
        a.mulhu(T2, S0, S1);
        a.mulhsu(T3, S0, S1);
        a.ori(T4, S2, 1);
        a.div(T5, T0, T4);
        a.divu(T6, T1, T4);
        a.rem(A0, T2, T4);
        a.remu(A1, T3, T4);
        a.add(S0, S0, T5);
        a.xor(S1, S1, A0);
        a.addi(S2, S2, 7);
        a.add(S0, S0, A1);
        a.xor(S1, S1, T6);
        a.j(loop);

        return new AssembledWorkload(RAM_MIB, a, DATA_ADDRESS, new byte[0]);
    }

    /**
     * A counter, a lock word and a histogram updated with AMOs, as lock-free code and spin locks
     * do (fetch-and-add, swap, fetch-or, min/max): 9 of 16 instructions are atomics on words of a
     * small array.
     */
    public static AssembledWorkload atomics()
    {
        final Assembler a = new Assembler(CODE_ADDRESS);
        a.li(S0, DATA_ADDRESS).li(S1, 1).li(S2, 0x9E37_79B9).li(S3, 0);

        final Label loop = a.newLabel("loop");
        a.bind(loop);
        a.amoaddW(T0, S0, S1);        // fetch-and-add a counter
        a.amoswapW(T1, S0, S1);       // take a lock ...
        a.amoswapW(ZERO, S0, ZERO);   // ... and release it
        a.add(S3, S3, S2);
        a.andi(T2, S3, 0x3C);         // a histogram bucket
        a.add(T2, T2, S0);
        a.amoaddW(ZERO, T2, S1);
        a.amoorW(T3, T2, S3);
        a.amomaxuW(T4, T2, T0);
        a.amominW(T5, T2, S3);
        a.amoxorW(T6, T2, T1);
        a.amoandW(A0, T2, S2);
        a.xor(S1, S1, T4);
        a.andi(S1, S1, 0xFF);
        a.addi(S1, S1, 1);
        a.j(loop);

        return new AssembledWorkload(RAM_MIB, a, DATA_ADDRESS, new byte[64]);
    }

    /**
     * Call-return chains three deep with the usual prologue and epilogue (ra and a saved register
     * on the stack), plus an indirect call through a register: 13 of 28 instructions are
     * {@code jal} or {@code jalr}.
     */
    public static AssembledWorkload calls()
    {
        final Assembler a = new Assembler(CODE_ADDRESS);
        final Label loop = a.newLabel("loop");
        final Label f1 = a.newLabel("f1");
        final Label f2 = a.newLabel("f2");
        final Label f3 = a.newLabel("f3");
        final Label f4 = a.newLabel("f4");

        a.li(SP, STACK_TOP);
        a.la(S11, f4);
        a.bind(loop);
        a.call(f1);
        a.jalr(RA, S11, 0);
        a.addi(S0, S0, 1);
        a.j(loop);

        a.bind(f1);
        a.addi(SP, SP, -16).sw(RA, SP, 12).sw(S1, SP, 8);
        a.call(f2);
        a.call(f3);
        a.lw(S1, SP, 8).lw(RA, SP, 12).addi(SP, SP, 16);
        a.ret();

        a.bind(f2);
        a.addi(SP, SP, -16).sw(RA, SP, 12);
        a.call(f3);
        a.call(f3);
        a.lw(RA, SP, 12).addi(SP, SP, 16);
        a.ret();

        a.bind(f3);
        a.addi(A0, A0, 1);
        a.ret();

        a.bind(f4);
        a.xor(A0, A0, S0);
        a.ret();

        return new AssembledWorkload(RAM_MIB, a, DATA_ADDRESS, new byte[0]);
    }

    /**
     * Eight word loads from one address per pass, each followed by an add, then a jump: 8 of 17
     * instructions are loads.
     *
     * @param address {@link #MTIME_ADDRESS} for the device path, an address in RAM for the fast path.
     */
    public static AssembledWorkload memoryLoads(final int address)
    {
        final Assembler a = new Assembler(CODE_ADDRESS);
        a.li(A0, address);

        final Label loop = a.newLabel("loop");
        a.bind(loop);
        for (int i = 0; i < 8; i++)
        {
            a.lw(T0, A0, 0);
            a.add(S0, S0, T0);
        }
        a.j(loop);

        return new AssembledWorkload(RAM_MIB, a, DATA_ADDRESS, randomBytes(64));
    }

    /**
     * A straight-line block of {@link #DECODE_BLOCK_INSTRUCTIONS} ALU instructions followed by a
     * loop that copies the block's words, four at a time. Both variants execute the same
     * instructions; they differ only in where the copy goes.
     *
     * @param rewriteCode true: the copy overwrites the block itself (with the same words), which
     *                    drops its decoded instructions, so every block instruction is decoded
     *                    again on every pass; false: the copy goes to a scratch area and the block
     *                    stays decoded.
     */
    public static AssembledWorkload decode(final boolean rewriteCode)
    {
        final Assembler a = new Assembler(CODE_ADDRESS);
        final Label block = a.newLabel("block");
        final Label blockEnd = a.newLabel("blockEnd");
        final Label copy = a.newLabel("copy");
        final Label scratch = a.newLabel("scratch");

        a.bind(block);
        for (int i = 0; i < DECODE_BLOCK_INSTRUCTIONS / 4; i++)
        {
            a.addi(S0, S0, 1);
            a.xor(S1, S1, S0);
            a.add(S2, S2, S1);
            a.slli(S3, S2, 1);
        }
        a.bind(blockEnd);

        a.la(A1, block);
        a.la(A2, blockEnd);
        a.la(A3, rewriteCode ? block : scratch);
        a.bind(copy);
        a.lw(T0, A1, 0).lw(T1, A1, 4).lw(T2, A1, 8).lw(T3, A1, 12);
        a.sw(T0, A3, 0).sw(T1, A3, 4).sw(T2, A3, 8).sw(T3, A3, 12);
        a.addi(A1, A1, 16).addi(A3, A3, 16);
        a.bne(A1, A2, copy);
        a.j(block);

        a.bind(scratch);
        for (int i = 0; i < DECODE_BLOCK_INSTRUCTIONS; i++)
        {
            a.word(0);
        }

        return new AssembledWorkload(RAM_MIB, a, DATA_ADDRESS, new byte[0]);
    }

    private static byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)random.nextInt(256);
        }
        return bytes;
    }
}
