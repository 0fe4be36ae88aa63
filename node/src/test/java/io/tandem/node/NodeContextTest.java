package io.tandem.node;

import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.MemoryChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeContextTest
{
    @TempDir
    Path arbiterDirectory;

    @Test
    void aNodeContextNamesWhatIsMissing()
    {
        final IllegalArgumentException noArbiter = assertThrows(IllegalArgumentException.class,
            () -> new BackupNodeContext().machine(new MachineContext()).conclude());
        assertTrue(noArbiter.getMessage().equals("a backup node needs an arbiter"), noArbiter.getMessage());
        final MemoryChannel channel = new MemoryChannel();
        final IllegalArgumentException noImage = assertThrows(IllegalArgumentException.class,
            () -> new PrimaryNodeContext().machine(new MachineContext()).arbiter(new FileArbiter(arbiterDirectory))
                .counters(TestCounters.inMemory())
                .channels(channel, channel).conclude());
        assertTrue(noImage.getMessage().contains("needs a guest image"), noImage.getMessage());
    }

    @Test
    void aNodeWhoseArbiterCannotBeReachedIsRefusedBeforeItIsBuilt() throws Exception
    {
        final MemoryChannel channel = new MemoryChannel();
        final Path missing = arbiterDirectory.resolve("not-mounted");
        final ArbiterUnreachableException primary = assertThrows(ArbiterUnreachableException.class,
            () -> new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(TestGuests.guest("hello.elf")))
                .machine(new MachineContext().ramMib(16)).arbiter(new FileArbiter(missing))
                .counters(TestCounters.inMemory()).channels(channel, channel)));
        assertTrue(primary.getMessage().contains("the primary cannot reach the arbiter") &&
            primary.getMessage().contains("not-mounted"), primary.getMessage());
        final ArbiterUnreachableException backup = assertThrows(ArbiterUnreachableException.class,
            () -> new BackupNode(new BackupNodeContext().image(ElfReader.read(TestGuests.guest("hello.elf")))
                .machine(new MachineContext().ramMib(16)).arbiter(new FileArbiter(missing))
                .counters(TestCounters.inMemory()).channels(channel, channel)));
        assertTrue(backup.getMessage().contains("the backup cannot reach the arbiter"), backup.getMessage());
        // The same context with the directory there concludes.
        new PrimaryNodeContext().image(ElfReader.read(TestGuests.guest("hello.elf")))
            .machine(new MachineContext().ramMib(16)).arbiter(new FileArbiter(arbiterDirectory))
            .counters(TestCounters.inMemory()).channels(channel, channel).conclude();
    }

    @Test
    void aPairContextRefusesAMissingGuestBeforeAnythingOpens()
    {
        final IllegalArgumentException noElf = assertThrows(IllegalArgumentException.class,
            () -> new PairContext().conclude());
        assertTrue(noElf.getMessage().contains("no guest ELF"), noElf.getMessage());
        final IllegalArgumentException joinBoth = assertThrows(IllegalArgumentException.class,
            () -> new PairContext().elf(TestGuests.guest("hello.elf")).join(true).conclude());
        assertTrue(joinBoth.getMessage().contains("only a backup alone"), joinBoth.getMessage());
        final IllegalArgumentException sideWithoutArbiter = assertThrows(IllegalArgumentException.class,
            () -> new PairContext().elf(TestGuests.guest("hello.elf")).role(PairRole.PRIMARY).conclude());
        assertTrue(sideWithoutArbiter.getMessage().contains("needs an arbiter its peer reaches"),
            sideWithoutArbiter.getMessage());
    }
}
