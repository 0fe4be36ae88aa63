package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.*;
import static io.tandem.engine.cpu.Harness.CODE;
import static io.tandem.engine.cpu.Harness.DATA;
import static io.tandem.engine.cpu.Harness.runPassing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.asm.Rvc;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.StopReason;

/**
 * Code changed after it was decoded: by every kind of guest store, with and without FENCE.I, the
 * very next instruction, generated code, and host writes.
 */
class SelfModifyingCodeTest
{
    private static final int ORIGINAL = Harness.encode(a -> a.addi(A0, ZERO, 1));
    private static final int REPLACEMENT = Harness.encode(a -> a.addi(A0, ZERO, 42));

    @Test
    void storeOverwritingTheVeryNextInstructionTakesEffect()
    {
        try (Machine m = runPassing(a ->
        {
            final Label target = a.newLabel("target");
            a.li(T0, REPLACEMENT);
            a.la(T1, target);
            a.sw(T0, T1, 0);
            a.bind(target);
            a.addi(A0, ZERO, 1);
        }))
        {
            assertEquals(42, m.cpu().register(A0));
        }
    }

    @Test
    void storeOverwritingTheNextInstructionAfterItWasDecodedTakesEffect()
    {
        // The loop body, including the instruction after the store, runs (and is decoded) once before the store.
        try (Machine m = runPassing(a ->
        {
            final Label loop = a.newLabel("loop");
            final Label target = a.newLabel("target");
            final Label done = a.newLabel("done");
            a.la(T1, target);
            a.li(T0, REPLACEMENT);
            a.li(S0, 0);
            a.li(S1, 0);
            a.li(T3, DATA);       // the first pass stores to data, the second over the next instruction
            a.bind(loop);
            a.sw(T0, T3, 0);
            a.bind(target);
            a.addi(A0, ZERO, 1);
            a.add(S1, S1, A0);
            a.addi(S0, S0, 1);
            a.li(T2, 2);
            a.beq(S0, T2, done);
            a.mv(T3, T1);
            a.j(loop);
            a.bind(done);
        }))
        {
            assertEquals(1 + 42, m.cpu().register(S1));
        }
    }

    @Test
    void storeIntoTheSecondHalfOfAnInstructionThatStraddlesAWordTakesEffect()
    {
        // addi a0, zero, 1 at a halfword address (after a c.nop): its upper half, the immediate,
        // is the first halfword of the next word. Each kind of store rewrites only that half.
        final int upperHalfOf42 = REPLACEMENT >>> 16;
        for (int kind = 0; kind < 3; kind++)
        {
            final int store = kind;
            try (Machine m = runPassing(a ->
            {
                final Label loop = a.newLabel("loop");
                final Label upperHalf = a.newLabel("upperHalf");
                final Label done = a.newLabel("done");
                a.li(S0, 0);
                a.li(S1, 0);
                a.li(T0, store == 2 ? upperHalfOf42 | Rvc.NOP << 16 : upperHalfOf42);
                a.la(T1, upperHalf);
                a.bind(loop);
                a.word(Rvc.NOP | ORIGINAL << 16);
                a.bind(upperHalf);
                a.word(ORIGINAL >>> 16 | Rvc.NOP << 16);
                a.add(S1, S1, A0);
                a.addi(S0, S0, 1);
                a.li(T2, 2);
                a.beq(S0, T2, done);
                switch (store)
                {
                    case 0: a.sh(T0, T1, 0); break;
                    case 1: a.li(T3, 1); a.sb(T3, T1, 1); break; // the immediate's high byte: 1 becomes 17
                    default: a.sw(T0, T1, 0); break;
                }
                a.j(loop);
                a.bind(done);
            }))
            {
                assertEquals(store == 1 ? 1 + 17 : 1 + 42, m.cpu().register(S1), "store kind " + store);
            }
        }
    }

    @Test
    void modifiedCodeRunsWithoutFenceI()
    {
        assertEquals(1 + 42, runModifyingLoop(a -> a.sw(T0, T1, 0), false));
    }

    @Test
    void modifiedCodeRunsAfterFenceI()
    {
        assertEquals(1 + 42, runModifyingLoop(a -> a.sw(T0, T1, 0), true));
    }

