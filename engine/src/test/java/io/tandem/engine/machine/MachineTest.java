package io.tandem.engine.machine;

import static io.tandem.engine.asm.Assembler.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

import org.junit.jupiter.api.Test;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.cpu.TrapCause;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.mem.MemoryMap;

/** Whole-machine behaviour: the test finisher, WFI and the virtual clock, state hashes. */
class MachineTest
{
    private static final int CODE = MemoryMap.RAM_BASE;

    private static Machine newMachine()
    {
        return new Machine(new MachineContext()
            .ramMib(1)
            .clock(new VirtualClock())
            .entropy(new SeededEntropy(1))
            .consoleSink(ConsoleSink.DISCARD));
    }

    private static Machine finish(final int value)
    {
        final Assembler a = new Assembler(CODE);
        a.li(T0, MemoryMap.TEST_FINISHER_BASE);
        a.li(T1, value);
        a.sw(T1, T0, 0);
        a.li(A0, 1); // must not run
        final Machine m = newMachine();
        a.loadInto(m);
        return m;
    }

    // ------------------------------------------------------------------ test finisher

    @Test
    void finisherPassHaltsTheMachineWithExitCodeZero()
    {
        try (Machine m = finish(0x5555))
        {
            assertEquals(StopReason.HALT, m.run(1000));
            assertEquals(HaltReason.PASSED, m.haltReason());
            assertEquals(0, m.exitCode());
            assertEquals(4, m.icount(), "the store retired, nothing after it");
            assertEquals(0, m.cpu().register(A0));
            assertTrue(m.haltMessage().contains("passed"), m.haltMessage());
        }
    }

    @Test
    void finisherFailHaltsTheMachineWithTheExitCode()
    {
        try (Machine m = finish((42 << 16) | 0x3333))
        {
            assertEquals(StopReason.HALT, m.run(1000));
            assertEquals(HaltReason.FAILED, m.haltReason());
            assertEquals(42, m.exitCode());
            assertTrue(m.haltMessage().contains("42"), m.haltMessage());
        }
    }

    @Test
    void finisherResetEndsTheRun()
    {
        try (Machine m = finish(0x7777))
        {
            assertEquals(StopReason.HALT, m.run(1000));
            assertEquals(HaltReason.RESET_REQUESTED, m.haltReason());
        }
    }

    @Test
    void finisherIgnoresOtherValues()
    {
        try (Machine m = finish(0x1234))
        {
            assertEquals(StopReason.BUDGET, m.run(5));
            assertEquals(HaltReason.NONE, m.haltReason());
            assertEquals(1, m.cpu().register(A0));
        }
    }

    @Test
    void haltedMachineStaysHalted()
    {
        try (Machine m = finish(0x5555))
        {
            m.run(1000);
            final long hash = m.stateHash();
            assertEquals(StopReason.HALT, m.run(1000));
            assertEquals(StopReason.HALT, m.run(0));
            assertEquals(hash, m.stateHash());
        }
    }

    // ------------------------------------------------------------------ console

    @Test
    void consoleInputReachesTheGuestThroughTheUartAndItsEchoReachesTheSink()
    {
        final ArrayDeque<Integer> typed = new ArrayDeque<>();
        for (final byte b : "echo me\n".getBytes(StandardCharsets.US_ASCII))
        {
            typed.add((int)b);
        }
        final Guests.Capture console = new Guests.Capture();
        final Assembler a = new Assembler(CODE);
        final Label poll = a.newLabel("poll");
        a.li(S0, MemoryMap.UART_BASE);
        a.li(S1, '\n');
        a.bind(poll);
        a.lbu(T0, S0, 5);           // LSR
        a.andi(T0, T0, 1);          // data ready
        a.beqz(T0, poll);
        a.lbu(A0, S0, 0);           // RBR
        a.sb(A0, S0, 0);            // THR: echo
        a.bne(A0, S1, poll);
        a.li(T0, MemoryMap.TEST_FINISHER_BASE);
        a.li(T1, 0x5555);
        a.sw(T1, T0, 0);
        try (Machine m = new Machine(new MachineContext()
            .ramMib(1)
            .clock(new VirtualClock())
            .entropy(new SeededEntropy(1))
            .consoleSink(console)
            .consoleSource(() -> typed.isEmpty() ? -1 : typed.poll())))
        {
            a.loadInto(m);
            assertEquals(StopReason.HALT, m.run(1_000_000));
            assertEquals(HaltReason.PASSED, m.haltReason());
            assertEquals("echo me\n", console.text());
        }
    }

    // ------------------------------------------------------------------ WFI and the virtual clock

