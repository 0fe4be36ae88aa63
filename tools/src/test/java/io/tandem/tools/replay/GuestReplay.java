package io.tandem.tools.replay;

import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.ReplayRun;
import io.tandem.engine.replica.Replayer;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalReader;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.nio.file.Path;
import java.util.List;

/**
 * Replays a journal on a machine of another host: its own clock, entropy and host identity
 * (which the replay must never consult), its own disk image, and a network card whose frames
 * go nowhere but are kept for comparison.
 */
final class GuestReplay
{
    /** A host identity unlike the recording's. */
    static final int HOST_ID = 0x0BAD_CAFE;

    /** How a replay ended. */
    static final class Replayed
    {
        ReplayRun.Outcome outcome;
        String report;
        long icount;
        long stateHash;
        String console;
        List<byte[]> framesSent;
    }

    private GuestReplay()
    {
    }

    /**
     * @param elf              the guest the journal was recorded from.
     * @param journalDirectory a finished journal.
     * @param disk             the replay's own disk image (it writes to it), or null for none.
     * @return how it ended.
     */
    static Replayed replay(final Path elf, final Path journalDirectory, final Path disk)
    {
        final ConsoleCapture console = new ConsoleCapture();
        final CapturingPacketSink sent = new CapturingPacketSink(PacketSink.DISCARD);
        try (ChronicleJournal journal = ChronicleJournal.open(journalDirectory);
            JournalReader reader = journal.reader();
            FileBlockStore store = disk == null ? null : FileBlockStore.open(disk, 0))
        {
            final Replayer replayer = new Replayer(reader);
            final MachineContext context = new MachineContext().ramMib(RecordingGuest.RAM_MIB)
                .clock(new VirtualClock(3)).entropy(new SeededEntropy(99)).hostId(HOST_ID)
                .consoleSink(console)
                // Frames come from the journal through the replayer; this source is never polled.
                .network(PacketSource.NONE, sent)
                .blockStore(store)
                .inputs(replayer);
            try (Machine machine = new Machine(context))
            {
                machine.load(ElfReader.read(elf));
                replayer.stateHashSource(machine::stateHash);
                replayer.start(Guests.sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
                final StringBuilder report = new StringBuilder();
                final Replayed replayed = new Replayed();
                replayed.outcome = ReplayRun.run(machine, replayer, NoOpIdleStrategy.INSTANCE, report);
                machine.flushConsole();
                replayed.report = report.toString();
                replayed.icount = machine.icount();
                replayed.stateHash = machine.stateHash();
                replayed.console = console.text();
                replayed.framesSent = sent.frames();
                return replayed;
            }
        }
    }
}
