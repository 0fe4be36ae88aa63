package io.tandem.engine.replica;

import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.snapshot.PreCopyReceiver;
import io.tandem.engine.snapshot.PreCopySender;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.tandem.engine.replica.RecordReplayTest.guest;
import static io.tandem.engine.replica.RecordReplayTest.sha256;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A joining backup's intake of the primary's state ends with a message, not an exception, on a
 * transfer from another machine, on a damaged frame and on a primary that falls silent; a whole
 * transfer completes.
 */
class TransferIntakeTest
{
    private static final long SILENCE_NS = 100_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final MemoryChannel link = new MemoryChannel();

    private static Machine machine(final int ramMib)
    {
        return new Machine(new MachineContext().ramMib(ramMib).clock(new VirtualClock()).entropy(new SeededEntropy(1)));
    }

    /** Runs a whole transfer of a loaded machine into the link. */
    private static void send(final Machine from, final byte[] digest, final MemoryChannel link)
    {
        final PreCopySender sender = new PreCopySender(from, digest, link.asFrameSink(), new PreCopySender.Context());
        sender.start();
        while (sender.step() != PreCopySender.READY)
        {
            from.run(10_000);
        }
        assertTrue(sender.finish(7));
    }

    private TransferIntake intake(final Machine into, final byte[] digest)
    {
        return new TransferIntake(link, new PreCopyReceiver(into, digest, "the primary"), clock, SILENCE_NS);
    }

    private static void drain(final TransferIntake intake)
    {
        while (intake.poll() > 0)
        {
            // every frame in the link
        }
    }

    @Test
    void aWholeTransferCompletes() throws Exception
    {
        final Path elf = guest("cpubench_quick.elf");
        final byte[] digest = sha256(elf);
        try (Machine primary = machine(16); Machine joining = machine(16))
        {
            primary.load(ElfReader.read(elf));
            send(primary, digest, link);
            final TransferIntake intake = intake(joining, digest);
            drain(intake);
            assertTrue(intake.done());
            assertNull(intake.failure());
            assertTrue(intake.receiver().complete());
        }
    }

    @Test
    void theDiskImagesNonZeroBlocksArriveAndAJoinerWithoutADiskRefusesThem(@org.junit.jupiter.api.io.TempDir
        final Path tmp) throws Exception
    {
        final Path elf = guest("cpubench_quick.elf");
        final byte[] digest = sha256(elf);
        try (Machine primary = machine(16); Machine joining = machine(16);
            io.tandem.engine.dev.FileBlockStore from = io.tandem.engine.dev.FileBlockStore.open(tmp.resolve("a.img"),
                1 << 20);
            io.tandem.engine.dev.FileBlockStore to = io.tandem.engine.dev.FileBlockStore.open(tmp.resolve("b.img"),
                1 << 20))
        {
            primary.load(ElfReader.read(elf));
            final org.agrona.concurrent.UnsafeBuffer block = new org.agrona.concurrent.UnsafeBuffer(new byte[4096]);
            block.setMemory(0, 4096, (byte)0x5A);
            assertTrue(from.write(7 * 4096L, block, 0, 4096));
            final PreCopySender sender = new PreCopySender(primary, digest, link.asFrameSink(), new PreCopySender.Context())
                .disk(from);
            sender.start();
            while (sender.step() != PreCopySender.READY)
            {
                primary.run(10_000);
            }
            assertTrue(sender.finish(7));
            final TransferIntake intake = new TransferIntake(link,
                new PreCopyReceiver(joining, digest, "the primary").disk(to), clock, SILENCE_NS);
            drain(intake);
            assertNull(intake.failure());
            final org.agrona.concurrent.UnsafeBuffer copy = new org.agrona.concurrent.UnsafeBuffer(new byte[4096]);
            assertTrue(to.read(7 * 4096L, copy, 0, 4096));
            assertTrue(copy.getByte(0) == 0x5A && copy.getByte(4095) == 0x5A, "block 7 arrived");
            assertTrue(to.read(6 * 4096L, copy, 0, 4096));
            assertTrue(copy.getByte(0) == 0, "zero blocks stay zero");
        }
        try (Machine primary = machine(16); Machine joining = machine(16);
            io.tandem.engine.dev.FileBlockStore from = io.tandem.engine.dev.FileBlockStore.open(tmp.resolve("a.img"), 0))
        {
            primary.load(ElfReader.read(elf));
            final PreCopySender sender = new PreCopySender(primary, digest, link.asFrameSink(), new PreCopySender.Context())
                .disk(from);
            sender.start();
            while (sender.step() != PreCopySender.READY)
            {
                primary.run(10_000);
            }
            assertTrue(sender.finish(7));
            final TransferIntake intake = intake(joining, digest);
            drain(intake);
            assertTrue(intake.failure().contains("no disk image"), intake.failure());
        }
    }

    @Test
    void aTransferFromAMachineWithOtherRamEndsTheIntakeWithAMessage() throws Exception
    {
        final Path elf = guest("cpubench_quick.elf");
        final byte[] digest = sha256(elf);
        try (Machine primary = machine(32); Machine joining = machine(16))
        {
            primary.load(ElfReader.read(elf));
            send(primary, digest, link);
            final TransferIntake intake = intake(joining, digest);
            drain(intake);
            assertTrue(intake.done());
            assertTrue(intake.failure().contains("32 MiB"), intake.failure());
            assertFalse(intake.receiver().complete());
        }
    }

    @Test
    void aTransferOfAnotherGuestEndsTheIntakeWithAMessage() throws Exception
    {
        final Path elf = guest("cpubench_quick.elf");
        try (Machine primary = machine(16); Machine joining = machine(16))
        {
            primary.load(ElfReader.read(elf));
            send(primary, sha256(elf), link);
            final TransferIntake intake = intake(joining, sha256(guest("hello.elf")));
            drain(intake);
            assertTrue(intake.failure().contains("another guest ELF"), intake.failure());
        }
    }

    @Test
    void aPrimaryThatFallsSilentMidTransferEndsTheIntakeWithAMessage() throws Exception
    {
        final Path elf = guest("cpubench_quick.elf");
        final byte[] digest = sha256(elf);
        try (Machine primary = machine(16); Machine joining = machine(16))
        {
            primary.load(ElfReader.read(elf));
            final PreCopySender sender = new PreCopySender(primary, digest, link.asFrameSink(),
                new PreCopySender.Context().pagesPerStep(4));
            sender.start();
            sender.step(); // BEGIN and a few pages, then the primary is gone
            final TransferIntake intake = intake(joining, digest);
            drain(intake);
            assertFalse(intake.done());
            clock.update(clock.nanoTime() + SILENCE_NS + 1);
            intake.poll();
            assertTrue(intake.done());
            assertTrue(intake.failure().contains("went away mid-transfer"), intake.failure());
        }
    }
}
