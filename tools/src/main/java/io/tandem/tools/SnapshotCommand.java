package io.tandem.tools;

import io.tandem.node.ElfDigest;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.StopReason;
import io.tandem.engine.replica.ReplayRun;
import io.tandem.engine.snapshot.SnapshotFile;
import io.tandem.engine.snapshot.SnapshotInfo;
import io.tandem.transport.journal.JournalSnapshots;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tandem snapshot}: replays a journal to an instruction count (or to its end) and saves the
 * machine's state there, into the journal's {@code snapshots/} (or a given file): a snapshot for a
 * journal recorded without {@code --snapshot-every}.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Replays a journal to an instruction count (default: its end) and saves the machine's state "
        + "there into DIR/snapshots, for `tandem restore`.")
final class SnapshotCommand implements Callable<Integer>
{
    @Mixin
    CpuOption cpu = new CpuOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "journal directory")
    Path journalDirectory;

    @Parameters(index = "1", paramLabel = "FILE.elf", description = "the guest ELF the journal was recorded from")
    Path elf;

    @Option(names = "--at", paramLabel = "N", description = "the instruction count to save at (default: the journal's end)")
    long at = Long.MAX_VALUE;

    @Option(names = "--net", description = "the recording had a network card")
    boolean net;

    @Option(names = "--disk", paramLabel = "START.img", description = "the recording had a disk: its image as the "
        + "recording started (left as it is; the image at the snapshot is saved beside it)")
    Path disk;

    @Option(names = "--out", paramLabel = "FILE", description = "write the snapshot here instead (no disk image is saved)")
    Path out;

    @Override
    public Integer call()
    {
        if (at < 0)
        {
            throw new IllegalArgumentException("--at must not be negative: " + at);
        }
        try (ReplayingMachine replay = ReplayingMachine.open(journalDirectory, elf, null, net, disk, false))
        {
            final String problem = at == Long.MAX_VALUE ? replayToEnd(replay) : replayTo(replay, at);
            if (problem != null)
            {
                System.err.println("tandem: " + problem);
                return ExitCodes.REPLAY_FAILED;
            }
            final byte[] digest = ElfDigest.sha256(elf);
            final long sequence = replay.replayer.lastSequence();
            final SnapshotInfo info = out != null ?
                SnapshotFile.write(out, replay.machine, digest, sequence) :
                JournalSnapshots.of(journalDirectory).save(replay.machine, digest, sequence,
                    replay.disk() == null ? null : replay.disk().store());
            System.err.println("tandem: saved the snapshot at " + info + " in " +
                (out != null ? out : JournalSnapshots.of(journalDirectory).directory()));
            return 0;
        }
    }

    /** @return null once the machine is at the journal's end, else what went wrong. */
    private static String replayToEnd(final ReplayingMachine replay)
    {
        final StringBuilder report = new StringBuilder();
        final ReplayRun.Outcome outcome = ReplayRun.run(replay.machine, replay.replayer,
            new BackoffIdleStrategy(100, 10, 1_000, 1_000_000), report);
        return outcome == ReplayRun.Outcome.MATCHED || outcome == ReplayRun.Outcome.LOG_ENDED ? null : report.toString();
    }

    /** @return null once the machine is at instruction {@code target}, else why it cannot get there. */
    private static String replayTo(final ReplayingMachine replay, final long target)
    {
        long stalledAt = -1;
        while (replay.machine.icount() < target)
        {
            final StopReason stop = replay.machine.run(target - replay.machine.icount());
            if (replay.replayer.failure() != null)
            {
                return replay.replayer.failure();
            }
            if (stop == StopReason.HALT)
            {
                return replay.machine.haltReason() == HaltReason.INPUTS_FAILED ? replay.machine.haltMessage() :
                    "the guest halted at instruction " + replay.machine.icount() + " (" + replay.machine.haltMessage() +
                    "), before " + target;
            }
            if (stop != StopReason.BUDGET)
            {
                if (replay.replayer.ended() || replay.machine.icount() == stalledAt)
                {
                    return "the journal ends at instruction " + replay.machine.icount() + " (sequence " +
                        replay.replayer.lastSequence() + "), before " + target;
                }
                stalledAt = replay.machine.icount();
            }
        }
        return null;
    }
}
