package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.T5;
import static io.tandem.engine.asm.Assembler.T6;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.mem.MemoryMap;

/**
 * Builds small programs with the {@link Assembler}, runs them on a fresh 1 MiB machine with a
 * virtual clock, and hands back the machine for inspection.
 * <p>
 * Programs end by writing to the test finisher, which halts the machine with the registers and
 * CSRs as the program left them: {@link #pass(Assembler)} halts with {@link HaltReason#PASSED},
 * and the trap handler that {@link #runToTrap(Consumer)} installs halts with
 * {@link HaltReason#FAILED} and exit code {@link #TRAP_EXIT_CODE}, so that a test tells "the
 * program ran through" from "the program trapped" without instrumenting the hart. Both sequences
 * use t5 and t6, which tests must not use for results.
 */
public final class Harness
{
    /** Where programs start: the first byte of RAM. */
    public static final int CODE = MemoryMap.RAM_BASE;
    /** A scratch data area well away from the code. */
    public static final int DATA = MemoryMap.RAM_BASE + 0x8_0000;
    /** Size of the test machine's RAM. */
    public static final int RAM_BYTES = 1 << 20;
    /** Exit code of the halting trap handler. */
    public static final int TRAP_EXIT_CODE = 0x7E;
    /** Enough for any test program; a runaway program stops here instead of hanging the test. */
    public static final long MAX_INSTRUCTIONS = 1_000_000;

    /** Exit code of entry 0 of {@link #vectoredProgram(Consumer)}'s table. */
    public static final int VECTOR_EXIT_CODE = 0x10;

    /** Instructions in {@link #pass(Assembler)}, all of which retire. */
    public static final int PASS_INSTRUCTIONS = 4;

    /** Instructions before the body in {@link #runToTrap(Consumer)}: la t6 (two) and csrw mtvec. */
    public static final int PREAMBLE_INSTRUCTIONS = 3;
    /** Instructions the halting trap handler retires. */
    public static final int HANDLER_INSTRUCTIONS = 4;

    private Harness()
    {
    }

    /** @return a fresh machine: 1 MiB, virtual clock at 10 instructions per tick, seeded entropy. */
    public static Machine newMachine()
    {
        return newMachine(MachineContext.DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS, new VirtualClock());
    }

    /**
     * @param interruptCheckInstructions the machine's interrupt check interval.
     * @param clock                      the mtime source.
     * @return a fresh 1 MiB machine with seeded entropy.
     */
    public static Machine newMachine(final int interruptCheckInstructions, final VirtualClock clock)
    {
        return new Machine(new MachineContext()
            .ramMib(1)
            .interruptCheckInstructions(interruptCheckInstructions)
            .clock(clock)
            .entropy(new SeededEntropy(1))
            .consoleSink(ConsoleSink.DISCARD));
    }

    /** Emits the finisher's pass sequence (clobbers t5, t6). */
    public static void pass(final Assembler a)
    {
        a.lui(T6, MemoryMap.TEST_FINISHER_BASE >>> 12);
        a.li(T5, 0x5555);
        a.sw(T5, T6, 0);
    }

    /** Emits the finisher's fail sequence with an exit code (clobbers t5, t6). */
    public static void fail(final Assembler a, final int code)
    {
        a.lui(T6, MemoryMap.TEST_FINISHER_BASE >>> 12);
        a.li(T5, (code << 16) | 0x3333);
        a.sw(T5, T6, 0);
    }

    /**
     * Runs {@code body} followed by a pass, with mtvec at its reset value 0 (so that any trap
     * locks the hart up), and checks that the program passed.
     *
     * @return the halted machine; close it.
     */
    public static Machine runPassing(final Consumer<Assembler> body)
    {
        final Assembler a = new Assembler(CODE);
        body.accept(a);
        pass(a);
        final Machine m = newMachine();
        a.loadInto(m);
        runToHalt(m);
        assertEquals(HaltReason.PASSED, m.haltReason(), () -> "program did not pass: " + m.haltMessage());
        return m;
    }

