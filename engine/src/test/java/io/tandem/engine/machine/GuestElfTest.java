package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.tandem.engine.dev.ConsoleSink;

/**
 * Every committed guest program (except the multi-billion-instruction benchmark) prints exactly
 * its expected console output and ends with its expected exit code.
 */
class GuestElfTest
{
    static List<String> guests()
    {
        return Guests.names();
    }

    @Test
    void theCommittedGuestsAreAllHere()
    {
        final List<String> names = Guests.names();
        for (final String expected : new String[] {"hello.elf", "exitcode.elf", "traps.elf", "isa_rv32i.elf",
            "isa_rv32m.elf", "isa_rv32a.elf", "isa_zicsr.elf", "cpubench_quick.elf"})
        {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        assertFalse(names.contains(Guests.FULL_BENCHMARK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guests")
    void guestPrintsItsExpectedOutputAndExitsWithItsCode(final String elf) throws IOException
    {
        final String name = Guests.baseName(elf);
        final Path expectedFile = Guests.EXPECTED.resolve(name + ".out");
        final String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        final Guests.Capture console = new Guests.Capture();
        try (Machine m = Guests.load(elf, console))
        {
            assertEquals(StopReason.HALT, Guests.runTo(m, Guests.MAX_INSTRUCTIONS), name + " did not halt");
            assertEquals(expected, console.text(), name + " console output");
            final int expectedExit = name.equals("exitcode") ? 3 : 0;
            assertEquals(expectedExit == 0 ? HaltReason.PASSED : HaltReason.FAILED, m.haltReason(), m.haltMessage());
            assertEquals(expectedExit, m.exitCode(), name + " exit code");
        }
    }

    @Test
    void illegalInstructionWithoutAHandlerLocksTheGuestUp()
    {
        try (Machine m = Guests.load(Guests.BIN.resolve("faults/illegal_no_handler.elf"), ConsoleSink.DISCARD, 8192))
        {
            assertEquals(StopReason.HALT, m.run(1000));
            assertEquals(HaltReason.LOCKED_UP, m.haltReason());
            assertEquals(1, m.icount(), "li a0, 1 retired; the illegal word did not");
            assertTrue(m.haltMessage().contains("illegal instruction"), m.haltMessage());
            assertTrue(m.haltMessage().contains("0xffffffff"), m.haltMessage());
        }
    }

    @Test
    void jumpToUnmappedAddressWithoutAHandlerLocksTheGuestUp()
    {
        try (Machine m = Guests.load(Guests.BIN.resolve("faults/jump_unmapped.elf"), ConsoleSink.DISCARD, 8192))
        {
            assertEquals(StopReason.HALT, m.run(1000));
            assertEquals(HaltReason.LOCKED_UP, m.haltReason());
            assertTrue(m.haltMessage().contains("instruction access fault"), m.haltMessage());
            assertTrue(m.haltMessage().contains("0x40000000"), m.haltMessage());
        }
    }
}
