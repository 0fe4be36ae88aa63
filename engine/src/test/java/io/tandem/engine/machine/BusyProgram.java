package io.tandem.engine.machine;

import static io.tandem.engine.asm.Assembler.*;

import java.util.function.Consumer;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.mem.MemoryMap;

/**
 * An endless program that exercises everything that could make a machine's state depend on how
 * its run is sliced: timer interrupts re-armed every 37 ticks, software interrupts, ecall and
 * illegal-instruction traps, WFI, UART output, CLINT loads of mtime, time and cycle reads, and
 * RAM stores — all folded into an accumulator so that any divergence shows up in registers and
 * RAM.
 * <p>
 * Registers: s0 iteration, s1 accumulator, s2 data base, s3 UART, s4 CLINT; the handler counts
 * timer interrupts in s5, software interrupts in s6 and exceptions in s7, and uses t0-t2 only.
 */
final class BusyProgram
{
    static final int CODE = MemoryMap.RAM_BASE;
    static final int DATA = MemoryMap.RAM_BASE + 0x4_0000;
    static final int TIMER_PERIOD_TICKS = 37;
    static final int CHECK_INTERVAL = 64;

    private static final int MTIME = MemoryMap.CLINT_BASE + 0xBFF8;
    private static final int MTIMECMP = MemoryMap.CLINT_BASE + 0x4000;

    private BusyProgram()
    {
    }

    /** @return a fresh 1 MiB machine on a virtual clock with the program loaded. */
    static Machine newMachine(final ConsoleSink sink)
    {
        final Machine m = new Machine(new MachineContext()
            .ramMib(1)
            .interruptCheckInstructions(CHECK_INTERVAL)
            .clock(new VirtualClock())
            .entropy(new SeededEntropy(3))
            .consoleSink(sink));
        assemble().loadInto(m);
        return m;
    }

    static Assembler assemble()
    {
        final Assembler a = new Assembler(CODE);
        final Label handler = a.newLabel("handler");
        final Label loop = a.newLabel("loop");
        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);
        a.li(S2, DATA);
        a.li(S3, MemoryMap.UART_BASE);
        a.li(S4, MemoryMap.CLINT_BASE);
        a.li(S0, 0);
        a.li(S1, 1);
        a.li(T1, MTIME);
        a.lw(T0, T1, 0);
        a.addi(T0, T0, TIMER_PERIOD_TICKS);
        a.li(T1, MTIMECMP);
        a.sw(ZERO, T1, 4);
        a.sw(T0, T1, 0);
        a.li(T0, Csr.MIP_MTIP | Csr.MIP_MSIP);
        a.csrw(Csr.MIE, T0);
        a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);

        a.bind(loop);
        a.addi(S0, S0, 1);
        a.li(T4, 31);
        a.mul(S1, S1, T4);
        a.add(S1, S1, S0);
        a.andi(T3, S0, 255);
        a.slli(T3, T3, 2);
        a.add(T3, T3, S2);
        a.sw(S1, T3, 0);
        a.csrr(T3, Csr.CYCLE);
        a.xor(S1, S1, T3);
        a.csrr(T3, Csr.TIME);
        a.add(S1, S1, T3);

        final Label skipIo = a.newLabel("skipIo");
        a.andi(T3, S0, 15);
        a.bnez(T3, skipIo);
        a.andi(T4, S1, 63);
        a.addi(T4, T4, 32);
        a.sb(T4, S3, 0);        // UART transmit
        a.li(T4, MTIME);
        a.lw(T4, T4, 0);        // mtime through the CLINT
        a.add(S1, S1, T4);
        a.bind(skipIo);

        everyNth(a, 50, x -> x.ecall());
        everyNth(a, 77, x -> x.word(0));                       // illegal instruction
        everyNth(a, 100, x ->
        {
            x.li(T4, 1);
            x.sw(T4, S4, 0);                                   // msip: a software interrupt at once
        });
        everyNth(a, 300, Assembler::wfi);                      // wakes on the next timer interrupt
        everyNth(a, 7, x ->
        {
            x.lrW(T3, S2);
            x.add(T3, T3, S1);
            x.scW(T4, S2, T3);
            x.add(S1, S1, T4);
        });
        a.j(loop);

        final Label interrupt = a.newLabel("interrupt");
        final Label timer = a.newLabel("timer");
        a.bind(handler);
        a.csrr(T0, Csr.MCAUSE);
        a.blt(T0, ZERO, interrupt);
        a.csrr(T1, Csr.MEPC);
        a.addi(T1, T1, 4);
        a.csrw(Csr.MEPC, T1);
        a.addi(S7, S7, 1);
        a.mret();
        a.bind(interrupt);
        a.andi(T0, T0, 31);
        a.li(T1, 7);
        a.beq(T0, T1, timer);
        a.sw(ZERO, S4, 0);      // msip = 0
        a.addi(S6, S6, 1);
        a.mret();
        a.bind(timer);
        a.li(T1, MTIME);
        a.lw(T0, T1, 0);
        a.addi(T0, T0, TIMER_PERIOD_TICKS);
        a.li(T1, MTIMECMP);
        a.sw(T0, T1, 0);
        a.addi(S5, S5, 1);
        a.mret();
        return a;
    }

    /** Emits {@code body} guarded by "s0 % n == 0" (clobbers t3, t4). */
    private static void everyNth(final Assembler a, final int n, final Consumer<Assembler> body)
    {
        final Label skip = a.newLabel("skip" + n);
        a.li(T3, n);
        a.remu(T4, S0, T3);
        a.bnez(T4, skip);
        body.accept(a);
        a.bind(skip);
    }
}