    @Test
    void byteStoreIntoAnInstructionTakesEffect()
    {
        // addi a0, x0, 1 is 0x00100513; its top byte holds imm[11:4]: 0x02 makes the immediate 33.
        assertEquals(1 + 33, runModifyingLoop(a ->
        {
            a.li(T2, 0x02);
            a.sb(T2, T1, 3);
        }, false));
    }

    @Test
    void halfwordStoreIntoAnInstructionTakesEffect()
    {
        // 0x0290 in the upper half makes it 0x02900513: addi a0, x0, 41.
        assertEquals(1 + 41, runModifyingLoop(a ->
        {
            a.li(T2, 0x0290);
            a.sh(T2, T1, 2);
        }, false));
    }

    @Test
    void amoIntoAnInstructionTakesEffect()
    {
        assertEquals(1 + 42, runModifyingLoop(a -> a.amoswapW(ZERO, T1, T0), false));
    }

    @Test
    void storeConditionalIntoAnInstructionTakesEffect()
    {
        assertEquals(1 + 42, runModifyingLoop(a ->
        {
            a.lrW(T2, T1);
            a.scW(T2, T1, T0);
        }, false));
    }

    /**
     * Runs an instruction at "target" (addi a0, x0, 1) once, lets {@code modify} overwrite it
     * (t1 = its address, t0 = the replacement word addi a0, x0, 42), runs it again.
     *
     * @return the sum of a0 over both runs.
     */
    private static int runModifyingLoop(final Consumer<Assembler> modify, final boolean fenceI)
    {
        try (Machine m = runPassing(a ->
        {
            final Label loop = a.newLabel("loop");
            final Label target = a.newLabel("target");
            final Label done = a.newLabel("done");
            a.la(T1, target);
            a.li(T0, REPLACEMENT);
            a.li(S0, 0);
            a.li(S1, 0);
            a.bind(loop);
            a.bind(target);
            a.addi(A0, ZERO, 1);
            a.add(S1, S1, A0);
            a.addi(S0, S0, 1);
            a.li(T2, 2);
            a.beq(S0, T2, done);
            modify.accept(a);
            if (fenceI)
            {
                a.fenceI();
            }
            a.j(loop);
            a.bind(done);
        }))
        {
            return m.cpu().register(S1);
        }
    }

    @Test
    void generatedCodeCanBeCalledAfterFenceI()
    {
        final int add5 = Harness.encode(a -> a.addi(A0, A0, 5));
        final int ret = Harness.encode(Assembler::ret);
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            for (int round = 0; round < 2; round++)
            {
                a.li(T1, round == 0 ? add5 : Harness.encode(x -> x.addi(A0, A0, 100)));
                a.sw(T1, T0, 0);
                a.li(T1, ret);
                a.sw(T1, T0, 4);
                a.fenceI();
                a.jalr(RA, T0, 0);
            }
        }))
        {
            assertEquals(105, m.cpu().register(A0));
        }
    }

    @Test
    void hostWriteReplacesDecodedCode()
    {
        final Assembler a = new Assembler(CODE);
        final Label loop = a.newLabel("loop");
        final Label target = a.newLabel("target");
        a.bind(loop);
        a.bind(target);
        a.addi(A0, ZERO, 1);
        a.add(S1, S1, A0);
        a.j(loop);
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.BUDGET, m.run(6));
            assertEquals(2, m.cpu().register(S1));
            m.writeRamInt(target.address(), REPLACEMENT);
            m.run(3);
            assertEquals(2 + 42, m.cpu().register(S1));
            final byte[] original = {(byte)ORIGINAL, (byte)(ORIGINAL >>> 8), (byte)(ORIGINAL >>> 16), (byte)(ORIGINAL >>> 24)};
            m.writeRam(target.address(), original, 0, 4);
            m.run(3);
            assertEquals(2 + 42 + 1, m.cpu().register(S1));
            assertEquals(HaltReason.NONE, m.haltReason());
        }
    }

    @Test
    void storeThatTurnsTheNextInstructionIllegalTraps()
    {
        try (Machine m = Harness.runToTrap(a ->
        {
            final Label target = a.newLabel("target");
            a.la(T1, target);
            a.sw(ZERO, T1, 0);
            a.bind(target);
            a.nop();
        }))
        {
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(0, m.cpu().control().peek(Csr.MTVAL));
        }
    }
}
