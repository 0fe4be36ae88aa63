package io.tandem.node;

import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.KvFrames;
import io.tandem.engine.replica.MemoryChannel;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.engine.replica.Recorder;
import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.engine.snapshot.PreCopySender;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kvstore primary running alone under client load takes a new backup by state transfer between
 * its slices: it is paired again from the cut, holds outputs until the new backup acknowledges,
 * and the new backup follows the log from the cut to the same state at the same instruction.
 * Driven from one thread with in-memory channels and a hand-moved clock.
 */
class PrimaryJoinTest
{
    private static final long TIMEOUT_NS = 200_000_000L;
    private static final int REQUESTS = 40;
    /** Frames the link holds before it pushes back: the sender must offer again later. */
    private static final int LINK_FRAMES = 16;

    @TempDir
    Path tmp;

    private final Path elf = TestGuests.guest("kvstore.elf");
    private final byte[] digest = ElfDigest.sha256(elf);
    private final CachedNanoClock clock = new CachedNanoClock();
    private final MemoryChannel logChannel = new MemoryChannel();
    private final MemoryChannel ackChannel = new MemoryChannel();
    private final PacedRequests clients = new PacedRequests();
    private final List<Integer> replies = new ArrayList<>();
    private final ArrayDeque<byte[]> link = new ArrayDeque<>();
    private FileBlockStore disk;
    private FileArbiter arbiter;
    private final CountersManager counters = TestCounters.inMemory();
    private PrimaryNode primaryNode;
    private BackupNode backupNode;
    private PrimaryReplica primary;
    private BackupReplica backup;

    PrimaryJoinTest() throws Exception
    {
    }

    /** Client requests released by the test, a few at a time: a steady write load. */
    private static final class PacedRequests implements PacketSource
    {
        private final KvFrames all = new KvFrames().puts(REQUESTS, 200);
        private int released;
        private int taken;

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

    @BeforeEach
    void setUp() throws Exception
    {
        disk = FileBlockStore.open(tmp.resolve("shared.img"), 4L << 20);
        arbiter = new FileArbiter(Files.createDirectories(tmp.resolve("arbiter")));
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(primaryNode, backupNode, disk);
    }

    private static PairConfig config()
    {
        return new PairConfig().failureTimeoutNs(TIMEOUT_NS).startupTimeoutNs(TIMEOUT_NS)
            .heartbeatIntervalNs(10_000_000L).sliceInstructions(20_000).epochInstructions(20_000)
            .stateCheckInstructions(100_000);
    }

    private MachineContext machineContext()
    {
        return new MachineContext().ramMib(16).clock(new HostClock()).entropy(new HostEntropy())
            .blockStore(disk).diskMode(DiskMode.SHARED);
    }

    private void reply(final DirectBuffer buffer, final int offset, final int length)
    {
        final int requestNo = KvFrames.replyRequestNo(buffer, offset, length);
        if (requestNo > 0)
        {
            replies.add(requestNo);
        }
    }

