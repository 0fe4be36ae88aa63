package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.*;
import static io.tandem.engine.cpu.Harness.CODE;
import static io.tandem.engine.cpu.Harness.DATA;
import static io.tandem.engine.cpu.Harness.runPassing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.machine.Machine;

/** RV32I base instructions: results, sign and zero extension, shifts, comparisons, control flow. */
class IntegerInstructionsTest
{
    @Test
    void luiLoadsTheUpperImmediateAndClearsTheLowBits()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(A0, -1);
            a.lui(A0, 0x12345);
            a.lui(A1, 0xFFFFF);
            a.lui(A2, 0x80000);
        }))
        {
            assertEquals(0x1234_5000, m.cpu().register(A0));
            assertEquals(0xFFFF_F000, m.cpu().register(A1));
            assertEquals(0x8000_0000, m.cpu().register(A2));
        }
    }

    @Test
    void auipcAddsTheUpperImmediateToItsOwnPc()
    {
        try (Machine m = runPassing(a ->
        {
            a.nop();
            a.auipc(A0, 0x12345); // at CODE + 4
            a.auipc(A1, 0xFFFFF); // at CODE + 8: pc - 4096
            a.auipc(A2, 0);       // at CODE + 12
        }))
        {
            assertEquals(CODE + 4 + 0x1234_5000, m.cpu().register(A0));
            assertEquals(CODE + 8 - 4096, m.cpu().register(A1));
            assertEquals(CODE + 12, m.cpu().register(A2));
        }
    }

    @Test
    void writesToX0AreDiscarded()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, 0x5A5A_5A5A);
            a.sw(T1, T0, 0);
            a.addi(ZERO, ZERO, 5);
            a.lui(ZERO, 0x12345);
            a.auipc(ZERO, 1);
            a.add(ZERO, T1, T1);
            a.lw(ZERO, T0, 0);
            a.csrrw(ZERO, Csr.MSCRATCH, T1);
            a.csrrs(ZERO, Csr.MSCRATCH, ZERO);
            a.amoaddW(ZERO, T0, T1);
            final Label after = a.newLabel();
            a.jal(ZERO, after);
            a.bind(after);
            a.mv(A0, ZERO);
            a.addi(A1, ZERO, 7);
        }))
        {
            assertEquals(0, m.cpu().register(0));
            assertEquals(0, m.cpu().register(A0));
            assertEquals(7, m.cpu().register(A1));
            assertEquals(0xB4B4_B4B4, m.ram().getInt(DATA), "the AMO with rd = x0 still wrote memory");
        }
    }

    @Test
    void addiSignExtendsItsImmediate()
    {
        try (Machine m = runPassing(a ->
        {
            a.addi(A0, ZERO, -1);
            a.addi(A1, ZERO, -2048);
            a.addi(A2, ZERO, 2047);
            a.li(A3, 10);
            a.addi(A3, A3, -11);
        }))
        {
            assertEquals(-1, m.cpu().register(A0));
            assertEquals(-2048, m.cpu().register(A1));
            assertEquals(2047, m.cpu().register(A2));
            assertEquals(-1, m.cpu().register(A3));
        }
    }

    @Test
    void addAndSubWrapAround()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, Integer.MAX_VALUE);
            a.li(T1, 1);
            a.add(A0, T0, T1);
            a.li(T2, Integer.MIN_VALUE);
            a.sub(A1, T2, T1);
            a.sub(A2, ZERO, T1);
            a.addi(A3, T0, 1);
        }))
        {
            assertEquals(Integer.MIN_VALUE, m.cpu().register(A0));
            assertEquals(Integer.MAX_VALUE, m.cpu().register(A1));
            assertEquals(-1, m.cpu().register(A2));
            assertEquals(Integer.MIN_VALUE, m.cpu().register(A3));
        }
    }

    @Test
    void logicalImmediatesAreSignExtended()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0x1234_5678);
            a.andi(A0, T0, -1);
            a.andi(A1, T0, -2048);  // 0xFFFFF800
            a.ori(A2, T0, -2048);
            a.xori(A3, T0, -1);     // not
            a.andi(A4, T0, 0x0F0);
            a.ori(A5, ZERO, 0x7FF);
            a.xori(A6, T0, 0x555);
        }))
        {
            assertEquals(0x1234_5678, m.cpu().register(A0));
            assertEquals(0x1234_5000, m.cpu().register(A1));
            assertEquals(0xFFFF_FE78, m.cpu().register(A2));
            assertEquals(~0x1234_5678, m.cpu().register(A3));
            assertEquals(0x070, m.cpu().register(A4));
            assertEquals(0x7FF, m.cpu().register(A5));
            assertEquals(0x1234_5678 ^ 0x555, m.cpu().register(A6));
        }
    }

    @Test
    void registerLogicalOperations()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0xF0F0_1234);
            a.li(T1, 0xFF00_FF00);
            a.and(A0, T0, T1);
            a.or(A1, T0, T1);
            a.xor(A2, T0, T1);
            a.xor(A3, T0, T0);
        }))
        {
            assertEquals(0xF000_1200, m.cpu().register(A0));
            assertEquals(0xFFF0_FF34, m.cpu().register(A1));
            assertEquals(0x0FF0_ED34, m.cpu().register(A2));
            assertEquals(0, m.cpu().register(A3));
        }
    }

    @Test
    void setLessThanComparesSignedAndUnsigned()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.li(T1, 1);
            a.slt(A0, T0, T1);   // -1 < 1
            a.sltu(A1, T0, T1);  // 0xFFFFFFFF < 1 unsigned: no
            a.slt(A2, T1, T0);
            a.sltu(A3, T1, T0);
            a.slt(A4, T1, T1);   // equal: no
            a.sltu(A5, ZERO, T1); // snez idiom
            a.li(T2, Integer.MIN_VALUE);
            a.li(T3, Integer.MAX_VALUE);
            a.slt(A6, T2, T3);
            a.sltu(A7, T2, T3);
        }))
        {
            assertEquals(1, m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1));
            assertEquals(0, m.cpu().register(A2));
            assertEquals(1, m.cpu().register(A3));
            assertEquals(0, m.cpu().register(A4));
            assertEquals(1, m.cpu().register(A5));
            assertEquals(1, m.cpu().register(A6));
            assertEquals(0, m.cpu().register(A7));
        }
    }

    @Test
    void setLessThanImmediateSignExtendsThenComparesSignedOrUnsigned()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 5);
            a.li(T1, -5);
            a.sltiu(A0, T0, -1);  // 5 < 0xFFFFFFFF unsigned
            a.slti(A1, T0, -1);   // 5 < -1: no
            a.slti(A2, T1, -4);   // -5 < -4
            a.sltiu(A3, T1, 2047);// 0xFFFFFFFB < 2047: no
            a.sltiu(A4, ZERO, 1); // seqz 0
            a.sltiu(A5, T0, 1);   // seqz 5
            a.li(T2, -1);
            a.sltiu(A6, T2, -1);  // equal: no
        }))
        {
            assertEquals(1, m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1));
            assertEquals(1, m.cpu().register(A2));
            assertEquals(0, m.cpu().register(A3));
            assertEquals(1, m.cpu().register(A4));
            assertEquals(0, m.cpu().register(A5));
            assertEquals(0, m.cpu().register(A6));
        }
    }

    @Test
    void immediateShiftsByZeroAndByThirtyOne()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0x8000_0001);
            a.slli(A0, T0, 31);
            a.srli(A1, T0, 31);
            a.srai(A2, T0, 31);
            a.slli(A3, T0, 0);
            a.srli(A4, T0, 0);
            a.srai(A5, T0, 0);
            a.li(T1, 0x7FFF_FFFF);
            a.srai(A6, T1, 31);
            a.srai(A7, T1, 30);
        }))
        {
            assertEquals(0x8000_0000, m.cpu().register(A0));
            assertEquals(1, m.cpu().register(A1));
            assertEquals(-1, m.cpu().register(A2));
            assertEquals(0x8000_0001, m.cpu().register(A3));
            assertEquals(0x8000_0001, m.cpu().register(A4));
            assertEquals(0x8000_0001, m.cpu().register(A5));
            assertEquals(0, m.cpu().register(A6));
            assertEquals(1, m.cpu().register(A7));
        }
    }

    @Test
    void arithmeticShiftOfNegativesKeepsTheSignAndLogicalShiftInsertsZeros()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0xF000_0000);
            a.srai(A0, T0, 4);
            a.srli(A1, T0, 4);
            a.li(T1, 4);
            a.sra(A2, T0, T1);
            a.srl(A3, T0, T1);
            a.li(T2, -7);
            a.srai(A4, T2, 1); // rounds toward minus infinity
        }))
        {
            assertEquals(0xFF00_0000, m.cpu().register(A0));
            assertEquals(0x0F00_0000, m.cpu().register(A1));
            assertEquals(0xFF00_0000, m.cpu().register(A2));
            assertEquals(0x0F00_0000, m.cpu().register(A3));
            assertEquals(-4, m.cpu().register(A4));
        }
    }

    @Test
    void registerShiftsUseOnlyTheLowFiveBitsOfTheAmount()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0x8000_0003);
            a.li(T1, 33);   // shifts by 1
            a.li(T2, -1);   // shifts by 31
            a.li(T3, 32);   // shifts by 0
            a.sll(A0, T0, T1);
            a.srl(A1, T0, T1);
            a.sra(A2, T0, T1);
            a.sll(A3, T0, T2);
            a.srl(A4, T0, T2);
            a.sra(A5, T0, T2);
            a.sll(A6, T0, T3);
            a.sra(A7, T0, T3);
        }))
        {
            assertEquals(0x0000_0006, m.cpu().register(A0));
            assertEquals(0x4000_0001, m.cpu().register(A1));
            assertEquals(0xC000_0001, m.cpu().register(A2));
            assertEquals(0x8000_0000, m.cpu().register(A3));
            assertEquals(1, m.cpu().register(A4));
            assertEquals(-1, m.cpu().register(A5));
            assertEquals(0x8000_0003, m.cpu().register(A6));
            assertEquals(0x8000_0003, m.cpu().register(A7));
        }
    }

    @Test
    void shiftImmediateWithBitFiveSetIsIllegalOnRv32()
    {
        // slli a0, a0, 32 would need shamt[5]; on RV32 that encoding is reserved.
        try (Machine m = Harness.runToTrap(a -> a.word(0x0205_1513)))
        {
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(0x0205_1513, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    static List<Arguments> branches()
    {
        final int[][] pairs = {
            {0, 0}, {1, 2}, {2, 1}, {-1, 1}, {1, -1}, {-1, -1}, {Integer.MIN_VALUE, Integer.MAX_VALUE},
            {Integer.MAX_VALUE, Integer.MIN_VALUE}, {0, -1}, {-1, 0}, {Integer.MIN_VALUE, Integer.MIN_VALUE},
        };
        final List<Arguments> out = new ArrayList<>();
        for (final int[] p : pairs)
        {
            final int x = p[0];
            final int y = p[1];
            out.add(Arguments.of("beq", x, y, x == y));
            out.add(Arguments.of("bne", x, y, x != y));
            out.add(Arguments.of("blt", x, y, x < y));
            out.add(Arguments.of("bge", x, y, x >= y));
            out.add(Arguments.of("bltu", x, y, Integer.compareUnsigned(x, y) < 0));
            out.add(Arguments.of("bgeu", x, y, Integer.compareUnsigned(x, y) >= 0));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}, {2} taken={3}")
    @MethodSource("branches")
    void branchesAreTakenExactlyWhenTheirConditionHolds(
        final String mnemonic, final int x, final int y, final boolean taken)
    {
        try (Machine m = runPassing(a ->
        {
            final Label target = a.newLabel("taken");
            final Label end = a.newLabel("end");
            a.li(A0, x);
            a.li(A1, y);
            a.li(A2, 0);
            emitBranch(a, mnemonic, A0, A1, target);
            a.li(A2, 1);
            a.j(end);
            a.bind(target);
            a.li(A2, 2);
            a.bind(end);
        }))
        {
            assertEquals(taken ? 2 : 1, m.cpu().register(A2));
        }
    }

    private static void emitBranch(final Assembler a, final String mnemonic, final int rs1, final int rs2, final Label l)
    {
        switch (mnemonic)
        {
            case "beq": a.beq(rs1, rs2, l); break;
            case "bne": a.bne(rs1, rs2, l); break;
            case "blt": a.blt(rs1, rs2, l); break;
            case "bge": a.bge(rs1, rs2, l); break;
            case "bltu": a.bltu(rs1, rs2, l); break;
            default: a.bgeu(rs1, rs2, l); break;
        }
    }

    @Test
    void backwardBranchesLoop()
    {
        try (Machine m = runPassing(a ->
        {
            final Label loop = a.newLabel("loop");
            a.li(A0, 10);
            a.li(A1, 0);
            a.bind(loop);
            a.addi(A1, A1, 3);
            a.addi(A0, A0, -1);
            a.bnez(A0, loop);
        }))
        {
            assertEquals(30, m.cpu().register(A1));
            assertEquals(0, m.cpu().register(A0));
        }
    }

    @Test
    void jalLinksTheNextPcAndJumps()
    {
        final int[] linkAt = new int[1];
        final int[] targetAt = new int[1];
        try (Machine m = runPassing(a ->
        {
            final Label target = a.newLabel("target");
            a.li(A1, 0);
            a.jal(RA, target);
            linkAt[0] = a.pc();
            a.li(A1, 99); // skipped
            a.bind(target);
            targetAt[0] = a.pc();
            a.auipc(A2, 0);
        }))
        {
            assertEquals(linkAt[0], m.cpu().register(RA));
            assertEquals(0, m.cpu().register(A1));
            assertEquals(targetAt[0], m.cpu().register(A2));
        }
    }

    @Test
    void callAndRetReturnToTheInstructionAfterTheCall()
    {
        try (Machine m = runPassing(a ->
        {
            final Label function = a.newLabel("function");
            final Label end = a.newLabel("end");
            a.li(A0, 1);
            a.call(function);
            a.addi(A0, A0, 100);
            a.j(end);
            a.bind(function);
            a.addi(A0, A0, 10);
            a.ret();
            a.bind(end);
        }))
        {
            assertEquals(111, m.cpu().register(A0));
        }
    }

    @Test
    void jalrClearsBitZeroOfTheTarget()
    {
        final int[] linkAt = new int[1];
        try (Machine m = runPassing(a ->
        {
            final Label target = a.newLabel("target");
            a.la(T0, target);
            a.li(A1, 0);
            a.jalr(RA, T0, 1);
            linkAt[0] = a.pc();
            a.li(A1, 99); // skipped
            a.bind(target);
            a.li(A2, 5);
        }))
        {
            assertEquals(linkAt[0], m.cpu().register(RA));
            assertEquals(0, m.cpu().register(A1));
            assertEquals(5, m.cpu().register(A2));
        }
    }

    @Test
    void jalrWithRdEqualToRs1JumpsToTheOldValue()
    {
        final int[] linkAt = new int[1];
        try (Machine m = runPassing(a ->
        {
            final Label target = a.newLabel("target");
            a.la(A0, target);
            a.addi(A0, A0, 8);    // jalr adds -8 back
            a.li(A1, 0);
            a.jalr(A0, A0, -8);
            linkAt[0] = a.pc();
            a.li(A1, 99);
            a.bind(target);
        }))
        {
            assertEquals(linkAt[0], m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1));
        }
    }

    @Test
    void loadsSignOrZeroExtend()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, 0x80FF_7F01); // bytes 01 7F FF 80
            a.sw(T1, T0, 0);
            a.lb(A0, T0, 0);
            a.lb(A1, T0, 1);
            a.lb(A2, T0, 3);
            a.lbu(A3, T0, 3);
            a.lh(A4, T0, 0);
            a.lh(A5, T0, 2);
            a.lhu(A6, T0, 2);
            a.lw(A7, T0, 0);
            a.lbu(S2, T0, 2);
        }))
        {
            assertEquals(0x01, m.cpu().register(A0));
            assertEquals(0x7F, m.cpu().register(A1));
            assertEquals(0xFFFF_FF80, m.cpu().register(A2));
            assertEquals(0x80, m.cpu().register(A3));
            assertEquals(0x7F01, m.cpu().register(A4));
            assertEquals(0xFFFF_80FF, m.cpu().register(A5));
            assertEquals(0x80FF, m.cpu().register(A6));
            assertEquals(0x80FF_7F01, m.cpu().register(A7));
            assertEquals(0xFF, m.cpu().register(S2));
        }
    }

    @Test
    void loadsAndStoresUseSignExtendedOffsets()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA + 2048);
            a.li(T1, 0x1111_2222);
            a.sw(T1, T0, -2048);   // DATA
            a.sw(T1, T0, 2044);    // DATA + 4092
            a.lw(A0, T0, -2048);
            a.li(T2, DATA + 4092 + 8);
            a.lw(A1, T2, -8);
        }))
        {
            assertEquals(0x1111_2222, m.ram().getInt(DATA));
            assertEquals(0x1111_2222, m.ram().getInt(DATA + 4092));
            assertEquals(0x1111_2222, m.cpu().register(A0));
            assertEquals(0x1111_2222, m.cpu().register(A1));
        }
    }

    @Test
    void storesWriteOnlyTheirOwnBytesLittleEndian()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, -1);
            a.sw(T1, T0, 0);
            a.sw(T1, T0, 4);
            a.li(T2, 0x1234_5678);
            a.sb(T2, T0, 1);
            a.sh(T2, T0, 6);
            a.sw(T2, T0, 8);
        }))
        {
            assertEquals(0xFFFF_78FF, m.ram().getInt(DATA));
            assertEquals(0x5678_FFFF, m.ram().getInt(DATA + 4));
            assertEquals(0x1234_5678, m.ram().getInt(DATA + 8));
            assertEquals(0x78, m.ram().getByte(DATA + 8));
        }
    }

    @Test
    void fenceAndFenceIRetireWithoutEffect()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(A0, 1);
            a.fence();
            a.fence(0x3, 0x1);
            a.fenceI();
            a.addi(A0, A0, 1);
        }))
        {
            assertEquals(2, m.cpu().register(A0));
            assertEquals(1 + 3 + 1 + Harness.PASS_INSTRUCTIONS, m.icount(), "every instruction retired once");
        }
    }

    @Test
    void everyRegisterHoldsItsOwnValue()
    {
        final Consumer<Assembler> body = a ->
        {
            for (int r = 1; r < 32; r++)
            {
                a.li(r, 0x0101_0101 * r);
            }
            a.li(T5, 0); // the pass sequence overwrites t5/t6 anyway
        };
        try (Machine m = runPassing(body))
        {
            for (int r = 1; r < 30; r++)
            {
                assertEquals(0x0101_0101 * r, m.cpu().register(r), "x" + r);
            }
        }
    }
}
