package io.tandem.tools.bench;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import io.tandem.engine.wake.WakeableIdleStrategy;
import io.tandem.transport.net.UdpBridge;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A server guest alone, as {@code tandem run --net --disk} runs it: one machine on its own thread
 * ({@link SoloRun}, whose idle strategy waits on the UDP bridge's socket and reads it), the bridge
 * on an ephemeral loopback port, a fresh disk image. The baseline that a pair is compared with.
 */
final class SoloServer implements LatencyServer
{
    private static final long DISK_BYTES = 4L << 20;

    private final UdpBridge bridge;
    private final FileBlockStore disk;
    private final Path diskFile;
    private final Machine machine;
    private final Thread thread;
    /** Waits on the bridge's socket, as {@code tandem run}'s does. */
    private final WakeableIdleStrategy idle = new WakeableIdleStrategy();
    private final StringBuffer console = new StringBuffer();
    private volatile boolean stop;
    private volatile Throwable failure;

    /**
     * Starts the guest and waits until it says it is listening.
     *
     * @param elf       the guest.
     * @param guestPort the port it serves inside the machine.
     * @param withDisk  give it a disk (kvstore needs one).
     * @param work      where the disk image goes.
     */
    SoloServer(final Path elf, final int guestPort, final boolean withDisk, final WorkDirectory work)
    {
        diskFile = withDisk ? work.path().resolve("solo.img") : null;
        bridge = UdpBridge.polled(new InetSocketAddress("127.0.0.1", 0), guestPort, MachineContext.DEFAULT_MAC_ADDRESS)
            .watchedBy(idle, () -> true);
        disk = diskFile == null ? null : FileBlockStore.open(diskFile, DISK_BYTES);
        final ConsoleSink sink = b -> console.append((char)(b & 0xff));
        machine = new Machine(new MachineContext().network(bridge, bridge).blockStore(disk).consoleSink(sink));
        machine.load(ElfReader.read(elf));
        if (machine.disk() != null)
        {
            machine.disk().wakeOnCompletion(idle); // with disk I/O on its own thread
        }
        thread = new Thread(this::run, "tandem-bench-solo");
        thread.setDaemon(true);
        thread.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (console.indexOf("listening") < 0)
        {
            if (failure != null || System.nanoTime() - deadline > 0)
            {
                close();
                throw new IllegalStateException(elf + " did not start listening: " +
                    (failure != null ? failure : "console so far: " + console.toString().trim()));
            }
            sleepMs(10);
        }
    }

    @Override
    public InetSocketAddress address()
    {
        return bridge.localAddress();
    }

    private void run()
    {
        try
        {
            SoloRun.run(machine, Long.MAX_VALUE, idle, () -> stop);
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
    }

    @Override
    public void close()
    {
        stop = true;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        machine.close();
        bridge.close();
        idle.close(); // its selector lets the socket go
        if (disk != null)
        {
            disk.close();
        }
    }

    static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
