package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;

/**
 * Each known QEMU deviation ({@link QemuDeviation}) still holds: its probe prints the spec's
 * result on both engines here and the listed deviant one under QEMU (a QEMU that stops deviating
 * fails this test, and the entry, with whatever skips it, is to go). {@code guests/Makefile}'s
 * lists of suite tests that check-qemu excuses on QEMU are exactly the ones named here.
 */
class QemuDeviationTest
{
    private static final Path MAKEFILE = Guests.BIN.resolve("../Makefile").normalize();

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0}")
    @EnumSource(QemuDeviation.class)
    void thisMachineFollowsTheSpec(final QemuDeviation deviation)
    {
        for (final CpuEngine engine : CpuEngine.values())
        {
            final Guests.Capture console = new Guests.Capture();
            try (Machine m = new Machine(new MachineContext()
                .cpuEngine(engine)
                .ramMib(16)
                .clock(new VirtualClock())
                .entropy(new SeededEntropy(1))
                .consoleSink(console)))
            {
                deviation.probe().loadInto(m);
                m.run(100_000);
                assertEquals(HaltReason.PASSED, m.haltReason(), m.haltMessage());
                assertEquals(deviation.here, console.text(), deviation + " on " + engine + ": " + deviation.hereBehaviour);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QemuDeviation.class)
    void qemuStillDeviates(final QemuDeviation deviation) throws IOException, InterruptedException
    {
        Assumptions.assumeTrue(QemuRunner.onPath(), QemuRunner.QEMU + " is not on the PATH");
        // -icount shift=0: minstret counts instructions, as here (otherwise host clock ticks); 16 MiB
        // of RAM, as here, so that RAM ends at the same address.
        final QemuRunner.Run run = QemuRunner.run(scratch, deviation.name(), deviation.probe().bytes(),
            "-icount", "shift=0", "-m", "16M");
        assertEquals(0, run.exitCode, deviation + ": QEMU's exit status");
        assertEquals(deviation.qemu, run.console, deviation + ": QEMU no longer does what the list says ("
            + deviation.qemuBehaviour + "); if it now follows " + deviation.section + ", drop the entry and its skips");
    }

    @Test
    void checkQemuExcusesExactlyTheListedSuiteTests() throws IOException
    {
        final String makefile = Files.readString(MAKEFILE, StandardCharsets.UTF_8);
        final Set<String> riscvTests = new TreeSet<>();
        final Set<String> archTests = new TreeSet<>();
        for (final QemuDeviation deviation : QemuDeviation.values())
        {
            riscvTests.addAll(deviation.riscvTests);
            deviation.archTests.forEach(t -> archTests.add("bin/riscv-arch-test/" + t + ".elf"));
        }
        assertEquals(riscvTests, variable(makefile, "RT_QEMU_DEVIATIONS"), "RT_QEMU_DEVIATIONS in " + MAKEFILE);
        assertEquals(archTests, variable(makefile, "AT_QEMU_DEVIATIONS"), "AT_QEMU_DEVIATIONS in " + MAKEFILE);
        for (final String test : riscvTests)
        {
            assertEquals(true, Files.isRegularFile(Guests.BIN.resolve("riscv-tests/" + test + ".elf")), test);
        }
        for (final String test : archTests)
        {
            assertEquals(true, Files.isRegularFile(Guests.BIN.resolve(test.substring("bin/".length()))), test);
        }
    }

    private static Set<String> variable(final String makefile, final String name)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + name + " := (.*)$").matcher(makefile);
        assertEquals(true, matcher.find(), name + " in the Makefile");
        final List<String> words = Arrays.asList(matcher.group(1).trim().split("\\s+"));
        return words.stream().collect(Collectors.toCollection(TreeSet::new));
    }
}
