package io.tandem.engine.machine;

import static io.tandem.engine.asm.Assembler.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.asm.Rvc;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.cpu.TrapCause;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.mem.MemoryMap;

/**
 * Random straight-line and forward-branching RV32IMAC programs (seeded, so every failure
 * reproduces) run on QEMU {@code virt} and on this machine; both print every register and a data
 * area in hex over the UART, and the dumps must be identical. They mix every RV32I, M, A and C
 * instruction (compressed pairs filling a word, compressed branches and jumps to halfword targets,
 * c.jal, c.jr and c.jalr, c.ebreak and reserved 16-bit encodings), the six CSR instructions,
 * FENCE and FENCE.I, code that rewrites its next instruction (32-bit or compressed) and runs it
 * after FENCE.I, traps (ECALL, EBREAK, illegal words, unmapped loads, stores and AMOs, M-mode
 * CSRs from U-mode) and misaligned loads, stores, LRs and AMOs in RAM. Not generated: counters
 * and time (not the same clock), WFI (nothing would wake it), misaligned stores leaving RAM and
 * misaligned SC ({@link QemuDeviation}). Where QEMU deviates from the spec on what is generated,
 * the trap handler adjusts, naming the entry of {@link QemuDeviation}.
 */
class QemuRandomProgramTest
{
    private static final int CODE = MemoryMap.RAM_BASE;
    private static final int DATA = MemoryMap.RAM_BASE + 0x10_0000;
    private static final int DATA_WORDS = 64;
    private static final int DATA_BASE_REGISTER = S11; // never a destination
    private static final int TRAP_SCRATCH = S9;        // the trap handler's, never a destination
    private static final int TRAP_DIGEST = S10;        // mixes every trap's mcause, mepc and mtval
    private static final int INSTRUCTIONS = 600;
    /** Where the trap handler keeps t0 while it uses it, past the register dump (relative to DATA). */
    private static final int HANDLER_SAVE = 4 * DATA_WORDS + 4 * 32;
    /** LR.W's funct5 (the other AMO-opcode instructions are SC.W and the AMOs, store/AMO exceptions). */
    private static final int FUNCT5_LR = 0b00010;
    /**
     * Encodings illegal on both machines: only 32-bit ones (QEMU has the C extension) and no
     * S-mode instructions (QEMU has S-mode).
     */
    private static final int[] ILLEGAL = {
        0x0000_0000, 0xFFFF_FFFF, 0x0000_000B, 0x0000_003B,
        0xC000_1073, // csrrw x0, cycle, x0: a write to a read-only CSR
        0x7C00_2573, // csrr a0, 0x7c0: unimplemented
    };
    /** Illegal 16-bit encodings: c.flw, c.fsdsp, c.addi16sp 0, c.srli with shamt[5], c.subw, c.lwsp x0, c.jr x0. */
    private static final int[] ILLEGAL_HALVES = {0x6000, 0xA002, 0x6101, 0x9001, 0x9C01, 0x4002, 0x8002};

    @TempDir
    Path scratch;

    private static final long[] MACHINE_MODE_SEEDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final long[] USER_MODE_SEEDS = {101, 102, 103, 104, 105, 106};

    static LongStream machineModeSeeds()
    {
        return LongStream.of(MACHINE_MODE_SEEDS);
    }

