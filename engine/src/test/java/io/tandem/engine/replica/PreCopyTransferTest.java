package io.tandem.engine.replica;

import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.StopReason;
import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.engine.snapshot.PreCopySender;
import io.tandem.engine.snapshot.SnapshotFormatException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

import static io.tandem.engine.replica.RecordReplayTest.guest;
import static io.tandem.engine.replica.RecordReplayTest.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording machine sends its state to a new machine with pre-copy while its guest runs, stops
 * only for the last pages, and goes on; the new machine, replaying the log from the transfer's
 * journal sequence, reaches the recording's end in the same state.
 */
class PreCopyTransferTest
{
    private static final int RAM_MIB = 16;
    private static final String GUEST = "cpubench_quick.elf";
    private static final long SLICE = 20_000;

    /** Frames in flight, as an in-memory link would hold them. */
    private static final class FrameQueue
    {
        final ArrayDeque<byte[]> frames = new ArrayDeque<>();

        boolean offer(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            frames.add(copy);
            return true;
        }

        void drainTo(final PreCopyReceiver receiver)
        {
            while (!frames.isEmpty())
            {
                final byte[] frame = frames.poll();
                receiver.onFrame(new UnsafeBuffer(frame), 0, frame.length);
            }
        }
    }

    private static Machine newMachine(final MachineContext context)
    {
        return new Machine(context.ramMib(RAM_MIB));
    }

    @Test
    void aMachineBuiltByPreCopyFollowsTheLogToTheRecordedEnd() throws Exception
    {
        final Path elf = guest(GUEST);
        final byte[] digest = sha256(elf);
        final MemoryLog log = new MemoryLog();
        final MachineContext primaryContext = new MachineContext().clock(new HostClock()).entropy(new HostEntropy()).hostId(5);
        final Recorder recorder = new Recorder(LiveInputs.from(primaryContext), log, Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
        primaryContext.inputs(recorder);
        final Replayer replayer = new Replayer(log.reader());
        final FrameQueue link = new FrameQueue();
        final long cutHash;
        final long recordedEndHash;
        try (Machine primary = newMachine(primaryContext);
            Machine joining = newMachine(new MachineContext().clock(new VirtualClock(3)).entropy(new SeededEntropy(9))
                .hostId(6).inputs(replayer)))
        {
            primary.load(ElfReader.read(elf));
            // Data in the upper half of RAM, which the guest never touches: round 0 has to carry it.
            final SplittableRandom random = new SplittableRandom(5);
            final byte[] page = new byte[4096];
            for (int address = 0x8080_0000; address != 0x8100_0000; address += page.length)
            {
                random.nextBytes(page);
                primary.writeRam(address, page, 0, page.length);
            }
            recorder.start(digest, primary.ram().sizeBytes(), primary.checkInterval());
            recorder.stateChecks(primary, 300_000);
            primary.run(1_000_000);

            final PreCopySender sender = new PreCopySender(primary, digest, link::offer,
                new PreCopySender.Context().pagesPerStep(64).finalPages(8).verifyStateHash(true));
            final PreCopyReceiver receiver = new PreCopyReceiver(joining, digest, "test link");
            sender.start();
            while (sender.step() != PreCopySender.READY)
            {
                assertEquals(StopReason.BUDGET, primary.run(SLICE)); // the guest runs between steps
                link.drainTo(receiver);
            }
            while (!sender.finish(recorder.lastSequence()))
            {
                link.drainTo(receiver);
            }
            cutHash = primary.stateHash();
            link.drainTo(receiver);
            assertTrue(receiver.complete());
            assertEquals(cutHash, joining.stateHash(), "the joining machine holds the primary's state");
            assertTrue(sender.pagesSent() > 8 * 1024 / 4, "round 0 carried the data: " + sender.pagesSent());
            assertTrue(sender.rounds() >= 1, "rounds while the guest ran: " + sender.rounds());

            while (primary.run(SLICE) != StopReason.HALT)
            {
                // the primary goes on to the guest's end
            }
            assertEquals(HaltReason.PASSED, primary.haltReason(), primary.haltMessage());
            recordedEndHash = primary.stateHash();
            recorder.finish(primary.icount(), recordedEndHash, primary.cpu().pc(), primary.haltReason().ordinal(),
                primary.exitCode());
            log.finish();

            replayer.stateHashSource(joining::stateHash);
            replayer.stateCheckSource(joining);
            replayer.start(digest, joining.ram().sizeBytes(), joining.checkInterval());
            replayer.skipThrough(receiver.journalSequence());
            final StringBuilder report = new StringBuilder();
            assertEquals(ReplayRun.Outcome.MATCHED, ReplayRun.run(joining, replayer, NoOpIdleStrategy.INSTANCE, report),
                report.toString());
            assertEquals(recordedEndHash, joining.stateHash());
        }
    }

    @Test
    void aDamagedFrameIsRefused() throws Exception
    {
        final Path elf = guest(GUEST);
        final byte[] digest = sha256(elf);
        final FrameQueue link = new FrameQueue();
        try (Machine primary = newMachine(new MachineContext().clock(new VirtualClock()).entropy(new SeededEntropy(1)));
            Machine joining = newMachine(new MachineContext().clock(new VirtualClock()).entropy(new SeededEntropy(1))))
        {
            primary.load(ElfReader.read(elf));
            final PreCopySender sender = new PreCopySender(primary, digest, link::offer, new PreCopySender.Context());
            sender.start();
            sender.step();
            final PreCopyReceiver receiver = new PreCopyReceiver(joining, digest, "test link");
            final byte[] begin = link.frames.poll();
            receiver.onFrame(new UnsafeBuffer(begin), 0, begin.length);
            final byte[] page = link.frames.poll();
            page[page.length - 1] ^= 1;
            final String message = assertThrows(SnapshotFormatException.class,
                () -> receiver.onFrame(new UnsafeBuffer(page), 0, page.length)).getMessage();
            assertTrue(message.contains("test link: state transfer frame 2: checksum mismatch"), message);
        }
    }

    @Test
    void aTransferJoinedPartWayIsDroppedUntilTheNextOneBegins() throws Exception
    {
        final Path elf = guest(GUEST);
        final byte[] digest = sha256(elf);
        final FrameQueue link = new FrameQueue();
        try (Machine primary = newMachine(new MachineContext().clock(new VirtualClock()).entropy(new SeededEntropy(1)));
            Machine joining = newMachine(new MachineContext().clock(new VirtualClock()).entropy(new SeededEntropy(1))))
        {
            primary.load(ElfReader.read(elf));
            primary.run(300_000);
            final PreCopyReceiver receiver = new PreCopyReceiver(joining, digest, "test link");
            // The tail of a transfer that began before this receiver listened: no BEGIN.
            final PreCopySender missed = new PreCopySender(primary, digest, link::offer, new PreCopySender.Context());
            missed.start();
            missed.step();
            link.frames.poll();
            final int tail = link.frames.size();
            assertTrue(tail > 0, "frames after BEGIN");
            link.drainTo(receiver);
            assertFalse(receiver.begun());
            assertEquals(tail, receiver.framesBeforeBegin());
            // The next transfer, from its BEGIN, completes into the machine.
            final PreCopySender sender = new PreCopySender(primary, digest, link::offer, new PreCopySender.Context());
            sender.start();
            while (sender.step() != PreCopySender.READY)
            {
                link.drainTo(receiver);
            }
            while (!sender.finish(-1))
            {
                link.drainTo(receiver);
            }
            link.drainTo(receiver);
            assertTrue(receiver.complete());
            assertEquals(primary.stateHash(), joining.stateHash());
        }
    }
}
