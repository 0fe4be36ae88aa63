package io.tandem.tools.pair;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tandem primary} or {@code tandem backup} in a child JVM with this JVM's classpath and
 * the module flags the launcher and Surefire give (Agrona, Aeron, Chronicle); its output (console
 * and figures) is kept so that a test can wait for a line.
 */
final class ReplicaProcess implements AutoCloseable
{
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    ReplicaProcess(final List<String> tandemArgs) throws IOException
    {
        this(List.of(), null, tandemArgs);
    }

    /**
     * @param prefix     what the JVM's command line is run under, e.g. {@code ip netns exec NS}.
     * @param directory  the working directory, or null for this one's.
     * @param tandemArgs the command's arguments.
     */
    ReplicaProcess(final List<String> prefix, final java.io.File directory, final List<String> tandemArgs)
        throws IOException
    {
        final List<String> command = new ArrayList<>(prefix);
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle."))
            {
                command.add(argument);
            }
        }
        // The default 64 MiB guest's RAM (and its compiler's 2 MiB code-word bitmap) are direct
        // buffers, which count against the direct-memory limit that -Xmx also sets; the heap
        // itself holds under 10 MiB after a collection (the decode cache is 16 KiB per page of code).
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tandem.tools.Tandem");
        command.addAll(tandemArgs);
        process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
        reader = new Thread(this::drain, "replica-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void drain()
    {
        final byte[] chunk = new byte[4096];
        try (InputStream in = process.getInputStream())
        {
            for (int n; (n = in.read(chunk)) >= 0; )
            {
                synchronized (output)
                {
                    output.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                    output.notifyAll();
                }
            }
        }
        catch (final IOException ignore)
        {
            // the process is gone: its output ends here
        }
    }

    /** @return everything the process printed so far. */
    String output()
    {
        synchronized (output)
        {
            return output.toString();
        }
    }

    /**
     * @return true once the output shows {@code text}; false at the deadline or when the process
     * ended without it.
     */
    boolean await(final String text, final long timeoutNs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        synchronized (output)
        {
            while (output.indexOf(text) < 0)
            {
                final long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0 || (!process.isAlive() && !reader.isAlive()))
                {
                    return output.indexOf(text) >= 0;
                }
                output.wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(remainingNs))));
            }
            return true;
        }
    }

    /** Kills the process as {@code kill -9} would, and waits for it to be gone. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    boolean alive()
    {
        return process.isAlive();
    }

    /**
     * Sends the process a signal, as {@code kill -NAME pid} does.
     *
     * @param name the signal's name, e.g. {@code TERM} or {@code INT}.
     */
    void signal(final String name) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
            .redirectErrorStream(true).start();
        if (kill.waitFor() != 0)
        {
            throw new IOException("kill -" + name + " " + process.pid() + " failed: " +
                new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * @return the process's exit code once it has ended, or -1 if it still runs at the deadline.
     */
    int awaitExit(final long timeoutNs) throws InterruptedException
    {
        if (!process.waitFor(timeoutNs, TimeUnit.NANOSECONDS))
        {
            return -1;
        }
        reader.join(TimeUnit.SECONDS.toMillis(5)); // the rest of its output
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException
    {
        kill();
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }
}
