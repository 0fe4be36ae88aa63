package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.tandem.engine.cpu.Csr;
import io.tandem.engine.dev.ConsoleSink;

/** {@link Machine#run(long)} retires exactly its budget unless the hart waits or the machine halts. */
class RunBudgetTest
{
    @Test
    void runStopsAtExactlyIcountPlusBudgetForManyBudgets()
    {
        try (Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD))
        {
            final SplittableRandom random = new SplittableRandom(5);
            int waits = 0;
            for (int i = 0; i < 3000; i++)
            {
                final long budget = i < 300 ? i % 130 : random.nextInt(i % 10 == 0 ? 20_000 : 200);
                final long before = m.icount();
                final StopReason stop = m.run(budget);
                if (stop == StopReason.BUDGET)
                {
                    assertEquals(before + budget, m.icount(), "budget " + budget + " from " + before);
                }
                else
                {
                    assertEquals(StopReason.WFI, stop);
                    assertTrue(m.icount() <= before + budget);
                    assertTrue(m.cpu().control().waitingForInterrupt());
                    assertTrue(m.skipToTimer());
                    waits++;
                }
            }
            assertTrue(waits > 0, "the program waited in WFI at least once");
        }
    }

    @Test
    void zeroBudgetRunsNothing()
    {
        try (Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD))
        {
            assertEquals(StopReason.BUDGET, m.run(0));
            assertEquals(0, m.icount());
            m.run(1000);
            final int pc = m.cpu().pc();
            assertEquals(StopReason.BUDGET, m.run(0));
            assertEquals(1000, m.icount());
            assertEquals(pc, m.cpu().pc());
        }
    }

    @Test
    void largestBudgetRunsUntilTheMachineHaltsEvenAfterProgress()
    {
        // "Run until something happens" is run(Long.MAX_VALUE); icount + budget must not wrap.
        final Guests.Capture console = new Guests.Capture();
        try (Machine m = Guests.load("hello.elf", console))
        {
            assertEquals(StopReason.BUDGET, m.run(10));
            assertEquals(StopReason.HALT, m.run(Long.MAX_VALUE));
            assertEquals(HaltReason.PASSED, m.haltReason());
        }
    }

    @Test
    void negativeBudgetIsRejected()
    {
        try (Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD))
        {
            assertThrows(IllegalArgumentException.class, () -> m.run(-1));
        }
    }

    @Test
    void closedMachineRefusesToRun()
    {
        final Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD);
        m.close();
        assertThrows(IllegalStateException.class, () -> m.run(1));
        m.close(); // closing twice is harmless
    }

    @Test
    void instretAndCycleEqualIcount()
    {
        try (Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD))
        {
            final SplittableRandom random = new SplittableRandom(6);
            for (int i = 0; i < 200; i++)
            {
                if (m.run(random.nextInt(5000)) == StopReason.WFI)
                {
                    m.skipToTimer();
                }
                assertEquals((int)m.icount(), m.cpu().control().peek(Csr.MINSTRET));
                assertEquals((int)m.icount(), m.cpu().control().peek(Csr.MCYCLE));
            }
        }
    }

    @Test
    void counterCsrsTrackIcountThroughAGuestRun()
    {
        final Guests.Capture console = new Guests.Capture();
        try (Machine m = Guests.load("cpubench_quick.elf", console))
        {
            for (int i = 0; i < 20; i++)
            {
                m.run(50_000);
                assertEquals((int)m.icount(), m.cpu().control().peek(Csr.MINSTRET));
                assertEquals((int)m.icount(), m.cpu().control().peek(Csr.MCYCLE));
            }
        }
    }
}
