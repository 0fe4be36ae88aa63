package io.tandem.tools;

import io.tandem.node.ElfDigest;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.codec.RunStart;
import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.StreamConsoleSink;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.LogReader;
import io.tandem.engine.replica.ReplayMismatchException;
import io.tandem.engine.replica.ReplayRun;
import io.tandem.engine.replica.Replayer;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalReader;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tandem replay}: re-executes a recorded run from its journal, to the same final state. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replays a journal recorded with `tandem run --record`: prints the same console output and "
        + "ends with the final instruction count and state hash.")
final class ReplayCommand implements Callable<Integer>
{
    @Mixin
    CpuOption cpu = new CpuOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "journal directory")
    Path journalDirectory;

    @Parameters(index = "1", paramLabel = "FILE.elf", description = "the guest ELF the journal was recorded from")
    Path elf;

    @Option(names = "--stats", description = "print instructions, wall time and MIPS to stderr at the end")
    boolean stats;

    @Option(names = "--follow", description = "keep replaying entries as a recording still running appends them")
    boolean follow;

    @Option(names = "--net", description = "the recording had a network card (run --net): give the replaying "
        + "machine one too; the frames it receives come from the journal, those it sends go nowhere")
    boolean net;

    @Option(names = "--disk", paramLabel = "FILE", description = "the recording had a disk (run --disk): a copy of "
        + "its image as it was when the recording started; the replay writes to a temporary copy and leaves FILE as it is")
    Path disk;

    private boolean devicesKnown;

    @Override
    public Integer call()
    {
        final ElfImage image = ElfReader.read(elf);
        try (ChronicleJournal journal = ChronicleJournal.open(journalDirectory))
        {
            final UnsafeBuffer first = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
            final int ramBytes;
            final int checkInterval;
            try (JournalReader peek = journal.reader())
            {
                final int length = peek.poll(first);
                final LogEntry start = new LogEntry().wrapForRead(first, 0);
                if (length < 0 || start.validate(length, 0) < 0 || start.type() != EntryType.RUN_START)
                {
                    throw new IllegalArgumentException(journalDirectory + ": the journal does not begin with RUN_START");
                }
                ramBytes = start.payloadInt(RunStart.RAM_BYTES_OFFSET);
                checkInterval = start.payloadInt(RunStart.CHECK_INTERVAL_OFFSET);
                matchDevices(start.payloadInt(RunStart.FLAGS_OFFSET));
            }

            // A journal whose writer died unfinished is replayed to its last entry, unless told to wait for more.
            try (JournalReader reader = follow || journal.isFinished() ? journal.reader() : journal.readerToCurrentEnd();
                DiskImageCopy diskCopy = disk == null ? null : DiskImageCopy.of(disk))
            {
                return replay(image, reader, ramBytes, checkInterval, diskCopy == null ? null : diskCopy.store());
            }
        }
    }

    /**
     * A replay needs the devices the recording had: a missing network card or disk, or one too
     * many, diverges at its first use. A journal that names its devices gets a network card
     * without {@code --net} (its frames are in the journal); a disk image cannot be made up, so
     * its absence is refused here with what to give.
     */
    private void matchDevices(final int flags)
    {
        devicesKnown = (flags & RunStart.FLAG_DEVICES_KNOWN) != 0;
        if (!devicesKnown)
        {
            return; // recorded before journals named their devices: as the options say
        }
        final boolean recordedNet = (flags & RunStart.FLAG_NET) != 0;
        final boolean recordedDisk = (flags & RunStart.FLAG_DISK) != 0;
        if (net && !recordedNet)
        {
            throw new IllegalArgumentException(journalDirectory + ": the recording had no network card; replay without --net");
        }
        if (disk != null && !recordedDisk)
        {
            throw new IllegalArgumentException(journalDirectory + ": the recording had no disk; replay without --disk");
        }
        if (recordedDisk && disk == null)
        {
            throw new IllegalArgumentException(journalDirectory + ": the recording had a disk: replay with --disk FILE, " +
                "a copy of its image as it was when the recording started");
        }
        net = recordedNet;
    }

    private int replay(final ElfImage image, final LogReader reader, final int ramBytes, final int checkInterval,
        final BlockStore diskStore)
    {
        final Replayer replayer = new Replayer(reader);
        final MachineContext context = new MachineContext()
            .ramBytes(ramBytes)
            .interruptCheckInstructions(checkInterval)
            .consoleSink(new StreamConsoleSink(System.out))
            .blockStore(diskStore)
            .inputs(replayer);
        if (net)
        {
            // The replayer hands the card its frames; this source is never polled.
            context.network(PacketSource.NONE, PacketSink.DISCARD);
        }
        try (Machine machine = new Machine(context))
        {
            machine.load(image);
            replayer.stateHashSource(machine::stateHash);
            replayer.stateCheckSource(machine);
            final BackoffIdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
            while (follow && !replayer.hasNext() && !replayer.ended() && replayer.failure() == null)
            {
                idle.idle(); // the recording has not written its first entry yet
            }
            try
            {
                replayer.start(ElfDigest.sha256(elf), ramBytes, checkInterval);
            }
            catch (final ReplayMismatchException ex)
            {
                throw new IllegalArgumentException(journalDirectory + ": " + ex.getMessage(), ex);
            }
            final StringBuilder report = new StringBuilder();
            final long startNs = System.nanoTime();
            final ReplayRun.Outcome outcome = ReplayRun.run(machine, replayer, idle, report);
            final long elapsedNs = System.nanoTime() - startNs;
            machine.flushConsole();
            if (stats)
            {
                System.err.printf("instructions: %d%nwall time: %.3f s%nMIPS: %.1f%n",
                    machine.icount(), elapsedNs / 1e9, machine.icount() * 1e3 / Math.max(1, elapsedNs));
            }
            System.err.println("tandem: " + report);
            if (outcome != ReplayRun.Outcome.MATCHED && outcome != ReplayRun.Outcome.LOG_ENDED && !devicesKnown &&
                !(net && disk != null))
            {
                // An older journal does not say which devices the recording had; a missing one diverges.
                System.err.println("tandem: if the recording had --net or --disk, replay with --net and "
                    + "--disk COPY (the image as it was before the recording)");
            }
            System.err.printf("tandem: final icount %d, state hash %016x%n", machine.icount(), machine.stateHash());
            switch (outcome)
            {
                case MATCHED:
                case LOG_ENDED:
                    return 0;
                default:
                    return ExitCodes.REPLAY_FAILED;
            }
        }
    }
}
