package io.tandem.engine.replica;

import io.tandem.codec.DiskCompletion;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.StopReason;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.engine.replica.RecordReplayTest.guest;
import static io.tandem.engine.replica.RecordReplayTest.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Asynchronous disk completions of the kvstore guest (every change written through to its disk)
 * recorded and replayed, on a private image and on a shared one (a backup that goes live between
 * a request and its completion is the node module's BackupDiskCompletionTest, on this recording).
 */
public class DiskCompletionReplayTest
{
    /** Guest RAM of the recorded kvstore, MiB. */
    public static final int RAM_MIB = 16;
    /** Size of the recorded kvstore's disk image. */
    public static final long DISK_BYTES = 4L << 20;
    /** PUTs in a recorded session. */
    public static final int PUTS = 12;
    private static final long RECORD_DEADLINE_NS = 60_000_000_000L;

    @TempDir
    Path tmp;

    /** A recorded kvstore session: its log, where it ended, and the replies the guest sent. */
    public static final class Recording
    {
        /** The log. */
        public final MemoryLog log = new MemoryLog();
        /** The request numbers of the guest's replies, in order. */
        public final List<Integer> replies = new ArrayList<>();
        long icount;
        long stateHash;
        LogStatistics statistics;
        long diskRequests;
    }

    /** A shared disk that a replay must never touch, for other tests. */
    static final class NoDisk extends UntouchableStore
    {
    }

    /** A disk the replay must never touch: a shared image belongs to the live machine alone. */
    private static class UntouchableStore implements BlockStore
    {
        @Override
        public long capacitySectors()
        {
            return DISK_BYTES / SECTOR_BYTES;
        }

        @Override
        public boolean read(final long position, final MutableDirectBuffer dst, final int dstOffset, final int length)
        {
            throw new AssertionError("a replay read the shared disk at byte " + position);
        }

        @Override
        public boolean write(final long position, final DirectBuffer src, final int srcOffset, final int length)
        {
            throw new AssertionError("a replay wrote the shared disk at byte " + position);
        }

        @Override
        public boolean flush()
        {
            throw new AssertionError("a replay flushed the shared disk");
        }

        @Override
        public void close()
        {
        }
    }

    /**
     * @param into where the request numbers go.
     * @return a sink that takes the kvstore guest's replies' request numbers.
     */
    public static PacketSink replies(final List<Integer> into)
    {
        return (buffer, offset, length) ->
        {
            final int requestNo = KvFrames.replyRequestNo(buffer, offset, length);
            if (requestNo > 0)
            {
                into.add(requestNo);
            }
        };
    }

    /** Records kvstore serving {@code puts} PUTs until it waits for more with its disk idle. */
    /**
     * A kvstore machine fed by {@code replayer}, whose own clock, entropy and host identity differ
     * from the recorder's: whatever it takes from them instead of the log shows as a divergence.
     */
    static MachineContext replayingContext(final BlockStore store, final Replayer replayer)
    {
        return new MachineContext().ramMib(RAM_MIB)
            .clock(new VirtualClock(3)).entropy(new SeededEntropy(99)).hostId(2)
            .network(PacketSource.NONE, PacketSink.DISCARD).blockStore(store).inputs(replayer);
    }

    public static Recording record(final Path image, final DiskMode mode, final boolean ioThread, final int puts)
        throws Exception
    {
        final Path elf = guest("kvstore.elf");
        final Recording recording = new Recording();
        try (FileBlockStore store = FileBlockStore.open(image, DISK_BYTES))
        {
            final MachineContext context = new MachineContext().ramMib(RAM_MIB)
                .clock(new VirtualClock()).entropy(new SeededEntropy(1)).hostId(1)
                .network(new KvFrames().puts(puts, 300), replies(recording.replies))
                .blockStore(store).diskMode(mode).diskIoThread(ioThread);
            final Recorder recorder = new Recorder(LiveInputs.from(context), recording.log,
                Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
            context.inputs(recorder);
            try (Machine machine = new Machine(context))
            {
                machine.load(ElfReader.read(elf));
                recorder.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
                final long deadline = System.nanoTime() + RECORD_DEADLINE_NS;
                while (true)
                {
                    final StopReason stop = machine.run(1_000_000);
                    if (stop == StopReason.HALT)
                    {
                        fail("kvstore halted: " + machine.haltMessage());
                    }
                    if (stop == StopReason.WFI && !machine.skipToTimer())
                    {
                        if (recording.replies.size() == puts && machine.disk().completed() == machine.disk().requests())
                        {
                            break;
                        }
                        Thread.yield(); // an I/O thread's completion is on its way
                    }
                    assertTrue(System.nanoTime() < deadline, "kvstore did not answer every request in time");
                }
                recording.icount = machine.icount();
                recording.stateHash = machine.stateHash();
                recording.diskRequests = machine.disk().requests();
                recorder.finish(machine.icount(), recording.stateHash, machine.cpu().pc(),
                    machine.haltReason().ordinal(), machine.exitCode());
                recording.statistics = recorder.statistics();
            }
        }
        recording.log.finish();
        return recording;
    }

    /** Replays on a machine with another clock, entropy and host identity, and no network of its own. */
    private static ReplayRun.Outcome replay(
        final LogReader reader, final BlockStore store, final DiskMode mode, final StringBuilder report) throws Exception
    {
        final Path elf = guest("kvstore.elf");
        final MachineContext context = new MachineContext().ramMib(RAM_MIB)
            .clock(new VirtualClock(3)).entropy(new SeededEntropy(99)).hostId(2)
            .network(PacketSource.NONE, PacketSink.DISCARD).blockStore(store).diskMode(mode);
        final Replayer replayer = new Replayer(reader);
        context.inputs(replayer);
        try (Machine machine = new Machine(context))
        {
            machine.load(ElfReader.read(elf));
            replayer.stateHashSource(machine::stateHash);
            replayer.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
            return ReplayRun.run(machine, replayer, NoOpIdleStrategy.INSTANCE, report);
        }
    }

    private static ReplayRun.Outcome replay(final LogReader reader, final Path image, final DiskMode mode,
        final StringBuilder report) throws Exception
    {
        try (FileBlockStore store = FileBlockStore.open(image, DISK_BYTES))
        {
            return replay(reader, store, mode, report);
        }
    }

    /** @return byte offsets of every entry of {@code type} in the log. */
    /** @return the offsets of the log's entries of a type. */
    public static List<Integer> offsetsOf(final MemoryLog log, final int type)
    {
        final List<Integer> offsets = new ArrayList<>();
        final LogEntry entry = new LogEntry();
        int offset = 0;
        while (offset < log.length())
        {
            entry.wrapForRead(log.bytes(), offset);
            if (entry.type() == type)
            {
                offsets.add(offset);
            }
            offset += entry.length();
        }
        return offsets;
    }

    @Test
    void privateDiskCompletionsOnAnIoThreadReplayToTheSameStateAndDiskImage() throws Exception
    {
        final Path recorded = tmp.resolve("recorded.img");
        final Recording recording = record(recorded, DiskMode.PRIVATE, true, PUTS);
        assertEquals(PUTS, recording.replies.size());
        assertEquals(recording.diskRequests, recording.statistics.entries(EntryType.DISK_COMPLETION),
            "one DISK_COMPLETION per request");
        assertTrue(recording.diskRequests > PUTS, "kvstore formatted its disk and wrote every PUT through");
        assertEquals(LogEntry.HEADER_LENGTH + 16, (int)(recording.statistics.bytes(EntryType.DISK_COMPLETION) /
            recording.statistics.entries(EntryType.DISK_COMPLETION)), "a private disk's completions carry no data");

        final Path replayed = tmp.resolve("replayed.img");
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.MATCHED, replay(recording.log.reader(), replayed, DiskMode.PRIVATE, report),
            report.toString());
        assertTrue(report.toString().contains(Long.toString(recording.icount)), report.toString());
        assertArrayEquals(Files.readAllBytes(recorded), Files.readAllBytes(replayed),
            "the replay wrote its own image to the same bytes");
    }

    @Test
    void sharedDiskReadsReplayFromTheLogWithoutTouchingTheDisk() throws Exception
    {
        // A formatted image first, so that the recorded boot reads all of kvstore's tables back.
        final Path image = tmp.resolve("shared.img");
        record(image, DiskMode.PRIVATE, false, 2);
        final Recording recording = record(image, DiskMode.SHARED, true, PUTS);
        assertEquals(PUTS, recording.replies.size());
        assertTrue(recording.statistics.bytes(EntryType.DISK_COMPLETION) > 3_000_000,
            "the reads' data travels in the log: " + recording.statistics.bytes(EntryType.DISK_COMPLETION));

        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.MATCHED,
            replay(recording.log.reader(), new UntouchableStore(), DiskMode.SHARED, report), report.toString());
    }

    @Test
    void aSharedReadWhoseDataWasAlteredIsCaught() throws Exception
    {
        final Path image = tmp.resolve("shared.img");
        record(image, DiskMode.PRIVATE, false, 2);
        final Recording recording = record(image, DiskMode.SHARED, false, 1);
        final LogEntry entry = new LogEntry();
        int withData = -1;
        for (final int offset : offsetsOf(recording.log, EntryType.DISK_COMPLETION))
        {
            entry.wrapForRead(recording.log.bytes(), offset);
            if ((entry.payloadU8(DiskCompletion.FLAGS_OFFSET) & DiskCompletion.FLAG_DATA) != 0 &&
                entry.payloadInt(DiskCompletion.DATA_LENGTH_OFFSET) == 64 * 1024)
            {
                withData = offset; // the first chunk of kvstore's slot table
                break;
            }
        }
        assertTrue(withData >= 0, "kvstore read its tables back in 64 KiB requests");
        final MutableDirectBuffer bytes = recording.log.bytes();
        final int bit = withData + LogEntry.HEADER_LENGTH + DiskCompletion.DATA_OFFSET + 5000;
        bytes.putByte(bit, (byte)(bytes.getByte(bit) ^ 0x04));

        final StringBuilder damaged = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED,
            replay(recording.log.reader(), new UntouchableStore(), DiskMode.SHARED, damaged), damaged.toString());
        assertTrue(damaged.toString().contains("bad checksum"), damaged.toString());

        // The same change with a checksum made to match: the guest reads other data and ends elsewhere.
        entry.wrap(bytes, withData);
        entry.seal(entry.payloadLength());
        final StringBuilder altered = new StringBuilder();
        final ReplayRun.Outcome outcome =
            replay(recording.log.reader(), new UntouchableStore(), DiskMode.SHARED, altered);
        assertNotEquals(ReplayRun.Outcome.MATCHED, outcome, altered.toString());
    }

    @Test
    void aPrivateLogReplayedOnASharedDiskIsRefused() throws Exception
    {
        final Recording recording = record(tmp.resolve("private.img"), DiskMode.PRIVATE, false, 1);
        final StringBuilder report = new StringBuilder();
        assertEquals(ReplayRun.Outcome.DIVERGED,
            replay(recording.log.reader(), new UntouchableStore(), DiskMode.SHARED, report), report.toString());
        assertTrue(report.toString().contains("recorded on a private disk"), report.toString());
    }

    @Test
    void aReplayFedOneEntryAtATimeWaitsForEveryEntryOfACheckPoint() throws Exception
    {
        // A backup can read half of what one check point logged (a frame and a completion at the
        // same icount); applying that half and moving on would lose the other.
        final Recording recording = record(tmp.resolve("recorded.img"), DiskMode.PRIVATE, false, PUTS);
        final Path elf = guest("kvstore.elf");
        final LogEntry entry = new LogEntry();
        final ReceivedLog received = new ReceivedLog();
        final Replayer replayer = new Replayer(received);
        int sharedIcounts = 0;
        long previousIcount = -1;
        try (FileBlockStore store = FileBlockStore.open(tmp.resolve("replayed.img"), DISK_BYTES))
        {
            final MachineContext context = replayingContext(store, replayer);
            try (Machine machine = new Machine(context))
            {
                machine.load(ElfReader.read(elf));
                replayer.stateHashSource(machine::stateHash);
                for (int offset = 0; offset < recording.log.length(); offset += entry.length())
                {
                    entry.wrapForRead(recording.log.bytes(), offset);
                    sharedIcounts += entry.icount() == previousIcount && entry.type() != EntryType.RUN_END ? 1 : 0;
                    previousIcount = entry.icount();
                    received.add(recording.log.bytes(), offset, entry.length());
                    if (offset == 0)
                    {
                        replayer.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
                    }
                    else if (entry.type() != EntryType.RUN_END)
                    {
                        machine.run(Long.MAX_VALUE);
                        assertTrue(machine.icount() <= entry.icount(), "never past the last entry received");
                    }
                }
                received.finish();
                assertTrue(sharedIcounts > 0, "some check point logged more than one entry");
                final StringBuilder report = new StringBuilder();
                assertEquals(ReplayRun.Outcome.MATCHED,
                    ReplayRun.run(machine, replayer, NoOpIdleStrategy.INSTANCE, report), report.toString());
            }
        }
    }
}
