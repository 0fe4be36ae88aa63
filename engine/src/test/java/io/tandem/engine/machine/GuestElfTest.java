package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfReader;

/**
 * Every committed guest program (except the multi-billion-instruction benchmark) prints exactly
 * its expected console output and ends with its expected exit code, on each engine: the bare SDK's
 * programs, the benchmark built with and without C, and {@code picolibc.elf}, built with the
 * cross toolchain's rv32imac multilib and picolibc ({@code guests/Makefile}), whose expected
 * console is QEMU's.
 */
class GuestElfTest
{
    static List<Arguments> guests()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final String name : Guests.names())
        {
            for (final CpuEngine engine : CpuEngine.values())
            {
                cases.add(Arguments.of(name, engine));
            }
        }
        return cases;
    }

    @Test
    void theCommittedGuestsAreAllHere()
    {
        final List<String> names = Guests.names();
        for (final String expected : new String[] {"hello.elf", "exitcode.elf", "traps.elf", "isa_rv32i.elf",
            "isa_rv32m.elf", "isa_rv32a.elf", "isa_zicsr.elf", "cpubench_quick.elf", "cpubench_quick_rvc.elf",
            "picolibc.elf"})
        {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        assertFalse(names.contains(Guests.FULL_BENCHMARK));
    }

    @Test
    void thePicolibcGuestIsCompressedCodeLinkedWithPicolibcAndLibgcc() throws IOException
    {
        final Path elf = Guests.BIN.resolve("picolibc.elf");
        final byte[] bytes = Files.readAllBytes(elf);
        final int flags = (bytes[36] & 0xFF) | (bytes[37] & 0xFF) << 8 | (bytes[38] & 0xFF) << 16 | (bytes[39] & 0xFF) << 24;
        assertEquals(1, flags & 1, "EF_RISCV_RVC: built for rv32imac");
        final ElfImage image = ElfReader.read(elf);
        // picolibc's hosted crt0, stdio, allocator and qsort, and libgcc's 64-bit division.
        for (final String symbol : new String[] {"_cstart", "__libc_init_array", "vfprintf", "malloc", "qsort",
            "__udivdi3", "__divdi3", "stdout"})
        {
            assertTrue(image.symbol(symbol).isPresent(), symbol + " in " + elf);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("guests")
    void guestPrintsItsExpectedOutputAndExitsWithItsCode(final String elf, final CpuEngine engine) throws IOException
    {
        final String name = Guests.baseName(elf);
        final Path expectedFile = Guests.EXPECTED.resolve(name + ".out");
        final String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        final Guests.Capture console = new Guests.Capture();
        try (Machine m = Guests.load(Guests.BIN.resolve(elf), console, MachineContext.DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS,
            engine))
        {
            assertEquals(StopReason.HALT, Guests.runTo(m, Guests.MAX_INSTRUCTIONS), name + " did not halt");
            assertEquals(expected, console.text(), name + " console output on " + engine);
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