    /**
     * Installs a trap handler that halts the machine (la t6 + csrw mtvec: three instructions),
     * runs {@code body} followed by a pass, and checks that the handler halted the machine.
     * mcause, mepc, mtval, mstatus and the privilege are then as the trap left them.
     *
     * @return the halted machine; close it.
     */
    public static Machine runToTrap(final Consumer<Assembler> body)
    {
        final Machine m = runWithHaltingHandler(body);
        assertEquals(HaltReason.FAILED, m.haltReason(), () -> "program did not trap: " + m.haltMessage());
        assertEquals(TRAP_EXIT_CODE, m.exitCode());
        return m;
    }

    /**
     * As {@link #runToTrap(Consumer)}, without checking how the machine halted.
     *
     * @return the halted machine; close it.
     */
    public static Machine runWithHaltingHandler(final Consumer<Assembler> body)
    {
        final Assembler a = new Assembler(CODE);
        final Label handler = a.newLabel("haltingHandler");
        a.la(T6, handler);
        a.csrw(Csr.MTVEC, T6);
        body.accept(a);
        pass(a);
        a.bind(handler);
        fail(a, TRAP_EXIT_CODE);
        final Machine m = newMachine();
        a.loadInto(m);
        runToHalt(m);
        return m;
    }

    /**
     * A program whose mtvec is vectored (mode 1) at a 64-byte aligned table of 16 jumps; entry
     * {@code k} halts the machine with exit code {@link #VECTOR_EXIT_CODE} + k. The body runs
     * after the three-instruction setup (la, ori, csrw) and is followed by a pass.
     */
    public static Assembler vectoredProgram(final Consumer<Assembler> body)
    {
        final Assembler a = new Assembler(CODE);
        final Label table = a.newLabel("table");
        a.la(T6, table);
        a.ori(T6, T6, 1);
        a.csrw(Csr.MTVEC, T6);
        body.accept(a);
        pass(a);
        while ((a.pc() & 63) != 0)
        {
            a.nop();
        }
        a.bind(table);
        final Label[] entries = new Label[16];
        for (int k = 0; k < entries.length; k++)
        {
            entries[k] = a.newLabel("entry" + k);
            a.j(entries[k]);
        }
        for (int k = 0; k < entries.length; k++)
        {
            a.bind(entries[k]);
            fail(a, VECTOR_EXIT_CODE + k);
        }
        return a;
    }

    /**
     * Emits a drop to U-mode at {@code userCode}: mepc = userCode, mstatus.MPP = U, mret
     * (clobbers t6).
     */
    public static void enterUser(final Assembler a, final Label userCode)
    {
        a.la(T6, userCode);
        a.csrw(Csr.MEPC, T6);
        a.li(T6, Csr.MSTATUS_MPP);
        a.csrc(Csr.MSTATUS, T6);
        a.mret();
    }

    /** Emits a handler body that skips the trapping instruction: mepc += 4, mret (clobbers t6). */
    public static void skipAndReturn(final Assembler a)
    {
        a.csrr(T6, Csr.MEPC);
        a.addi(T6, T6, 4);
        a.csrw(Csr.MEPC, T6);
        a.mret();
    }

    /** Emits {@code li t6, address; sw value, 0(t6)}. */
    public static void storeWord(final Assembler a, final int address, final int valueRegister)
    {
        a.li(T6, address);
        a.sw(valueRegister, T6, 0);
    }

    /**
     * Runs until the machine halts, letting the virtual clock jump to the timer deadline while the
     * hart waits; gives up at {@link #MAX_INSTRUCTIONS} or when the hart waits for something no
     * clock jump can bring, so that a broken program fails its test instead of hanging it.
     */
    public static void runToHalt(final Machine m)
    {
        while (m.haltReason() == HaltReason.NONE && m.icount() < MAX_INSTRUCTIONS)
        {
            switch (m.run(MAX_INSTRUCTIONS - m.icount()))
            {
                case WFI:
                    if (!m.skipToTimer())
                    {
                        return; // nothing a virtual clock can bring will wake the hart
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /** @return the encoding of one instruction, for writing code as data. */
    public static int encode(final Consumer<Assembler> instruction)
    {
        final Assembler a = new Assembler(0);
        instruction.accept(a);
        final int[] words = a.words();
        assertEquals(1, words.length, "one instruction");
        return words[0];
    }
}