    static LongStream userModeSeeds()
    {
        return LongStream.of(USER_MODE_SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("machineModeSeeds")
    void randomMachineModeProgramDumpsTheSameStateAsOnQemu(final long seed) throws IOException, InterruptedException
    {
        compare(seed, false);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("userModeSeeds")
    void randomUserModeProgramDumpsTheSameStateAsOnQemu(final long seed) throws IOException, InterruptedException
    {
        compare(seed, true);
    }

    /**
     * The random parts of the programs the two tests above run hold every RV32IMAC instruction
     * (compressed forms named apart), the six CSR instructions and FENCE.I; prints how many of
     * each, for the build's log.
     */
    @Test
    void theProgramsHoldEveryRv32imacAndCsrInstruction()
    {
        final Map<String, Integer> mix = new TreeMap<>();
        int instructions = 0;
        for (final long seed : LongStream.concat(machineModeSeeds(), userModeSeeds()).toArray())
        {
            final int[] range = new int[2];
            final Assembler program = generate(new SplittableRandom(seed), seed >= USER_MODE_SEEDS[0], range);
            final int[] words = program.words();
            int pc = range[0];
            while (pc < range[1])
            {
                final int offset = pc - CODE;
                final int word = words[offset >>> 2];
                final int half = (offset & 2) == 0 ? word & 0xFFFF : word >>> 16;
                final String name;
                if ((half & 3) == 3)
                {
                    name = Rv32imacMnemonics.of32((offset & 2) == 0 ? word : half | words[(offset >>> 2) + 1] << 16);
                    pc += 4;
                }
                else
                {
                    name = Rv32imacMnemonics.of16(half);
                    pc += 2;
                }
                mix.merge(name, 1, Integer::sum);
                instructions++;
            }
        }
        System.out.printf("QEMU random differential: %d programs, %d instructions in their random parts: %s%n",
            MACHINE_MODE_SEEDS.length + USER_MODE_SEEDS.length, instructions, mix);
        for (final String mnemonic : Rv32imacMnemonics.ALL)
        {
            assertTrue(mix.containsKey(mnemonic), mnemonic + " is never generated: " + mix);
        }
    }

    private void compare(final long seed, final boolean user) throws IOException, InterruptedException
    {
        Assumptions.assumeTrue(QemuRunner.onPath(), QemuRunner.QEMU + " is not on the PATH");
        final Assembler program = generate(new SplittableRandom(seed), user, new int[2]);
        final String here = runHere(program);
        final String reference = runQemu(program, seed);
        assertEquals(32 + DATA_WORDS, reference.lines().count(), "QEMU printed the whole dump");
        assertEquals(reference, here, "seed " + seed);
    }

    /**
     * @param user        run the random part in U-mode, with PMP opening all memory (as QEMU requires)
     *                    and M-mode CSR accesses trapping.
     * @param randomRange receives the addresses where the random part starts and ends.
     */
    static Assembler generate(final SplittableRandom random, final boolean user, final int[] randomRange)
    {
        final Assembler a = new Assembler(CODE);
        final Label handler = a.newLabel("handler");
        final Label start = a.newLabel("start");
        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);
        a.li(T0, -1);
        a.csrw(Csr.PMPADDR0, T0);
        a.li(T0, 0x1F);                  // NAPOT over everything, read/write/execute
        a.csrw(Csr.PMPCFG0, T0);
        a.la(T0, start);
        a.csrw(Csr.MEPC, T0);
        a.li(T0, Csr.MSTATUS_MPP);
        if (user)
        {
            a.csrc(Csr.MSTATUS, T0);
        }
        else
        {
            a.csrs(Csr.MSTATUS, T0);
        }
        a.mret();

        // Mixes mcause, mepc and mtval into the digest and resumes after the trapping instruction.
        final Label noTval = a.newLabel("noTval");
        final Label causeKept = a.newLabel("causeKept");
        a.bind(handler);
        a.sw(T0, DATA_BASE_REGISTER, HANDLER_SAVE);
        a.csrr(T0, Csr.MCAUSE);
        // QemuDeviation.MISALIGNED_AMO_CAUSE, FAULTING_AMO_CAUSE: QEMU reports an AMO's (or SC's)
        // misaligned address or access fault with the load causes 4 and 5; the spec's store/AMO
        // causes are 6 and 7. A load cause on an AMO-opcode instruction other than LR becomes the
        // store/AMO one, which leaves this machine's causes as they are.
        a.addi(TRAP_SCRATCH, T0, -TrapCause.LOAD_ADDRESS_MISALIGNED);
        a.sltiu(TRAP_SCRATCH, TRAP_SCRATCH, 2);
        a.beqz(TRAP_SCRATCH, causeKept);
        a.csrr(TRAP_SCRATCH, Csr.MEPC);
        a.lhu(TRAP_SCRATCH, TRAP_SCRATCH, 0);
        a.andi(TRAP_SCRATCH, TRAP_SCRATCH, 0x7F);
        a.addi(TRAP_SCRATCH, TRAP_SCRATCH, -0x2F);
        a.bnez(TRAP_SCRATCH, causeKept);
        a.csrr(TRAP_SCRATCH, Csr.MEPC);
        a.lhu(TRAP_SCRATCH, TRAP_SCRATCH, 2);
        a.srli(TRAP_SCRATCH, TRAP_SCRATCH, 11);
        a.addi(TRAP_SCRATCH, TRAP_SCRATCH, -FUNCT5_LR);
        a.beqz(TRAP_SCRATCH, causeKept);
        a.addi(T0, T0, TrapCause.STORE_ADDRESS_MISALIGNED - TrapCause.LOAD_ADDRESS_MISALIGNED);
        a.bind(causeKept);
        a.slli(TRAP_DIGEST, TRAP_DIGEST, 3);
        a.add(TRAP_DIGEST, TRAP_DIGEST, T0);
        a.lw(T0, DATA_BASE_REGISTER, HANDLER_SAVE);
        // QemuDeviation.EBREAK_MTVAL: a breakpoint's mtval is left out (this machine reports the
        // pc, QEMU 7.2 zero; the spec allows both).
        a.csrr(TRAP_SCRATCH, Csr.MEPC);
        a.xor(TRAP_DIGEST, TRAP_DIGEST, TRAP_SCRATCH);
        a.csrr(TRAP_SCRATCH, Csr.MCAUSE);
        a.addi(TRAP_SCRATCH, TRAP_SCRATCH, -TrapCause.BREAKPOINT);
        a.beqz(TRAP_SCRATCH, noTval);
        a.csrr(TRAP_SCRATCH, Csr.MTVAL);
        a.add(TRAP_DIGEST, TRAP_DIGEST, TRAP_SCRATCH);
        a.bind(noTval);
        // Step over 4 bytes after a 32-bit instruction (low bits 11), 2 after a compressed one.
        final Label wide = a.newLabel("wide");
        final Label resume = a.newLabel("resume");
        a.csrr(TRAP_SCRATCH, Csr.MEPC);
        a.lhu(TRAP_SCRATCH, TRAP_SCRATCH, 0);
        a.andi(TRAP_SCRATCH, TRAP_SCRATCH, 3);
        a.addi(TRAP_SCRATCH, TRAP_SCRATCH, -3);
        a.beqz(TRAP_SCRATCH, wide);
        a.csrr(TRAP_SCRATCH, Csr.MEPC);
        a.addi(TRAP_SCRATCH, TRAP_SCRATCH, 2);
        a.j(resume);
        a.bind(wide);
        a.csrr(TRAP_SCRATCH, Csr.MEPC);
        a.addi(TRAP_SCRATCH, TRAP_SCRATCH, 4);
        a.bind(resume);
        a.csrw(Csr.MEPC, TRAP_SCRATCH);
        a.mret();

        a.bind(start);
        a.li(DATA_BASE_REGISTER, DATA);
        for (int r = 1; r < 32; r++)
        {
            if (r != DATA_BASE_REGISTER)
            {
                a.li(r, r == TRAP_DIGEST ? 0 : interesting(random));
            }
        }
        for (int i = 0; i < DATA_WORDS; i++)
        {
            a.li(T0, interesting(random));
            a.sw(T0, DATA_BASE_REGISTER, 4 * i);
        }
        randomRange[0] = a.pc();
        for (int i = 0; i < INSTRUCTIONS; i++)
        {
            emitRandom(a, random);
        }
        randomRange[1] = a.pc();
        dumpAndPass(a);
        return a;
    }

    private static int interesting(final SplittableRandom random)
    {
        switch (random.nextInt(6))
        {
            case 0: return 0;
            case 1: return random.nextBoolean() ? -1 : 1;
            case 2: return random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            case 3: return random.nextInt(-2048, 2048);
            default: return random.nextInt();
        }
    }

    private static int destination(final SplittableRandom random)
    {
        while (true)
        {
            final int r = random.nextInt(32); // x0 included: writes to it must vanish
            if (r != DATA_BASE_REGISTER && r != TRAP_SCRATCH && r != TRAP_DIGEST)
            {
                return r;
            }
        }
    }

    private static void emitRandom(final Assembler a, final SplittableRandom random)
    {
        final int rd = destination(random);
        final int rs1 = random.nextInt(32);
        final int rs2 = random.nextInt(32);
        final int imm = random.nextInt(-2048, 2048);
        final int shamt = random.nextInt(32);
        final int offset = 4 * random.nextInt(DATA_WORDS);
        switch (random.nextInt(56))
        {
            case 0: a.add(rd, rs1, rs2); break;
            case 1: a.sub(rd, rs1, rs2); break;
            case 2: a.sll(rd, rs1, rs2); break;
            case 3: a.slt(rd, rs1, rs2); break;
            case 4: a.sltu(rd, rs1, rs2); break;
            case 5: a.xor(rd, rs1, rs2); break;
            case 6: a.srl(rd, rs1, rs2); break;
            case 7: a.sra(rd, rs1, rs2); break;
            case 8: a.or(rd, rs1, rs2); break;
            case 9: a.and(rd, rs1, rs2); break;
            case 10: a.mul(rd, rs1, rs2); break;
            case 11: a.mulh(rd, rs1, rs2); break;
            case 12: a.mulhsu(rd, rs1, rs2); break;
            case 13: a.mulhu(rd, rs1, rs2); break;
            case 14: a.div(rd, rs1, rs2); break;
            case 15: a.divu(rd, rs1, rs2); break;
            case 16: a.rem(rd, rs1, rs2); break;
            case 17: a.remu(rd, rs1, rs2); break;
            case 18: a.addi(rd, rs1, imm); break;
            case 19: a.slti(rd, rs1, imm); break;
            case 20: a.sltiu(rd, rs1, imm); break;
            case 21: a.xori(rd, rs1, imm); break;
            case 22: a.ori(rd, rs1, imm); break;
            case 23: a.andi(rd, rs1, imm); break;
            case 24: a.slli(rd, rs1, shamt); break;
            case 25: a.srli(rd, rs1, shamt); break;
            case 26: a.srai(rd, rs1, shamt); break;
            case 27: a.lui(rd, random.nextInt(1 << 20)); break;
            case 28: a.auipc(rd, random.nextInt(1 << 20)); break;
            case 29:
                switch (random.nextInt(5))
                {
                    case 0: a.lw(rd, DATA_BASE_REGISTER, offset); break;
                    case 1: a.lh(rd, DATA_BASE_REGISTER, offset + 2 * random.nextInt(2)); break;
                    case 2: a.lhu(rd, DATA_BASE_REGISTER, offset + 2 * random.nextInt(2)); break;
                    case 3: a.lb(rd, DATA_BASE_REGISTER, offset + random.nextInt(4)); break;
                    default: a.lbu(rd, DATA_BASE_REGISTER, offset + random.nextInt(4)); break;
                }
                break;
            case 30:
                switch (random.nextInt(3))
                {
                    case 0: a.sw(rs2, DATA_BASE_REGISTER, offset); break;
                    case 1: a.sh(rs2, DATA_BASE_REGISTER, offset + 2 * random.nextInt(2)); break;
                    default: a.sb(rs2, DATA_BASE_REGISTER, offset + random.nextInt(4)); break;
                }
                break;
            case 31:
            case 32:
            {
                // AMO on a data word: the address goes through t0, which the AMO may then overwrite.
                a.addi(T0, DATA_BASE_REGISTER, offset);
                amo(a, random, destination(random), T0, random.nextInt(32));
                break;
            }
            case 33:
            {
                // LR, maybe a store in between, SC: success and failure both deterministic. SC's
                // address stays aligned: QemuDeviation.MISALIGNED_SC_WITHOUT_RESERVATION.
                a.addi(T1, DATA_BASE_REGISTER, offset);
                a.lrW(destination(random), T1);
                if (random.nextBoolean())
                {
                    a.addi(T2, DATA_BASE_REGISTER, 4 * random.nextInt(DATA_WORDS));
                }
                a.addi(T1, DATA_BASE_REGISTER, random.nextInt(4) == 0 ? (offset + 4) % (4 * DATA_WORDS) : offset);
                a.scW(destination(random), T1, random.nextInt(32));
                break;
            }
            case 34:
            case 35:
            {
                // A forward branch over a few random instructions.
                final Label skip = a.newLabel();
                switch (random.nextInt(6))
                {
                    case 0: a.beq(rs1, rs2, skip); break;
                    case 1: a.bne(rs1, rs2, skip); break;
                    case 2: a.blt(rs1, rs2, skip); break;
                    case 3: a.bge(rs1, rs2, skip); break;
                    case 4: a.bltu(rs1, rs2, skip); break;
                    default: a.bgeu(rs1, rs2, skip); break;
                }
                final int skipped = 1 + random.nextInt(3);
                for (int i = 0; i < skipped; i++)
                {
                    a.addi(destination(random), random.nextInt(32), random.nextInt(-2048, 2048));
                }
                a.bind(skip);
                break;
            }
            case 36:
            {
                // jal/jalr forward: the link value is a pc, identical on both machines.
                final Label next = a.newLabel();
                if (random.nextBoolean())
                {
                    a.jal(rd, next);
                    a.addi(destination(random), random.nextInt(32), imm);
                }
                else
                {
                    a.la(T2, next);
                    a.jalr(rd, T2, random.nextInt(2)); // bit 0 is cleared
                    a.addi(destination(random), random.nextInt(32), imm);
                }
                a.bind(next);
                break;
            }
            case 37:
                a.csrrw(rd, Csr.MSCRATCH, rs1);
                break;
            case 38:
                a.csrrs(rd, Csr.MSCRATCH, rs1);
                break;
            case 39:
                // mepc written and read back. QemuDeviation.MEPC_LOW_BIT: QEMU keeps bit 0, which
                // reads as zero here; the value read is masked so that the rest is compared.
                a.csrrw(rd, Csr.MEPC, rs1);
                a.csrr(rd, Csr.MEPC);
                a.andi(rd, rd, -2);
                break;
            case 40:
                switch (random.nextInt(3))
                {
                    case 0: a.ecall(); break;
                    case 1: a.ebreak(); break;
                    default: a.word(ILLEGAL[random.nextInt(ILLEGAL.length)]); break;
                }
                break;
            case 41:
                // Unmapped addresses fault on both machines (mtval = the address).
                a.li(T2, random.nextBoolean() ? 0x4 : 0x8);
                if (random.nextBoolean())
                {
                    a.lw(rd, T2, 0);
                }
                else
                {
                    a.sw(rs2, T2, 0);
                }
                break;
            case 42:
                a.csrrs(rd, Csr.MSTATUS, ZERO); // legal in M-mode, illegal in U-mode
                break;
            case 43:
                switch (random.nextInt(4))
                {
                    case 0: a.csrrc(rd, Csr.MSCRATCH, rs1); break;
                    case 1: a.csrrwi(rd, Csr.MSCRATCH, shamt); break;
                    case 2: a.csrrsi(rd, Csr.MSCRATCH, shamt); break;
                    default: a.csrrci(rd, Csr.MSCRATCH, shamt); break;
                }
                break;
            case 44:
            {
                // Misaligned loads in RAM: both machines perform them.
                final int misaligned = offset + 1 + random.nextInt(3);
                switch (random.nextInt(3))
                {
                    case 0: a.lw(rd, DATA_BASE_REGISTER, misaligned); break;
                    case 1: a.lh(rd, DATA_BASE_REGISTER, offset + 1 + 2 * random.nextInt(2)); break;
                    default: a.lhu(rd, DATA_BASE_REGISTER, offset + 1 + 2 * random.nextInt(2)); break;
                }
                break;
            }
            case 45:
                if (random.nextBoolean())
                {
                    a.sw(rs2, DATA_BASE_REGISTER, offset + 1 + random.nextInt(3));
                }
                else
                {
                    a.sh(rs2, DATA_BASE_REGISTER, offset + 1 + 2 * random.nextInt(2));
                }
                break;
            case 46:
            case 47:
            case 48:
                a.halves(compressed(random), compressed(random));
                break;
            case 49:
            {
                // A compressed branch or jump from either half to a halfword of the next word.
                final int rs = 8 + random.nextInt(8);
                final int kind = random.nextInt(3);
                final int fromFirst = random.nextBoolean() ? 4 : 6;
                final int jump = kind == 0 ? Rvc.beqz(rs, fromFirst) : kind == 1 ? Rvc.bnez(rs, fromFirst) : Rvc.j(fromFirst);
                if (random.nextBoolean())
                {
                    a.halves(jump, compressed(random));
                }
                else
                {
                    a.halves(compressed(random), kind == 0 ? Rvc.beqz(rs, 4) : kind == 1 ? Rvc.bnez(rs, 4) : Rvc.j(4));
                }
                a.halves(compressed(random), compressed(random));
                break;
            }
            case 50:
                // c.ebreak, or an encoding reserved or floating-point (no F): illegal, mtval the 16 bits.
                a.halves(compressed(random), random.nextBoolean() ? Rvc.EBREAK
                    : ILLEGAL_HALVES[random.nextInt(ILLEGAL_HALVES.length)]);
                break;
            case 51:
            {
                // c.lw, c.sw, c.lwsp, c.swsp on the data area: the base first, in a 32-bit addi.
                final int base = 8 + random.nextInt(8);
                final int rdPrime = 8 + random.nextInt(8);
                switch (random.nextInt(4))
                {
                    case 0:
                        a.addi(base, DATA_BASE_REGISTER, 4 * random.nextInt(32));
                        a.halves(Rvc.lw(rdPrime, base, 4 * random.nextInt(32)), compressed(random));
                        break;
                    case 1:
                        a.addi(base, DATA_BASE_REGISTER, 4 * random.nextInt(32));
                        a.halves(Rvc.sw(8 + random.nextInt(8), base, 4 * random.nextInt(32)), compressed(random));
                        break;
                    case 2:
                        a.addi(SP, DATA_BASE_REGISTER, 4 * random.nextInt(16));
                        a.halves(Rvc.lwsp(nonZero(destination(random)), 4 * random.nextInt(48)), compressed(random));
                        break;
                    default:
                        a.addi(SP, DATA_BASE_REGISTER, 4 * random.nextInt(16));
                        a.halves(Rvc.swsp(random.nextInt(32), 4 * random.nextInt(48)), compressed(random));
                        break;
                }
                break;
            }
            case 52:
                if (random.nextBoolean())
                {
                    a.fence(1 + random.nextInt(15), 1 + random.nextInt(15));
                }
                else
                {
                    a.fenceI();
                }
                break;
            case 53:
                selfModifying(a, random);
                break;
            case 54:
            {
                // c.jal over a compressed instruction, or c.jr / c.jalr to the next word.
                final int kind = random.nextInt(3);
                if (kind == 0)
                {
                    if (random.nextBoolean())
                    {
                        a.halves(Rvc.jal(4), compressed(random));
                    }
                    else
                    {
                        a.halves(compressed(random), Rvc.jal(2));
                    }
                }
                else
                {
                    final Label target = a.newLabel();
                    a.la(T2, target);
                    a.halves(kind == 1 ? Rvc.jr(T2) : Rvc.jalr(T2), compressed(random));
                    a.bind(target);
                }
                a.halves(compressed(random), compressed(random));
                break;
            }
            case 55:
                // Misaligned AMOs and LRs in RAM and AMOs where nothing answers: all trap on both
                // machines (QemuDeviation.MISALIGNED_AMO_CAUSE, FAULTING_AMO_CAUSE: the handler
                // adjusts QEMU's causes).
                switch (random.nextInt(3))
                {
                    case 0:
                        a.addi(T0, DATA_BASE_REGISTER, offset + 1 + random.nextInt(3));
                        amo(a, random, destination(random), T0, random.nextInt(32));
                        break;
                    case 1:
                        a.addi(T0, DATA_BASE_REGISTER, offset + 1 + random.nextInt(3));
                        a.lrW(destination(random), T0);
                        break;
                    default:
                        a.li(T0, random.nextBoolean() ? 0x4 : 0x8);
                        amo(a, random, destination(random), T0, random.nextInt(32));
                        break;
                }
                break;
            default:
                throw new IllegalStateException("no case for every draw");
        }
    }

    /** One of the nine AMOs, at the address in {@code address}. */
    private static void amo(final Assembler a, final SplittableRandom random, final int target, final int address,
        final int source)
    {
        switch (random.nextInt(9))
        {
            case 0: a.amoswapW(target, address, source); break;
            case 1: a.amoaddW(target, address, source); break;
            case 2: a.amoxorW(target, address, source); break;
            case 3: a.amoandW(target, address, source); break;
            case 4: a.amoorW(target, address, source); break;
            case 5: a.amominW(target, address, source); break;
            case 6: a.amomaxW(target, address, source); break;
            case 7: a.amominuW(target, address, source); break;
            default: a.amomaxuW(target, address, source); break;
        }
    }

    /**
     * Code that rewrites the instruction after it (a 32-bit ALU instruction, or a compressed one
     * in the second half of a word) and runs the new one after FENCE.I.
     */
    private static void selfModifying(final Assembler a, final SplittableRandom random)
    {
        final Label slot = a.newLabel();
        a.la(T2, slot);
        if (random.nextBoolean())
        {
            final Assembler replacement = new Assembler(0);
            final int rd = destination(random);
            final int rs1 = random.nextInt(32);
            switch (random.nextInt(4))
            {
                case 0: replacement.addi(rd, rs1, random.nextInt(-2048, 2048)); break;
                case 1: replacement.xori(rd, rs1, random.nextInt(-2048, 2048)); break;
                case 2: replacement.mul(rd, rs1, random.nextInt(32)); break;
                default: replacement.sub(rd, rs1, random.nextInt(32)); break;
            }
            a.li(T1, replacement.words()[0]);
            a.sw(T1, T2, 0);
            a.fenceI();
            a.bind(slot);
            a.addi(destination(random), random.nextInt(32), random.nextInt(-2048, 2048)); // never runs
        }
        else
        {
            a.li(T1, compressed(random));
            a.sh(T1, T2, 2);
            a.fenceI();
            a.bind(slot);
            a.halves(compressed(random), compressed(random)); // the second is replaced before it runs
        }
    }

    /** A random compressed instruction that falls through and touches no memory. */
    private static int compressed(final SplittableRandom random)
    {
        final int rd = destination(random);
        final int prime = 8 + random.nextInt(8);
        final int imm6 = random.nextInt(-32, 32);
        switch (random.nextInt(16))
        {
            case 0: return Rvc.addi(rd, imm6);
            case 1: return Rvc.li(rd, imm6);
            case 2: return Rvc.lui(rd == SP ? 0 : rd, imm6 == 0 ? 1 : imm6);
            case 3: return Rvc.srli(prime, random.nextInt(32));
            case 4: return Rvc.srai(prime, random.nextInt(32));
            case 5: return Rvc.andi(prime, imm6);
            case 6: return Rvc.sub(prime, 8 + random.nextInt(8));
            case 7: return Rvc.xor(prime, 8 + random.nextInt(8));
            case 8: return Rvc.or(prime, 8 + random.nextInt(8));
            case 9: return Rvc.and(prime, 8 + random.nextInt(8));
            case 10: return Rvc.slli(rd, random.nextInt(32));
            case 11: return Rvc.mv(rd, nonZero(random.nextInt(32)));
            case 12: return Rvc.add(rd, nonZero(random.nextInt(32)));
            case 13: return Rvc.addi4spn(prime, 4 * (1 + random.nextInt(255)));
            case 14: return Rvc.addi16sp(16 * (random.nextBoolean() ? 1 + random.nextInt(31) : -1 - random.nextInt(32)));
            default: return Rvc.NOP;
        }
    }

    private static int nonZero(final int register)
    {
        return register == 0 ? 1 : register;
    }

    /**
     * Saves mscratch and x1..x31 next to the data area (addressed from the data base register,
     * whose value is a known constant), then prints them and the data area as hex words, one per
     * line, and passes.
     */
    private static void dumpAndPass(final Assembler a)
    {
        final int dump = 4 * DATA_WORDS;
        a.csrrw(T0, Csr.MSCRATCH, T0);   // t0 = mscratch, mscratch = t0
        a.sw(T0, DATA_BASE_REGISTER, dump);
        a.csrr(T0, Csr.MSCRATCH);
        for (int r = 1; r < 32; r++)
        {
            a.sw(r, DATA_BASE_REGISTER, dump + 4 * r);
        }

        final Label words = a.newLabel("words");
        final Label digits = a.newLabel("digits");
        final Label digit = a.newLabel("digit");
        final Label letter = a.newLabel("letter");
        final Label done = a.newLabel("done");
        a.li(A0, DATA + dump);
        a.li(A1, 32);
        dumpLoop(a, words, digits, digit, letter, done);
        a.li(A0, DATA);
        a.li(A1, DATA_WORDS);
        final Label words2 = a.newLabel("words2");
        final Label digits2 = a.newLabel("digits2");
        final Label digit2 = a.newLabel("digit2");
        final Label letter2 = a.newLabel("letter2");
        final Label done2 = a.newLabel("done2");
        dumpLoop(a, words2, digits2, digit2, letter2, done2);
        a.li(T0, MemoryMap.TEST_FINISHER_BASE);
        a.li(T1, 0x5555);
        a.sw(T1, T0, 0);
        final Label hang = a.newLabel("hang");
        a.bind(hang);
        a.j(hang);
    }

    /** Prints a1 words from a0 as 8 hex digits and a newline each. */
    static void dumpLoop(
        final Assembler a, final Label words, final Label digits, final Label digit, final Label letter, final Label done)
    {
        a.li(A2, MemoryMap.UART_BASE);
        a.bind(words);
        a.beqz(A1, done);
        a.lw(T0, A0, 0);
        a.li(T1, 8);
        a.bind(digits);
        a.srli(T2, T0, 28);
        a.slli(T0, T0, 4);
        a.li(A3, 10);
        a.bgeu(T2, A3, letter);
        a.addi(T2, T2, '0');
        a.j(digit);
        a.bind(letter);
        a.addi(T2, T2, 'a' - 10);
        a.bind(digit);
        a.sb(T2, A2, 0);
        a.addi(T1, T1, -1);
        a.bnez(T1, digits);
        a.li(T2, '\n');
        a.sb(T2, A2, 0);
        a.addi(A0, A0, 4);
        a.addi(A1, A1, -1);
        a.j(words);
        a.bind(done);
    }

    private static String runHere(final Assembler program)
    {
        final Guests.Capture console = new Guests.Capture();
        try (Machine m = new Machine(new MachineContext()
            .ramMib(16)
            .clock(new VirtualClock())
            .entropy(new SeededEntropy(1))
            .consoleSink(console)))
        {
            program.loadInto(m);
            m.run(10_000_000);
            assertEquals(HaltReason.PASSED, m.haltReason(), m.haltMessage());
            return console.text();
        }
    }

    private String runQemu(final Assembler program, final long seed) throws IOException, InterruptedException
    {
        final QemuRunner.Run run = QemuRunner.run(scratch, "random-" + seed, program.bytes());
        assertEquals(0, run.exitCode, "QEMU exit status for seed " + seed);
        return run.console;
    }
}
