package io.tandem.tools.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The reference machine: a guest ELF under {@code qemu-system-riscv32 -M virt -bios none}, timed. */
final class QemuRun
{
    static final String QEMU = "qemu-system-riscv32";
    private static final long DEADLINE_MINUTES = 10;

    private QemuRun()
    {
    }

    /** @return true when qemu-system-riscv32 is on the PATH. */
    static boolean installed()
    {
        final String path = System.getenv("PATH");
        if (path == null)
        {
            return false;
        }
        for (final String dir : path.split(File.pathSeparator))
        {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, QEMU)))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the ELF to its end (the test finisher ends QEMU).
     *
     * @param elf    the guest.
     * @param icount true for {@code -icount shift=0}: one instruction per virtual nanosecond, exact counting.
     * @return the process's wall time, ns.
     */
    static long wallNs(final Path elf, final boolean icount)
    {
        final List<String> command = new ArrayList<>(List.of(QEMU, "-M", "virt", "-bios", "none", "-m", "128M",
            "-smp", "1", "-display", "none", "-serial", "null", "-monitor", "none", "-nodefaults", "-no-reboot",
            "-kernel", elf.toString()));
        if (icount)
        {
            command.add("-icount");
            command.add("shift=0");
        }
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try
        {
            final long startNs = System.nanoTime();
            final Process process = builder.start();
            if (!process.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES))
            {
                process.destroyForcibly();
                throw new IllegalStateException(QEMU + " did not finish " + elf + " within " + DEADLINE_MINUTES + " minutes");
            }
            final long elapsedNs = System.nanoTime() - startNs;
            if (process.exitValue() != 0)
            {
                throw new IllegalStateException(QEMU + " ended " + elf + " with exit code " + process.exitValue());
            }
            return elapsedNs;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + QEMU + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + QEMU + " ran", ex);
        }
    }
}
