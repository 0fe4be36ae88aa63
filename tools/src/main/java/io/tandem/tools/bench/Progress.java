package io.tandem.tools.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a long bench run on stderr: what is running, how far the run is, and how long it
 * has left, estimated from the planned seconds of the steps still to come (each scenario plans
 * its steps before running them, so the estimate is known from the start).
 */
final class Progress
{
    private final PrintStream out;
    private final long startNs = System.nanoTime();
    private double plannedSeconds;
    private double doneSeconds;
    private double stepSeconds;
    private int steps;
    private int stepsDone;

    Progress(final PrintStream out)
    {
        this.out = out;
    }

    /** Adds steps to the plan: {@code count} steps of about {@code seconds} each. */
    void plan(final int count, final double seconds)
    {
        steps += count;
        plannedSeconds += count * seconds;
    }

    /**
     * Says a step begins.
     *
     * @param what    what runs, as a person would say it.
     * @param seconds its planned length (counted done when the next step begins).
     */
    void step(final String what, final double seconds)
    {
        if (stepsDone > 0 || stepSeconds > 0)
        {
            doneSeconds += stepSeconds;
        }
        stepSeconds = seconds;
        stepsDone++;
        final double elapsed = elapsedSeconds();
        // The plan says what is left; how fast the plan has been followed so far scales it.
        final double pace = doneSeconds > 0 ? Math.max(1.0, elapsed / doneSeconds) : 1.0;
        final double left = Math.max(0, plannedSeconds - doneSeconds) * pace;
        out.printf(Locale.ROOT, "[%s] step %d of %d: %s (about %s left)%n", clock(elapsed), stepsDone,
            Math.max(steps, stepsDone), what, clock(left));
        out.flush();
    }

    /** Prints a line of detail within the current step. */
    void detail(final String text)
    {
        out.printf(Locale.ROOT, "[%s]   %s%n", clock(elapsedSeconds()), text);
        out.flush();
    }

    /** @return seconds since the run began. */
    double elapsedSeconds()
    {
        return (System.nanoTime() - startNs) / 1e9;
    }

    /** @return nanoseconds since the run began. */
    long elapsedNs()
    {
        return System.nanoTime() - startNs;
    }

    static String clock(final double seconds)
    {
        final long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", TimeUnit.SECONDS.toMinutes(s), s % 60) :
            String.format(Locale.ROOT, "%ds", s);
    }
}
