package io.tandem.perf;

import io.tandem.engine.machine.Machine;
import io.tandem.engine.snapshot.SnapshotFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Saving and loading a whole machine state (a snapshot file in the temporary directory, page
 * cache included) for guest RAM of 64 and 256 MiB, with every page in use (the worst case: no
 * zero page to leave out) or half of them. What a primary pauses for when it saves a snapshot
 * on its own thread, and what a restore costs before it replays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED" })
public class SnapshotBenchmark
{
    /** Guest RAM, MiB. */
    @Param({ "64", "256" })
    public int ramMib;

    /** Percentage of pages holding data; the rest are zero and left out of the file. */
    @Param({ "100", "50" })
    public int usedPercent;

    private final byte[] digest = new byte[32];
    private Machine saved;
    private Machine loaded;
    private Path file;

    /** Fills RAM with random data in the chosen share of its pages and writes one snapshot. */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        saved = Machines.newMachine(ramMib);
        loaded = Machines.newMachine(ramMib);
        final SplittableRandom random = new SplittableRandom(1);
        final byte[] page = new byte[4096];
        final int pages = (ramMib << 20) / page.length;
        for (int i = 0; i < pages; i++)
        {
            if (random.nextInt(100) < usedPercent)
            {
                random.nextBytes(page);
                saved.writeRam(0x8000_0000 + i * page.length, page, 0, page.length);
            }
        }
        file = Files.createTempFile("tandem-snapshot-bench-", ".snap");
        SnapshotFile.write(file, saved, digest, -1);
    }

    /** Deletes the file and frees both machines. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        saved.close();
        loaded.close();
        Files.deleteIfExists(file);
    }

    /** Saves the whole state: zero-page scan, sections, RAM through the channel, fsync, rename. */
    @Benchmark
    public long save()
    {
        return SnapshotFile.write(file, saved, digest, -1).icount();
    }

    /** Loads the whole state: checks, RAM through the channel, CRC32C, sections. */
    @Benchmark
    public long load()
    {
        return SnapshotFile.load(file, loaded, digest).icount();
    }
}
