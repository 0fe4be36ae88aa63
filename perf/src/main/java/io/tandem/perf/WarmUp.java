package io.tandem.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * windows), and the time from the start until the end of the first window at 90% of it; the same
 * in the machine thread's CPU time (cpu-MIPS, and CPU seconds to 90%), which other processes on a
 * shared machine disturb less, and the CPU HotSpot's C1 and C2 compiler threads used meanwhile
 * (Linux). For the compiled engine also: regions compiled, compile time per region (scan, ASM, class definition;
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
        final List<double[]> windows = new ArrayList<>(); // {end seconds, MIPS, end CPU seconds, cpu-MIPS}
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long startNs = System.nanoTime();
        final long startCpuNs = threads.getCurrentThreadCpuTime();
        try (Machine machine = Machines.newMachine(DispatchBenchmark.ELF_RAM_MIB, engine))
        {
            machine.load(ElfReader.read(elf));
            while (machine.haltReason() == HaltReason.NONE)
            {
                final long windowStartNs = System.nanoTime();
                final long windowStartCpuNs = threads.getCurrentThreadCpuTime();
                final long before = machine.icount();
                final StopReason stop = machine.run(window);
                final long ns = System.nanoTime() - windowStartNs;
                final long cpuNs = threads.getCurrentThreadCpuTime() - windowStartCpuNs;
                if (machine.icount() - before < window / 2)
                {
                    break; // the guest's last, partial window
                }
                windows.add(new double[] {(System.nanoTime() - startNs) / 1e9, (machine.icount() - before) * 1e3 / ns,
                    (threads.getCurrentThreadCpuTime() - startCpuNs) / 1e9, (machine.icount() - before) * 1e3 / cpuNs});
                if (stop != StopReason.BUDGET)
                {
                    break;
                }
            }
            final double totalSeconds = (System.nanoTime() - startNs) / 1e9;
            final double cpuSeconds = (threads.getCurrentThreadCpuTime() - startCpuNs) / 1e9;
            final long c1Ns = CompilerThreadsCpu.nanos("C1");
            final long c2Ns = CompilerThreadsCpu.nanos("C2");
            final int tailLength = Math.max(1, windows.size() / 3);
            final double steady = steady(windows, tailLength, 1);
            final double steadyCpu = steady(windows, tailLength, 3);
            final double reachedAt = reached(windows, steady, 1, 0);
            final double reachedAtCpu = reached(windows, steadyCpu, 3, 2);
            final StringBuilder series = new StringBuilder();
            final StringBuilder cpuSeries = new StringBuilder();
            for (final double[] w : windows)
            {
                series.append(String.format(" %.0f", w[1]));
                cpuSeries.append(String.format(" %.0f", w[3]));
            }
            System.out.printf("engine %s, %s, %d instructions in %.2f s (%d windows of %d)%n", engine.optionName(),
                elf.getFileName(), machine.icount(), totalSeconds, windows.size(), window);
            System.out.println("MIPS per window:" + series);
            System.out.println("cpu-MIPS per window (machine thread's CPU time):" + cpuSeries);
            System.out.printf("steady %.0f MIPS (median of the last %d windows); 90%% of it reached %.2f s after the start%n",
                steady, tailLength, reachedAt);
            System.out.printf("steady %.0f cpu-MIPS; 90%% of it reached after %.2f s of the machine thread's CPU " +
                "(%.2f s in all)%n", steadyCpu, reachedAtCpu, cpuSeconds);
            if (c1Ns >= 0)
            {
                System.out.printf("compiler threads' CPU: C1 %.2f s, C2 %.2f s (machine thread %.2f s, wall %.2f s)%n",
                    c1Ns / 1e9, c2Ns / 1e9, cpuSeconds, totalSeconds);
            }
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

    /** @return the median of field {@code field} over the last {@code tailLength} windows. */
    private static double steady(final List<double[]> windows, final int tailLength, final int field)
    {
        final double[] tail = windows.subList(windows.size() - tailLength, windows.size())
            .stream().mapToDouble(w -> w[field]).sorted().toArray();
        return tail[tail.length / 2];
    }

    /** @return field {@code at} of the first window whose field {@code field} is at least 90% of {@code steady}. */
    private static double reached(final List<double[]> windows, final double steady, final int field, final int at)
    {
        for (final double[] w : windows)
        {
            if (w[field] >= 0.9 * steady)
            {
                return w[at];
            }
        }
        return Double.NaN;
    }
}
