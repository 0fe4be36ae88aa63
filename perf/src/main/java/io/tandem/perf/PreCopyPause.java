package io.tandem.perf;

import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.engine.snapshot.PreCopySender;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * The primary's pause and the whole transfer's time when a new replica joins by pre-copy, for a
 * guest RAM of each size given (MiB, default 64 and 256), every page of it holding data (the
 * worst case for round 0), with the CPU benchmark guest running between the sender's steps.
 * Frames cross to the receiving machine on another thread through an Agrona ring buffer of
 * 8 MiB, as they would through Aeron IPC; a full ring pushes back on the sender.
 * <pre>
 * java -cp perf/target/benchmarks.jar io.tandem.perf.PreCopyPause [TRANSFERS] [MiB ...]
 * </pre>
 * Prints, per size, the pause percentiles and the total transfer time over TRANSFERS (default 20);
 * {@code -Dtandem.precopy.verify=true} adds the full state hash to the pause.
 */
public final class PreCopyPause
{
    private static final long SLICE_INSTRUCTIONS = 200_000;
    private static final int RING_BYTES = 8 << 20;

    private PreCopyPause()
    {
    }

    /** @param args transfers per size, then RAM sizes in MiB. */
    public static void main(final String[] args) throws Exception
    {
        final int transfers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        final boolean verify = Boolean.getBoolean("tandem.precopy.verify");
        final int[] sizes = args.length > 1 ? new int[args.length - 1] : new int[] {64, 256};
        for (int i = 1; i < args.length; i++)
        {
            sizes[i - 1] = Integer.parseInt(args[i]);
        }
        final Path elf = Guests.resolve("cpubench.elf");
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(elf));
        for (final int ramMib : sizes)
        {
            measure(ramMib, transfers, elf, digest, verify);
        }
    }

    private static void measure(final int ramMib, final int transfers, final Path elf, final byte[] digest,
        final boolean verify)
        throws InterruptedException
    {
        final Histogram pauseUs = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final Histogram totalMs = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        long rounds = 0;
        long pages = 0;
        try (Machine primary = Machines.newMachine(ramMib))
        {
            primary.load(ElfReader.read(elf));
            Machines.fillFreeRam(primary, ramMib);
            for (int t = 0; t < transfers + 1; t++)
            {
                final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(
                    ByteBuffer.allocateDirect(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
                try (Machine joining = Machines.newMachine(ramMib))
                {
                    final PreCopyReceiver receiver = new PreCopyReceiver(joining, digest, "ring");
                    final Thread consumer = new Thread(() ->
                    {
                        try
                        {
                            while (!receiver.complete())
                            {
                                if (ring.read((type, buffer, index, length) -> receiver.onFrame(buffer, index, length)) == 0)
                                {
                                    Thread.onSpinWait();
                                }
                            }
                        }
                        catch (final RuntimeException ex)
                        {
                            System.err.println("pre-copy receiver failed: " + ex.getMessage());
                            System.exit(1);
                        }
                    }, "pre-copy-receiver");
                    consumer.start();
                    final PreCopySender sender = new PreCopySender(primary, digest,
                        (buffer, offset, length) -> ring.write(1, buffer, offset, length),
                        new PreCopySender.Context().verifyStateHash(verify));
                    sender.start();
                    while (sender.step() != PreCopySender.READY)
                    {
                        primary.run(SLICE_INSTRUCTIONS);
                    }
                    while (!sender.finish(-1))
                    {
                        Thread.onSpinWait(); // the guest stays stopped: this is the pause
                    }
                    consumer.join();
                    if (t > 0) // the first transfer warms the code up
                    {
                        pauseUs.recordValue(TimeUnit.NANOSECONDS.toMicros(sender.pauseNs()));
                        totalMs.recordValue(TimeUnit.NANOSECONDS.toMillis(sender.totalNs()));
                        rounds += sender.rounds();
                        pages += sender.pagesSent();
                    }
                }
                primary.run(SLICE_INSTRUCTIONS * 10);
            }
        }
        System.out.printf("RAM %d MiB, %d transfers%s: pause p50 %d us, p90 %d us, p99 %d us, max %d us; " +
            "total transfer p50 %d ms, max %d ms; %.1f rounds and %.1f MiB sent per transfer%n",
            ramMib, transfers, verify ? " (full state hash verified)" : "", pauseUs.getValueAtPercentile(50), pauseUs.getValueAtPercentile(90),
            pauseUs.getValueAtPercentile(99), pauseUs.getMaxValue(), totalMs.getValueAtPercentile(50),
            totalMs.getMaxValue(), rounds / (double)transfers, pages * 4096.0 / transfers / (1 << 20));
    }
}
