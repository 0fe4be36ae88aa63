package io.tandem.perf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tandem.engine.cpu.DecodeCache;
import io.tandem.engine.cpu.compiler.CompiledEngine;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.StopReason;

/**
 * How fast an engine gets up to speed, in a JVM that has run nothing else: runs a guest (by
 * default the whole {@code cpubench.elf}) to its end in windows of a fixed number of
 * instructions, prints each window's MIPS, the steady speed (the median of the last third of the
 * windows), and the time from the start until the end of the first window at 90% of it. For the
 * compiled engine also: regions compiled, compile time per region (scan, ASM, class definition;
 * HotSpot's own compilation of the generated code runs on its compiler threads and shows in the
 * windows), generated class bytes per MiB of guest code held.
 * <p>
 * Usage: {@code java -cp perf/target/benchmarks.jar io.tandem.perf.WarmUp compiled|interpreted [ELF] [WINDOW]}
 * (JVM flags as for the benchmarks jar; one engine per JVM, so each starts cold).
 */
public final class WarmUp
{
    private static final long DEFAULT_WINDOW = 50_000_000L;

    private WarmUp()
    {
    }

    /** @param args engine, optional ELF path, optional window in instructions. */
    public static void main(final String[] args)
    {
        final CpuEngine engine = CpuEngine.parse(args.length > 0 ? args[0] : "compiled");
        final Path elf = args.length > 1 ? Path.of(args[1]) : Guests.resolve("cpubench.elf");
        final long window = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_WINDOW;
        final List<double[]> windows = new ArrayList<>(); // {end seconds, MIPS}
        final long startNs = System.nanoTime();
        try (Machine machine = Machines.newMachine(DispatchBenchmark.ELF_RAM_MIB, engine))
        {
            machine.load(ElfReader.read(elf));
            while (machine.haltReason() == HaltReason.NONE)
            {
                final long windowStartNs = System.nanoTime();
                final long before = machine.icount();
                final StopReason stop = machine.run(window);
                final long ns = System.nanoTime() - windowStartNs;
                if (machine.icount() - before < window / 2)
                {
                    break; // the guest's last, partial window
                }
                windows.add(new double[] {(System.nanoTime() - startNs) / 1e9, (machine.icount() - before) * 1e3 / ns});
                if (stop != StopReason.BUDGET)
                {
                    break;
                }
            }
            final double[] tail = windows.subList(windows.size() - Math.max(1, windows.size() / 3), windows.size())
                .stream().mapToDouble(w -> w[1]).sorted().toArray();
            final double steady = tail[tail.length / 2];
            double reachedAt = Double.NaN;
            final StringBuilder series = new StringBuilder();
            for (final double[] w : windows)
            {
                series.append(String.format(" %.0f", w[1]));
                if (Double.isNaN(reachedAt) && w[1] >= 0.9 * steady)
                {
                    reachedAt = w[0];
                }
            }
            System.out.printf("engine %s, %s, %d instructions in %.2f s (%d windows of %d)%n", engine.optionName(),
                elf.getFileName(), machine.icount(), (System.nanoTime() - startNs) / 1e9, windows.size(), window);
            System.out.println("MIPS per window:" + series);
            System.out.printf("steady %.0f MIPS (median of the last %d windows); 90%% of it reached %.2f s after the start%n",
                steady, tail.length, reachedAt);
            final DecodeCache decodeCache = machine.cpu().decodeCache();
            System.out.printf("decode cache: %d pages with slots, %.1f KiB of heap (table included) for %d MiB of RAM%n",
                decodeCache.pagesWithSlots(), decodeCache.heapBytes() / 1024.0, machine.ram().sizeBytes() >> 20);
            if (machine.engine() instanceof CompiledEngine)
            {
                final CompiledEngine compiled = (CompiledEngine)machine.engine();
                System.out.printf("regions compiled %d (held %d), compile time %.2f ms per region (%.0f ms in all), " +
                    "%.1f MiB of class bytes per MiB of guest code held (%d bytes for %d), %.1f%% of instructions " +
                    "in regions, %.1f instructions per region call, %d interpreter calls; regions compiled by HotSpot's %s%n",
                    compiled.regionsCompiled(), compiled.regions(),
                    compiled.compileNanos() / 1e6 / Math.max(1, compiled.regionsCompiled()), compiled.compileNanos() / 1e6,
                    compiled.classBytes() / (double)Math.max(1, compiled.guestCodeBytes()),
                    compiled.classBytes(), compiled.guestCodeBytes(),
                    100.0 * compiled.instructionsInRegions() / Math.max(1, machine.icount()),
                    compiled.instructionsInRegions() / (double)Math.max(1, compiled.regionCalls()),
                    compiled.interpreterSteps(), CompiledEngine.regionJitTier());
            }
        }
    }
}
