package io.tandem.engine.mem;

import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page whose contents a guest changes is marked written: by its stores (word, half, byte)
 * and atomics. A page marked but unchanged is allowed (a store of the same value).
 */
class WrittenPagesTest
{
    private static final int RAM_MIB = 16;

    @ParameterizedTest
    @ValueSource(strings = {"cpubench_quick.elf", "isa_rv32a.elf", "isa_rv32i.elf", "traps.elf"})
    void everyChangedPageIsMarked(final String guest)
    {
        try (Machine machine = new Machine(new MachineContext().ramMib(RAM_MIB).clock(new VirtualClock())
            .entropy(new SeededEntropy(3))))
        {
            machine.load(ElfReader.read(Path.of("..", "guests", "bin", guest)));
            final WrittenPages written = machine.ram().writtenPages();
            for (int round = 0; round < 5; round++)
            {
                final byte[] before = new byte[RAM_MIB << 20];
                machine.ram().buffer().getBytes(0, before);
                written.clear(WrittenPages.STATE_CHECK | WrittenPages.TRANSFER);
                machine.run(400_000);
                int changed = 0;
                for (int page = 0; page < written.pages(); page++)
                {
                    final int base = page * WrittenPages.PAGE_BYTES;
                    for (int i = 0; i < WrittenPages.PAGE_BYTES; i++)
                    {
                        if (before[base + i] != machine.ram().buffer().getByte(base + i))
                        {
                            changed++;
                            assertTrue(written.written(page, WrittenPages.STATE_CHECK) &&
                                written.written(page, WrittenPages.TRANSFER), guest + ": page " + page + " changed but is not marked");
                            break;
                        }
                    }
                }
                if (round == 0)
                {
                    assertTrue(changed > 0 || machine.haltReason() != io.tandem.engine.machine.HaltReason.NONE,
                        guest + " changed no page");
                }
            }
        }
    }
}
