package io.tandem.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.tandem.engine.cpu.compiler.CompiledEngine;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.snapshot.SnapshotFile;

/**
 * The steady speed of one {@link DispatchBenchmark} mix in guest instructions per second of the
 * machine thread's CPU time (cpu-MIPS), for comparing builds on a shared machine where other
 * processes' load makes wall-clock scores swing by a factor of two: runs the mix until the thread
 * has used {@code WARM_UP_CPU_SECONDS} of CPU, then prints the median and the range over
 * {@code WINDOWS} windows of 10 M instructions. The {@code cpubench} guest halts after 34.9 M
 * instructions: before a window that would cross its end, the machine loads the snapshot taken
 * at its start, outside the window, as {@link DispatchBenchmark} does (a compiled machine keeps
 * the code it compiled).
 * <p>
 * Usage: {@code java -cp perf/target/benchmarks.jar io.tandem.perf.SteadyCpuMips MIX [ENGINE]
 * [WARM_UP_CPU_SECONDS] [WINDOWS]} (JVM flags as for the benchmarks jar; one mix per JVM, as JMH
 * forks one per mix).
 */
public final class SteadyCpuMips
{
    private static final int WINDOW = DispatchBenchmark.INSTRUCTIONS;
    private static final byte[] NO_ELF = new byte[32];

    private SteadyCpuMips()
    {
    }

    /** @param args mix, optional engine (compiled), optional warm-up CPU seconds (5), optional windows (15). */
    public static void main(final String[] args) throws IOException
    {
        final String mix = args[0];
        final CpuEngine engine = CpuEngine.parse(args.length > 1 ? args[1] : "compiled");
        final double warmUpSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 5.0;
        final int windows = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        final Workload workload = "cpubench".equals(mix) ?
            new ElfWorkload(Guests.resolve(DispatchBenchmark.CPUBENCH_ELF), DispatchBenchmark.ELF_RAM_MIB) :
            Programs.forMix(mix);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Machine machine = workload.start(engine);
        long startedAt = machine.icount();
        final Path start = Files.createTempFile("tandem-steady-", ".snap");
        SnapshotFile.write(start, machine, NO_ELF, -1);
        final long warmUpEndNs = threads.getCurrentThreadCpuTime() + (long)(warmUpSeconds * 1e9);
        final double[] cpuMips = new double[windows];
        int measured = -1;
        while (measured < windows)
        {
            if (workload.runLength() != Workload.ENDLESS && machine.icount() - startedAt + WINDOW > workload.runLength())
            {
                SnapshotFile.load(start, machine, NO_ELF);
                startedAt = machine.icount();
            }
            final long cpuBeforeNs = threads.getCurrentThreadCpuTime();
            BenchmarkSupport.runExactly(machine, WINDOW, mix);
            final long cpuNs = threads.getCurrentThreadCpuTime() - cpuBeforeNs;
            if (measured < 0)
            {
                if (threads.getCurrentThreadCpuTime() >= warmUpEndNs)
                {
                    measured = 0;
                }
                continue;
            }
            cpuMips[measured++] = WINDOW * 1e3 / cpuNs;
        }
        final String regions = machine.engine() instanceof CompiledEngine ?
            String.format("; %d regions held over %d bytes of guest code, %.1f instructions per region call",
                ((CompiledEngine)machine.engine()).regions(), ((CompiledEngine)machine.engine()).guestCodeBytes(),
                ((CompiledEngine)machine.engine()).instructionsInRegions() /
                    (double)Math.max(1, ((CompiledEngine)machine.engine()).regionCalls())) : "";
        machine.close();
        Files.delete(start);
        Arrays.sort(cpuMips);
        System.out.printf("%s %s: %.0f cpu-MIPS (median of %d windows of %d; range %.0f-%.0f) after %.1f s of warm-up CPU%s%n",
            mix, engine.optionName(), cpuMips[windows / 2], windows, WINDOW, cpuMips[0], cpuMips[windows - 1], warmUpSeconds,
            regions);
    }
}
