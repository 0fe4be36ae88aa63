package io.tandem.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a server costs while nobody talks to it: the CPU time of this process's threads over an
 * interval (per thread from {@link ThreadMXBean}, so that it can say which threads spend it), and
 * of a serving process outside it (QEMU), as a share of one core. Everything else in the process
 * is idle meanwhile, so the whole is the server's.
 */
final class IdleCpu
{
    /** Threads named in the summary, busiest first. */
    private static final int NAMED = 4;

    private IdleCpu()
    {
    }

    /** The measured share and the threads that spent most of it. */
    static final class Figures
    {
        final double percentOfCore;
        final String busiest;

        Figures(final double percentOfCore, final String busiest)
        {
            this.percentOfCore = percentOfCore;
            this.busiest = busiest;
        }
    }

    /**
     * @param durationNs how long to watch.
     * @return the CPU time of all threads in that time, as a percentage of one core.
     */
    static Figures measure(final long durationNs)
    {
        return measure(durationNs, null, null);
    }

    /**
     * @param durationNs how long to watch.
     * @param other      CPU time so far of a process outside this JVM that serves too (QEMU), ns, or null.
     * @param otherName  its name in the summary.
     * @return the CPU time of all threads (and of that process) in that time, as a percentage of one core.
     */
    static Figures measure(final long durationNs, final LongSupplier other, final String otherName)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported())
        {
            return new Figures(Double.NaN, "per-thread CPU time is not supported by this JVM");
        }
        threads.setThreadCpuTimeEnabled(true);
        final Map<Long, Long> before = cpuByThread(threads);
        final long otherBefore = other == null ? 0 : other.getAsLong();
        final long startNs = System.nanoTime();
        SoloServer.sleepMs(TimeUnit.NANOSECONDS.toMillis(durationNs));
        final Map<Long, Long> after = cpuByThread(threads);
        final long otherAfter = other == null ? 0 : other.getAsLong();
        final long wallNs = System.nanoTime() - startNs;
        final Map<String, Long> spentByName = new HashMap<>();
        long total = 0;
        if (other != null && otherBefore >= 0 && otherAfter >= 0)
        {
            total += otherAfter - otherBefore;
            spentByName.put(otherName, otherAfter - otherBefore);
        }
        for (final Map.Entry<Long, Long> entry : after.entrySet())
        {
            final long spent = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            total += spent;
            final ThreadInfo info = threads.getThreadInfo(entry.getKey());
            if (info != null && spent > 0)
            {
                spentByName.merge(info.getThreadName(), spent, Long::sum);
            }
        }
        final List<Map.Entry<String, Long>> ranked = new ArrayList<>(spentByName.entrySet());
        ranked.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        final StringBuilder busiest = new StringBuilder();
        for (int i = 0; i < Math.min(NAMED, ranked.size()); i++)
        {
            busiest.append(i == 0 ? "" : ", ").append(ranked.get(i).getKey()).append(' ')
                .append(String.format(Locale.ROOT, "%.2f%%", 100.0 * ranked.get(i).getValue() / wallNs));
        }
        return new Figures(100.0 * total / wallNs, busiest.toString());
    }

    private static Map<Long, Long> cpuByThread(final ThreadMXBean threads)
    {
        final Map<Long, Long> cpu = new HashMap<>();
        for (final long id : threads.getAllThreadIds())
        {
            final long ns = threads.getThreadCpuTime(id);
            if (ns >= 0)
            {
                cpu.put(id, ns);
            }
        }
        return cpu;
    }
}
