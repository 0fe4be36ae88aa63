package io.tandem.tools;

import io.tandem.node.CountersFile;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code tandem stat}: a running node's counters, read from its counters file by another process,
 * as AeronStat reads a media driver's.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the counters of a running pair or replica (tandem pair, primary, backup, or a service " +
            "embedding the library) from its work directory, once a second until Ctrl-C.",
        "  tandem stat                     the newest tandem-* work directory under the temporary directory",
        "  tandem stat /var/lib/tandem/p1  the work directory given with --work-dir",
        "  tandem stat DIR --once          print once and exit"})
final class StatCommand implements Callable<Integer>
{
    private static final long REFRESH_MS = 1000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
        description = "a node's work directory, or its counters file (default: the newest tandem-* under " +
            "java.io.tmpdir)")
    Path directory;

    @Option(names = "--once", description = "print the counters once and exit")
    boolean once;

    @Override
    public Integer call() throws Exception
    {
        final Path target = directory != null ? directory : newestWorkDirectory();
        final PrintStream out = System.out;
        try (CountersFile file = CountersFile.openForReading(target);
            ShutdownSignal shutdown = new ShutdownSignal("tandem-stat-shutdown"))
        {
            do
            {
                print(file, out);
                if (once)
                {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(REFRESH_MS);
            }
            while (!shutdown.requested());
        }
        return 0;
    }

    private static void print(final CountersFile file, final PrintStream out)
    {
        final CountersReader reader = file.reader();
        final StringBuilder text = new StringBuilder(4096);
        text.append(String.format(Locale.ROOT, "%s - %s, pid %d%s, started %s%n", Instant.now(), file.file(),
            file.pid(), ProcessHandle.of(file.pid()).map(ProcessHandle::isAlive).orElse(false) ? "" : " (exited)",
            Instant.ofEpochMilli(file.startMs())));
        text.append("======================================================================\n");
        reader.forEach((counterId, label) -> text.append(String.format(Locale.ROOT, "%3d: %,20d - %s%n",
            counterId, reader.getCounterValue(counterId), label)));
        text.append("--\n");
        out.print(text); // one write: a refresh is never torn across lines
        out.flush();
    }

    /**
     * The newest {@code tandem-*} work directory under the temporary directory whose node still
     * runs (else the newest of all), by the start time its counters file holds: the files' own
     * times move with every write to the mapping.
     */
    private static Path newestWorkDirectory()
    {
        final Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(temporary))
        {
            final Optional<Path> newest = entries
                .filter(path -> path.getFileName().toString().startsWith("tandem-"))
                .map(path -> path.resolve(CountersFile.FILE_NAME))
                .filter(Files::isRegularFile)
                .max(Comparator.comparingLong(StatCommand::liveness));
            return newest.orElseThrow(() -> new IllegalArgumentException("no tandem-*/" + CountersFile.FILE_NAME +
                " under " + temporary + ": name the node's work directory (--work-dir)"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(temporary + ": " + ex.getMessage(), ex);
        }
    }

    /** @return a running node's start time, ms, above any node that exited; a file that cannot be read lowest. */
    private static long liveness(final Path file)
    {
        try (CountersFile counters = CountersFile.openForReading(file))
        {
            final boolean alive = ProcessHandle.of(counters.pid()).map(ProcessHandle::isAlive).orElse(false);
            return counters.startMs() + (alive ? Long.MAX_VALUE / 2 : 0);
        }
        catch (final RuntimeException ex)
        {
            return Long.MIN_VALUE; // still being laid out, or not a counters file
        }
    }
}
