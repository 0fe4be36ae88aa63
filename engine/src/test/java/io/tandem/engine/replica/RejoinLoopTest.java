package io.tandem.engine.replica;

import io.tandem.engine.dev.ConsoleSource;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.StopReason;
import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.engine.snapshot.PreCopySender;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.tandem.engine.replica.RecordReplayTest.guest;
import static io.tandem.engine.replica.RecordReplayTest.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redundancy restored again and again under client load, in one thread: a kvstore primary logs its
 * inputs, a backup follows the log; one of them dies (the backup in even cycles, the primary in
 * odd ones, when the backup finishes the log and goes live as the new primary); a new backup joins
 * the survivor by pre-copy state transfer and follows its log from the cut. After 20 cycles the
 * last pair ends in the same state, and every request the clients sent was answered.
 */
class RejoinLoopTest
{
    private static final int CYCLES = 20;
    private static final int RAM_MIB = 16;
    private static final int REQUESTS_PER_CYCLE = 4;
    private static final int REQUESTS_PER_JOIN = 2;
    private static final int SLICES_PER_CYCLE = 30;
    private static final long SLICE = 50_000;
    private static final long STATE_CHECK_EVERY = 200_000;
    /** Far more run calls than catching up on a cycle's log ever takes. */
    private static final int MAX_CATCH_UP_CALLS = 10_000;
    private static final int SENT = CYCLES * REQUESTS_PER_CYCLE + (CYCLES + 1) * (REQUESTS_PER_JOIN + 1) + 8;

    private final Path elf = guest("kvstore.elf");
    private final byte[] digest = sha256(elf);
    private final PacedFrames clients = new PacedFrames();
    private final List<Integer> replies = new ArrayList<>();
    private FileBlockStore sharedDisk;

    @TempDir
    Path tmp;

    RejoinLoopTest() throws Exception
    {
    }

    @BeforeEach
    void disk()
    {
        // One image on storage both replicas reach: only the live one touches it, a replay takes
        // what it read from the log (a shared disk, as between two hosts).
        sharedDisk = FileBlockStore.open(tmp.resolve("shared.img"), 4L << 20);
    }

    @AfterEach
    void closeDisk()
    {
        sharedDisk.close();
    }

    /** Client requests that become available only as the test releases them: a steady load. */
    private static final class PacedFrames implements PacketSource
    {
        private final KvFrames all = new KvFrames().puts(SENT, 100);
        private int released;
        private int taken;

        void release(final int count)
        {
            released += count;
        }

        @Override
        public int poll(final MutableDirectBuffer buffer)
        {
            if (taken == released)
            {
                return -1;
            }
            taken++;
            return all.poll(buffer);
        }
    }

    /** One replica: a machine, following a log (backup) or recording one (primary). */
    private final class Replica implements AutoCloseable
    {
        final Machine machine;
        final SwitchableInputs inputs;
        final Replayer replayer;
        Recorder recorder;
        MemoryLog log;
        boolean live;

        Replica(final LogReader following)
        {
            replayer = following == null ? null : new Replayer(following);
            inputs = new SwitchableInputs(replayer);
            final MachineContext context = new MachineContext().ramMib(RAM_MIB).clock(new HostClock())
                .entropy(new HostEntropy()).hostId(7).inputs(inputs)
                .network(clients, (buffer, offset, length) -> sent(this, buffer, offset, length))
                .blockStore(sharedDisk).diskMode(DiskMode.SHARED);
            machine = new Machine(context);
            if (replayer != null)
            {
                replayer.stateHashSource(machine::stateHash);
                replayer.stateCheckSource(machine);
            }
        }

        /** Starts recording a new log: the first primary, or a backup going live. */
        void goLive()
        {
            final TakeoverClock clock = new TakeoverClock(new HostClock(), replayer == null ? () -> 0 : replayer::lastClockTicks);
            log = new MemoryLog();
            recorder = new Recorder(new LiveInputs(clock, new HostEntropy(), 7, ConsoleSource.NONE, clients), log,
                Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
            recorder.start(digest, machine.ram().sizeBytes(), machine.checkInterval());
            recorder.stateChecks(machine, STATE_CHECK_EVERY);
            inputs.switchTo(recorder);
            machine.reissuePendingIo(); // requests whose completion the dead primary never logged
            live = true;
        }

        @Override
        public void close()
        {
            machine.close();
        }
    }

    private void sent(final Replica from, final DirectBuffer buffer, final int offset, final int length)
    {
        final int requestNo = KvFrames.replyRequestNo(buffer, offset, length);
        if (from.live && requestNo > 0)
        {
            replies.add(requestNo);
        }
    }

