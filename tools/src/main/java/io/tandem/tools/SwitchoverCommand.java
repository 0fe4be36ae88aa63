package io.tandem.tools;

import io.tandem.node.CountersFile;
import io.tandem.node.Pair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code tandem switchover}: asks a running {@code tandem primary} (or a replica that took over
 * the primary's role) to hand over to its backup and follow it as the backup, through a request
 * file in the primary's work directory, which the process looks for every 20 ms; it answers with
 * an outcome file there.
 */
@Command(
    name = "switchover",
    mixinStandardHelpOptions = true,
    description = {
        "Moves the primary role of a running pair to its backup, for maintenance: the",
        "primary stops its guest at an instruction count N, the backup acknowledges the",
        "log up to N and goes live there at once, and the old primary, whose state at N",
        "is the same, follows the new primary's log as its backup (no state transfer).",
        "Clients lose nothing; the pause is a round trip, not a failure timeout.",
        "  tandem switchover /var/lib/tandem/a     the primary's --work-dir",
        "Exit codes: 0 switched over, 1 refused or failed (the primary runs alone, or",
        "its backup did not take the hand-over), 2 bad input (no running replica in DIR),",
        "3 no answer within --timeout."})
final class SwitchoverCommand implements Callable<Integer>
{
    /** No answer within the timeout. */
    static final int NO_ANSWER = 3;
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

    @Parameters(index = "0", paramLabel = "DIR", description = "the primary's work directory (its --work-dir)")
    Path directory;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "how long to wait for the outcome " +
        "(default: ${DEFAULT-VALUE})")
    String timeout = "10s";

    @Override
    public Integer call() throws IOException
    {
        final PrintStream err = System.err;
        final long timeoutNs = Durations.parseNs(timeout);
        final long pid;
        try (CountersFile counters = CountersFile.openForReading(directory))
        {
            pid = counters.pid();
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(directory + " holds no running replica's " + CountersFile.FILE_NAME +
                ": give the primary's --work-dir (" + ex.getMessage() + ")", ex);
        }
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        {
            throw new IllegalArgumentException("the replica of " + directory + " (pid " + pid + ") has exited");
        }
        final Path request = directory.resolve(Pair.SWITCHOVER_REQUEST);
        final Path outcome = directory.resolve(Pair.SWITCHOVER_OUTCOME);
        Files.deleteIfExists(outcome);
        Files.write(request, new byte[0]);
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (true)
        {
            try
            {
                final String answer = new String(Files.readAllBytes(outcome), StandardCharsets.UTF_8).trim();
                err.println("tandem switchover: " + answer);
                return answer.startsWith(Pair.SWITCHED_OVER) ? 0 : SideCommand.HALTED;
            }
            catch (final NoSuchFileException ex)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    Files.deleteIfExists(request);
                    err.println("tandem switchover: no answer from pid " + pid + " within " + timeout +
                        " (is it a tandem primary or backup of this version?)");
                    return NO_ANSWER;
                }
                LockSupport.parkNanos(POLL_NS);
            }
        }
    }
}
