package io.tandem.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.tandem.tools.CommandLineRun.guest;
import static io.tandem.tools.CommandLineRun.tandem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest
{
    @TempDir
    Path dir;

    @Test
    void runsAGuestAndPrintsItsConsole()
    {
        final CommandLineRun run = tandem("run", guest("hello.elf"));
        assertEquals(0, run.exitCode, run.err);
        assertEquals("Hello from Tandem guest (RV32IMA)\n", run.out);
    }

    @Test
    void exitsWithTheGuestsFailCode()
    {
        final CommandLineRun run = tandem("run", guest("exitcode.elf"));
        assertEquals(3, run.exitCode, run.err);
        assertTrue(run.out.contains("exiting with code 3"), run.out);
    }

    @Test
    void statsReportInstructionsWallTimeAndMips()
    {
        final CommandLineRun run = tandem("run", "--stats", "--clock", "virtual", guest("traps.elf"));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.err.matches("(?s)engine: (interpreted|compiled)\\ninstructions: \\d+\\nwall time: [0-9.]+ s\\nMIPS: [0-9.]+\\n" +
            "(regions: compiled by HotSpot's C1 (and C2 \\(tiered\\)|only)\\n)?"),
            run.err);
    }

    @Test
    void bothEnginesRunTheGuestToTheSameEndAndStatsNameTheEngine()
    {
        final CommandLineRun compiled = tandem("run", "--cpu", "compiled", "--stats", "--clock", "virtual",
            "--entropy-seed", "1", guest("cpubench_quick.elf"));
        final CommandLineRun interpreted = tandem("run", "--cpu", "interpreted", "--stats", "--clock", "virtual",
            "--entropy-seed", "1", guest("cpubench_quick.elf"));
        assertEquals(0, compiled.exitCode, compiled.err);
        assertEquals(0, interpreted.exitCode, interpreted.err);
        assertTrue(compiled.err.startsWith("engine: compiled\n"), compiled.err);
        assertTrue(interpreted.err.startsWith("engine: interpreted\n"), interpreted.err);
        assertEquals(interpreted.out, compiled.out);
        assertEquals(interpreted.err.lines().filter(l -> l.startsWith("instructions:")).findFirst(),
            compiled.err.lines().filter(l -> l.startsWith("instructions:")).findFirst());
    }

    @Test
    void aPicolibcProgramPrintsQemusConsoleOnBothEngines() throws IOException
    {
        // guests/expected/picolibc.out is what QEMU's virt prints for it (make -C guests check-qemu).
        final String expected = Files.readString(Path.of(guest("picolibc.elf")).resolveSibling("../expected/picolibc.out")
            .normalize());
        for (final String engine : new String[] {"compiled", "interpreted"})
        {
            final CommandLineRun run = tandem("run", "--cpu", engine, guest("picolibc.elf"));
            assertEquals(0, run.exitCode, engine + ": " + run.err);
            assertEquals(expected, run.out, engine);
        }
    }

    @Test
    void anUnknownEngineIsRefusedNamingTheChoices()
    {
        final CommandLineRun run = tandem("run", "--cpu", "fast", guest("hello.elf"));
        assertEquals(2, run.exitCode, run.err);
        assertTrue(run.err.contains("expected compiled or interpreted"), run.err);
    }

    @Test
    void instructionLimitStopsTheGuestAndSaysSo()
    {
        final CommandLineRun run = tandem("run", "--max-instructions", "1000", "--stats", guest("cpubench_quick.elf"));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.err.contains("instructions: 1000\n"), run.err);
        assertTrue(run.err.contains("stopped at the instruction limit (1000)"), run.err);
        assertFalse(run.out.contains("checksum"), run.out);
    }

    @Test
    void jumpToUnmappedMemoryWithoutHandlerIsAGuestFaultNotAHostCrash()
    {
        final CommandLineRun run = tandem("run", guest("faults/jump_unmapped.elf"));
        assertEquals(ExitCodes.GUEST_LOCKED_UP, run.exitCode, run.err);
        assertTrue(run.err.contains("instruction access fault at pc 0x40000000"), run.err);
        assertTrue(run.err.contains("trap handler at 0x00000000 could not run"), run.err);
        assertNoStackTrace(run);
    }

    @Test
    void illegalInstructionWithoutHandlerIsAGuestFault()
    {
        final CommandLineRun run = tandem("run", guest("faults/illegal_no_handler.elf"));
        assertEquals(ExitCodes.GUEST_LOCKED_UP, run.exitCode, run.err);
        assertTrue(run.err.contains("illegal instruction at pc 0x80000004 (mtval 0xffffffff)"), run.err);
        assertNoStackTrace(run);
    }

    @Test
    void fileThatIsNotAnElfIsRefusedClearly() throws IOException
    {
        final Path file = dir.resolve("notes.elf");
        Files.writeString(file, "this is not an executable\n");
        final CommandLineRun run = tandem("run", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode);
        assertTrue(run.err.startsWith("tandem: " + file + ": not an ELF file"), run.err);
        assertNoStackTrace(run);
    }

    @Test
    void truncatedElfIsRefusedClearly() throws IOException
    {
        final byte[] whole = Files.readAllBytes(Path.of(guest("hello.elf")));
        final Path file = dir.resolve("truncated.elf");
        Files.write(file, Arrays.copyOf(whole, 100));
        final CommandLineRun run = tandem("run", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode);
        assertTrue(run.err.startsWith("tandem: " + file + ": "), run.err);
        assertNoStackTrace(run);
    }

    @Test
    void hostExecutableOfAnotherArchitectureIsRefused()
    {
        final CommandLineRun run = tandem("run", "/bin/ls");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode);
        assertTrue(run.err.contains("64-bit"), run.err);
        assertNoStackTrace(run);
    }

    @Test
    void missingFileIsRefusedClearly()
    {
        final CommandLineRun run = tandem("run", dir.resolve("absent.elf").toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode);
        assertTrue(run.err.contains("no such file"), run.err);
        assertNoStackTrace(run);
    }

    @Test
    void badOptionValuesAreUsageErrors()
    {
        assertEquals(ExitCodes.BAD_INPUT, tandem("run", "--ram", "0", guest("hello.elf")).exitCode);
        assertEquals(ExitCodes.BAD_INPUT, tandem("run", "--clock", "sundial", guest("hello.elf")).exitCode);
        assertEquals(ExitCodes.BAD_INPUT, tandem("run", "--max-instructions", "lots", guest("hello.elf")).exitCode);
    }

    private static void assertNoStackTrace(final CommandLineRun run)
    {
        assertFalse(run.err.contains("\tat "), run.err);
        assertFalse(run.err.contains("Exception"), run.err);
    }
}
