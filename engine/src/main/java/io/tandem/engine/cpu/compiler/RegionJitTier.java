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
 * Applied once per JVM, through the diagnostic-command MBean's {@code compilerDirectivesAdd}
 * (what {@code jcmd Compiler.directives_add} does), with a directive that matches only this
 * package's generated classes; on a JVM without it, nothing changes but the speed.
 */
final class RegionJitTier
{
    /** System property: {@code tiered} (the default) or {@code c1}. */
    static final String PROPERTY = "tandem.cpu.region.jit";

    private static final String DIRECTIVE =
        "[{ match: \"" + RegionGenerator.CLASS_NAME + "*.*\", c2: { Exclude: true } }]";
    private static boolean applied;
    private static String outcome = "not applied yet";

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
        applied = true;
        final String choice = System.getProperty(PROPERTY, "tiered");
        if ("tiered".equals(choice))
        {
            outcome = "C1 and C2 (tiered)";
            return;
        }
        if (!"c1".equals(choice))
        {
            applied = false;
            throw new IllegalArgumentException(PROPERTY + " must be tiered or c1, not " + choice);
        }
        Path file = null;
        try
        {
            file = Files.createTempFile("tandem-region-directive", ".json");
            Files.write(file, DIRECTIVE.getBytes(StandardCharsets.US_ASCII));
            final Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            outcome = String.valueOf(result).contains("1 compiler directives added") ?
                "C1 only" : "C1 and C2 (the directive was refused: " + String.valueOf(result).trim() + ")";
        }
        catch (final Exception | LinkageError ex)
        {
            outcome = "C1 and C2 (no compiler directives on this JVM: " + ex + ")";
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

    /** @return which compilers compile region classes in this JVM, and why. */
    static synchronized String outcome()
    {
        return outcome;
    }
}
