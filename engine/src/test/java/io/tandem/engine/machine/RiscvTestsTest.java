package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official riscv-tests ({@code guests/riscv-tests}, built into {@code guests/bin/riscv-tests}):
 * every rv32ui, rv32um, rv32ua, rv32uc and rv32mi {@code -p-} test passes on the interpreter and
 * on the compiler (compiling every block start entered twice, so that the tests' checks run in
 * compiled code). A failing test exits with its test number times 2 plus 1. QEMU runs the same
 * ELFs in {@code make -C guests check-qemu}.
 */
class RiscvTestsTest
{
    private static final Path DIR = Guests.BIN.resolve("riscv-tests");
    /** rv32ui 42, rv32um 8, rv32ua 10, rv32uc 1, rv32mi 16: the suites' Makefrag lists. */
    private static final int TESTS = 77;
    private static final long MAX_INSTRUCTIONS = 10_000_000L;

    /** Tests passed on both engines, by suite (rv32ui, ...), for the build's log. */
    private static final Map<String, Integer> PASSED = new ConcurrentSkipListMap<>();

    static List<String> tests()
    {
        try (Stream<Path> files = Files.list(DIR))
        {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".elf")).sorted()
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + DIR.toAbsolutePath(), ex);
        }
    }

    @Test
    void everyTestOfTheFiveSuitesIsBuilt()
    {
        assertEquals(TESTS, tests().size(), "ELFs in " + DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void passesOnBothEngines(final String elf)
    {
        for (final CpuEngine engine : CpuEngine.values())
        {
            try (Machine m = Guests.load(DIR.resolve(elf), new Guests.Capture(),
                MachineContext.DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS, engine, 2))
            {
                Guests.runTo(m, MAX_INSTRUCTIONS);
                assertEquals(HaltReason.PASSED, m.haltReason(),
                    () -> elf + " on " + engine + ": " + m.haltMessage() + " (failed test " + (m.exitCode() >> 1) + ")");
            }
        }
        PASSED.merge(elf.substring(0, elf.indexOf('-')), 1, Integer::sum);
    }

    @AfterAll
    static void printTheCountsBySuite()
    {
        System.out.printf("riscv-tests passed on both engines: %s, %d of %d%n", PASSED,
            PASSED.values().stream().mapToInt(Integer::intValue).sum(), TESTS);
    }
}
