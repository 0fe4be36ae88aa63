package io.tandem.engine.replica;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.tandem.engine.replica.RecordReplayTest.guest;
import static io.tandem.engine.replica.RecordReplayTest.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replay tailing a log still being written ({@code replay --follow}) can read the first of the
 * entries that one check point logged (a frame and a disk completion at the same icount) before
 * the others are written. It must wait there, not take the wait for a stalled log.
 */
class HalfArrivedCheckPointTest
{
    private static final long DISK_BYTES = 4L << 20;

    @TempDir
    Path tmp;

    @Test
    void aReplayOfALogStillBeingWrittenWaitsAtACheckPointWhoseEntriesHaveNotAllArrived() throws Exception
    {
        final DiskCompletionReplayTest.Recording recording =
            DiskCompletionReplayTest.record(tmp.resolve("recorded.img"), DiskMode.PRIVATE, false, 12);
        final StagedLog log = new StagedLog(recording.log);
        assertTrue(log.sharedIcounts > 0, "some check point logged more than one entry");
        final Replayer replayer = new Replayer(log);
        final Path elf = guest("kvstore.elf");
        try (FileBlockStore store = FileBlockStore.open(tmp.resolve("replayed.img"), DISK_BYTES))
        {
            final MachineContext context = DiskCompletionReplayTest.replayingContext(store, replayer);
            try (Machine machine = new Machine(context))
            {
                machine.load(ElfReader.read(elf));
                replayer.stateHashSource(machine::stateHash);
                log.arrive();
                replayer.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
                // Each time the replay waits, the writer gets one entry further.
                final IdleStrategy writerCatchesUp = new IdleStrategy()
                {
                    @Override
                    public void idle(final int workCount)
                    {
                        idle();
                    }

                    @Override
                    public void idle()
                    {
                        if (replayer.hasNext() && replayer.next().icount() == machine.icount())
                        {
                            log.heldWithAnEntryInHand++;
                        }
                        log.arrive();
                    }

                    @Override
                    public void reset()
                    {
                    }
                };
                final StringBuilder report = new StringBuilder();
                assertEquals(ReplayRun.Outcome.MATCHED, ReplayRun.run(machine, replayer, writerCatchesUp, report),
                    report.toString());
                assertEquals(recording.stateHash, machine.stateHash());
                assertTrue(log.heldWithAnEntryInHand > 0,
                    "the replay waited at a check point whose first entry it had already read");
            }
        }
    }

    /**
     * A finished log handed out as if its writer were still at work: entries become readable one
     * at a time, and {@link #receivedIcount()} knows only those.
     */
    private static final class StagedLog implements LogReader
    {
        private final MemoryLog log;
        private final LogEntry entry = new LogEntry();
        private int arrivedEnd;
        private int readEnd;
        private long arrivedIcount = -1;
        int sharedIcounts;
        int heldWithAnEntryInHand;

        StagedLog(final MemoryLog log)
        {
            this.log = log;
            long previous = -1;
            for (int offset = 0; offset < log.length(); offset += entry.length())
            {
                entry.wrapForRead(log.bytes(), offset);
                sharedIcounts += entry.icount() == previous && entry.type() != EntryType.RUN_END ? 1 : 0;
                previous = entry.icount();
            }
        }

        void arrive()
        {
            if (arrivedEnd < log.length())
            {
                entry.wrapForRead(log.bytes(), arrivedEnd);
                arrivedIcount = entry.icount();
                arrivedEnd += entry.length();
            }
        }

        @Override
        public int poll(final MutableDirectBuffer buffer)
        {
            if (readEnd == arrivedEnd)
            {
                return readEnd == log.length() ? END : NOT_YET;
            }
            final int length = entry.wrapForRead(log.bytes(), readEnd).length();
            buffer.putBytes(0, log.bytes(), readEnd, length);
            readEnd += length;
            return length;
        }

        @Override
        public long receivedIcount()
        {
            return arrivedEnd == log.length() ? Long.MAX_VALUE : arrivedIcount;
        }
    }
}
