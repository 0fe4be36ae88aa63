package io.tandem.perf;

import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.snapshot.CapturedState;
import io.tandem.engine.snapshot.RamPreCopy;
import io.tandem.engine.snapshot.SnapshotFile;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a snapshot stops the guest for, for a guest RAM of each size given (MiB, default 64 and
 * 256) with every page above the guest's own holding data, the CPU benchmark guest running
 * between slices: the whole save on the machine's thread ({@link SnapshotFile#write(Path, Machine,
 * byte[], long)}, as a primary saved before), against RAM copied while the guest runs
 * ({@link RamPreCopy}: a step of 1 MiB per slice end, then the capture of the last pages and the
 * rest of the state) with the file written by another thread.
 * <pre>
 * java -cp perf/target/benchmarks.jar io.tandem.perf.SnapshotPause [SNAPSHOTS] [MiB ...]
 * </pre>
 * Prints, per size, the percentiles over SNAPSHOTS (default 20, after one not counted) of: the
 * whole save; the capture; the longest stop per snapshot (a step or the capture); and the time
 * from the mark to the file forced to disk.
 */
public final class SnapshotPause
{
    private static final long SLICE_INSTRUCTIONS = 200_000;

    private SnapshotPause()
    {
    }

    /** @param args snapshots per size, then RAM sizes in MiB. */
    public static void main(final String[] args) throws Exception
    {
        final int snapshots = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        final int[] sizes = args.length > 1 ? new int[args.length - 1] : new int[] {64, 256};
        for (int i = 1; i < args.length; i++)
        {
            sizes[i - 1] = Integer.parseInt(args[i]);
        }
        final Path elf = Guests.resolve("cpubench.elf");
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(elf));
        final Path directory = Files.createTempDirectory("tandem-snapshot-pause");
        final ExecutorService writer = Executors.newSingleThreadExecutor();
        try
        {
            for (final int ramMib : sizes)
            {
                measure(ramMib, snapshots, elf, digest, directory, writer);
            }
        }
        finally
        {
            writer.shutdown();
            try (var files = Files.list(directory))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    private static void measure(final int ramMib, final int snapshots, final Path elf, final byte[] digest,
        final Path directory, final ExecutorService writer) throws Exception
    {
        final Histogram wholeUs = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final Histogram captureUs = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final Histogram longestStopUs = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final Histogram toFileMs = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        long steps = 0;
        try (Machine machine = Machines.newMachine(ramMib))
        {
            machine.load(ElfReader.read(elf));
            Machines.fillFreeRam(machine, ramMib);
            final RamPreCopy preCopy = new RamPreCopy(machine, digest);
            final Path whole = directory.resolve("whole.snap");
            final Path copied = directory.resolve("copied.snap");
            for (int s = 0; s < snapshots + 1; s++)
            {
                machine.run(SLICE_INSTRUCTIONS * 10);
                final long wholeStart = System.nanoTime();
                SnapshotFile.write(whole, machine, digest, -1);
                final long wholeNs = System.nanoTime() - wholeStart;

                machine.run(SLICE_INSTRUCTIONS * 10);
                final long markNs = System.nanoTime();
                long longestNs = 0;
                int snapshotSteps = 0;
                preCopy.begin();
                while (true)
                {
                    final long stepStart = System.nanoTime();
                    final boolean converged = preCopy.step(RamPreCopy.DEFAULT_PAGES_PER_STEP);
                    longestNs = Math.max(longestNs, System.nanoTime() - stepStart);
                    snapshotSteps++;
                    if (converged)
                    {
                        break;
                    }
                    machine.run(SLICE_INSTRUCTIONS);
                }
                final long captureStart = System.nanoTime();
                final CapturedState state = preCopy.capture(-1);
                final long captureNs = System.nanoTime() - captureStart;
                longestNs = Math.max(longestNs, captureNs);
                final Future<?> written = writer.submit(() ->
                {
                    SnapshotFile.write(copied, state);
                    state.release();
                });
                while (!written.isDone())
                {
                    machine.run(SLICE_INSTRUCTIONS); // the guest runs while the file is written
                }
                written.get();
                final long fileNs = System.nanoTime() - markNs;
                if (s > 0) // the first warms the code up
                {
                    wholeUs.recordValue(TimeUnit.NANOSECONDS.toMicros(wholeNs));
                    captureUs.recordValue(TimeUnit.NANOSECONDS.toMicros(captureNs));
                    longestStopUs.recordValue(TimeUnit.NANOSECONDS.toMicros(longestNs));
                    toFileMs.recordValue(TimeUnit.NANOSECONDS.toMillis(fileNs));
                    steps += snapshotSteps;
                }
            }
        }
        System.out.printf("RAM %d MiB, %d snapshots: whole save on the machine's thread p50 %.1f ms, p99 %.1f ms, " +
            "max %.1f ms; copied while running: capture p50 %d us, p99 %d us, max %d us; longest stop per snapshot " +
            "p50 %d us, p99 %d us, max %d us; %.0f steps per snapshot; mark to file forced p50 %d ms, max %d ms%n",
            ramMib, snapshots, wholeUs.getValueAtPercentile(50) / 1e3, wholeUs.getValueAtPercentile(99) / 1e3,
            wholeUs.getMaxValue() / 1e3, captureUs.getValueAtPercentile(50), captureUs.getValueAtPercentile(99),
            captureUs.getMaxValue(), longestStopUs.getValueAtPercentile(50), longestStopUs.getValueAtPercentile(99),
            longestStopUs.getMaxValue(), steps / (double)snapshots, toFileMs.getValueAtPercentile(50),
            toFileMs.getMaxValue());
    }
}
