package io.tandem.engine.machine;

import static io.tandem.engine.asm.Assembler.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.asm.Rvc;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.mem.MemoryMap;

/**
 * Seeded random RV32IMAC programs for comparing the two engines: an endless outer loop over
 * random segments, each of which is straight-line code, an inner loop, a call, forward branches,
 * loads and stores (aligned, misaligned, unmapped), CSR reads of the counters and writes of
 * mscratch, atomics and LR/SC, ecall, ebreak and illegal words, FENCE.I and self-modifying stores
 * into a loop that runs the rewritten instruction. Compressed instructions come in pairs that
 * fill a word ({@link #compressedPair()}): every RV32C instruction but the floating-point ones,
 * compressed branches and jumps to halfword targets, JALRs into the second half of a word,
 * c.ebreak and illegal 16-bit encodings. A timer interrupt is re-armed every few thousand
 * instructions. The trap handler folds every trap's mcause, mepc and mtval into a digest register
 * and resumes after the trapping instruction (2 or 4 bytes on, by the instruction's low bits),
 * so that any difference between the engines reaches registers and RAM.
 * <p>
 * Registers: s11 data base, sp a second data base (for c.lwsp, c.swsp, c.addi4spn), s10 digest,
 * s9 and s8 the handler's, s7 patch address, s6 inner loop counter, ra links; random
 * instructions write only {@link #POOL}.
 */
final class RandomProgram
{
    static final int CODE = MemoryMap.RAM_BASE;
    static final int DATA = MemoryMap.RAM_BASE + 0x4_0000;
    static final int DATA_BYTES = 1024;

    private static final int MTIME = MemoryMap.CLINT_BASE + 0xBFF8;
    private static final int MTIMECMP = MemoryMap.CLINT_BASE + 0x4000;
    private static final int UNMAPPED = 0x7000_0000;
    private static final int[] POOL = {A0, A1, A2, A3, A4, A5, A6, A7, T1, T2, T3, T4, T5, T6, S0, S1, S2, S3, S4, S5};
    private static final int[] ILLEGAL = {0x0000_0000, 0xFFFF_FFFF, 0x0000_000B, 0xC000_1073};
    /** Illegal 16-bit encodings: c.flw, c.fsdsp, c.addi16sp 0, c.srli with shamt[5], c.subw, c.lwsp x0. */
    private static final int[] ILLEGAL_HALVES = {0x6000, 0xA002, 0x6101, 0x9001, 0x9C01, 0x4002};
    /** Pool registers a 3-bit compressed register field can name. */
    private static final int[] PRIME_POOL = {S0, S1, A0, A1, A2, A3, A4, A5};

    private final SplittableRandom random;
    private final Assembler a = new Assembler(CODE);
    private final List<Label> functions = new ArrayList<>();

    private RandomProgram(final long seed)
    {
        this.random = new SplittableRandom(seed);
    }

    /** @return the program for {@code seed}. */
    static Assembler generate(final long seed)
    {
        return new RandomProgram(seed).build();
    }

    private Assembler build()
    {
        final Label handler = a.newLabel("handler");
        final Label interrupt = a.newLabel("interrupt");
        final Label outer = a.newLabel("outer");
        final int timerPeriodTicks = 50 + random.nextInt(500);
        for (int i = 0; i < 4; i++)
        {
            functions.add(a.newLabel("function" + i));
        }

        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);
        a.li(S11, DATA);
        a.li(SP, DATA + DATA_BYTES / 2);
        a.li(S10, 0);
        a.li(T0, MTIMECMP);
        a.sw(ZERO, T0, 4);
        a.li(T1, timerPeriodTicks);
        a.sw(T1, T0, 0);
        a.li(T0, Csr.MIP_MTIP);
        a.csrw(Csr.MIE, T0);
        a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
        for (final int r : POOL)
        {
            a.li(r, random.nextInt());
        }
        a.j(outer);

        // The handler: digest, then skip the trapping instruction or re-arm the timer.
        a.bind(handler);
        a.csrr(S9, Csr.MCAUSE);
        a.slli(S10, S10, 3);
        a.add(S10, S10, S9);
        a.csrr(S9, Csr.MEPC);
        a.xor(S10, S10, S9);
        a.csrr(S9, Csr.MTVAL);
        a.add(S10, S10, S9);
        a.csrr(S9, Csr.MCAUSE);
        a.blt(S9, ZERO, interrupt);
        a.csrr(S9, Csr.MEPC);
        a.lhu(S8, S9, 0);
        a.andi(S8, S8, 3);
        a.addi(S8, S8, -3);
        a.sltiu(S8, S8, 1);
        a.slli(S8, S8, 1);
        a.addi(S9, S9, 2);
        a.add(S9, S9, S8); // + 4 after a 32-bit instruction, + 2 after a compressed one
        a.csrw(Csr.MEPC, S9);
        a.mret();
        a.bind(interrupt);
        a.li(S9, MTIME);
        a.lw(S8, S9, 0);
        a.addi(S8, S8, timerPeriodTicks);
        a.li(S9, MTIMECMP);
        a.sw(S8, S9, 0);
        a.mret();

