package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each batch guest runs under QEMU's {@code virt} board (the reference machine) and under this
 * machine; console output and exit code must be identical. Skipped only when
 * {@code qemu-system-riscv32} is not on the PATH.
 */
class QemuDifferentialTest
{
    private static final String QEMU = "qemu-system-riscv32";
    private static final long TIMEOUT_SECONDS = 60;

    private static Path qemu;

    @TempDir
    Path scratch;

    static List<String> guests()
    {
        return Guests.names();
    }

    @BeforeAll
    static void findQemu()
    {
        qemu = onPath(QEMU).orElse(null);
    }

    private static Optional<Path> onPath(final String program)
    {
        final String path = System.getenv("PATH");
        if (path == null)
        {
            return Optional.empty();
        }
        for (final String dir : path.split(File.pathSeparator))
        {
            if (dir.isEmpty())
            {
                continue;
            }
            final Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What one run printed and how it ended. */
    private static final class Result
    {
        final String console;
        final int exitCode;

        Result(final String console, final int exitCode)
        {
            this.console = console;
            this.exitCode = exitCode;
        }
    }

    /** The invocation of {@code guests/run-qemu.sh}, with the timeout enforced here. */
    private Result runQemu(final Path elf) throws IOException, InterruptedException
    {
        final Path out = scratch.resolve(elf.getFileName() + ".qemu.out");
        final Path err = scratch.resolve(elf.getFileName() + ".qemu.err");
        // -icount shift=0: instret and cycle count instructions, as here; without it they are host
        // clock ticks, and a loaded host stretches traps' 100-iteration loop past its bound.
        final Process process = new ProcessBuilder(
            qemu.toString(), "-M", "virt", "-bios", "none", "-m", "128M", "-smp", "1", "-icount", "shift=0",
            "-display", "none", "-serial", "stdio", "-monitor", "none", "-nodefaults", "-no-reboot",
            "-kernel", elf.toString())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
            fail(elf.getFileName() + " did not finish under QEMU within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(Files.readString(out, StandardCharsets.UTF_8), process.exitValue());
    }

    private static Result runHere(final String elf)
    {
        final Guests.Capture console = new Guests.Capture();
        try (Machine m = Guests.load(elf, console))
        {
            assertEquals(StopReason.HALT, Guests.runTo(m, Guests.MAX_INSTRUCTIONS), elf + " did not halt");
            assertTrue(m.haltReason() == HaltReason.PASSED || m.haltReason() == HaltReason.FAILED, m.haltMessage());
            return new Result(console.text(), m.exitCode() & 0xFF); // a process exit status keeps 8 bits
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guests")
    void guestBehavesAsOnQemu(final String elf) throws IOException, InterruptedException
    {
        Assumptions.assumeTrue(qemu != null, QEMU + " is not on the PATH");
        final Result reference = runQemu(Guests.BIN.resolve(elf).toAbsolutePath());
        final Result here = runHere(elf);
        assertEquals(reference.console, here.console, elf + ": console output differs from QEMU");
        assertEquals(reference.exitCode, here.exitCode, elf + ": exit code differs from QEMU");
    }
}
