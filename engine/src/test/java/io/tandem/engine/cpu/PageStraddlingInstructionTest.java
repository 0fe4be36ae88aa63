package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.RA;
import static io.tandem.engine.asm.Assembler.S0;
import static io.tandem.engine.asm.Assembler.S1;
import static io.tandem.engine.asm.Assembler.T0;
import static io.tandem.engine.asm.Assembler.T1;
import static io.tandem.engine.asm.Assembler.T2;
import static io.tandem.engine.asm.Assembler.T3;
import static io.tandem.engine.asm.Assembler.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.asm.Rvc;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.mem.MemoryMap;

/**
 * A 32-bit instruction in the last halfword of a 4 KiB page reaches into the next page, whose
 * decode-cache slots are another array: its decoded form is never cached, so that a write to
 * either page changes what runs next, on both engines (the compiled one compiling the code
 * around it at once), and a trap in it reports the whole instruction.
 */
class PageStraddlingInstructionTest
{
    /** The straddling instruction's address: the last halfword of RAM's first page. */
    private static final int STRADDLING = MemoryMap.RAM_BASE + DecodeCache.PAGE_BYTES - 2;
    /** The first byte of the next page: the instruction's upper half. */
    private static final int NEXT_PAGE = MemoryMap.RAM_BASE + DecodeCache.PAGE_BYTES;
    private static final int ORIGINAL = Harness.encode(a -> a.addi(A0, ZERO, 1));
    private static final int REPLACEMENT = Harness.encode(a -> a.addi(A0, ZERO, 42));
    private static final int PASSES = 200;
    private static final int STORE_AT_PASS = 100;

    private static Machine machine(final CpuEngine engine)
    {
        return new Machine(new MachineContext().cpuEngine(engine).compileThreshold(1).ramMib(1)
            .clock(new VirtualClock()).entropy(new SeededEntropy(1)).consoleSink(ConsoleSink.DISCARD));
    }

