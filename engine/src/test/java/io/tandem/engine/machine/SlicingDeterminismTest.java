package io.tandem.engine.machine;

import static io.tandem.engine.asm.Assembler.S5;
import static io.tandem.engine.asm.Assembler.S6;
import static io.tandem.engine.asm.Assembler.S7;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * Running N instructions as one {@link Machine#run(long)} or split into any number of pieces
 * reaches the identical state at the same instruction count.
 */
class SlicingDeterminismTest
{
    /** The outcome of one run: what must not depend on slicing. */
    private static final class Outcome
    {
        final long icount;
        final int pc;
        final long hash;
        final String console;
        final int timerInterrupts;
        final int softwareInterrupts;
        final int exceptions;
        final HaltReason halt;

        Outcome(final Machine m, final Guests.Capture console)
        {
            this.icount = m.icount();
            this.pc = m.cpu().pc();
            this.hash = m.stateHash();
            this.console = console.text();
            this.timerInterrupts = m.cpu().register(S5);
            this.softwareInterrupts = m.cpu().register(S6);
            this.exceptions = m.cpu().register(S7);
            this.halt = m.haltReason();
        }

        void assertSameAs(final Outcome other, final String what)
        {
            assertEquals(other.icount, icount, what + ": icount");
            assertEquals(other.pc, pc, what + ": pc");
            assertEquals(other.halt, halt, what + ": halt");
            assertEquals(other.console, console, what + ": console");
            assertEquals(other.hash, hash, what + ": state hash");
        }
    }

    /** Piece sizes for one split run. */
    @FunctionalInterface
    private interface Pieces
    {
        long next();
    }

    private static Outcome runInPieces(
        final Supplier<Machine> factory, final Guests.Capture console, final long total, final Pieces pieces)
    {
        try (Machine m = factory.get())
        {
            while (m.icount() < total && m.haltReason() == HaltReason.NONE)
            {
                final long before = m.icount();
                final long piece = Math.min(pieces.next(), total - before);
                final StopReason stop = m.run(piece);
                if (stop == StopReason.BUDGET)
                {
                    assertEquals(before + piece, m.icount(), "BUDGET stops exactly at the target");
                }
                else if (stop == StopReason.WFI)
                {
                    assertTrue(m.skipToTimer() || m.icount() > before, "a waiting program must be woken by its timer");
                }
            }
            return new Outcome(m, console);
        }
    }

    private static Outcome runBusy(final long total, final Pieces pieces)
    {
        final Guests.Capture console = new Guests.Capture();
        return runInPieces(() -> BusyProgram.newMachine(console), console, total, pieces);
    }

    @Test
    void busyProgramReachesTheSameStateHoweverItsRunIsSliced()
    {
        final long total = 150_000;
        final Outcome whole = runBusy(total, () -> Long.MAX_VALUE);
        assertEquals(total, whole.icount);
        assertTrue(whole.timerInterrupts > 10, "timer interrupts: " + whole.timerInterrupts);
        assertTrue(whole.softwareInterrupts > 10, "software interrupts: " + whole.softwareInterrupts);
        assertTrue(whole.exceptions > 10, "exceptions: " + whole.exceptions);
        assertTrue(whole.console.length() > 10, "console output: " + whole.console.length());

        final SplittableRandom random = new SplittableRandom(20_240_601L);
        for (int split = 0; split < 40; split++)
        {
            final int maxPiece = 1 + random.nextInt(split < 10 ? 50 : 20_000);
            final SplittableRandom pieceRandom = random.split();
            runBusy(total, () -> 1 + pieceRandom.nextInt(maxPiece))
                .assertSameAs(whole, "split " + split + " (pieces up to " + maxPiece + ")");
        }
    }

    @Test
    void busyProgramSteppedOneInstructionAtATimeMatchesOneRun()
    {
        final long total = 20_000;
        final Outcome whole = runBusy(total, () -> Long.MAX_VALUE);
        runBusy(total, () -> 1).assertSameAs(whole, "single steps");
        runBusy(total, () -> BusyProgram.CHECK_INTERVAL).assertSameAs(whole, "pieces on the check grid");
        runBusy(total, () -> BusyProgram.CHECK_INTERVAL - 1).assertSameAs(whole, "pieces just off the grid");
    }

    @Test
    void statesAgreeAtEveryIntermediateCountToo()
    {
        final SplittableRandom random = new SplittableRandom(99);
        for (int i = 0; i < 15; i++)
        {
            final long total = 1 + random.nextInt(60_000);
            final int maxPiece = 1 + random.nextInt(3_000);
            final SplittableRandom pieceRandom = random.split();
            runBusy(total, () -> 1 + pieceRandom.nextInt(maxPiece))
                .assertSameAs(runBusy(total, () -> Long.MAX_VALUE), "total " + total);
        }
    }

    @Test
    void trapsGuestReachesTheSameStateHoweverItsRunIsSliced()
    {
        final Guests.Capture wholeConsole = new Guests.Capture();
        final Outcome whole = runInPieces(() -> Guests.load("traps.elf", wholeConsole), wholeConsole,
            Guests.MAX_INSTRUCTIONS, () -> Long.MAX_VALUE);
        assertEquals(HaltReason.PASSED, whole.halt);
        final SplittableRandom random = new SplittableRandom(7);
        for (int split = 0; split < 25; split++)
        {
            final int maxPiece = 1 + random.nextInt(split < 5 ? 20 : 5_000);
            final SplittableRandom pieceRandom = random.split();
            final Guests.Capture console = new Guests.Capture();
            runInPieces(() -> Guests.load("traps.elf", console), console, Guests.MAX_INSTRUCTIONS,
                () -> 1 + pieceRandom.nextInt(maxPiece))
                .assertSameAs(whole, "traps.elf split " + split);
        }
    }

    @Test
    void trapsGuestWithAFineInterruptGridReachesTheSameStateHoweverItsRunIsSliced()
    {
        final Guests.Capture wholeConsole = new Guests.Capture();
        final Supplier<Machine> fine = () -> Guests.load(Guests.BIN.resolve("traps.elf"), wholeConsole, 7);
        final Outcome whole = runInPieces(fine, wholeConsole, Guests.MAX_INSTRUCTIONS, () -> Long.MAX_VALUE);
        assertEquals(HaltReason.PASSED, whole.halt);
        final SplittableRandom random = new SplittableRandom(8);
        for (int split = 0; split < 10; split++)
        {
            final SplittableRandom pieceRandom = random.split();
            final Guests.Capture console = new Guests.Capture();
            runInPieces(() -> Guests.load(Guests.BIN.resolve("traps.elf"), console, 7), console, Guests.MAX_INSTRUCTIONS,
                () -> 1 + pieceRandom.nextInt(500))
                .assertSameAs(whole, "traps.elf (check every 7) split " + split);
        }
    }

    @Test
    void benchmarkGuestReachesTheSameStateHoweverItsRunIsSliced()
    {
        final long total = 2_000_000;
        final Guests.Capture wholeConsole = new Guests.Capture();
        final Outcome whole = runInPieces(() -> Guests.load("cpubench_quick.elf", wholeConsole), wholeConsole,
            total, () -> Long.MAX_VALUE);
        assertEquals(total, whole.icount);
        final SplittableRandom random = new SplittableRandom(11);
        for (int split = 0; split < 4; split++)
        {
            final int maxPiece = 1 + random.nextInt(200_000);
            final SplittableRandom pieceRandom = random.split();
            final Guests.Capture console = new Guests.Capture();
            runInPieces(() -> Guests.load("cpubench_quick.elf", console), console, total,
                () -> 1 + pieceRandom.nextInt(maxPiece))
                .assertSameAs(whole, "cpubench_quick.elf split " + split);
        }
    }
}
