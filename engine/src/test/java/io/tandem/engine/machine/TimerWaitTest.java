package io.tandem.engine.machine;

import static io.tandem.engine.asm.Assembler.T0;
import static io.tandem.engine.asm.Assembler.T1;
import static io.tandem.engine.asm.Assembler.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.mem.MemoryMap;

/** While the hart waits in WFI, the machine says how long the host may sleep before its timer is due. */
class TimerWaitTest
{
    private static final int MTIMECMP = MemoryMap.CLINT_BASE + 0x4000;
    private static final int DEADLINE_TICKS = 5_000;

    @Test
    void anArmedTimerBoundsTheWaitToItsDeadline()
    {
        try (Machine m = machine(Csr.MIP_MTIP, DEADLINE_TICKS))
        {
            assertEquals(Long.MAX_VALUE, m.timerWaitNs(), "not waiting yet");
            assertEquals(StopReason.WFI, m.run(1_000));
            // The virtual clock reads icount / 10 ticks of 100 ns each.
            final long nowTicks = m.icount() / VirtualClock.DEFAULT_INSTRUCTIONS_PER_TICK;
            assertEquals((DEADLINE_TICKS - nowTicks) * 100, m.timerWaitNs());
        }
    }

    @Test
    void aTimerDueMeansNoWait()
    {
        try (Machine m = machine(Csr.MIP_MTIP, DEADLINE_TICKS))
        {
            assertEquals(StopReason.WFI, m.run(1_000));
            assertTrue(m.skipToTimer(), "the virtual clock moves to the deadline");
            assertEquals(0, m.timerWaitNs());
        }
    }

    @Test
    void aDisabledTimerLeavesTheWaitToTheInputs()
    {
        try (Machine m = machine(Csr.MIP_MEIP, DEADLINE_TICKS))
        {
            assertEquals(StopReason.WFI, m.run(1_000));
            assertEquals(Long.MAX_VALUE, m.timerWaitNs());
        }
    }

    private static Machine machine(final int interruptsEnabled, final int deadlineTicks)
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        a.li(T1, MTIMECMP);
        a.li(T0, deadlineTicks);
        a.sw(ZERO, T1, 4);
        a.sw(T0, T1, 0);
        a.li(T0, interruptsEnabled);
        a.csrw(Csr.MIE, T0);
        a.wfi();
        final Machine m = new Machine(new MachineContext().ramMib(1).clock(new VirtualClock())
            .consoleSink(ConsoleSink.DISCARD));
        a.loadInto(m);
        return m;
    }
}
