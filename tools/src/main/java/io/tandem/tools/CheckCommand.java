package io.tandem.tools;

import io.tandem.tools.history.KvHistoryFile;
import io.tandem.tools.history.KvOperation;
import io.tandem.tools.history.LinearizabilityChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tandem check}: whether a client history written by {@code tandem client --history} is linearizable. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
        "Checks that a key-value history (`tandem client --load RATE --history FILE`, one JSON object per " +
            "operation) is linearizable: that one order of its operations, consistent with real time, explains " +
            "every reply. Operations without a reply may have taken effect at any time after they were sent, or " +
            "never. Keys are checked apart; a violation prints the key's operations in the order they were sent.",
        "  tandem client --server 127.0.0.1:7001,127.0.0.1:7002 --load 300 --duration 20 --history h.jsonl",
        "  tandem check h.jsonl",
        "Exit codes: 0 linearizable; 1 not linearizable; 2 usage error or a line that is not an operation; " +
            "3 undecided (the search ran out of --budget)."})
final class CheckCommand implements Callable<Integer>
{
    private static final int SHOWN = 40;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "the history")
    Path historyFile;

    @Option(names = "--budget", paramLabel = "N",
        description = "configurations one key's search may visit before it gives up (default: ${DEFAULT-VALUE})")
    long budget = LinearizabilityChecker.DEFAULT_BUDGET;

    @Override
    public Integer call()
    {
        if (budget < 1)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--budget must be positive");
        }
        final List<KvOperation> history;
        try
        {
            history = KvHistoryFile.read(historyFile);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(historyFile + ": cannot read: " + ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        final long startNs = System.nanoTime();
        final LinearizabilityChecker.Result result = new LinearizabilityChecker(budget).check(history);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("%s (%.1f s)%n", result.summary(), (System.nanoTime() - startNs) / 1e9);
        if (result.verdict() != LinearizabilityChecker.Verdict.LINEARIZABLE)
        {
            final List<KvOperation> ops = result.history();
            for (int i = 0; i < Math.min(SHOWN, ops.size()); i++)
            {
                out.println("  " + KvHistoryFile.line(ops.get(i)));
            }
            if (ops.size() > SHOWN)
            {
                out.println("  ... " + (ops.size() - SHOWN) + " more");
            }
        }
        out.flush();
        return switch (result.verdict())
        {
            case LINEARIZABLE -> 0;
            case VIOLATION -> 1;
            case UNKNOWN -> 3;
        };
    }
}
