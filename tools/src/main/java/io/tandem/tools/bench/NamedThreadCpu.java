package io.tandem.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of a live thread of this JVM found by its name's prefix (a pair's {@code tandem-primary}
 * and {@code tandem-backup}), through the thread MXBean. On a shared two-core machine a thread's
 * CPU per instruction says what the thread itself spends, whatever other processes take from the
 * cores: the wall clock cannot tell the two apart.
 */
final class NamedThreadCpu
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NamedThreadCpu()
    {
    }

    /** @return CPU nanoseconds of the calling thread so far, or -1 where the JVM does not measure it. */
    static long current()
    {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /**
     * @param prefix the start of the thread's name.
     * @return CPU nanoseconds the first live thread so named has used, or -1 when there is none or
     * the JVM does not measure it.
     */
    static long of(final String prefix)
    {
        if (!THREADS.isThreadCpuTimeSupported())
        {
            return -1;
        }
        for (final ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds()))
        {
            if (info != null && info.getThreadName().startsWith(prefix))
            {
                return THREADS.getThreadCpuTime(info.getThreadId());
            }
        }
        return -1;
    }
}
