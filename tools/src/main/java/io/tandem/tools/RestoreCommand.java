package io.tandem.tools;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.StreamConsoleSink;
import io.tandem.engine.replica.ReplayRun;
import io.tandem.engine.snapshot.SnapshotFormatException;
import io.tandem.transport.journal.JournalSnapshots;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine.Mixin;
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
    @Mixin
    CpuOption cpu = new CpuOption();

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

    @Option(names = "--resume", description = "restart the service: once restored, the machine goes on live (host "
        + "clock from the last time the guest saw, host entropy, console, --bridge, the disk in --disk-out) until "
        + "the guest ends or Ctrl-C")
    boolean resume;

    @Option(names = "--bridge", paramLabel = "udp:[HOST:]PORT[=GUESTPORT]",
        description = "with --resume: bridge the network card to this host UDP socket once live")
    String bridge;

    @Override
    public Integer call()
    {
        final PrintStream err = System.err;
        if ((bridge != null && !resume) || (resume && diskOut == null && disk != null))
        {
            throw new IllegalArgumentException(bridge != null ? "--bridge needs --resume" :
                "--resume with a disk needs --disk-out FILE: the disk the service goes on with");
        }
        final NetSpec netSpec = bridge == null ? null : NetSpec.parse(bridge);
        final ResumeFrames frames = new ResumeFrames();
        try (ReplayingMachine replay = open(err, frames))
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
            if (diskOut != null && replay.disk() != null && !resume)
            {
                copy(replay.disk().store().path(), diskOut);
            }
            final boolean restored = outcome == ReplayRun.Outcome.MATCHED || outcome == ReplayRun.Outcome.LOG_ENDED ||
                tornLastEntry;
            if (!restored)
            {
                return ExitCodes.REPLAY_FAILED;
            }
            return resume ? ResumedRun.goLive(replay, netSpec, frames, err) : 0;
        }
    }

    /** Starts from the given snapshot, or the newest usable one, or the journal's start. */
    private ReplayingMachine open(final PrintStream err, final ResumeFrames frames)
    {
        // Resumed, the console prints only what the machine says once live; else, with --console, all.
        final ConsoleSink print = resume ? frames : console ? new StreamConsoleSink(System.out) : ConsoleSink.DISCARD;
        final Path diskFile = resume ? diskOut : null;
        if (snapshot != null)
        {
            final ReplayingMachine replay = ReplayingMachine.open(journalDirectory, elf, snapshot, false, null, print,
                frames, diskFile);
            say(err, replay);
            return replay;
        }
        final List<Path> candidates = JournalSnapshots.of(journalDirectory).newestFirst();
        for (final Path candidate : candidates)
        {
            try
            {
                final ReplayingMachine replay = ReplayingMachine.open(journalDirectory, elf, candidate, false, null,
                    print, frames, diskFile);
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
        return ReplayingMachine.open(journalDirectory, elf, null, net, disk, print, frames, diskFile);
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
