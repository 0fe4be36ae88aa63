package io.tandem.tools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) for a command that runs until told: a shutdown hook raises a flag that the
 * command's loop polls, then holds the JVM until the command has printed its summary and closed.
 */
final class ShutdownSignal implements AutoCloseable
{
    private static final long SUMMARY_GRACE_S = 15;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    /** @param name the hook thread's name. */
    ShutdownSignal(final String name)
    {
        hook = new Thread(() ->
        {
            requested = true;
            try
            {
                finished.await(SUMMARY_GRACE_S, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return true once the process was asked to stop. */
    boolean requested()
    {
        return requested;
    }

    /** The command is done: let the JVM go, and take the hook back if it did not run. */
    @Override
    public void close()
    {
        finished.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ignore)
        {
            // the JVM is already shutting down (Ctrl-C): the hook is running
        }
    }
}
