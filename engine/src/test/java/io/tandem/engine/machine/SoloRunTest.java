package io.tandem.engine.machine;

import static io.tandem.engine.asm.Assembler.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.mem.MemoryMap;

/** A solo run ends by halting, at its instruction limit, when the hart can never wake, or when asked to stop. */
class SoloRunTest
{
    @Test
    void guestThatHaltsEndsHalted() throws Exception
    {
        final Guests.Capture console = new Guests.Capture();
        try (Machine m = Guests.load("hello.elf", console))
        {
            assertEquals(SoloRun.Outcome.HALTED, SoloRun.run(m, Long.MAX_VALUE));
            assertEquals(HaltReason.PASSED, m.haltReason());
            assertEquals(Files.readString(Guests.EXPECTED.resolve("hello.out"), StandardCharsets.UTF_8), console.text());
        }
    }

    @Test
    void endlessGuestStopsExactlyAtTheInstructionLimit()
    {
        try (Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD))
        {
            assertEquals(SoloRun.Outcome.INSTRUCTION_LIMIT, SoloRun.run(m, 123_457));
            assertEquals(123_457, m.icount());
        }
    }

    @Test
    void timerWaitsAreSkippedOnAVirtualClock()
    {
        final Guests.Capture console = new Guests.Capture();
        try (Machine m = Guests.load("traps.elf", console))
        {
            assertEquals(SoloRun.Outcome.HALTED, SoloRun.run(m, Guests.MAX_INSTRUCTIONS));
            assertEquals(HaltReason.PASSED, m.haltReason());
        }
    }

    @Test
    void hartWaitingWithNoWakeUpSourceWaitsForever()
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        a.li(T0, Csr.MIP_MTIP); // the timer is enabled but never armed
        a.csrw(Csr.MIE, T0);
        a.wfi();
        try (Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD))
        {
            a.loadInto(m);
            assertEquals(SoloRun.Outcome.WAITS_FOREVER, SoloRun.run(m, 1_000_000));
            assertEquals(3, m.icount());
        }
    }

    @Test
    void aStopRequestedBeforeTheRunRunsNothing()
    {
        try (Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD))
        {
            assertEquals(SoloRun.Outcome.STOPPED, SoloRun.run(m, Long.MAX_VALUE, () -> true));
            assertEquals(0, m.icount());
        }
    }

    @Test
    void anEndlessGuestStopsBetweenChunksWhenAskedAndCanBeResumed()
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label loop = a.newLabel("loop");
        a.bind(loop);
        a.addi(T0, T0, 1); // never waits: every chunk runs to its full budget
        a.j(loop);
        final int[] asked = new int[1];
        try (Machine m = BusyProgram.newMachine(ConsoleSink.DISCARD))
        {
            a.loadInto(m);
            // No to the first question, yes to the second: exactly one chunk runs.
            assertEquals(SoloRun.Outcome.STOPPED, SoloRun.run(m, Long.MAX_VALUE, () -> ++asked[0] > 1));
            assertEquals(SoloRun.CHUNK_INSTRUCTIONS, m.icount());
            assertEquals(SoloRun.Outcome.INSTRUCTION_LIMIT, SoloRun.run(m, SoloRun.CHUNK_INSTRUCTIONS + 1001));
            assertEquals(SoloRun.CHUNK_INSTRUCTIONS + 1001, m.icount());
        }
    }
}
