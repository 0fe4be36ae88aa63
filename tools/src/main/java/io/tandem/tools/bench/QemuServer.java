package io.tandem.tools.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer of the latency scenario: the same guest under {@code qemu-system-riscv32 -M virt} with
 * QEMU's user-mode network (a host UDP port forwarded to the guest's) and, for kvstore, a
 * virtio-blk disk, as {@code guests/run-qemu-net.sh} runs it.
 */
final class QemuServer implements LatencyServer
{
    private static final long DISK_BYTES = 4L << 20;
    private static final long START_DEADLINE_S = 20;

    private final Process process;
    private final int hostPort;
    private final StringBuffer console = new StringBuffer();

    /**
     * Starts QEMU and waits until the guest says it is listening.
     *
     * @param elf       the guest.
     * @param guestPort its UDP port.
     * @param withDisk  give it a fresh disk image (kvstore needs one).
     * @param work      where the image goes.
     */
    QemuServer(final Path elf, final int guestPort, final boolean withDisk, final WorkDirectory work)
    {
        hostPort = FreePorts.udp();
        final List<String> command = new ArrayList<>(List.of(QemuRun.QEMU, "-M", "virt", "-bios", "none", "-m",
            "128M", "-smp", "1", "-display", "none", "-serial", "stdio", "-monitor", "none", "-nodefaults",
            "-no-reboot", "-global", "virtio-mmio.force-legacy=false",
            "-netdev", "user,id=n0,hostfwd=udp:127.0.0.1:" + hostPort + "-10.0.2.15:" + guestPort,
            "-device", "virtio-net-device,netdev=n0"));
        if (withDisk)
        {
            final Path disk = work.path().resolve("qemu.img");
            try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw"))
            {
                file.setLength(DISK_BYTES);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot make " + disk + ": " + ex.getMessage(), ex);
            }
            command.addAll(List.of("-drive", "file=" + disk + ",format=raw,if=none,id=d0",
                "-device", "virtio-blk-device,drive=d0"));
        }
        command.addAll(List.of("-kernel", elf.toString()));
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + QemuRun.QEMU + ": " + ex.getMessage(), ex);
        }
        final Thread reader = new Thread(() -> copyConsole(process.getInputStream()), "tandem-bench-qemu-console");
        reader.setDaemon(true);
        reader.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_DEADLINE_S);
        while (console.indexOf("listening") < 0)
        {
            if (!process.isAlive() || System.nanoTime() - deadline > 0)
            {
                close();
                throw new IllegalStateException(elf + " under " + QemuRun.QEMU + " did not start listening; " +
                    "console so far: " + console.toString().trim());
            }
            SoloServer.sleepMs(10);
        }
    }

    private void copyConsole(final InputStream in)
    {
        final byte[] buffer = new byte[4096];
        try
        {
            int n;
            while ((n = in.read(buffer)) > 0)
            {
                console.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
        }
        catch (final IOException ex)
        {
            // QEMU went away: the console ends here.
        }
    }

    /**
     * @return the QEMU process's CPU time so far (user and system, from {@code /proc/PID/stat}, in
     * ticks of 10 ms: Linux's usual USER_HZ), ns; -1 when it cannot be read.
     */
    long cpuNs()
    {
        try
        {
            final String stat = new String(Files.readAllBytes(Paths.get("/proc", Long.toString(process.pid()), "stat")),
                StandardCharsets.US_ASCII);
            // After the command name (in parentheses, which may hold spaces): state is field 3, utime 14, stime 15.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TimeUnit.MILLISECONDS.toNanos(10);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    @Override
    public InetSocketAddress address()
    {
        return new InetSocketAddress("127.0.0.1", hostPort);
    }

    @Override
    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