    private static Assembler timerWait(final int deadline)
    {
        final Assembler a = new Assembler(CODE);
        final Label handler = a.newLabel("handler");
        final Label main = a.newLabel("main");
        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);
        a.j(main);
        a.bind(handler);
        a.csrr(A0, Csr.MCAUSE);
        a.csrr(A1, Csr.TIME);
        a.li(T0, MemoryMap.TEST_FINISHER_BASE);
        a.li(T1, 0x5555);
        a.sw(T1, T0, 0);
        a.bind(main);
        a.li(T0, MemoryMap.CLINT_BASE + 0x4000);
        a.sw(ZERO, T0, 4);
        a.li(T1, deadline);
        a.sw(T1, T0, 0);
        a.li(T0, Csr.MIP_MTIP);
        a.csrw(Csr.MIE, T0);
        a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
        a.wfi();
        a.j(main);
        return a;
    }

    @Test
    void wfiReturnsWfiAndSkipToTimerJumpsTheVirtualClockToMtimecmp()
    {
        try (Machine m = newMachine())
        {
            timerWait(1_000_000).loadInto(m);
            assertEquals(StopReason.WFI, m.run(10_000));
            final long waitedAt = m.icount();
            assertTrue(waitedAt < 100);
            assertTrue(m.clint().mtime(waitedAt) < 1_000_000);
            assertFalse(m.waitsForever());
            assertTrue(m.skipToTimer());
            assertEquals(1_000_000, m.clint().mtime(m.icount()));
            assertEquals(waitedAt, m.icount());
            assertEquals(StopReason.HALT, m.run(10_000));
            assertEquals(HaltReason.PASSED, m.haltReason());
            assertEquals(TrapCause.INTERRUPT_BIT | TrapCause.MACHINE_TIMER_INTERRUPT, m.cpu().register(A0));
            assertTrue(m.cpu().register(A1) >= 1_000_000, "guest time after the wait: " + m.cpu().register(A1));
        }
    }

    @Test
    void skipToTimerDoesNothingWhileTheHartRuns()
    {
        try (Machine m = newMachine())
        {
            timerWait(1_000_000).loadInto(m);
            m.run(2);
            assertFalse(m.skipToTimer());
            assertEquals(0, m.clint().mtime(m.icount()));
        }
    }

    @Test
    void hartWaitingWithNothingEnabledWaitsForever()
    {
        final Assembler a = new Assembler(CODE);
        a.wfi();
        try (Machine m = newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.WFI, m.run(10));
            assertTrue(m.waitsForever());
            assertFalse(m.skipToTimer());
        }
    }

    @Test
    void hartWaitingForAnUnarmedTimerWaitsForever()
    {
        final Assembler a = new Assembler(CODE);
        a.li(T0, Csr.MIP_MTIP);
        a.csrw(Csr.MIE, T0);
        a.wfi();
        try (Machine m = newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.WFI, m.run(10));
            assertTrue(m.waitsForever());
        }
    }

    // ------------------------------------------------------------------ state hash

    @Test
    void twoMachinesRunningTheSameGuestReachEqualHashes()
    {
        for (final String guest : new String[] {"traps.elf", "isa_rv32a.elf", "hello.elf"})
        {
            try (Machine a = Guests.load(guest, new Guests.Capture());
                 Machine b = Guests.load(guest, new Guests.Capture()))
            {
                assertEquals(a.stateHash(), b.stateHash(), guest + " after loading");
                Guests.runTo(a, 5000);
                Guests.runTo(b, 5000);
                assertEquals(a.stateHash(), b.stateHash(), guest + " at 5000");
                Guests.runTo(a, Guests.MAX_INSTRUCTIONS);
                Guests.runTo(b, Guests.MAX_INSTRUCTIONS);
                assertEquals(HaltReason.PASSED, a.haltReason());
                assertEquals(a.icount(), b.icount());
                assertEquals(a.stateHash(), b.stateHash(), guest + " at the end");
            }
        }
    }

    @Test
    void aDifferentRegisterValueChangesTheHash()
    {
        try (Machine a = Guests.load("hello.elf", new Guests.Capture());
             Machine b = Guests.load("hello.elf", new Guests.Capture()))
        {
            a.run(100);
            b.run(100);
            for (int r = 1; r < 32; r++)
            {
                final int saved = b.cpu().register(r);
                b.cpu().register(r, saved ^ 1);
                assertNotEquals(a.stateHash(), b.stateHash(), "x" + r);
                b.cpu().register(r, saved);
                assertEquals(a.stateHash(), b.stateHash());
            }
        }
    }

    @Test
    void aDifferentPcOrRamByteChangesTheHash()
    {
        try (Machine a = newMachine(); Machine b = newMachine())
        {
            final long base = a.stateHash();
            assertEquals(base, b.stateHash());
            b.cpu().pc(CODE + 4);
            assertNotEquals(base, b.stateHash(), "pc");
            b.cpu().pc(CODE);
            b.writeRam(CODE + 0xF_FFFF, new byte[] {1}, 0, 1);
            assertNotEquals(base, b.stateHash(), "last byte of RAM");
            b.writeRam(CODE + 0xF_FFFF, new byte[] {0}, 0, 1);
            assertEquals(base, b.stateHash());
        }
    }

    @Test
    void aDifferentCsrValueChangesTheHash()
    {
        try (Machine a = newMachine(); Machine b = newMachine())
        {
            final Assembler five = setScratch(5);
            final Assembler six = setScratch(6);
            five.loadInto(a);
            six.loadInto(b);
            a.run(3);
            b.run(3);
            // Same code in RAM, same registers, same pc and icount: only mscratch differs.
            b.writeRam(CODE, five.bytes(), 0, five.bytes().length);
            assertEquals(a.cpu().pc(), b.cpu().pc());
            assertNotEquals(a.stateHash(), b.stateHash());
        }
    }

    private static Assembler setScratch(final int value)
    {
        final Assembler a = new Assembler(CODE);
        a.li(T0, value);
        a.csrw(Csr.MSCRATCH, T0);
        a.li(T0, 0);
        return a;
    }

    @Test
    void theHashDependsOnTheInstructionCount()
    {
        final Assembler a = new Assembler(CODE);
        final Label self = a.newLabel();
        a.bind(self);
        a.j(self);
        try (Machine m = newMachine())
        {
            a.loadInto(m);
            m.run(1);
            final long one = m.stateHash();
            m.run(1);
            assertNotEquals(one, m.stateHash(), "same registers and pc, one more instruction retired");
        }
    }
}
