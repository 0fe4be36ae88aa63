package io.tandem.tools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM for a command that runs until told: a request to stop, which the
 * command's loop polls, after which it prints its summary, closes what it opened and exits with
 * its own code (0 for a clean stop), as its help says. The signals are handled here instead of by
 * the JVM, which would otherwise begin its shutdown at once and end the process with 128 + the
 * signal's number (130, 143) whatever the command returns: service managers would count every
 * clean stop as a failure. A second signal while the command is stopping is the JVM's again (it
 * exits after the grace below). Other ends of the JVM (SIGHUP, say) raise the flag through a
 * shutdown hook, which holds the JVM until the command has printed its summary and closed.
 */
final class ShutdownSignal implements AutoCloseable
{
    private static final long SUMMARY_GRACE_S = 15;
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final SignalTrap[] traps = new SignalTrap[SIGNALS.length];
    private volatile boolean requested;
    private volatile String signalName;

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
        for (int i = 0; i < SIGNALS.length; i++)
        {
            final int index = i;
            traps[i] = SignalTrap.install(SIGNALS[i], () -> onSignal(index));
        }
    }

    private void onSignal(final int index)
    {
        if (requested)
        {
            // Asked again while stopping: the JVM's own handling, which exits (after the hook's grace).
            traps[index].passOn();
            return;
        }
        signalName = "SIG" + SIGNALS[index];
        requested = true;
    }

    /**
     * Takes the request as handled without stopping (a primary told to stay switches over
     * instead): the next signal asks again, and is not the JVM's.
     */
    void rearm()
    {
        signalName = null;
        requested = false;
    }

    /** @return true once the process was asked to stop. */
    boolean requested()
    {
        return requested;
    }

    /** @return the signal that asked the process to stop ("SIGTERM", "SIGINT"), or null. */
    String signalName()
    {
        return signalName;
    }

    /** The command is done: let the JVM go, take the hook back if it did not run, and restore the signals. */
    @Override
    public void close()
    {
        finished.countDown();
        for (final SignalTrap trap : traps)
        {
            trap.close();
        }
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ignore)
        {
            // the JVM is already shutting down (a second signal, or SIGHUP): the hook is running
        }
    }
}
