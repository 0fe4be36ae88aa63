package io.tandem.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tandem} command line in a child JVM, for what only a separate process shows: how it
 * behaves when a signal ends it. The child gets this JVM's flags (the surefire argLine that
 * Agrona and Chronicle need) and class path. Its output goes to files, not pipes: a pipe read
 * while the child exits can fail with "Stream closed" and lose the child's last lines, which are
 * the ones under test.
 */
final class ChildTandem implements AutoCloseable
{
    private static final long POLL_MS = 20;

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildTandem(final Process process, final Path out, final Path err)
    {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * @param outputDirectory where the child's stdout and stderr files go.
     * @param args            the command line after {@code tandem}.
     * @return the child, started.
     */
    static ChildTandem start(final Path outputDirectory, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Tandem.class.getName());
        command.addAll(List.of(args));
        final Path out = outputDirectory.resolve("child.out");
        final Path err = outputDirectory.resolve("child.err");
        final Process process = new ProcessBuilder(command)
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildTandem(process, out, err);
    }

    /** Waits until the child's standard output shows {@code text}. */
    void awaitOut(final String text, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!out().contains(text))
        {
            if (!process.isAlive() || System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("tandem never printed '" + text + "' (" +
                    (process.isAlive() ? "timed out" : "it exited") + "); stdout: " + out() + "; stderr: " + err());
            }
            Thread.sleep(POLL_MS); // polled: a file tells no one when it grows
        }
    }

    /**
     * Sends SIGTERM (where Ctrl-C's SIGINT also leads: the JVM's shutdown) and waits for the exit.
     *
     * @return the exit code.
     */
    int terminate(final Duration timeout) throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("tandem did not exit within " + timeout + " of SIGTERM; stderr: " + err());
        }
        return process.exitValue();
    }

    /** @return standard output so far. */
    String out()
    {
        return read(out);
    }

    /** @return standard error so far. */
    String err()
    {
        return read(err);
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
    }
}
