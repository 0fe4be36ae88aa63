package io.tandem.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of HotSpot's compiler threads ("C1 CompilerThread0", "C2 CompilerThread0", ...), which
 * the thread MXBean does not list: read from {@code /proc/self/task/<tid>/stat} (user and system
 * time, in clock ticks of 10 ms), on Linux only. On two cores this is the time the JIT takes from
 * the machines while they warm up.
 */
final class CompilerThreadsCpu
{
    /** Linux's USER_HZ: {@code stat}'s times are in hundredths of a second. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    private CompilerThreadsCpu()
    {
    }

    /** @return true when this JVM's threads can be read (Linux). */
    static boolean available()
    {
        return Files.isDirectory(TASKS);
    }

    /**
     * @param compiler "C1" or "C2".
     * @return CPU nanoseconds that compiler's threads have used so far (10 ms resolution), or -1
     * when they cannot be read.
     */
    static long nanos(final String compiler)
    {
        if (!available())
        {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS))
        {
            for (final Path task : tasks)
            {
                final String name;
                final String stat;
                try
                {
                    name = new String(Files.readAllBytes(task.resolve("comm")), StandardCharsets.US_ASCII).trim();
                    stat = new String(Files.readAllBytes(task.resolve("stat")), StandardCharsets.US_ASCII);
                }
                catch (final IOException ex)
                {
                    continue; // the thread ended between the listing and the read
                }
                if (name.startsWith(compiler + " CompilerThre"))
                {
                    // After the command name in parentheses: state is field 3, utime 14, stime 15.
                    final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        catch (final IOException ex)
        {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }
}
