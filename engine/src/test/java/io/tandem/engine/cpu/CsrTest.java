package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.*;
import static io.tandem.engine.cpu.Harness.runPassing;
import static io.tandem.engine.cpu.Harness.runToTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tandem.engine.asm.Label;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.mem.MemoryMap;

/** Zicsr: the six CSR instructions, access rules, WARL fields, counters and the seed CSR. */
class CsrTest
{
    // ------------------------------------------------------------------ instruction semantics

    @Test
    void csrrwSwapsTheOldValueIntoRd()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0x1111);
            a.csrw(Csr.MSCRATCH, T0);
            a.li(T1, 0x2222);
            a.csrrw(A0, Csr.MSCRATCH, T1);
            a.csrr(A1, Csr.MSCRATCH);
        }))
        {
            assertEquals(0x1111, m.cpu().register(A0));
            assertEquals(0x2222, m.cpu().register(A1));
        }
    }

    @Test
    void csrrwWithRdEqualToRs1Swaps()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 5);
            a.csrw(Csr.MSCRATCH, T0);
            a.li(A0, 6);
            a.csrrw(A0, Csr.MSCRATCH, A0);
        }))
        {
            assertEquals(5, m.cpu().register(A0));
            assertEquals(6, m.cpu().control().peek(Csr.MSCRATCH));
        }
    }

    @Test
    void csrrsSetsAndCsrrcClearsBitsAndBothReturnTheOldValue()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0xF0F0);
            a.csrw(Csr.MSCRATCH, T0);
            a.li(T1, 0x0F00);
            a.csrrs(A0, Csr.MSCRATCH, T1);
            a.li(T2, 0x00F0);
            a.csrrc(A1, Csr.MSCRATCH, T2);
            a.csrr(A2, Csr.MSCRATCH);
        }))
        {
            assertEquals(0xF0F0, m.cpu().register(A0));
            assertEquals(0xFFF0, m.cpu().register(A1));
            assertEquals(0xFF00, m.cpu().register(A2));
        }
    }

    @Test
    void immediateFormsUseTheZeroExtendedFiveBitImmediate()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.csrw(Csr.MSCRATCH, T0);
            a.csrrwi(A0, Csr.MSCRATCH, 31);
            a.csrrsi(A1, Csr.MSCRATCH, 0x40 >> 2);  // sets bit 4
            a.csrrci(A2, Csr.MSCRATCH, 1);
            a.csrr(A3, Csr.MSCRATCH);
        }))
        {
            assertEquals(-1, m.cpu().register(A0));
            assertEquals(31, m.cpu().register(A1));
            assertEquals(31, m.cpu().register(A2));
            assertEquals(30, m.cpu().register(A3));
        }
    }

    @Test
    void setAndClearWithZeroSourceDoNotWrite()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0x77);
            a.csrw(Csr.MSCRATCH, T0);
            a.csrrs(A0, Csr.MSCRATCH, ZERO);
            a.csrrc(A1, Csr.MSCRATCH, ZERO);
            a.csrrsi(A2, Csr.MSCRATCH, 0);
            a.csrrci(A3, Csr.MSCRATCH, 0);
            a.csrr(A4, Csr.MSCRATCH);
        }))
        {
            assertEquals(0x77, m.cpu().register(A0));
            assertEquals(0x77, m.cpu().register(A1));
            assertEquals(0x77, m.cpu().register(A2));
            assertEquals(0x77, m.cpu().register(A3));
            assertEquals(0x77, m.cpu().register(A4));
        }
    }

    @Test
    void csrrwiWithZeroImmediateWritesZero()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0x77);
            a.csrw(Csr.MSCRATCH, T0);
            a.csrrwi(A0, Csr.MSCRATCH, 0);
        }))
        {
            assertEquals(0x77, m.cpu().register(A0));
            assertEquals(0, m.cpu().control().peek(Csr.MSCRATCH));
        }
    }

    // ------------------------------------------------------------------ access rules

    @ParameterizedTest
    @ValueSource(ints = {Csr.MVENDORID, Csr.MARCHID, Csr.MIMPID, Csr.MHARTID, Csr.MCONFIGPTR, Csr.CYCLE, Csr.TIME,
        Csr.INSTRET, Csr.CYCLEH, Csr.TIMEH, Csr.INSTRETH, Csr.HPMCOUNTER3})
    void writingAReadOnlyCsrIsIllegalInEveryForm(final int csr)
    {
        final int[] words = {
            Harness.encode(a -> a.csrrw(ZERO, csr, ZERO)),
            Harness.encode(a -> a.csrrw(A0, csr, A1)),
            Harness.encode(a -> a.csrrs(A0, csr, A1)),
            Harness.encode(a -> a.csrrc(A0, csr, A1)),
            Harness.encode(a -> a.csrrwi(A0, csr, 0)),
            Harness.encode(a -> a.csrrsi(A0, csr, 1)),
            Harness.encode(a -> a.csrrci(A0, csr, 1)),
        };
        for (final int word : words)
        {
            try (Machine m = runToTrap(a ->
            {
                a.li(A1, 1);
                a.li(A0, 1234);
                a.word(word);
            }))
            {
                assertIllegal(m, word);
                assertEquals(1234, m.cpu().register(A0), "rd unchanged");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Csr.MVENDORID, Csr.MARCHID, Csr.MIMPID, Csr.MHARTID, Csr.MCONFIGPTR, Csr.CYCLE, Csr.TIME,
        Csr.INSTRET, Csr.CYCLEH, Csr.TIMEH, Csr.INSTRETH, Csr.HPMCOUNTER3, Csr.MISA})
    void readingAReadOnlyCsrWithoutWritingIsLegal(final int csr)
    {
        try (Machine m = runPassing(a ->
        {
            a.csrrs(A0, csr, ZERO);
            a.csrrc(A1, csr, ZERO);
            a.csrrsi(A2, csr, 0);
            a.csrrci(A3, csr, 0);
        }))
        {
            assertEquals(0, m.cpu().control().peek(Csr.MCAUSE), "no trap was taken");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7C0, 0x100, 0x105, 0x141, 0x180, 0x001, 0x003, 0x3A4, 0x7A5, 0xFFF, 0x800, 0xC20})
    void unimplementedCsrIsIllegal(final int csr)
    {
        final int read = Harness.encode(a -> a.csrr(A0, csr));
        try (Machine m = runToTrap(a -> a.word(read)))
        {
            assertIllegal(m, read);
        }
        final int write = Harness.encode(a -> a.csrw(csr, A1));
        try (Machine m = runToTrap(a -> a.word(write)))
        {
            assertIllegal(m, write);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Csr.MSTATUS, Csr.MSCRATCH, Csr.MEPC, Csr.MTVEC, Csr.MCYCLE, Csr.MINSTRET, Csr.MHARTID, Csr.MISA,
        Csr.MSECCFG, Csr.PMPCFG0})
    void userModeAccessToAMachineCsrIsIllegal(final int csr)
    {
        final int word = Harness.encode(a -> a.csrr(A0, csr));
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            Harness.enterUser(a, user);
            a.bind(user);
            a.word(word);
        }))
        {
            assertIllegal(m, word);
            assertEquals(Privilege.USER, (m.cpu().control().peek(Csr.MSTATUS) & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT);
        }
    }

    // ------------------------------------------------------------------ WARL fields and fixed values

    @Test
    void misaReportsRv32WithACIMAndU()
    {
        try (Machine m = runPassing(a ->
        {
            a.csrr(A0, Csr.MISA);
            a.li(T0, 0);
            a.csrw(Csr.MISA, T0); // WARL: ignored
            a.csrr(A1, Csr.MISA);
        }))
        {
            final int misa = m.cpu().register(A0);
            assertEquals(1, misa >>> 30, "MXL = 32");
            final int extensions = misa & 0x03FF_FFFF;
            assertEquals((1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 20), extensions, "A, C, I, M, U");
            assertEquals(misa, m.cpu().register(A1));
        }
    }

    @Test
    void identityCsrsReadZero()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(A0, -1);
            a.li(A1, -1);
            a.li(A2, -1);
            a.li(A3, -1);
            a.csrr(A0, Csr.MHARTID);
            a.csrr(A1, Csr.MVENDORID);
            a.csrr(A2, Csr.MARCHID);
            a.csrr(A3, Csr.MIMPID);
        }))
        {
            assertEquals(0, m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1));
            assertEquals(0, m.cpu().register(A2));
            assertEquals(0, m.cpu().register(A3));
        }
    }

    @Test
    void mstatusKeepsOnlyItsWritableFields()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.csrrw(ZERO, Csr.MSTATUS, T0);
            a.csrr(A0, Csr.MSTATUS);
            a.csrw(Csr.MSTATUS, ZERO);
            a.csrr(A1, Csr.MSTATUS);
        }))
        {
            assertEquals(Csr.MSTATUS_WRITABLE, m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1));
        }
    }

    @Test
    void mstatusMppRejectsSupervisorMode()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 1 << Csr.MSTATUS_MPP_SHIFT); // MPP = S, which this hart lacks
            a.csrw(Csr.MSTATUS, T0);
            a.csrr(A0, Csr.MSTATUS);
        }))
        {
            final int mpp = (m.cpu().register(A0) & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT;
            assertEquals(Privilege.USER, mpp);
        }
    }

    @Test
    void mtvecIgnoresWritesOfReservedModes()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, Harness.DATA | 1);
            a.csrw(Csr.MTVEC, T0);
            a.csrr(A0, Csr.MTVEC);
            a.li(T1, Harness.DATA + 0x100 | 2);
            a.csrw(Csr.MTVEC, T1);
            a.csrr(A1, Csr.MTVEC);
            a.li(T1, Harness.DATA + 0x200 | 3);
            a.csrw(Csr.MTVEC, T1);
            a.csrr(A2, Csr.MTVEC);
            a.li(T1, Harness.DATA + 0x300);
            a.csrw(Csr.MTVEC, T1);
            a.csrr(A3, Csr.MTVEC);
        }))
        {
            assertEquals(Harness.DATA | 1, m.cpu().register(A0));
            assertEquals(Harness.DATA | 1, m.cpu().register(A1));
            assertEquals(Harness.DATA | 1, m.cpu().register(A2));
            assertEquals(Harness.DATA + 0x300, m.cpu().register(A3));
        }
    }

    @Test
    void mepcClearsOnlyBitZero()
    {
        // IALIGN 16 (the C extension, which misa cannot turn off): bit 1 of mepc is kept.
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0x8000_1237);
            a.csrw(Csr.MEPC, T0);
            a.csrr(A0, Csr.MEPC);
        }))
        {
            assertEquals(0x8000_1236, m.cpu().register(A0));
        }
    }

    @Test
    void mieKeepsOnlyTheMachineInterruptBits()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.csrw(Csr.MIE, T0);
            a.csrr(A0, Csr.MIE);
        }))
        {
            assertEquals(Csr.MIP_MSIP | Csr.MIP_MTIP | Csr.MIP_MEIP, m.cpu().register(A0));
        }
    }

    @Test
    void mipIgnoresWritesAndShowsThePendingLines()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.csrw(Csr.MIP, T0);
            a.csrr(A0, Csr.MIP);
            a.li(T1, 1);
            Harness.storeWord(a, MemoryMap.CLINT_BASE, T1); // msip = 1
            a.csrr(A1, Csr.MIP);
        }))
        {
            assertEquals(0, m.cpu().register(A0));
            assertEquals(Csr.MIP_MSIP, m.cpu().register(A1));
        }
    }

    @Test
    void mcounterenKeepsOnlyTheThreeStandardCounters()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.csrw(Csr.MCOUNTEREN, T0);
            a.csrr(A0, Csr.MCOUNTEREN);
        }))
        {
            assertEquals(7, m.cpu().register(A0));
        }
    }

    @Test
    void mcauseMtvalAndMscratchHoldAnyValue()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0xDEAD_BEEF);
            a.csrw(Csr.MCAUSE, T0);
            a.csrw(Csr.MTVAL, T0);
            a.csrw(Csr.MSCRATCH, T0);
            a.csrr(A0, Csr.MCAUSE);
            a.csrr(A1, Csr.MTVAL);
            a.csrr(A2, Csr.MSCRATCH);
        }))
        {
            assertEquals(0xDEAD_BEEF, m.cpu().register(A0));
            assertEquals(0xDEAD_BEEF, m.cpu().register(A1));
            assertEquals(0xDEAD_BEEF, m.cpu().register(A2));
        }
    }

    // ------------------------------------------------------------------ counters

    @Test
    void counterCsrsReadTheInstructionsRetiredBeforeTheReadingInstruction()
    {
        try (Machine m = runPassing(a ->
        {
            a.csrr(A0, Csr.INSTRET);   // icount 0
            a.csrr(A1, Csr.CYCLE);     // 1
            a.nop();
            a.csrr(A2, Csr.MINSTRET);  // 3
            a.csrr(A3, Csr.MCYCLE);    // 4
            a.csrr(A4, Csr.INSTRETH);
            a.csrr(A5, Csr.CYCLEH);
            a.csrr(A6, Csr.MINSTRETH);
            a.csrr(A7, Csr.MCYCLEH);
        }))
        {
            assertEquals(0, m.cpu().register(A0));
            assertEquals(1, m.cpu().register(A1));
            assertEquals(3, m.cpu().register(A2));
            assertEquals(4, m.cpu().register(A3));
            assertEquals(0, m.cpu().register(A4));
            assertEquals(0, m.cpu().register(A5));
            assertEquals(0, m.cpu().register(A6));
            assertEquals(0, m.cpu().register(A7));
            assertEquals(m.icount(), m.cpu().control().peek(Csr.MINSTRET));
            assertEquals(m.icount(), m.cpu().control().peek(Csr.MCYCLE));
        }
    }

    @Test
    void timeReadsTheClintMtime()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, MemoryMap.CLINT_BASE + 0xBFF8); // two instructions
            for (int i = 2; i < 125; i++)
            {
                a.nop();
            }
            a.csrr(A0, Csr.TIME);      // icount 125: 12 ticks at 10 instructions per tick
            a.csrr(A1, Csr.TIMEH);
            a.lw(A2, T0, 0);           // icount 127: the same clock through the CLINT
            a.csrr(A3, Csr.TIME);      // icount 128
        }))
        {
            assertEquals(12, m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1));
            assertEquals(12, m.cpu().register(A2));
            assertEquals(12, m.cpu().register(A3));
        }
    }

    @Test
    void writtenMinstretIsSeenByTheNextInstruction()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 1000);
            a.csrw(Csr.MINSTRET, T0);
            a.csrr(A0, Csr.MINSTRET);
            a.csrr(A1, Csr.MINSTRET);
            a.csrr(A2, Csr.INSTRET);
            a.csrr(A3, Csr.CYCLE);      // the cycle counter is not affected
        }))
        {
            assertEquals(1000, m.cpu().register(A0));
            assertEquals(1001, m.cpu().register(A1));
            assertEquals(1002, m.cpu().register(A2));
            assertEquals(5, m.cpu().register(A3));
        }
    }

    @Test
    void writtenMcycleIsSeenByTheNextInstruction()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 500);
            a.csrw(Csr.MCYCLE, T0);
            a.csrr(A0, Csr.MCYCLE);
            a.csrr(A1, Csr.CYCLE);
            a.csrr(A2, Csr.INSTRET);
        }))
        {
            assertEquals(500, m.cpu().register(A0));
            assertEquals(501, m.cpu().register(A1));
            assertEquals(4, m.cpu().register(A2));
        }
    }

    @Test
    void counterLowHalfCarriesIntoTheHighHalf()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.csrw(Csr.MINSTRET, T0);
            a.csrr(A0, Csr.MINSTRET);    // 0xFFFFFFFF
            a.csrr(A1, Csr.MINSTRETH);   // 0x1_00000000 + 0: high 1
            a.csrr(A2, Csr.INSTRET);     // low 1
            a.li(T1, 7);
            a.csrw(Csr.MCYCLEH, T1);
            a.csrr(A3, Csr.CYCLEH);
        }))
        {
            assertEquals(-1, m.cpu().register(A0));
            assertEquals(1, m.cpu().register(A1));
            assertEquals(1, m.cpu().register(A2));
            assertEquals(7, m.cpu().register(A3));
        }
    }

    @Test
    void writingTheHighHalfAlsoSuppressesTheIncrementSoTheNextInstructionWrapsTheCounter()
    {
        // riscv-tests rv32mi instret_overflow, test 3: all ones in both halves, then a nop
        // retires and wraps the 64-bit counter to 0.
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.csrw(Csr.MINSTRET, T0);
            a.csrw(Csr.MINSTRETH, T0);
            a.nop();
            a.csrr(A0, Csr.MINSTRET);
            a.csrr(A1, Csr.MINSTRETH);
            a.csrw(Csr.MCYCLE, T0);
            a.csrw(Csr.MCYCLEH, T0);
            a.nop();
            a.csrr(A2, Csr.MCYCLE);
            a.csrr(A3, Csr.MCYCLEH);
        }))
        {
            assertEquals(0, m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1), "all 64 bits wrapped");
            assertEquals(0, m.cpu().register(A2));
            assertEquals(0, m.cpu().register(A3));
        }
    }

    @Test
    void writingTheLowHalfKeepsTheHighHalfOfThisInstruction()
    {
        // Low half all ones: a write to minstret must not carry this instruction's increment into
        // the high half it keeps.
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.csrw(Csr.MINSTRET, T0);
            a.csrw(Csr.MINSTRET, T0);    // this instruction sees low 0xFFFFFFFF, high 0
            a.csrr(A0, Csr.MINSTRETH);
        }))
        {
            assertEquals(0, m.cpu().register(A0));
        }
    }

    @Test
    void triggerCsrsPresentNoTriggers()
    {
        // Sdtrig without triggers: tselect 0 selects a trigger that does not exist (tdata1 type 0,
        // tinfo bit 0 alone); writes are accepted and change nothing, as riscv-tests' breakpoint
        // test expects of a hart whose tdata1 does not keep an mcontrol it cannot implement.
        try (Machine m = runPassing(a ->
        {
            a.csrw(Csr.TSELECT, ZERO);
            a.csrr(A0, Csr.TSELECT);
            a.li(T0, (2 << 28) | (1 << 6) | (1 << 2)); // mcontrol, M-mode, execute
            a.csrw(Csr.TDATA2, T6);
            a.csrw(Csr.TDATA1, T0);
            a.csrr(A1, Csr.TDATA1);
            a.csrr(A2, Csr.TDATA2);
            a.csrr(A3, Csr.TDATA3);
            a.csrr(A4, Csr.TINFO);
            a.li(T1, 1);
            a.csrw(Csr.TSELECT, T1);
            a.csrr(A5, Csr.TSELECT);
        }))
        {
            assertEquals(0, m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1), "tdata1 type 0: no trigger");
            assertEquals(0, m.cpu().register(A2));
            assertEquals(0, m.cpu().register(A3));
            assertEquals(1, m.cpu().register(A4), "tinfo: only type 0 supported");
            assertEquals(0, m.cpu().register(A5), "there is no trigger 1 to select");
        }
    }

    @Test
    void csrrwOnACounterReturnsTheValueBeforeTheWrite()
    {
        try (Machine m = runPassing(a ->
        {
            a.nop();
            a.nop();
            a.li(T0, 100);
            a.csrrw(A0, Csr.MINSTRET, T0); // icount 3
            a.csrr(A1, Csr.MINSTRET);
        }))
        {
            assertEquals(3, m.cpu().register(A0));
            assertEquals(100, m.cpu().register(A1));
        }
    }

    @Test
    void userModeReadsTheCountersThatMcounterenEnables()
    {
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            a.li(T0, 7);
            a.csrw(Csr.MCOUNTEREN, T0);
            Harness.enterUser(a, user);
            a.bind(user);
            a.csrr(A0, Csr.CYCLE);
            a.csrr(A1, Csr.TIME);
            a.csrr(A2, Csr.INSTRET);
            a.csrr(A3, Csr.CYCLEH);
            a.csrr(A4, Csr.TIMEH);
            a.csrr(A5, Csr.INSTRETH);
            a.ecall();
        }))
        {
            assertEquals(TrapCause.ECALL_FROM_U, m.cpu().control().peek(Csr.MCAUSE), "reached the end in U-mode");
            assertEquals(m.cpu().register(A0) + 2, m.cpu().register(A2));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Csr.CYCLE, Csr.TIME, Csr.INSTRET, Csr.CYCLEH, Csr.TIMEH, Csr.INSTRETH})
    void userModeCounterReadWithoutItsMcounterenBitIsIllegal(final int csr)
    {
        final int bit = 1 << (csr & 0x1F);
        final int word = Harness.encode(a -> a.csrr(A0, csr));
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            a.li(T0, 7 & ~bit);
            a.csrw(Csr.MCOUNTEREN, T0);
            Harness.enterUser(a, user);
            a.bind(user);
            a.word(word);
        }))
        {
            assertIllegal(m, word);
        }
    }

    @Test
    void userModeHpmCountersAreIllegalBecauseMcounterenCannotEnableThem()
    {
        final int word = Harness.encode(a -> a.csrr(A0, Csr.HPMCOUNTER3));
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            a.li(T0, -1);
            a.csrw(Csr.MCOUNTEREN, T0);
            Harness.enterUser(a, user);
            a.bind(user);
            a.word(word);
        }))
        {
            assertIllegal(m, word);
        }
    }

    // ------------------------------------------------------------------ seed

    @Test
    void seedReadWithAWriteReturnsEs16AndSixteenBitsOfEntropy()
    {
        final SeededEntropy reference = new SeededEntropy(1);
        try (Machine m = runPassing(a ->
        {
            a.csrrw(A0, Csr.SEED, ZERO);
            a.li(T0, 0x1234);
            a.csrrw(A1, Csr.SEED, T0);  // the written value is ignored
        }))
        {
            assertEquals(Csr.SEED_OPST_ES16 | reference.next16(), m.cpu().register(A0));
            assertEquals(Csr.SEED_OPST_ES16 | reference.next16(), m.cpu().register(A1));
        }
    }

    @Test
    void seedWriteWithoutReadDoesNotConsumeEntropy()
    {
        final SeededEntropy reference = new SeededEntropy(1);
        try (Machine m = runPassing(a ->
        {
            a.csrrw(ZERO, Csr.SEED, ZERO);
            a.csrrw(A0, Csr.SEED, ZERO);
        }))
        {
            assertEquals(Csr.SEED_OPST_ES16 | reference.next16(), m.cpu().register(A0));
        }
    }

    @Test
    void seedAccessWithoutAWriteIsIllegal()
    {
        final int[] words = {
            Harness.encode(a -> a.csrrs(A0, Csr.SEED, ZERO)),
            Harness.encode(a -> a.csrrc(A0, Csr.SEED, ZERO)),
            Harness.encode(a -> a.csrrsi(A0, Csr.SEED, 0)),
            Harness.encode(a -> a.csrrci(A0, Csr.SEED, 0)),
        };
        for (final int word : words)
        {
            try (Machine m = runToTrap(a -> a.word(word)))
            {
                assertIllegal(m, word);
            }
        }
    }

    @Test
    void userModeSeedAccessIsIllegalWithoutUseed()
    {
        final int word = Harness.encode(a -> a.csrrw(A0, Csr.SEED, ZERO));
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            Harness.enterUser(a, user);
            a.bind(user);
            a.word(word);
        }))
        {
            assertIllegal(m, word);
        }
    }

    @Test
    void userModeSeedAccessIsLegalWithUseed()
    {
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            a.li(T0, -1);
            a.csrw(Csr.MSECCFG, T0);
            a.csrr(A1, Csr.MSECCFG);
            Harness.enterUser(a, user);
            a.bind(user);
            a.csrrw(A0, Csr.SEED, ZERO);
            a.ecall();
        }))
        {
            assertEquals(TrapCause.ECALL_FROM_U, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(Csr.MSECCFG_USEED, m.cpu().register(A1), "only USEED is writable");
            assertEquals(Csr.SEED_OPST_ES16 | new SeededEntropy(1).next16(), m.cpu().register(A0));
        }
    }

    // ------------------------------------------------------------------ helpers

    static void assertIllegal(final Machine m, final int word)
    {
        assertEquals(TrapCause.ILLEGAL_INSTRUCTION, m.cpu().control().peek(Csr.MCAUSE),
            () -> String.format("mcause for %08x", word));
        assertEquals(word, m.cpu().control().peek(Csr.MTVAL), () -> String.format("mtval for %08x", word));
    }
}
