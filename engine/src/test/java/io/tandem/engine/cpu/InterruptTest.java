package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.*;
import static io.tandem.engine.cpu.Harness.CODE;
import static io.tandem.engine.cpu.Harness.DATA;
import static io.tandem.engine.cpu.Harness.runPassing;
import static io.tandem.engine.cpu.Harness.runToTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.StopReason;
import io.tandem.engine.mem.MemoryMap;

/**
 * Interrupts: priority, enabling by privilege, the moments they are taken, vectored entry, and
 * WFI.
 */
class InterruptTest
{
    private static final int MSIP = MemoryMap.CLINT_BASE;
    private static final int MTIMECMP = MemoryMap.CLINT_BASE + 0x4000;
    private static final int UART_IER = MemoryMap.UART_BASE + 1;
    private static final int UART_IIR = MemoryMap.UART_BASE + 2;
    private static final int PLIC_PRIORITY_UART = MemoryMap.PLIC_BASE + 4 * MemoryMap.UART_IRQ;
    private static final int PLIC_ENABLE = MemoryMap.PLIC_BASE + 0x2000;
    private static final int PLIC_CLAIM = MemoryMap.PLIC_BASE + 0x20_0004;

    private static final int INTERRUPT = TrapCause.INTERRUPT_BIT;

    /** msip = 1 (clobbers t0, t6). */
    static void raiseSoftware(final Assembler a)
    {
        a.li(T0, 1);
        Harness.storeWord(a, MSIP, T0);
    }

    /** mtimecmp = value, high word first so that no earlier deadline is ever set (clobbers t0, t6). */
    static void setTimer(final Assembler a, final int value)
    {
        Harness.storeWord(a, MTIMECMP + 4, ZERO);
        a.li(T0, value);
        Harness.storeWord(a, MTIMECMP, T0);
    }

    /** UART transmitter-empty interrupt enabled and routed through the PLIC to MEIP (clobbers t0, t6). */
    static void raiseExternal(final Assembler a)
    {
        a.li(T0, 1);
        Harness.storeWord(a, PLIC_PRIORITY_UART, T0);
        a.li(T0, 1 << MemoryMap.UART_IRQ);
        Harness.storeWord(a, PLIC_ENABLE, T0);
        a.li(T0, 2);
        a.li(T6, UART_IER);
        a.sb(T0, T6, 0);
    }

    static void enableInMie(final Assembler a, final int bits)
    {
        a.li(T0, bits);
        a.csrs(Csr.MIE, T0);
    }

    // ------------------------------------------------------------------ priority

    @Test
    void simultaneousInterruptsAreTakenExternalThenSoftwareThenTimer()
    {
        final int[] resumeAt = new int[1];
        try (Machine m = runPassing(a ->
        {
            final Label handler = a.newLabel("handler");
            final Label main = a.newLabel("main");
            a.la(T0, handler);
            a.csrw(Csr.MTVEC, T0);
            a.j(main);
            // Records mcause and mepc, masks the interrupt in mie, returns.
            a.bind(handler);
            a.csrr(T0, Csr.MCAUSE);
            a.sw(T0, S1, 0);
            a.csrr(T1, Csr.MEPC);
            a.sw(T1, S1, 4);
            a.addi(S1, S1, 8);
            a.andi(T0, T0, 31);
            a.li(T1, 1);
            a.sll(T1, T1, T0);
            a.csrc(Csr.MIE, T1);
            a.mret();
            a.bind(main);
            a.li(S1, DATA);
            raiseSoftware(a);
            setTimer(a, 0);
            raiseExternal(a);
            enableInMie(a, Csr.MIP_MEIP | Csr.MIP_MSIP | Csr.MIP_MTIP);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
            resumeAt[0] = a.pc();
            a.nop();
        }))
        {
            assertEquals(INTERRUPT | TrapCause.MACHINE_EXTERNAL_INTERRUPT, m.ram().getInt(DATA));
            assertEquals(INTERRUPT | TrapCause.MACHINE_SOFTWARE_INTERRUPT, m.ram().getInt(DATA + 8));
            assertEquals(INTERRUPT | TrapCause.MACHINE_TIMER_INTERRUPT, m.ram().getInt(DATA + 16));
            assertEquals(0, m.ram().getInt(DATA + 24), "three interrupts only");
            for (int i = 0; i < 3; i++)
            {
                assertEquals(resumeAt[0], m.ram().getInt(DATA + 8 * i + 4), "mepc of interrupt " + i);
            }
        }
    }

