package io.tandem.tools;

import io.tandem.node.ElfDigest;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.StreamConsoleSink;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.ReplayMismatchException;
import io.tandem.engine.replica.Replayer;
import io.tandem.engine.replica.SwitchableInputs;
import io.tandem.engine.snapshot.SnapshotFile;
import io.tandem.engine.snapshot.SnapshotInfo;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalReader;
import io.tandem.transport.journal.JournalSnapshots;

import java.nio.file.Path;

/**
 * A machine replaying a journal, started either from the guest ELF (the journal's first entry) or
 * from a snapshot of the journal (the entry after the one the snapshot follows), with the devices
 * the recording had: a network card whose frames come from the journal, and a disk working on a
 * temporary copy of the image as it was at the starting point.
 */
final class ReplayingMachine implements AutoCloseable
{
    final ChronicleJournal journal;
    final Replayer replayer;
    /** The machine's inputs: the replayer, until the caller switches them to the world. */
    final SwitchableInputs inputs;
    final Machine machine;
    final SnapshotInfo snapshot;
    private final JournalReader reader;
    private final DiskImageCopy diskCopy;

    private ReplayingMachine(final ChronicleJournal journal, final JournalReader reader, final Replayer replayer,
        final SwitchableInputs inputs, final Machine machine, final DiskImageCopy diskCopy, final SnapshotInfo snapshot)
    {
        this.journal = journal;
        this.reader = reader;
        this.replayer = replayer;
        this.inputs = inputs;
        this.machine = machine;
        this.diskCopy = diskCopy;
        this.snapshot = snapshot;
    }

    /**
     * @param journalDirectory the journal.
     * @param elf              the guest it was recorded from.
     * @param snapshotFile     a snapshot of that journal to start from, or null to start from the ELF.
     * @param net              without a snapshot: the recording had a network card.
     * @param startDisk        without a snapshot: the disk image as the recording started, or null.
     * @param console          where the guest's console output goes.
     * @param frames           where the network card's frames go (the replay's are the recording's
     *                         again: a caller that resumes the machine later forwards them only then).
     * @param diskWorkFile     the file the disk works on (a copy of the image, kept), or null for
     *                         a temporary copy.
     * @throws io.tandem.engine.snapshot.SnapshotFormatException when the snapshot cannot be loaded.
     * @throws IllegalArgumentException when the journal does not fit the guest or the snapshot.
     */
    static ReplayingMachine open(final Path journalDirectory, final Path elf, final Path snapshotFile,
        final boolean net, final Path startDisk, final boolean console)
    {
        return open(journalDirectory, elf, snapshotFile, net, startDisk,
            console ? new StreamConsoleSink(System.out) : ConsoleSink.DISCARD, PacketSink.DISCARD, null);
    }

    /**
     * As {@link #open(Path, Path, Path, boolean, Path, boolean)}, with the console, the card's
     * sink and the disk's file chosen.
     */
    static ReplayingMachine open(final Path journalDirectory, final Path elf, final Path snapshotFile,
        final boolean net, final Path startDisk, final ConsoleSink console, final PacketSink frames,
        final Path diskWorkFile)
    {
        final byte[] digest = ElfDigest.sha256(elf);
        final SnapshotInfo header = snapshotFile == null ? null : SnapshotFile.readInfo(snapshotFile);
        final ChronicleJournal journal = ChronicleJournal.open(journalDirectory);
        JournalReader reader = null;
        DiskImageCopy diskCopy = null;
        Machine machine = null;
        try
        {
            final JournalStart start = JournalStart.read(journal, journalDirectory);
            // A journal whose writer died is replayed to its last whole entry.
            reader = journal.isFinished() ? journal.reader() : journal.readerToCurrentEnd();
            final Replayer replayer = new Replayer(reader);
            final boolean withNet = header != null ? header.network() : net;
            final Path disk = header == null ? startDisk : header.disk() ? JournalSnapshots.diskImageOf(snapshotFile) : null;
            diskCopy = disk == null ? null : diskWorkFile == null ? DiskImageCopy.of(disk) :
                DiskImageCopy.kept(disk, diskWorkFile);
            final SwitchableInputs inputs = new SwitchableInputs(replayer);
            final MachineContext context = new MachineContext()
                .ramBytes(start.ramBytes)
                .interruptCheckInstructions(start.checkInterval)
                .blockStore(diskCopy == null ? null : diskCopy.store())
                .inputs(inputs);
            context.consoleSink(console);
            if (withNet)
            {
                context.network(PacketSource.NONE, frames); // incoming frames come from the journal
            }
            machine = new Machine(context);
            replayer.stateHashSource(machine::stateHash);
            replayer.stateCheckSource(machine);
            try
            {
                replayer.start(digest, start.ramBytes, start.checkInterval);
            }
            catch (final ReplayMismatchException ex)
            {
                throw new IllegalArgumentException(journalDirectory + ": " + ex.getMessage(), ex);
            }
            final SnapshotInfo loaded;
            if (snapshotFile == null)
            {
                machine.load(ElfReader.read(elf));
                loaded = null;
            }
            else
            {
                loaded = SnapshotFile.load(snapshotFile, machine, digest);
                try
                {
                    replayer.skipThrough(loaded.journalSequence());
                }
                catch (final ReplayMismatchException ex)
                {
                    throw new IllegalArgumentException(snapshotFile + " follows journal entry " +
                        loaded.journalSequence() + " of " + journalDirectory + ": " + ex.getMessage(), ex);
                }
            }
            return new ReplayingMachine(journal, reader, replayer, inputs, machine, diskCopy, loaded);
        }
        catch (final RuntimeException ex)
        {
            closeAll(machine, diskCopy, reader, journal, ex);
            throw ex;
        }
    }

    private static void closeAll(final Machine machine, final DiskImageCopy diskCopy, final JournalReader reader,
        final ChronicleJournal journal, final RuntimeException cause)
    {
        for (final AutoCloseable closeable : new AutoCloseable[] {machine, diskCopy, reader, journal})
        {
            try
            {
                if (closeable != null)
                {
                    closeable.close();
                }
            }
            catch (final Exception ex)
            {
                cause.addSuppressed(ex);
            }
        }
    }

    /** @return the disk image the machine works on, or null. */
    DiskImageCopy disk()
    {
        return diskCopy;
    }

    @Override
    public void close()
    {
        final RuntimeException none = new RuntimeException();
        closeAll(machine, diskCopy, reader, journal, none);
        if (none.getSuppressed().length > 0)
        {
            final RuntimeException first = new IllegalStateException("cannot close the replay: " +
                none.getSuppressed()[0].getMessage(), none.getSuppressed()[0]);
            throw first;
        }
    }
}
