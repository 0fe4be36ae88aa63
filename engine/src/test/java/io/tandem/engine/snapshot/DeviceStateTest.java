package io.tandem.engine.snapshot;

import io.tandem.engine.machine.Machine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Each component's state, moved away from its reset value through the guest's own registers,
 * survives a snapshot: the loaded machine hashes like the saved one, and unlike a fresh one (so
 * a component that saved or loaded nothing would fail here).
 */
class DeviceStateTest
{
    private static final String GUEST = "hello.elf";

    @TempDir
    Path tmp;

    /** A change to one component's state, as a guest would make it. */
    enum Change
    {
        CPU(m -> { m.cpu().register(5, 0x1234_5678); m.cpu().pc(0x8000_0100); }),
        CLINT(m -> { m.clint().write(0x4000, 4, 123_456, 0); m.clint().write(0, 4, 1, 0); }),
        PLIC(m -> { m.plic().write(4 * 10, 4, 5, 0); m.plic().write(0x2000, 4, 1 << 10, 0); m.plic().setLevel(10, true); }),
        UART(m -> { m.uart().write(7, 1, 0x5A, 0); m.uart().write(3, 1, 0x03, 0); }),
        FINISHER(m -> m.finisher().write(0, 4, (3 << 16) | 0x3333, 0)),
        NET(m -> { m.network().transport().write(0x070, 4, 3, 0); m.network().transport().write(0x030, 4, 1, 0); }),
        DISK(m -> { m.disk().transport().write(0x070, 4, 3, 0); m.disk().transport().write(0x038, 4, 64, 0); });

        final Consumer<Machine> apply;

        Change(final Consumer<Machine> apply)
        {
            this.apply = apply;
        }
    }

    @ParameterizedTest
    @EnumSource(Change.class)
    void aComponentsStateSurvivesASnapshot(final Change change)
    {
        final Path file = tmp.resolve(change + ".snap");
        final byte[] digest = SnapshotMachines.sha256(GUEST);
        try (Machine changed = SnapshotMachines.withDevices(tmp.resolve("a.img"));
            Machine fresh = SnapshotMachines.withDevices(tmp.resolve("b.img"));
            Machine loaded = SnapshotMachines.withDevices(tmp.resolve("c.img")))
        {
            change.apply.accept(changed);
            assertNotEquals(fresh.stateHash(), changed.stateHash(), "the change is part of the state");
            SnapshotFile.write(file, changed, digest, -1);
            SnapshotFile.load(file, loaded, digest);
            assertEquals(changed.stateHash(), loaded.stateHash());
        }
    }
}
