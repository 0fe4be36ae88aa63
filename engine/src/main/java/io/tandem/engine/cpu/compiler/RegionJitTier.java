package io.tandem.engine.cpu.compiler;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.ObjectName;

/**
 * Which of HotSpot's compilers turns region classes into machine code. By default C1 only: a
 * region's bytecode is already what an optimiser would make of guest code (registers in locals,
 * no objects, no calls but intrinsics), so C2 adds about a tenth of speed to it, while compiling
 * hundreds of large region methods with C2 (each loop again for on-stack replacement) costs
 * seconds of CPU; on two cores that time is taken from the machines themselves, and a pair
 * starting up runs at half speed until it is done. {@value #C2_PROPERTY}{@code =true} keeps C2
 * for regions, for long runs on hosts with cores to spare.
 * <p>
 * Applied once per JVM, through the diagnostic-command MBean's {@code compilerDirectivesAdd}
 * (what {@code jcmd Compiler.directives_add} does), with a directive that matches only this
 * package's generated classes; on a JVM without it, nothing changes but the speed.
 */
final class RegionJitTier
{
    /** System property: true to let C2 compile region classes too. */
    static final String C2_PROPERTY = "tandem.cpu.region.c2";

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
        if (Boolean.getBoolean(C2_PROPERTY))
        {
            outcome = "C1 and C2 (" + C2_PROPERTY + "=true)";
            return;
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
