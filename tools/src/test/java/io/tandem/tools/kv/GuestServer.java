package io.tandem.tools.kv;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.StopReason;
import io.tandem.transport.net.UdpBridge;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Assumptions;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * A guest program served on a loopback UDP port, in this JVM: the real machine, the real UDP
 * bridge and, when given, a disk image file. The machine runs on its own thread in bounded
 * chunks, so {@link #close()} can stop it between chunks (a machine is single-threaded: only that
 * thread touches it until it has been joined).
 */
final class GuestServer implements AutoCloseable
{
    static final long DISK_BYTES = 8L << 20;
    private static final long CHUNK_INSTRUCTIONS = 2_000_000;
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final UdpBridge bridge;
    private final FileBlockStore store;
    private final Machine machine;
    private final Thread runner;
    private final Object consoleLock = new Object();
    private final StringBuilder console = new StringBuilder();
    private volatile boolean stopping;
    private volatile boolean ended;
    private volatile Throwable failure;

    private GuestServer(final Path elf, final InetSocketAddress bind, final int guestPort, final Path disk)
    {
        bridge = new UdpBridge(bind, guestPort, MachineContext.DEFAULT_MAC_ADDRESS);
        store = disk == null ? null : FileBlockStore.open(disk, DISK_BYTES);
        machine = new Machine(new MachineContext()
            .network(bridge, bridge)
            .blockStore(store)
            .consoleSink(new Console()));
        machine.load(ElfReader.read(elf));
        runner = new Thread(this::run, "guest-" + elf.getFileName());
        runner.setDaemon(true);
        runner.start();
    }

    /**
     * Starts a guest and waits until its console shows it is listening.
     *
     * @param elf       the guest ELF.
     * @param guestPort the guest's UDP port.
     * @param disk      disk image (created at {@link #DISK_BYTES} if absent), or null for none.
     * @return the running server.
     */
    static GuestServer start(final Path elf, final int guestPort, final Path disk)
    {
        return start(elf, new InetSocketAddress("127.0.0.1", 0), guestPort, disk);
    }

    /**
     * Starts a guest on a given host address (to come back on the port a stopped one used) and
     * waits until its console shows it is listening.
     *
     * @param elf       the guest ELF.
     * @param bind      host address and port of the bridge.
     * @param guestPort the guest's UDP port.
     * @param disk      disk image (created at {@link #DISK_BYTES} if absent), or null for none.
     * @return the running server.
     */
    static GuestServer start(final Path elf, final InetSocketAddress bind, final int guestPort, final Path disk)
    {
        final GuestServer server = new GuestServer(elf, bind, guestPort, disk);
        try
        {
            server.awaitConsole("listening", STARTUP);
        }
        catch (final RuntimeException | AssertionError ex)
        {
            server.close();
            throw ex;
        }
        return server;
    }

    /**
     * @param name file name under {@code guests/bin}.
     * @return its path; the calling test is skipped (not failed) while it has not been built.
     */
    static Path guest(final String name)
    {
        for (final String base : new String[] {"../guests/bin", "guests/bin"})
        {
            final Path path = Paths.get(base, name);
            if (Files.isRegularFile(path))
            {
                return path;
            }
        }
        Assumptions.assumeTrue(false, "guests/bin/" + name + " is not built yet");
        return null;
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(1000, 100, 1_000, 100_000);
        try
        {
            while (!stopping)
            {
                final StopReason stop = machine.run(CHUNK_INSTRUCTIONS);
                if (stop == StopReason.HALT)
                {
                    machine.flushConsole();
                    break;
                }
                if (stop == StopReason.WFI)
                {
                    if (!machine.skipToTimer())
                    {
                        idle.idle();
                    }
                }
                else
                {
                    idle.reset();
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        finally
        {
            ended = true;
            synchronized (consoleLock)
            {
                consoleLock.notifyAll();
            }
        }
    }

    /** @return where clients send datagrams. */
    InetSocketAddress address()
    {
        return bridge.localAddress();
    }

    /** @return the bridge, for its counters. */
    UdpBridge bridge()
    {
        return bridge;
    }

    /** @return the console output so far. */
    String console()
    {
        synchronized (consoleLock)
        {
            return console.toString();
        }
    }

    /**
     * Waits until the console contains some text.
     *
     * @param text    to wait for.
     * @param timeout how long at most.
     * @throws AssertionError on timeout or when the machine stops first.
     */
    void awaitConsole(final String text, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        synchronized (consoleLock)
        {
            while (console.indexOf(text) < 0)
            {
                final long remainingNs = deadlineNs - System.nanoTime();
                if (ended || remainingNs <= 0)
                {
                    throw new AssertionError("guest console never showed '" + text + "' (" +
                        (ended ? "machine stopped: " + machine.haltReason() + ", " + failure : "timed out") +
                        "); console: " + console);
                }
                try
                {
                    consoleLock.wait(Math.max(1, remainingNs / 1_000_000));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", ex);
                }
            }
        }
    }

    /** @return true while the machine thread runs (it has not halted or failed). */
    boolean isRunning()
    {
        return !ended;
    }

    /**
     * Stops the machine between two chunks and closes the bridge, the machine and the disk.
     *
     * @throws AssertionError when the machine thread failed with an exception.
     */
    @Override
    public void close()
    {
        stopping = true;
        try
        {
            runner.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (runner.isAlive())
        {
            throw new AssertionError("guest machine did not stop");
        }
        bridge.close();
        machine.close();
        if (store != null)
        {
            store.close();
        }
        if (failure != null)
        {
            throw new AssertionError("guest machine failed", failure);
        }
    }

    private final class Console implements ConsoleSink
    {
        private final byte[] line = new byte[4096];
        private int length;

        @Override
        public void write(final byte b)
        {
            if (length < line.length)
            {
                line[length++] = b;
            }
            if (b == '\n')
            {
                flush();
            }
        }

        @Override
        public void flush()
        {
            if (length > 0)
            {
                synchronized (consoleLock)
                {
                    console.append(new String(line, 0, length, StandardCharsets.UTF_8));
                    consoleLock.notifyAll();
                }
                length = 0;
            }
        }
    }
}