    @Test
    void interruptsAreNotTakenInMachineModeWithMieClear()
    {
        // mtvec stays 0: a taken interrupt would lock the hart up instead of passing.
        try (Machine m = runPassing(a ->
        {
            raiseSoftware(a);
            setTimer(a, 0);
            enableInMie(a, Csr.MIP_MSIP | Csr.MIP_MTIP);
            final Label loop = a.newLabel("loop");
            a.li(A0, 10_000); // crosses the interrupt check grid
            a.bind(loop);
            a.addi(A0, A0, -1);
            a.bnez(A0, loop);
            a.csrr(A1, Csr.MIP);
        }))
        {
            assertEquals(Csr.MIP_MSIP | Csr.MIP_MTIP, m.cpu().register(A1));
        }
    }

    @Test
    void interruptsNotEnabledInMieAreNotTaken()
    {
        try (Machine m = runPassing(a ->
        {
            raiseSoftware(a);
            setTimer(a, 0);
            enableInMie(a, Csr.MIP_MEIP);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
            a.nop();
        }))
        {
            assertEquals(0, m.cpu().control().peek(Csr.MCAUSE));
        }
    }

    @Test
    void interruptsAreAlwaysEnabledInUserMode()
    {
        final int[] userAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            raiseSoftware(a);
            enableInMie(a, Csr.MIP_MSIP);
            Harness.enterUser(a, user); // MPIE is 0, so MIE stays 0
            a.bind(user);
            userAt[0] = a.pc();
            a.nop();
            a.ecall();
        }))
        {
            final HartControl c = m.cpu().control();
            assertEquals(INTERRUPT | TrapCause.MACHINE_SOFTWARE_INTERRUPT, c.peek(Csr.MCAUSE));
            assertEquals(userAt[0], c.peek(Csr.MEPC), "taken right after mret, before the first user instruction");
            assertEquals(0, c.peek(Csr.MTVAL));
            assertEquals(Privilege.USER, (c.peek(Csr.MSTATUS) & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT);
            assertEquals(0, c.peek(Csr.MSTATUS) & Csr.MSTATUS_MPIE);
        }
    }

    // ------------------------------------------------------------------ when interrupts are taken

    @Test
    void interruptIsTakenRightAfterTheCsrWriteThatEnablesIt()
    {
        final int[] nextAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            raiseSoftware(a);
            enableInMie(a, Csr.MIP_MSIP);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
            nextAt[0] = a.pc();
            a.nop();
        }))
        {
            assertEquals(INTERRUPT | TrapCause.MACHINE_SOFTWARE_INTERRUPT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(nextAt[0], m.cpu().control().peek(Csr.MEPC));
        }
    }

    @Test
    void interruptIsTakenRightAfterTheMieWriteThatEnablesIt()
    {
        final int[] nextAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            setTimer(a, 0);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
            a.li(T0, Csr.MIP_MTIP);
            a.csrw(Csr.MIE, T0);
            nextAt[0] = a.pc();
            a.nop();
        }))
        {
            assertEquals(INTERRUPT | TrapCause.MACHINE_TIMER_INTERRUPT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(nextAt[0], m.cpu().control().peek(Csr.MEPC));
        }
    }

    @Test
    void interruptIsTakenRightAfterTheDeviceStoreThatRaisesIt()
    {
        final int[] nextAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            enableInMie(a, Csr.MIP_MSIP);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
            a.li(T0, 1);
            a.li(T1, MSIP);
            a.sw(T0, T1, 0);
            nextAt[0] = a.pc();
            a.nop();
        }))
        {
            assertEquals(INTERRUPT | TrapCause.MACHINE_SOFTWARE_INTERRUPT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(nextAt[0], m.cpu().control().peek(Csr.MEPC));
        }
    }

    @Test
    void interruptIsTakenRightAfterMretReenablesInterrupts()
    {
        final int[] resumeAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            final Label resume = a.newLabel("resume");
            raiseSoftware(a);
            enableInMie(a, Csr.MIP_MSIP);
            a.li(T0, Csr.MSTATUS_MPIE | Csr.MSTATUS_MPP);
            a.csrs(Csr.MSTATUS, T0);
            a.la(T0, resume);
            a.csrw(Csr.MEPC, T0);
            a.mret();
            a.nop();
            a.bind(resume);
            resumeAt[0] = a.pc();
            a.nop();
        }))
        {
            assertEquals(INTERRUPT | TrapCause.MACHINE_SOFTWARE_INTERRUPT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(resumeAt[0], m.cpu().control().peek(Csr.MEPC));
            assertEquals(Csr.MSTATUS_MPIE, m.cpu().control().peek(Csr.MSTATUS) & Csr.MSTATUS_MPIE);
        }
    }

    @Test
    void timerInterruptRaisedByTimePassingIsTakenOnTheCheckGrid()
    {
        assertEquals(128, timerInterruptIcount(64));
        assertEquals(192, timerInterruptIcount(96));
        assertEquals(100, timerInterruptIcount(1));
    }

    /**
     * Arms the timer for mtime 100 on a one-instruction-per-tick clock, then loops without any
     * instruction that ends a slice.
     *
     * @return the instruction count at which the interrupt was taken (the handler reads mcycle first).
     */
    private static long timerInterruptIcount(final int checkInterval)
    {
        final Assembler a = new Assembler(CODE);
        final Label handler = a.newLabel("handler");
        final Label loop = a.newLabel("loop");
        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);
        setTimer(a, 100);
        enableInMie(a, Csr.MIP_MTIP);
        a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
        a.bind(loop);
        a.addi(S0, S0, 1);
        a.j(loop);
        a.bind(handler);
        a.csrr(A0, Csr.MCYCLE);
        Harness.pass(a);
        try (Machine m = Harness.newMachine(checkInterval, new VirtualClock(1)))
        {
            a.loadInto(m);
            Harness.runToHalt(m);
            assertEquals(HaltReason.PASSED, m.haltReason());
            assertEquals(INTERRUPT | TrapCause.MACHINE_TIMER_INTERRUPT, m.cpu().control().peek(Csr.MCAUSE));
            assertTrue(m.cpu().register(S0) > 0, "the loop ran");
            return Integer.toUnsignedLong(m.cpu().register(A0));
        }
    }

    // ------------------------------------------------------------------ vectored mode

    @Test
    void vectoredMtvecSendsEachInterruptToBasePlusFourTimesItsCause()
    {
        assertEquals(Harness.VECTOR_EXIT_CODE + TrapCause.MACHINE_SOFTWARE_INTERRUPT, vectoredExit(a ->
        {
            raiseSoftware(a);
            enableInMie(a, Csr.MIP_MSIP);
        }));
        assertEquals(Harness.VECTOR_EXIT_CODE + TrapCause.MACHINE_TIMER_INTERRUPT, vectoredExit(a ->
        {
            setTimer(a, 0);
            enableInMie(a, Csr.MIP_MTIP);
        }));
        assertEquals(Harness.VECTOR_EXIT_CODE + TrapCause.MACHINE_EXTERNAL_INTERRUPT, vectoredExit(a ->
        {
            raiseExternal(a);
            enableInMie(a, Csr.MIP_MEIP);
        }));
    }

    private static int vectoredExit(final Consumer<Assembler> raise)
    {
        try (Machine m = Harness.newMachine())
        {
            Harness.vectoredProgram(a ->
            {
                raise.accept(a);
                a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
                a.nop();
            }).loadInto(m);
            Harness.runToHalt(m);
            assertEquals(HaltReason.FAILED, m.haltReason(), m.haltMessage());
            return m.exitCode();
        }
    }

    @Test
    void directMtvecSendsInterruptsToBase()
    {
        try (Machine m = runToTrap(a ->
        {
            setTimer(a, 0);
            enableInMie(a, Csr.MIP_MTIP);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
        }))
        {
            assertEquals(INTERRUPT | TrapCause.MACHINE_TIMER_INTERRUPT, m.cpu().control().peek(Csr.MCAUSE));
        }
    }

    // ------------------------------------------------------------------ external interrupts end to end

    @Test
    void externalInterruptIsClaimedAcknowledgedAndCompletedOnce()
    {
        try (Machine m = runPassing(a ->
        {
            final Label handler = a.newLabel("handler");
            final Label main = a.newLabel("main");
            a.la(T0, handler);
            a.csrw(Csr.MTVEC, T0);
            a.j(main);
            a.bind(handler);
            a.addi(S0, S0, 1);
            a.li(T0, PLIC_CLAIM);
            a.lw(S1, T0, 0);          // claim: the UART's source
            a.li(T1, UART_IIR);
            a.lbu(S2, T1, 0);         // IIR: THR empty; reading it acknowledges
            a.sw(S1, T0, 0);          // complete
            a.mret();
            a.bind(main);
            raiseExternal(a);
            enableInMie(a, Csr.MIP_MEIP);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
            for (int i = 0; i < 20; i++)
            {
                a.nop();
            }
            a.csrr(S3, Csr.MIP);
        }))
        {
            assertEquals(1, m.cpu().register(S0), "taken once");
            assertEquals(MemoryMap.UART_IRQ, m.cpu().register(S1));
            assertEquals(0x02, m.cpu().register(S2) & 0x0F);
            assertEquals(0, m.cpu().register(S3) & Csr.MIP_MEIP);
        }
    }

    // ------------------------------------------------------------------ WFI

    @Test
    void wfiRetiresThenWaitsUntilAnEnabledInterruptIsPending()
    {
        final Assembler a = new Assembler(CODE);
        enableInMie(a, Csr.MIP_MSIP);
        a.wfi();
        final int after = a.pc();
        a.li(A0, 1);
        Harness.pass(a);
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.WFI, m.run(100));
            assertEquals(3, m.icount(), "wfi retired");
            assertEquals(after, m.cpu().pc());
            assertTrue(m.cpu().control().waitingForInterrupt());
            assertEquals(StopReason.WFI, m.run(100), "still waiting");
            assertEquals(3, m.icount());
            m.clint().write(0, 4, 1, m.icount()); // msip from outside
            assertEquals(StopReason.HALT, m.run(100));
            assertEquals(HaltReason.PASSED, m.haltReason());
            assertEquals(1, m.cpu().register(A0));
            assertEquals(0, m.cpu().control().peek(Csr.MCAUSE), "woke without a trap: MIE is 0");
        }
    }

    @Test
    void wfiWakesOnAPendingEnabledInterruptWithMieClearWithoutTrapping()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(A0, 0);
            setTimer(a, 50);
            enableInMie(a, Csr.MIP_MTIP);
            a.wfi();
            a.li(A0, 1);
            a.csrr(A1, Csr.TIME);
        }))
        {
            assertEquals(1, m.cpu().register(A0));
            assertTrue(m.cpu().register(A1) >= 50, "time jumped to the deadline: " + m.cpu().register(A1));
            assertEquals(0, m.cpu().control().peek(Csr.MCAUSE));
        }
    }

    @Test
    void wfiWithAnInterruptAlreadyPendingDoesNotWait()
    {
        final Assembler a = new Assembler(CODE);
        raiseSoftware(a);
        enableInMie(a, Csr.MIP_MSIP);
        a.wfi();
        a.li(A0, 1);
        Harness.pass(a);
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.HALT, m.run(1000));
            assertEquals(HaltReason.PASSED, m.haltReason());
        }
    }

    @Test
    void wfiWithInterruptsEnabledTakesTheInterruptWithMepcAfterTheWfi()
    {
        final int[] afterAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            setTimer(a, 40);
            enableInMie(a, Csr.MIP_MTIP);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
            a.wfi();
            afterAt[0] = a.pc();
            a.nop();
        }))
        {
            assertEquals(INTERRUPT | TrapCause.MACHINE_TIMER_INTERRUPT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(afterAt[0], m.cpu().control().peek(Csr.MEPC));
        }
    }

    @Test
    void userModeWfiWithTimeoutWaitIsIllegal()
    {
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            a.li(T0, Csr.MSTATUS_TW);
            a.csrs(Csr.MSTATUS, T0);
            Harness.enterUser(a, user);
            a.bind(user);
            a.wfi();
        }))
        {
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(0x1050_0073, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    @Test
    void userModeWfiWithoutTimeoutWaitWaits()
    {
        final Assembler a = new Assembler(CODE);
        final Label user = a.newLabel("user");
        Harness.enterUser(a, user);
        a.bind(user);
        a.wfi();
        a.nop();
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.WFI, m.run(100));
            assertEquals(Privilege.USER, m.cpu().control().privilege());
            assertEquals(user.address() + 4, m.cpu().pc());
        }
    }

    @Test
    void machineModeWfiIgnoresTimeoutWait()
    {
        final Assembler a = new Assembler(CODE);
        a.li(T0, Csr.MSTATUS_TW);
        a.csrs(Csr.MSTATUS, T0);
        a.wfi();
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.WFI, m.run(100));
            assertEquals(HaltReason.NONE, m.haltReason());
        }
    }

    @Test
    void skipToTimerJumpsTheVirtualClockToMtimecmp()
    {
        final Assembler a = new Assembler(CODE);
        setTimer(a, 5000);
        enableInMie(a, Csr.MIP_MTIP);
        a.wfi();
        a.nop();
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.WFI, m.run(1000));
            final long icount = m.icount();
            assertTrue(m.clint().mtime(icount) < 5000);
            assertTrue(m.skipToTimer());
            assertEquals(5000, m.clint().mtime(icount));
            assertEquals(icount, m.icount(), "no instruction ran");
            assertEquals(StopReason.BUDGET, m.run(1));
            assertFalse(m.cpu().control().waitingForInterrupt());
        }
    }
}
