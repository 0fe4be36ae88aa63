package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * The RISC-V architectural tests ({@code guests/riscv-arch-test}, built into
 * {@code guests/bin/riscv-arch-test}): the rv32i_m I, M, A, C, Zifencei and privilege suites. Each test
 * stores its results in a signature, which the model prints on the console at the end; both
 * engines (the compiler compiling every block entered twice, so that the tests run in compiled
 * code) must print exactly the signature QEMU prints, committed in
 * {@code guests/riscv-arch-test/signatures} and checked against QEMU again by
 * {@code make -C guests check-qemu}.
 */
class ArchTestSignatureTest
{
    private static final Path ELFS = Guests.BIN.resolve("riscv-arch-test");
    private static final Path SIGNATURES = Guests.BIN.resolve("../riscv-arch-test/signatures").normalize();
    /** I 39, M 8, A 9, C 29 (RV32IC, without the Zcb tests), Zifencei 1, privilege 15. */
    private static final int TESTS = 101;
    private static final long MAX_INSTRUCTIONS = 50_000_000L;

    /** Tests whose signature both engines printed, by suite (I, M, ...), for the build's log. */
    private static final Map<String, Integer> MATCHED = new ConcurrentSkipListMap<>();

    static List<String> tests()
    {
        try (Stream<Path> files = Files.walk(ELFS))
        {
            return files.filter(p -> p.toString().endsWith(".elf")).map(p -> ELFS.relativize(p).toString()).sorted()
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + ELFS.toAbsolutePath(), ex);
        }
    }

    @Test
    void everyTestOfTheFiveSuitesIsBuiltAndHasQemusSignature()
    {
        assertEquals(TESTS, tests().size(), "ELFs in " + ELFS);
        for (final String test : tests())
        {
            assertEquals(true, Files.isRegularFile(signature(test)), "QEMU's signature of " + test);
        }
    }

    private static Path signature(final String test)
    {
        return SIGNATURES.resolve(test.replaceFirst("\\.elf$", ".sig"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void printsQemusSignatureOnBothEngines(final String test) throws IOException
    {
        final String expected = Files.readString(signature(test), StandardCharsets.US_ASCII);
        for (final CpuEngine engine : CpuEngine.values())
        {
            final Guests.Capture console = new Guests.Capture();
            try (Machine m = Guests.load(ELFS.resolve(test), console,
                MachineContext.DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS, engine, 2))
            {
                Guests.runTo(m, MAX_INSTRUCTIONS);
                assertEquals(HaltReason.PASSED, m.haltReason(), () -> test + " on " + engine + ": " + m.haltMessage());
                assertEquals(expected, console.text(), test + " on " + engine + ": the signature differs from QEMU's");
            }
        }
        MATCHED.merge(test.substring(0, test.indexOf('/')), 1, Integer::sum);
    }

    @AfterAll
    static void printTheCountsBySuite()
    {
        final List<String> sail = Arrays.stream(QemuDeviation.values()).flatMap(d -> d.archTests.stream())
            .collect(Collectors.toList());
        System.out.printf("riscv-arch-test signatures printed exactly on both engines: %s, %d of %d (QEMU's, but for %s: "
            + "Sail's behaviour, a known QEMU deviation)%n", MATCHED, MATCHED.values().stream().mapToInt(Integer::intValue).sum(),
            TESTS, sail);
    }
}
