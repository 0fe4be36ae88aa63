package io.tandem.engine.wake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The timer slack of the calling thread: how much later than asked Linux may end its timed
 * sleeps, so as to batch wake-ups. The default is 50 µs, which makes every
 * {@code LockSupport.parkNanos} of a few microseconds sleep 50 µs or more.
 * <p>
 * Set through {@code /proc/TID/timerslack_ns}, which does what {@code prctl(PR_SET_TIMERSLACK)}
 * does for the thread itself and needs no native call: the same code works on JDK 17 (where the
 * foreign-function API is still incubating) and on JDK 22+. Where the file is missing (not Linux,
 * a kernel before 4.6) or cannot be written, nothing changes and {@link #set(long)} says why.
 */
public final class TimerSlack
{
    /** Default slack of a waiting replica's thread, ns; {@code tandem.timer.slack.ns}. */
    public static final long DEFAULT_NS = Long.getLong("tandem.timer.slack.ns", 1_000);

    private TimerSlack()
    {
    }

    /**
     * @param slackNs the new slack of the calling thread, 1 or more (0 would restore the
     *                process's default rather than set none).
     * @return null when set; otherwise why not, for a one-line warning.
     */
    public static String set(final long slackNs)
    {
        if (slackNs < 1)
        {
            throw new IllegalArgumentException("timer slack must be at least 1 ns: " + slackNs);
        }
        final Path file = ownFile();
        if (file == null)
        {
            return "no /proc/thread-self here: the timer slack stays as it is";
        }
        try
        {
            Files.write(file, Long.toString(slackNs).getBytes(StandardCharsets.US_ASCII));
            return null;
        }
        catch (final IOException | SecurityException ex)
        {
            return "cannot set the timer slack through " + file + ": " + ex.getMessage();
        }
    }

    /** @return the calling thread's timer slack in ns, or -1 when it cannot be read. */
    public static long current()
    {
        final Path file = ownFile();
        if (file == null)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim());
        }
        catch (final IOException | NumberFormatException | SecurityException ex)
        {
            return -1;
        }
    }

    private static Path ownFile()
    {
        try
        {
            // "/proc/thread-self" links to "PID/task/TID"; the per-thread file is /proc/TID/timerslack_ns.
            final String link = Files.readSymbolicLink(Paths.get("/proc/thread-self")).toString();
            final Path file = Paths.get("/proc", link.substring(link.lastIndexOf('/') + 1), "timerslack_ns");
            return Files.exists(file) ? file : null;
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return null;
        }
    }
}
