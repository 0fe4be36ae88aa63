package io.tandem.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@link DispatchBenchmark}'s workloads timed by the machine thread's CPU time instead of the wall
 * clock, for a machine shared with other builds: a thread that waits for a core does not count,
 * so two jars alternated under changing load compare on what each spends per instruction.
 * <pre>
 *   java -cp benchmarks.jar io.tandem.perf.DispatchCpuMips MIX ENGINE [WARM_UP_S] [ROUNDS] [INVOCATIONS]
 * </pre>
 * Prints one line: the mix, the engine, and the median, lowest and highest MIPS per CPU second
 * over the rounds, each round {@code INVOCATIONS} invocations of {@link DispatchBenchmark#INSTRUCTIONS}.
 * Run one JVM per mix and engine, as JMH forks do.
 */
public final class DispatchCpuMips
{
    private DispatchCpuMips()
    {
    }

    /**
     * @param args mix, engine, then optionally warm-up CPU seconds (default 5), rounds (default 7)
     *             and invocations per round (default 10).
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length < 2)
        {
            System.err.println("usage: DispatchCpuMips MIX ENGINE [WARM_UP_S] [ROUNDS] [INVOCATIONS]");
            System.exit(2);
        }
        final double warmUpSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        final int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        final int invocations = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final DispatchBenchmark benchmark = new DispatchBenchmark();
        benchmark.mix = args[0];
        benchmark.engine = args[1];
        benchmark.setUp();
        long sink = 0;
        try
        {
            final long warmUpEnd = threads.getCurrentThreadCpuTime() + (long)(warmUpSeconds * 1e9);
            while (threads.getCurrentThreadCpuTime() < warmUpEnd)
            {
                benchmark.ensureBudget();
                sink += benchmark.run();
            }
            final double[] mips = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                long cpuNs = 0;
                for (int i = 0; i < invocations; i++)
                {
                    benchmark.ensureBudget(); // a snapshot load for cpubench: not timed, as in JMH
                    final long before = threads.getCurrentThreadCpuTime();
                    sink += benchmark.run();
                    cpuNs += threads.getCurrentThreadCpuTime() - before;
                }
                mips[r] = (double)invocations * DispatchBenchmark.INSTRUCTIONS / cpuNs * 1e3;
            }
            Arrays.sort(mips);
            System.out.printf("%s %s median %.0f min %.0f max %.0f cpu-MIPS (%d)%n",
                args[0], args[1], mips[rounds / 2], mips[0], mips[rounds - 1], sink & 1);
        }
        finally
        {
            benchmark.tearDown();
        }
    }
}
