package io.tandem.engine.cpu.compiler;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.ObjectName;

/**
 * Which of HotSpot's compilers turn region classes into machine code. By default both, as for
 * any Java code (tiered: C1, then C2 for what stays hot). {@value #PROPERTY}{@code =c1} keeps
 * C2 away from regions: C2 compiles each large region method again for every loop it enters
 * hot (on-stack replacement), which on cpubench costs 2-3 s of CPU, time that on two cores is
 * taken from the machines themselves while they warm up; C1 compiles them in a tenth of that.
 * But C1 code is not always as fast: on cpubench as built it ran at 1.0-1.1 of C2's speed, and
 * on the same program linked 1 or 2 KiB further (other region shapes) at 0.5 (cpu-MIPS of the
 * machine thread, second run in one JVM, 2026-12-06), so it is a choice for short runs, not
 * the default.
 * <p>
 * <p>
 * The generator's library, ASM, is kept away from C2 by default ({@value #GENERATOR_PROPERTY}
 * {@code =tiered} lets C2 have it): it runs a few milliseconds per region and C1's code does that
 * well enough, while C2 compiled its frame computation ({@code Frame.execute}, a method of a few
 * thousand bytes of bytecode) up to three times in a pair's first seconds, the largest C2 jobs of
 * the start (JFR's compilation events), on the two cores the pair needs to serve. That directive
 * is added on a thread of its own: the MBean server it goes through takes about 100 ms of CPU to
 * start, which the machine's first instructions need not wait for.
 * <p>
 * Applied once per JVM, through the diagnostic-command MBean's {@code compilerDirectivesAdd}
 * (what {@code jcmd Compiler.directives_add} does), with directives that match only this
 * package's generated classes or ASM's; on a JVM without it, nothing changes but the speed.
 */
final class RegionJitTier
{
    /** System property: {@code tiered} (the default) or {@code c1}. */
    static final String PROPERTY = "tandem.cpu.region.jit";

    /** System property: {@code c1} (the default) or {@code tiered}, for the bytecode library's code. */
    static final String GENERATOR_PROPERTY = "tandem.cpu.generator.jit";
    /** The bytecode library's classes, as a compiler directive's pattern. */
    static final String GENERATOR_PATTERN = "org/objectweb/asm/*.*";

    private static final String DIRECTIVE =
        "[{ match: \"" + RegionGenerator.CLASS_NAME + "*.*\", c2: { Exclude: true } }]";
    private static final String GENERATOR_DIRECTIVE = "[{ match: \"" + GENERATOR_PATTERN + "\", c2: { Exclude: true } }]";
    private static boolean applied;
    private static String outcome = "not applied yet";
    private static String generatorOutcome = "not applied yet";

    private RegionJitTier()
    {
    }

    /** Applies the choice for this JVM, once; later calls do nothing. */
    static synchronized void apply()
    {
        if (applied)
        {
            return;
        }
        final String choice = System.getProperty(PROPERTY, "tiered");
        final String generatorChoice = System.getProperty(GENERATOR_PROPERTY, "c1");
        if (!"tiered".equals(choice) && !"c1".equals(choice))
        {
            throw new IllegalArgumentException(PROPERTY + " must be tiered or c1, not " + choice);
        }
        if (!"tiered".equals(generatorChoice) && !"c1".equals(generatorChoice))
        {
            throw new IllegalArgumentException(GENERATOR_PROPERTY + " must be tiered or c1, not " + generatorChoice);
        }
        applied = true;
        if ("c1".equals(generatorChoice))
        {
            final Thread thread = new Thread(RegionJitTier::applyGeneratorDirective, "tandem-jit-directive");
            thread.setDaemon(true);
            thread.start();
        }
        else
        {
            generatorOutcome = "C1 and C2 (tiered)";
        }
        if ("tiered".equals(choice))
        {
            outcome = "C1 and C2 (tiered)";
            return;
        }
        outcome = add(DIRECTIVE, "C1 only");
    }

    private static void applyGeneratorDirective()
    {
        final String result = add(GENERATOR_DIRECTIVE, "C1 only");
        synchronized (RegionJitTier.class)
        {
            generatorOutcome = result;
            RegionJitTier.class.notifyAll();
        }
    }

    /** @return {@code ifAdded} when HotSpot took the one directive in {@code directive}, else what it said. */
    private static String add(final String directive, final String ifAdded)
    {
        Path file = null;
        try
        {
            file = Files.createTempFile("tandem-jit-directive", ".json");
            Files.write(file, directive.getBytes(StandardCharsets.US_ASCII));
            final String result = diagnosticCommand("compilerDirectivesAdd", file.toString());
            return result.contains("1 compiler directives added") ?
                ifAdded : "C1 and C2 (the directive was refused: " + result.trim() + ")";
        }
        catch (final Exception | LinkageError ex)
        {
            return "C1 and C2 (no compiler directives on this JVM: " + ex + ")";
        }
        finally
        {
            if (file != null)
            {
                try
                {
                    Files.deleteIfExists(file);
                }
                catch (final java.io.IOException ignored)
                {
                    // a temporary file of a few bytes: the system's cleaner takes it
                }
            }
        }
    }

    /** @return what a diagnostic command (jcmd's, by its MBean operation name) printed. */
    static String diagnosticCommand(final String operation, final String... arguments) throws Exception
    {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
            new Object[] {arguments}, new String[] {String[].class.getName()}));
    }

    /** @return which compilers compile region classes in this JVM, and why. */
    static synchronized String outcome()
    {
        return outcome;
    }

    /**
     * @param timeoutMs how long to wait for the generator's directive to be applied.
     * @return which compilers compile the bytecode library's code in this JVM, and why; "not
     * applied yet" while its thread is still at it after the timeout.
     */
    static synchronized String generatorOutcome(final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (generatorOutcome.startsWith("not applied") && applied)
        {
            final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
            if (leftMs <= 0)
            {
                break;
            }
            RegionJitTier.class.wait(leftMs);
        }
        return generatorOutcome;
    }
}
