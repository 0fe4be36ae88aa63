package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a raw program image on QEMU's {@code virt} board (the reference machine), as
 * {@code guests/run-qemu.sh} runs an ELF: no firmware, the UART on stdout, ended by the test
 * finisher.
 */
final class QemuRunner
{
    static final String QEMU = "qemu-system-riscv32";
    private static final long TIMEOUT_SECONDS = 60;

    private QemuRunner()
    {
    }

    /** @return whether {@code qemu-system-riscv32} is on the PATH (the QEMU tests are skipped without it). */
    static boolean onPath()
    {
        final String path = System.getenv("PATH");
        if (path != null)
        {
            for (final String dir : path.split(File.pathSeparator))
            {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, QEMU)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** What one run printed and its exit status. */
    static final class Run
    {
        final String console;
        final int exitCode;

        Run(final String console, final int exitCode)
        {
            this.console = console;
            this.exitCode = exitCode;
        }
    }

    /**
     * Runs {@code image} loaded at RAM's base, with {@code extraArgs} after the board's.
     *
     * @param name names the scratch files and the failure message.
     */
    static Run run(final Path scratch, final String name, final byte[] image, final String... extraArgs)
        throws IOException, InterruptedException
    {
        final Path file = scratch.resolve(name + ".bin");
        Files.write(file, image);
        final Path out = scratch.resolve(name + ".out");
        final List<String> command = new ArrayList<>(Arrays.asList(
            QEMU, "-M", "virt", "-bios", "none", "-m", "128M", "-smp", "1",
            "-display", "none", "-serial", "stdio", "-monitor", "none", "-nodefaults", "-no-reboot",
            "-kernel", file.toString()));
        command.addAll(Arrays.asList(extraArgs));
        final Process process = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
            fail(name + " did not finish under QEMU within " + TIMEOUT_SECONDS + " s");
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), process.exitValue());
    }
}
