package io.tandem.engine.snapshot;

import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A damaged, cut, foreign or other-version snapshot is refused with what is wrong and where. */
class DamagedSnapshotTest
{
    private static final String GUEST = "traps.elf";

    @TempDir
    Path tmp;
    private Path good;
    private byte[] bytes;
    private final byte[] digest = SnapshotMachines.sha256(GUEST);

    @BeforeEach
    void saveOne() throws Exception
    {
        good = tmp.resolve("good.snap");
        try (Machine machine = SnapshotMachines.loaded(GUEST))
        {
            machine.run(10_000);
            SnapshotFile.write(good, machine, digest, 42);
        }
        bytes = Files.readAllBytes(good);
    }

    private String refusal(final byte[] content)
    {
        try
        {
            final Path file = tmp.resolve("damaged.snap");
            Files.write(file, content);
            try (Machine machine = SnapshotMachines.bare())
            {
                return assertThrows(SnapshotFormatException.class, () -> SnapshotFile.load(file, machine, digest))
                    .getMessage();
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** @return the byte offset of the first section with this tag. */
    private long sectionOffset(final SnapshotSection wanted)
    {
        final ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long position = SnapshotHeader.LENGTH;
        while (view.getInt((int)position) != wanted.tag())
        {
            position += SnapshotHeader.SECTION_HEADER_LENGTH + view.getLong((int)position + SnapshotHeader.SECTION_LENGTH_OFFSET);
        }
        return position;
    }

    @Test
    void theGoodSnapshotLoads()
    {
        try (Machine machine = SnapshotMachines.bare())
        {
            final SnapshotInfo info = SnapshotFile.load(good, machine, digest);
            assertEquals(10_000, info.icount());
            assertEquals(42, info.journalSequence());
        }
    }

    @Test
    void aFlippedBitInASectionIsRefusedNamingTheSection()
    {
        final byte[] damaged = bytes.clone();
        final long clint = sectionOffset(SnapshotSection.CLINT);
        damaged[(int)clint + SnapshotHeader.SECTION_HEADER_LENGTH + 2] ^= 0x10;
        final String message = refusal(damaged);
        assertTrue(message.contains("section CLINT at byte offset " + clint) && message.contains("checksum"), message);
    }

    @Test
    void aFlippedBitInRamIsRefused()
    {
        final byte[] damaged = bytes.clone();
        damaged[damaged.length - 100] ^= 1;
        final String message = refusal(damaged);
        assertTrue(message.contains("section RAM at byte offset " + sectionOffset(SnapshotSection.RAM)) &&
            message.contains("checksum"), message);
    }

    @Test
    void aFlippedBitInTheHeaderIsRefused()
    {
        final byte[] damaged = bytes.clone();
        damaged[SnapshotHeader.ICOUNT_OFFSET] ^= 4;
        final String message = refusal(damaged);
        assertTrue(message.contains("header checksum mismatch"), message);
    }

    @Test
    void aTruncatedSnapshotIsRefusedAtEveryLength()
    {
        final long ram = sectionOffset(SnapshotSection.RAM);
        for (final int length : new int[] {0, 5, 100, SnapshotHeader.LENGTH, SnapshotHeader.LENGTH + 7,
            (int)ram + 3, (int)ram + 40, bytes.length - 1})
        {
            final String message = refusal(Arrays.copyOf(bytes, length));
            assertTrue(message.contains("truncated") || (length < 8 && message.contains("not a Tandem snapshot")),
                length + ": " + message);
        }
    }

    @Test
    void trailingBytesAreRefused()
    {
        final String message = refusal(Arrays.copyOf(bytes, bytes.length + 3));
        assertTrue(message.contains("3 bytes after the last section"), message);
    }

    @Test
    void anotherVersionIsRefused()
    {
        final byte[] other = bytes.clone();
        final ByteBuffer view = ByteBuffer.wrap(other).order(ByteOrder.LITTLE_ENDIAN);
        view.putInt(SnapshotHeader.VERSION_OFFSET, 2);
        final CRC32C crc = new CRC32C();
        crc.update(other, 0, SnapshotHeader.CRC_OFFSET);
        view.putInt(SnapshotHeader.CRC_OFFSET, (int)crc.getValue());
        final String message = refusal(other);
        assertTrue(message.contains("snapshot version 2") && message.contains("reads version 1"), message);
    }

    @Test
    void aFileThatIsNoSnapshotIsRefused()
    {
        final String message = refusal("#!/bin/sh\necho hello\n".repeat(20).getBytes());
        assertTrue(message.contains("not a Tandem snapshot"), message);
    }

    @Test
    void anotherGuestOrMachineIsRefused()
    {
        try (Machine machine = SnapshotMachines.bare())
        {
            final String message = assertThrows(SnapshotFormatException.class,
                () -> SnapshotFile.load(good, machine, SnapshotMachines.sha256("hello.elf"))).getMessage();
            assertTrue(message.contains("another guest ELF"), message);
        }
        try (Machine bigger = new Machine(new MachineContext().ramMib(32)))
        {
            final String message = assertThrows(SnapshotFormatException.class,
                () -> SnapshotFile.load(good, bigger, digest)).getMessage();
            assertTrue(message.contains("16 MiB of RAM, this one 32 MiB"), message);
        }
        try (Machine withDevices = SnapshotMachines.withDevices(tmp.resolve("d.img")))
        {
            final String message = assertThrows(SnapshotFormatException.class,
                () -> SnapshotFile.load(good, withDevices, digest)).getMessage();
            assertTrue(message.contains("has no network card and no disk"), message);
        }
    }

    @Test
    void aCrashWhileWritingLeavesTheOldSnapshotInPlace() throws Exception
    {
        // The file under its final name only ever holds a whole snapshot: writes go to a temporary first.
        try (Machine machine = SnapshotMachines.loaded(GUEST))
        {
            machine.run(20_000);
            SnapshotFile.write(good, machine, digest, 43);
        }
        assertEquals(43, SnapshotFile.readInfo(good).journalSequence());
        try (var files = Files.list(tmp))
        {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
    }
}
