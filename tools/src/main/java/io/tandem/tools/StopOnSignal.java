package io.tandem.tools;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop a run cleanly: a shutdown hook raises the
 * flag that the run loop asks between chunks, then holds the JVM's exit until the run has
 * ended — its journal given RUN_END and finished, its last lines printed — or a grace period has
 * passed. Without it the JVM would exit mid-run and leave a journal without its end.
 */
final class StopOnSignal implements BooleanSupplier, AutoCloseable
{
    /** How long a signal waits for the run to end before the JVM exits anyway. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final Duration grace;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "tandem-stop-on-signal");
    // Written by the hook thread, read by the run thread between chunks: volatile for visibility.
    private volatile boolean stopRequested;

    private StopOnSignal(final Duration grace)
    {
        this.grace = grace;
    }

    /**
     * @param grace how long a signal waits for the run to end.
     * @return an installed hook; {@link #close()} it when the run has ended.
     */
    static StopOnSignal install(final Duration grace)
    {
        final StopOnSignal stop = new StopOnSignal(grace);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** @return true once the process was asked to end. */
    @Override
    public boolean getAsBoolean()
    {
        return stopRequested;
    }

    private void stopAndWait()
    {
        stopRequested = true;
        try
        {
            if (!ended.await(grace.toMillis(), TimeUnit.MILLISECONDS))
            {
                System.err.printf("tandem: the run did not stop within %d s of the signal; exiting without "
                    + "finishing it (a journal being recorded ends without RUN_END)%n", grace.toSeconds());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The run has ended and closed what it had open: an exit under way may go on. */
    @Override
    public void close()
    {
        ended.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shutdownUnderWay)
        {
            // The hook is running (it asked for this stop) and now returns: nothing to remove.
        }
    }
}
