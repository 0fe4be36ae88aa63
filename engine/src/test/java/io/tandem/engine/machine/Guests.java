package io.tandem.engine.machine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;

/**
 * The committed guest programs ({@code guests/bin/*.elf}, relative to the engine module) and a
 * deterministic way to run them: a 16 MiB machine (the guests use the first 16 MiB) on a virtual
 * clock with seeded entropy, console output captured.
 */
final class Guests
{
    /** The guests' directory, relative to the engine module (the tests' working directory). */
    static final Path BIN = Path.of("..", "guests", "bin");
    /** Expected console output per guest. */
    static final Path EXPECTED = Path.of("..", "guests", "expected");
    /** The full benchmark: billions of instructions, too long for unit tests. */
    static final String FULL_BENCHMARK = "cpubench.elf";
    /** Generous bound on any unit-tested guest's length (cpubench_quick is about 35 million). */
    static final long MAX_INSTRUCTIONS = 200_000_000L;

    private Guests()
    {
    }

    /**
     * @return the names of the batch guests, sorted: every {@code bin/*.elf} that has an expected
     * console output in {@code expected/}, except the full benchmark. Guests without one are
     * interactive (console input, network, host time) and cannot be judged by output alone.
     */
    static List<String> names()
    {
        try (Stream<Path> files = Files.list(BIN))
        {
            return files
                .map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".elf") && !n.equals(FULL_BENCHMARK))
                .filter(n -> Files.isRegularFile(EXPECTED.resolve(baseName(n) + ".out")))
                .sorted()
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + BIN.toAbsolutePath(), ex);
        }
    }

    /** @return the guest's name without {@code .elf}. */
    static String baseName(final String elfName)
    {
        return elfName.substring(0, elfName.length() - ".elf".length());
    }

    /** Collects console bytes. */
    static final class Capture implements ConsoleSink
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(final byte b)
        {
            bytes.write(b);
        }

        String text()
        {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** @return a fresh deterministic machine with the ELF loaded. */
    static Machine load(final Path elf, final ConsoleSink sink, final int interruptCheckInstructions)
    {
        return load(elf, sink, interruptCheckInstructions, MachineContext.DEFAULT_CPU_ENGINE);
    }

    /** @return a fresh deterministic machine on the given engine with the ELF loaded. */
    static Machine load(final Path elf, final ConsoleSink sink, final int interruptCheckInstructions,
        final CpuEngine engine)
    {
        return load(elf, sink, interruptCheckInstructions, engine, MachineContext.DEFAULT_COMPILE_THRESHOLD);
    }

    /** @return the same, compiling a block start once it has been entered {@code compileThreshold} times. */
    static Machine load(final Path elf, final ConsoleSink sink, final int interruptCheckInstructions,
        final CpuEngine engine, final int compileThreshold)
    {
        final Machine m = new Machine(new MachineContext()
            .cpuEngine(engine)
            .compileThreshold(compileThreshold)
            .ramMib(16)
            .interruptCheckInstructions(interruptCheckInstructions)
            .clock(new VirtualClock())
            .entropy(new SeededEntropy(7))
            .consoleSink(sink));
        m.load(ElfReader.read(elf));
        return m;
    }

    /** @return a fresh deterministic machine with the named guest loaded. */
    static Machine load(final String elfName, final ConsoleSink sink)
    {
        return load(BIN.resolve(elfName), sink, MachineContext.DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS);
    }

    /**
     * Runs until {@code icount == target} or the machine halts, letting virtual time jump while
     * the hart waits.
     *
     * @return the last stop reason.
     */
    static StopReason runTo(final Machine m, final long target)
    {
        StopReason stop = StopReason.BUDGET;
        while (m.icount() < target && m.haltReason() == HaltReason.NONE)
        {
            stop = m.run(target - m.icount());
            if (stop == StopReason.WFI && !m.skipToTimer())
            {
                return stop; // waits for something that a virtual clock cannot bring
            }
        }
        return m.haltReason() != HaltReason.NONE ? StopReason.HALT : stop;
    }
}
