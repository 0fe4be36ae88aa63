package io.tandem.node;

import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.MemoryChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeContextTest
{
    @Test
    void aNodeContextNamesWhatIsMissing()
    {
        final IllegalArgumentException noArbiter = assertThrows(IllegalArgumentException.class,
            () -> new BackupNodeContext().machine(new MachineContext()).conclude());
        assertTrue(noArbiter.getMessage().equals("a backup node needs an arbiter"), noArbiter.getMessage());
        final MemoryChannel channel = new MemoryChannel();
        final IllegalArgumentException noImage = assertThrows(IllegalArgumentException.class,
            () -> new PrimaryNodeContext().machine(new MachineContext()).arbiter((pair, generation, claimant) -> Arbiter.Outcome.WON)
                .counters(TestCounters.inMemory())
                .channels(channel, channel).conclude());
        assertTrue(noImage.getMessage().contains("needs a guest image"), noImage.getMessage());
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
