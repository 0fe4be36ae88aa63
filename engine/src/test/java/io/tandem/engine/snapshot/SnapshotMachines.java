package io.tandem.engine.snapshot;

import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic machines for snapshot tests: virtual clock, seeded entropy, 16 MiB. */
final class SnapshotMachines
{
    static final Path BIN = Path.of("..", "guests", "bin");
    static final int RAM_MIB = 16;

    private SnapshotMachines()
    {
    }

    /** @return a machine with no devices beyond the board's, the ELF not loaded. */
    static Machine bare()
    {
        return new Machine(context());
    }

    /** @return a machine with a network card and a disk on {@code image}, the ELF not loaded. */
    static Machine withDevices(final Path image)
    {
        return new Machine(context().network(PacketSource.NONE, PacketSink.DISCARD)
            .blockStore(FileBlockStore.open(image, 1 << 20)));
    }

    private static MachineContext context()
    {
        return new MachineContext().ramMib(RAM_MIB).clock(new VirtualClock()).entropy(new SeededEntropy(7));
    }

    /** @return a bare machine with a guest loaded. */
    static Machine loaded(final String guest)
    {
        final Machine machine = bare();
        machine.load(ElfReader.read(BIN.resolve(guest)));
        return machine;
    }

    static byte[] sha256(final String guest)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(BIN.resolve(guest)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
