package io.tandem.tools;

import io.tandem.engine.replica.ReplayRun;
import io.tandem.engine.snapshot.SnapshotFormatException;
import io.tandem.transport.journal.JournalSnapshots;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tandem restore}: the state of a recorded machine at the last entry of its journal, from
 * the newest usable snapshot plus the journal entries after it: what a service restarts from
 * after every replica stopped.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = "Restores a machine from a snapshot and the journal after it: prints the final instruction "
        + "count and state hash, checked against the recording's end when the journal has one.")
final class RestoreCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE.elf", description = "the guest ELF the journal was recorded from")
    Path elf;

    @Option(names = "--journal", paramLabel = "DIR", required = true, description = "journal directory")
    Path journalDirectory;

    @Option(names = "--snapshot", paramLabel = "FILE", description = "the snapshot to start from; refused with "
        + "exit 2 if damaged. Default: the newest usable one in DIR/snapshots, falling back to older ones")
    Path snapshot;

    @Option(names = "--net", description = "without a usable snapshot: the recording had a network card")
    boolean net;

    @Option(names = "--disk", paramLabel = "START.img",
        description = "without a usable snapshot: the disk image as the recording started")
    Path disk;

    @Option(names = "--disk-out", paramLabel = "FILE",
        description = "keep the restored disk image in FILE (the replay otherwise works on a temporary copy)")
    Path diskOut;

    @Option(names = "--console", description = "print the guest's console output from the restored point on")
    boolean console;

    @Override
    public Integer call()
    {
        final PrintStream err = System.err;
        try (ReplayingMachine replay = open(err))
        {
            final StringBuilder report = new StringBuilder();
            final ReplayRun.Outcome outcome = ReplayRun.run(replay.machine, replay.replayer,
                new BackoffIdleStrategy(100, 10, 1_000, 1_000_000), report);
            replay.machine.flushConsole();
            final long lastSequence = replay.replayer.lastSequence();
            final boolean tornLastEntry = outcome == ReplayRun.Outcome.DIVERGED && !replay.journal.isFinished() &&
                lastSequence + 1 == replay.journal.entryCount();
            if (tornLastEntry)
            {
                err.printf("tandem: the journal's last entry, sequence %d, is torn (%s); restored to the last whole " +
                    "entry, sequence %d%n", lastSequence + 1, report, lastSequence);
            }
            else
            {
                err.println("tandem: " + report);
            }
            err.printf("tandem: final icount %d, state hash %016x%n", replay.machine.icount(), replay.machine.stateHash());
            if (diskOut != null && replay.disk() != null)
            {
                copy(replay.disk().store().path(), diskOut);
            }
            switch (outcome)
            {
                case MATCHED:
                case LOG_ENDED:
                    return 0;
                default:
                    return tornLastEntry ? 0 : ExitCodes.REPLAY_FAILED;
            }
        }
    }

    /** Starts from the given snapshot, or the newest usable one, or the journal's start. */
    private ReplayingMachine open(final PrintStream err)
    {
        if (snapshot != null)
        {
            final ReplayingMachine replay = ReplayingMachine.open(journalDirectory, elf, snapshot, false, null, console);
            say(err, replay);
            return replay;
        }
        final List<Path> candidates = JournalSnapshots.of(journalDirectory).newestFirst();
        for (final Path candidate : candidates)
        {
            try
            {
                final ReplayingMachine replay = ReplayingMachine.open(journalDirectory, elf, candidate, false, null, console);
                say(err, replay);
                return replay;
            }
            catch (final SnapshotFormatException ex)
            {
                err.println("tandem: skipping unusable snapshot: " + ex.getMessage());
            }
        }
        err.println("tandem: " + (candidates.isEmpty() ? "no snapshot" : "no usable snapshot") + " in " +
            JournalSnapshots.of(journalDirectory).directory() + "; replaying the journal from its start");
        return ReplayingMachine.open(journalDirectory, elf, null, net, disk, console);
    }

    private static void say(final PrintStream err, final ReplayingMachine replay)
    {
        err.println("tandem: restoring from the snapshot at " + replay.snapshot);
    }

    private static void copy(final Path from, final Path to)
    {
        try
        {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the restored disk image " + to + ": " + ex.getMessage(), ex);
        }
    }
}