    /**
     * Calls the straddling {@code addi a0, zero, 1} {@link #PASSES} times, summing a0 into s1, and
     * after pass {@link #STORE_AT_PASS} rewrites the instruction's upper half in the next page with
     * one guest store of the given kind (0 sh, 1 sb, 2 sw).
     */
    private static Assembler program(final int storeKind)
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label loop = a.newLabel("loop");
        final Label noStore = a.newLabel("noStore");
        final Label done = a.newLabel("done");
        final Label straddling = a.newLabel("straddling");
        final int upperHalfOf42 = REPLACEMENT >>> 16;
        a.li(S0, 0);
        a.li(S1, 0);
        a.li(T0, storeKind == 2 ? upperHalfOf42 | Rvc.NOP << 16 : upperHalfOf42);
        a.li(T1, NEXT_PAGE);
        a.bind(loop);
        a.jal(RA, straddling);
        a.add(S1, S1, A0);
        a.addi(S0, S0, 1);
        a.li(T2, PASSES);
        a.beq(S0, T2, done);
        a.li(T2, STORE_AT_PASS);
        a.bne(S0, T2, noStore);
        switch (storeKind)
        {
            case 0: a.sh(T0, T1, 0); break;
            case 1: a.li(T3, 1); a.sb(T3, T1, 1); break; // the immediate's high byte: 1 becomes 17
            default: a.sw(T0, T1, 0); break;
        }
        a.bind(noStore);
        a.j(loop);
        a.bind(done);
        Harness.pass(a);
        while (a.pc() < STRADDLING - 2)
        {
            a.addi(ZERO, ZERO, 0);
        }
        a.bind(straddling); // a c.nop, then the straddling instruction
        a.word(Rvc.NOP | ORIGINAL << 16);
        a.word(ORIGINAL >>> 16 | Rvc.NOP << 16);
        a.jalr(ZERO, RA, 0);
        return a;
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void everyKindOfStoreIntoTheSecondPageChangesTheInstruction(final CpuEngine engine)
    {
        for (int kind = 0; kind < 3; kind++)
        {
            try (Machine m = machine(engine))
            {
                program(kind).loadInto(m);
                Harness.runToHalt(m);
                assertEquals(HaltReason.PASSED, m.haltReason(), m.haltMessage());
                final int after = kind == 1 ? 17 : 42;
                assertEquals(STORE_AT_PASS + (PASSES - STORE_AT_PASS) * after, m.cpu().register(S1),
                    "store kind " + kind);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void aStoreIntoTheFirstPageChangesTheInstruction(final CpuEngine engine)
    {
        // The low half, in the straddling instruction's own page, holds rd: addi a0 becomes addi t3.
        final int lowHalfToT3 = (ORIGINAL & 0xFFFF & ~(31 << 7)) | (T3 << 7);
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label loop = a.newLabel("loop");
        final Label done = a.newLabel("done");
        final Label straddling = a.newLabel("straddling");
        a.li(S0, 0);
        a.li(T0, lowHalfToT3);
        a.li(T1, STRADDLING);
        a.bind(loop);
        a.li(A0, 0);
        a.jal(RA, straddling);
        a.addi(S0, S0, 1);
        a.li(T2, 2);
        a.beq(S0, T2, done);
        a.sh(T0, T1, 0);
        a.j(loop);
        a.bind(done);
        Harness.pass(a);
        while (a.pc() < STRADDLING - 2)
        {
            a.addi(ZERO, ZERO, 0);
        }
        a.bind(straddling); // a c.nop, then the straddling instruction
        a.word(Rvc.NOP | ORIGINAL << 16);
        a.word(ORIGINAL >>> 16 | Rvc.NOP << 16);
        a.jalr(ZERO, RA, 0);
        try (Machine m = machine(engine))
        {
            a.loadInto(m);
            Harness.runToHalt(m);
            assertEquals(HaltReason.PASSED, m.haltReason(), m.haltMessage());
            assertEquals(0, m.cpu().register(A0), "the second pass wrote t3, not a0");
            assertEquals(1, m.cpu().register(T3));
        }
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void aHostWriteIntoTheSecondPageChangesTheInstruction(final CpuEngine engine)
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label loop = a.newLabel("loop");
        final Label straddling = a.newLabel("straddling");
        a.li(S1, 0);
        a.bind(loop);
        a.jal(RA, straddling);
        a.add(S1, S1, A0);
        a.j(loop);
        while (a.pc() < STRADDLING - 2)
        {
            a.addi(ZERO, ZERO, 0);
        }
        a.bind(straddling); // a c.nop, then the straddling instruction
        a.word(Rvc.NOP | ORIGINAL << 16);
        a.word(ORIGINAL >>> 16 | Rvc.NOP << 16);
        a.jalr(ZERO, RA, 0);
        try (Machine m = machine(engine); Machine reference = machine(CpuEngine.INTERPRETED))
        {
            a.loadInto(m);
            a.loadInto(reference);
            m.run(10_000);
            assertEquals(1, m.cpu().register(A0));
            final int upperHalfOf42 = REPLACEMENT >>> 16 | Rvc.NOP << 16;
            m.writeRamInt(NEXT_PAGE, upperHalfOf42);
            m.run(10_000);
            assertEquals(42, m.cpu().register(A0), "the rewritten instruction ran");
            reference.run(10_000);
            reference.writeRamInt(NEXT_PAGE, upperHalfOf42);
            reference.run(10_000);
            assertEquals(reference.stateHash(), m.stateHash());
        }
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void anIllegalStraddlingInstructionTrapsWithItsWholeWord(final CpuEngine engine)
    {
        final int illegal = 0xFFFF_FFFF;
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label handler = a.newLabel("handler");
        a.la(T1, handler);
        a.csrw(Csr.MTVEC, T1);
        while (a.pc() < STRADDLING - 2)
        {
            a.addi(ZERO, ZERO, 0);
        }
        a.word(Rvc.NOP | illegal << 16);
        a.word(illegal >>> 16 | Rvc.NOP << 16);
        a.bind(handler);
        Harness.fail(a, Harness.TRAP_EXIT_CODE);
        try (Machine m = machine(engine))
        {
            a.loadInto(m);
            Harness.runToHalt(m);
            assertEquals(HaltReason.FAILED, m.haltReason(), m.haltMessage());
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(STRADDLING, m.cpu().control().peek(Csr.MEPC));
            assertEquals(illegal, m.cpu().control().peek(Csr.MTVAL));
            assertTrue(m.cpu().decodeCache().slot(STRADDLING) == DecodedInstruction.STRADDLING_MARK,
                "the slot holds the mark, never the decoded instruction");
        }
    }
}