    /** Runs the backup up to everything the primary has logged. */
    private static void catchUp(final Replica backup)
    {
        for (int calls = 0; ; calls++)
        {
            assertTrue(calls < MAX_CATCH_UP_CALLS, "the backup does not catch up: at instruction " +
                backup.machine.icount() + ", the log's last at " + backup.replayer.lastGoodIcount());
            final StopReason stop = backup.machine.run(1_000_000);
            assertNull(backup.replayer.failure(), backup.replayer.failure());
            assertTrue(stop != StopReason.HALT, backup.machine.haltMessage());
            if (stop != StopReason.BUDGET && !backup.replayer.hasNext())
            {
                return;
            }
        }
    }

    /** A new backup joins {@code primary} by pre-copy while its guest runs. */
    private Replica join(final Replica primary)
    {
        final Replica backup = new Replica(primary.log.reader());
        final ArrayDeque<byte[]> link = new ArrayDeque<>();
        final PreCopySender sender = new PreCopySender(primary.machine, digest, (buffer, offset, length) ->
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(offset, frame);
            return link.add(frame);
        }, new PreCopySender.Context().pagesPerStep(8).finalPages(4).verifyStateHash(true));
        final PreCopyReceiver receiver = new PreCopyReceiver(backup.machine, digest, "rejoin");
        clients.release(REQUESTS_PER_JOIN); // the guest serves requests, and so writes pages, during the transfer
        sender.start();
        while (sender.step() != PreCopySender.READY)
        {
            runPrimary(primary);
            drain(link, receiver);
        }
        // As a primary does, the guest runs on a little before it is stopped: what it writes now
        // is sent in the pause.
        clients.release(1);
        runPrimary(primary);
        while (!primary.machine.stateSavable())
        {
            runPrimary(primary);
        }
        while (!sender.finish(primary.recorder.lastSequence()))
        {
            drain(link, receiver);
        }
        drain(link, receiver);
        assertTrue(receiver.complete());
        backup.replayer.start(digest, backup.machine.ram().sizeBytes(), backup.machine.checkInterval());
        backup.replayer.skipThrough(receiver.journalSequence());
        return backup;
    }

    private static void drain(final ArrayDeque<byte[]> link, final PreCopyReceiver receiver)
    {
        while (!link.isEmpty())
        {
            final byte[] frame = link.poll();
            receiver.onFrame(new UnsafeBuffer(frame), 0, frame.length);
        }
    }

    private static void runPrimary(final Replica primary)
    {
        final StopReason stop = primary.machine.run(SLICE);
        assertTrue(stop != StopReason.HALT, primary.machine.haltMessage());
    }

    @Test
    void twentyCrashesAlternatingSidesEachFollowedByAPreCopyRejoin()
    {
        Replica primary = new Replica(null);
        primary.machine.load(ElfReader.read(elf));
        primary.goLive();
        Replica backup = join(primary);
        int joins = 1;
        try
        {
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                clients.release(REQUESTS_PER_CYCLE);
                for (int slice = 0; slice < SLICES_PER_CYCLE; slice++)
                {
                    runPrimary(primary);
                    catchUp(backup);
                }
                if (cycle % 2 == 0)
                {
                    backup.close(); // the backup dies; the primary goes on alone
                }
                else
                {
                    primary.close(); // the primary dies; the backup finishes the log and goes live
                    catchUp(backup);
                    backup.goLive();
                    primary = backup;
                }
                backup = join(primary);
                joins++;
            }
            clients.release(8);
            for (int slice = 0; slice < SLICES_PER_CYCLE * 4; slice++)
            {
                runPrimary(primary);
                catchUp(backup);
            }
            primary.recorder.finish(primary.machine.icount(), primary.machine.stateHash(), primary.machine.cpu().pc(),
                primary.machine.haltReason().ordinal(), primary.machine.exitCode());
            primary.log.finish();
            final StringBuilder report = new StringBuilder();
            assertEquals(ReplayRun.Outcome.MATCHED,
                ReplayRun.run(backup.machine, backup.replayer, NoOpIdleStrategy.INSTANCE, report), report.toString());
            assertEquals(primary.machine.stateHash(), backup.machine.stateHash());
        }
        finally
        {
            primary.close();
            backup.close();
        }
        assertEquals(CYCLES + 1, joins);
        final TreeSet<Integer> answered = new TreeSet<>(replies);
        final int sentRequests = SENT;
        assertEquals(sentRequests, answered.size(), "every request answered at least once: " + answered);
        assertEquals(1, (int)answered.first());
        assertEquals(sentRequests, (int)answered.last());
    }
}