    /** A primary whose backup never came: it runs alone once the start-up timeout has passed. */
    private void alonePrimary() throws Exception
    {
        primaryNode = new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(elf)).machine(machineContext())
            .network(clients, this::reply).channels(logChannel, ackChannel).arbiter(arbiter).config(config())
            .clock(clock).counters(counters));
        primaryNode.begin(digest);
        primary = primaryNode.replica();
        for (int round = 0; round < 400 && primary.state() != PrimaryReplica.State.ALONE; round++)
        {
            clock.update(clock.nanoTime() + 1_000_000L);
            primary.doWork();
        }
        assertEquals(PrimaryReplica.State.ALONE, primary.state(), primary.haltReason());
        assertTrue(Files.exists(arbiter.claimFile("tandem", 1)));
        // The link carried nothing while alone; what a new backup reads starts at the cut.
        logChannel.poll((buffer, offset, length) -> { }, Integer.MAX_VALUE);
    }

    private boolean linkOffer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (link.size() >= LINK_FRAMES)
        {
            return false;
        }
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        return link.add(frame);
    }

    /** A new backup joins: the primary sends its state between slices, under load. */
    private PreCopyReceiver join(final PreCopySender.Context tuning)
    {
        backupNode = new BackupNode(new BackupNodeContext().machine(machineContext()).network(clients, this::reply)
            .channels(logChannel, ackChannel).arbiter(arbiter).config(config()).clock(clock).counters(counters));
        final PreCopyReceiver receiver = new PreCopyReceiver(backupNode.machine(), digest, "the primary");
        assertTrue(primary.acceptBackup(new PreCopySender(primary.machine(), digest, this::linkOffer, tuning)));
        assertFalse(primary.acceptBackup(new PreCopySender(primary.machine(), digest, this::linkOffer, tuning)),
            "one transfer at a time");
        for (int round = 0; primary.transferring(); round++)
        {
            assertTrue(round < 100_000, "the transfer does not end");
            if (round % 50 == 0)
            {
                clients.released = Math.min(REQUESTS, clients.released + 1);
            }
            primary.doWork();
            while (!link.isEmpty() && (round & 1) == 0) // the link drains at its own pace
            {
                final byte[] frame = link.poll();
                receiver.onFrame(new UnsafeBuffer(frame), 0, frame.length);
            }
        }
        while (!link.isEmpty())
        {
            final byte[] frame = link.poll();
            receiver.onFrame(new UnsafeBuffer(frame), 0, frame.length);
        }
        if (!receiver.complete())
        {
            return receiver;
        }
        backupNode.followFrom(receiver);
        backup = backupNode.replica();
        return receiver;
    }

    private void step(final int rounds, final boolean stepPrimary)
    {
        for (int i = 0; i < rounds; i++)
        {
            clock.update(clock.nanoTime() + 1_000_000L);
            if (i % 20 == 0)
            {
                clients.released = Math.min(REQUESTS, clients.released + 1);
            }
            if (stepPrimary)
            {
                primary.doWork();
            }
            backup.doWork();
        }
    }

    @Test
    void aBackupJoinsAnAlonePrimaryUnderLoadAndReachesTheSameStateAtTheSameInstruction() throws Exception
    {
        alonePrimary();
        clients.released = 4;
        step0(200);
        final PreCopyReceiver receiver = join(new PreCopySender.Context().pagesPerStep(32).finalPages(16));
        assertTrue(receiver.complete(), "the new backup holds the primary's state");
        assertEquals(PrimaryReplica.State.PAIRED, primary.state());
        assertEquals(2, primary.generation(), "the new pair fails over on a generation of its own");
        assertEquals(2, receiver.pairGeneration(), "the transfer tells the new backup which");
        assertEquals(1, primary.transfersDone());
        System.out.printf("join: guest stopped %d us, whole transfer %d us, %d pages%n",
            primary.lastTransferPauseNs() / 1000, primary.lastTransferTotalNs() / 1000, receiver.pagesReceived());

        final int repliesAtCut = replies.size();
        step(3000, true);
        assertEquals(BackupReplica.State.FOLLOWING, backup.state(), String.valueOf(backup.haltReason()));
        assertEquals(PrimaryReplica.State.PAIRED, primary.state(), String.valueOf(primary.haltReason()));
        assertTrue(primary.ackedSequence() > receiver.journalSequence(), "the new backup acknowledges the log");
        assertTrue(replies.size() > repliesAtCut, "outputs leave once acknowledged");
        assertEquals(REQUESTS, new TreeSet<>(replies).size(), "every request answered: " + new TreeSet<>(replies));
        assertEquals(replies.size(), new TreeSet<>(replies).size(), "none twice");

        // The primary stops at a slice's end and says where: the backup replays to that point.
        final Machine primaryMachine = primary.machine();
        final Recorder recorder = primary.recorder();
        recorder.finish(primaryMachine.icount(), primaryMachine.stateHash(), primaryMachine.cpu().pc(),
            primaryMachine.haltReason().ordinal(), primaryMachine.exitCode());
        for (int i = 0; i < 10_000 && backup.machine().icount() < primaryMachine.icount(); i++)
        {
            backup.doWork(); // the clock stands still: no failover meanwhile
        }
        assertEquals(primaryMachine.icount(), backup.machine().icount(), String.valueOf(backup.haltReason()));
        assertEquals(primaryMachine.stateHash(), backup.machine().stateHash());
    }

    @Test
    void afterAJoinTheNewBackupTakesOverOnTheNewGenerationWhichTheOldBackupCannotWin() throws Exception
    {
        alonePrimary();
        join(new PreCopySender.Context().pagesPerStep(64).finalPages(16));
        step(300, true);
        assertEquals(Arbiter.Outcome.LOST, arbiter.testAndSet("tandem", 1, "the old backup"));
        logChannel.connected(false); // the primary dies
        ackChannel.connected(false);
        step(1000, false);
        assertEquals(BackupReplica.State.LIVE, backup.state(), String.valueOf(backup.haltReason()));
        assertTrue(Files.exists(arbiter.claimFile("tandem", 2)));
    }

    @Test
    void aJoinRequestOnTheAcknowledgementChannelStartsATransferOnlyWhileThePrimaryRunsAlone() throws Exception
    {
        alonePrimary();
        primary.joinsOnRequest(() -> new PreCopySender(primary.machine(), digest, this::linkOffer,
            new PreCopySender.Context()), null);
        final org.agrona.concurrent.UnsafeBuffer request = new org.agrona.concurrent.UnsafeBuffer(
            new byte[io.tandem.codec.LogEntry.HEADER_LENGTH + io.tandem.codec.Ack.LENGTH]);
        final int length = new io.tandem.codec.LogEntry().wrap(request, 0).type(io.tandem.codec.EntryType.ACK)
            .sequence(0).icount(0).payloadLong(io.tandem.codec.Ack.SEQUENCE_OFFSET, io.tandem.codec.Ack.JOIN_REQUEST)
            .seal(io.tandem.codec.Ack.LENGTH);
        assertTrue(ackChannel.offer(request, 0, length) > 0);
        for (int round = 0; round < 100 && primary.transfersDone() == 0; round++)
        {
            primary.doWork();
            link.clear(); // the joiner's side is not under test here
        }
        assertEquals(1, primary.transfersDone(), "an alone primary takes the request");
        assertEquals(PrimaryReplica.State.PAIRED, primary.state());
        assertTrue(ackChannel.offer(request, 0, length) > 0);
        primary.doWork();
        assertFalse(primary.transferring(), "a paired primary ignores a request");
        assertEquals(1, primary.transfersDone());
    }

    @Test
    void aJoinerThatTakesNoFramesIsDroppedAndALaterJoinSucceeds() throws Exception
    {
        alonePrimary();
        assertTrue(primary.acceptBackup(new PreCopySender(primary.machine(), digest, (b, o, l) -> false,
            new PreCopySender.Context())));
        for (int round = 0; round < 2000 && primary.transferring(); round++)
        {
            clock.update(clock.nanoTime() + 1_000_000L);
            primary.doWork();
        }
        assertFalse(primary.transferring(), "a transfer nobody reads does not hold the primary");
        assertNotNull(primary.transferAbortReason());
        assertEquals(PrimaryReplica.State.ALONE, primary.state());
        assertTrue(join(new PreCopySender.Context()).complete(), "a later join starts afresh and completes");
        assertEquals(PrimaryReplica.State.PAIRED, primary.state());
    }

    private void step0(final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            clock.update(clock.nanoTime() + 1_000_000L);
            primary.doWork();
        }
    }
}