        a.bind(outer);
        final int segments = 6 + random.nextInt(10);
        for (int i = 0; i < segments; i++)
        {
            segment();
        }
        a.j(outer);

        for (final Label function : functions)
        {
            a.bind(function);
            for (int i = 1 + random.nextInt(12); i > 0; i--)
            {
                simple();
            }
            a.jalr(ZERO, RA, 0);
        }
        return a;
    }

    private void segment()
    {
        switch (random.nextInt(6))
        {
            case 0:
                for (int i = 1 + random.nextInt(20); i > 0; i--)
                {
                    any();
                }
                break;
            case 1:
            case 2:
                innerLoop();
                break;
            case 3:
                a.jal(RA, functions.get(random.nextInt(functions.size())));
                break;
            case 4:
                selfModifyingLoop();
                break;
            default:
            {
                final Label skip = a.newLabel();
                branch(skip);
                for (int i = 1 + random.nextInt(6); i > 0; i--)
                {
                    any();
                }
                a.bind(skip);
                break;
            }
        }
    }

    private void innerLoop()
    {
        final Label loop = a.newLabel();
        a.li(S6, 1 + random.nextInt(300));
        a.bind(loop);
        for (int i = 1 + random.nextInt(15); i > 0; i--)
        {
            if (random.nextInt(4) == 0)
            {
                final Label skip = a.newLabel();
                branch(skip);
                simple();
                a.bind(skip);
            }
            else if (random.nextInt(10) == 0)
            {
                a.jal(RA, functions.get(random.nextInt(functions.size())));
            }
            else
            {
                any();
            }
        }
        a.addi(S6, S6, -1);
        a.bne(S6, ZERO, loop);
    }

    /** A loop that rewrites the immediate of an addi in its own body, before or after running it. */
    private void selfModifyingLoop()
    {
        final Label loop = a.newLabel();
        final Label patched = a.newLabel();
        final int rd = pick();
        final int scratch = T6;
        final int base = (rd << 15) | (rd << 7) | 0x13; // addi rd, rd, imm
        final boolean patchBeforeRunning = random.nextBoolean();
        a.la(S7, patched);
        a.li(S6, 2 + random.nextInt(200));
        a.bind(loop);
        if (!patchBeforeRunning)
        {
            a.bind(patched);
            a.addi(rd, rd, 1);
        }
        any();
        a.andi(scratch, S6, 0x7FF);
        a.slli(scratch, scratch, 20);
        a.li(T5, base);
        a.or(scratch, scratch, T5);
        a.sw(scratch, S7, 0);
        if (random.nextBoolean())
        {
            a.fenceI();
        }
        if (patchBeforeRunning)
        {
            any();
            a.bind(patched);
            a.addi(rd, rd, 1);
        }
        a.addi(S6, S6, -1);
        a.bne(S6, ZERO, loop);
    }

    private void any()
    {
        final int kind = random.nextInt(100);
        if (kind < 35)
        {
            simple();
        }
        else if (kind < 50)
        {
            compressedPair();
        }
        else if (kind < 75)
        {
            memory();
        }
        else if (kind < 85)
        {
            csr();
        }
        else if (kind < 92)
        {
            atomic();
        }
        else
        {
            trap();
        }
    }

    private void branch(final Label target)
    {
        final int rs1 = pick();
        final int rs2 = random.nextInt(4) == 0 ? ZERO : pick();
        switch (random.nextInt(6))
        {
            case 0: a.beq(rs1, rs2, target); break;
            case 1: a.bne(rs1, rs2, target); break;
            case 2: a.blt(rs1, rs2, target); break;
            case 3: a.bge(rs1, rs2, target); break;
            case 4: a.bltu(rs1, rs2, target); break;
            default: a.bgeu(rs1, rs2, target); break;
        }
    }

    private void simple()
    {
        final int rd = random.nextInt(20) == 0 ? ZERO : pick();
        final int rs1 = random.nextInt(10) == 0 ? ZERO : pick();
        final int rs2 = pick();
        final int imm = random.nextInt(4096) - 2048;
        switch (random.nextInt(30))
        {
            case 0: a.lui(rd, random.nextInt(1 << 20)); break;
            case 1: a.auipc(rd, random.nextInt(1 << 20)); break;
            case 2: a.addi(rd, rs1, imm); break;
            case 3: a.slti(rd, rs1, imm); break;
            case 4: a.sltiu(rd, rs1, imm); break;
            case 5: a.xori(rd, rs1, imm); break;
            case 6: a.ori(rd, rs1, imm); break;
            case 7: a.andi(rd, rs1, imm); break;
            case 8: a.slli(rd, rs1, random.nextInt(32)); break;
            case 9: a.srli(rd, rs1, random.nextInt(32)); break;
            case 10: a.srai(rd, rs1, random.nextInt(32)); break;
            case 11: a.add(rd, rs1, rs2); break;
            case 12: a.sub(rd, rs1, rs2); break;
            case 13: a.sll(rd, rs1, rs2); break;
            case 14: a.slt(rd, rs1, rs2); break;
            case 15: a.sltu(rd, rs1, rs2); break;
            case 16: a.xor(rd, rs1, rs2); break;
            case 17: a.srl(rd, rs1, rs2); break;
            case 18: a.sra(rd, rs1, rs2); break;
            case 19: a.or(rd, rs1, rs2); break;
            case 20: a.and(rd, rs1, rs2); break;
            case 21: a.mul(rd, rs1, rs2); break;
            case 22: a.mulh(rd, rs1, rs2); break;
            case 23: a.mulhsu(rd, rs1, rs2); break;
            case 24: a.mulhu(rd, rs1, rs2); break;
            case 25: a.div(rd, rs1, random.nextInt(8) == 0 ? ZERO : rs2); break;
            case 26: a.divu(rd, rs1, random.nextInt(8) == 0 ? ZERO : rs2); break;
            case 27: a.rem(rd, rs1, random.nextInt(8) == 0 ? ZERO : rs2); break;
            case 28: a.remu(rd, rs1, random.nextInt(8) == 0 ? ZERO : rs2); break;
            default: a.fence(); break;
        }
    }

    /** A load or store in the data area; now and then misaligned, or to an unmapped address. */
    private void memory()
    {
        final int chance = random.nextInt(20);
        final int base;
        int offset = random.nextInt(DATA_BYTES);
        if (chance == 0)
        {
            base = T5;
            a.li(T5, UNMAPPED + random.nextInt(4096));
            offset = 0;
        }
        else
        {
            base = S11;
        }
        final int size = 1 << random.nextInt(3);
        if (chance != 1)
        {
            offset &= -size; // aligned, except now and then
        }
        final int rd = pick();
        switch (random.nextInt(8))
        {
            case 0: a.lb(rd, base, offset); break;
            case 1: a.lbu(rd, base, offset); break;
            case 2: a.lh(rd, base, offset & ~1 | (chance == 1 ? 1 : 0)); break;
            case 3: a.lhu(rd, base, offset & ~1 | (chance == 1 ? 1 : 0)); break;
            case 4: a.lw(rd, base, offset & ~3 | (chance == 1 ? 2 : 0)); break;
            case 5: a.sb(pick(), base, offset); break;
            case 6: a.sh(pick(), base, offset & ~1 | (chance == 1 ? 1 : 0)); break;
            default: a.sw(pick(), base, offset & ~3 | (chance == 1 ? 2 : 0)); break;
        }
    }

    private void csr()
    {
        switch (random.nextInt(5))
        {
            case 0: a.csrr(pick(), Csr.MINSTRET); break;
            case 1: a.csrr(pick(), Csr.MCYCLE); break;
            case 2: a.csrw(Csr.MSCRATCH, pick()); break;
            case 3: a.csrr(pick(), Csr.MSCRATCH); break;
            default: a.csrr(pick(), Csr.TIME); break;
        }
    }

    private void atomic()
    {
        // Mostly aligned data words; one in ten misaligned, which must trap on both engines.
        final int misalignment = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
        a.addi(T5, S11, random.nextInt(DATA_BYTES / 4) * 4 + misalignment);
        final int rd = pick();
        switch (random.nextInt(11))
        {
            case 0: a.amoaddW(rd, T5, pick()); break;
            case 1: a.amoswapW(rd, T5, pick()); break;
            case 2: a.amomaxuW(rd, T5, pick()); break;
            case 3: a.amominuW(rd, T5, pick()); break;
            case 4: a.amomaxW(rd, T5, pick()); break;
            case 5: a.amominW(rd, T5, pick()); break;
            case 6: a.amoxorW(rd, T5, pick()); break;
            case 7: a.amoandW(rd, T5, pick()); break;
            case 8: a.amoorW(rd, T5, pick()); break;
            case 9: a.lrW(rd, T5); break;
            default: a.scW(rd, T5, pick()); break;
        }
    }

    private void trap()
    {
        switch (random.nextInt(4))
        {
            case 0: a.ecall(); break;
            case 1: a.ebreak(); break;
            case 2: a.word(ILLEGAL[random.nextInt(ILLEGAL.length)]); break;
            default:
            {
                // A JALR into the second half of a word: IALIGN 16, no trap; the first half never runs.
                final Label next = a.newLabel();
                a.la(T5, next);
                a.addi(T5, T5, 2);
                a.jalr(RA, T5, 0);
                a.bind(next);
                a.halves(Rvc.EBREAK, compressed());
                break;
            }
        }
    }

    /**
     * One word of two compressed instructions, now and then with a compressed branch or jump
     * whose target is a halfword of the next word, a 32-bit branch to the second half of the
     * next word, a c.jalr call or a c.ebreak or illegal 16-bit encoding.
     */
    private void compressedPair()
    {
        switch (random.nextInt(10))
        {
            case 0:
            {
                // From the first half: +4 lands on the next word, +6 on its second half.
                final int rs = pickPrime();
                final int offset = random.nextBoolean() ? 4 : 6;
                final int skip = random.nextInt(3);
                a.halves(skip == 0 ? Rvc.beqz(rs, offset) : skip == 1 ? Rvc.bnez(rs, offset) : Rvc.j(offset), compressed());
                a.halves(compressed(), compressed());
                break;
            }
            case 1:
            {
                // From the second half: +4 lands on the second half of the next word.
                final int rs = pickPrime();
                a.halves(compressed(), random.nextBoolean() ? Rvc.beqz(rs, 4) : Rvc.bnez(rs, 4));
                a.halves(compressed(), compressed());
                break;
            }
            case 2:
            {
                final int rs1 = pick();
                final int rs2 = random.nextInt(4) == 0 ? ZERO : pick();
                if (random.nextBoolean())
                {
                    a.beq(rs1, rs2, 6);
                }
                else
                {
                    a.bltu(rs1, rs2, 6);
                }
                a.halves(compressed(), compressed());
                break;
            }
            case 3:
                a.la(T5, functions.get(random.nextInt(functions.size())));
                a.halves(Rvc.jalr(T5), compressed());
                break;
            case 4:
                a.halves(compressed(), random.nextBoolean() ? Rvc.EBREAK : ILLEGAL_HALVES[random.nextInt(ILLEGAL_HALVES.length)]);
                break;
            default:
                a.halves(compressed(), compressed());
                break;
        }
    }

    /** A random compressed instruction that falls through, on pool registers and the data areas. */
    private int compressed()
    {
        final int rd = pick();
        final int prime = pickPrime();
        final int imm6 = random.nextInt(64) - 32;
        switch (random.nextInt(19))
        {
            case 0: return Rvc.addi(rd, imm6);
            case 1: return Rvc.li(rd, imm6);
            case 2: return Rvc.lui(rd, imm6 == 0 ? 1 : imm6);
            case 3: return Rvc.srli(prime, random.nextInt(32));
            case 4: return Rvc.srai(prime, random.nextInt(32));
            case 5: return Rvc.andi(prime, imm6);
            case 6: return Rvc.sub(prime, pickPrime());
            case 7: return Rvc.xor(prime, pickPrime());
            case 8: return Rvc.or(prime, pickPrime());
            case 9: return Rvc.and(prime, pickPrime());
            case 10: return Rvc.slli(rd, random.nextInt(32));
            case 11: return Rvc.mv(rd, pick());
            case 12: return Rvc.add(rd, pick());
            case 13: return Rvc.addi4spn(prime, 4 * (1 + random.nextInt(255)));
            case 14: return Rvc.lwsp(rd, 4 * random.nextInt(64));
            case 15: return Rvc.swsp(pick(), 4 * random.nextInt(64));
            case 16: return Rvc.NOP;
            // c.lw and c.sw through a pool register, which holds a random value: mostly an
            // unmapped or misaligned access, a trap the handler steps over.
            case 17: return Rvc.lw(prime, pickPrime(), 4 * random.nextInt(32));
            default: return Rvc.sw(prime, pickPrime(), 4 * random.nextInt(32));
        }
    }

    private int pickPrime()
    {
        return PRIME_POOL[random.nextInt(PRIME_POOL.length)];
    }

    private int pick()
    {
        return POOL[random.nextInt(POOL.length)];
    }
}
