package io.tandem.engine.machine;

import java.util.Locale;

/**
 * Which engine runs a machine's instructions. Both reach the same state at every instruction
 * count; they differ in speed only, so a primary on one and a backup on the other replicate.
 */
public enum CpuEngine
{
    /** The decode-cache interpreter, the reference. */
    INTERPRETED,
    /** Hot guest code compiled to JVM bytecode, the interpreter for the rest. */
    COMPILED;

    /** @return the name as the command line and {@code tandem.cpu} spell it. */
    public String optionName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code compiled} or {@code interpreted}, any case.
     * @return the engine.
     * @throws IllegalArgumentException naming the accepted values otherwise.
     */
    public static CpuEngine parse(final String text)
    {
        for (final CpuEngine engine : values())
        {
            if (engine.optionName().equalsIgnoreCase(text.trim()))
            {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown CPU engine '" + text + "': expected compiled or interpreted");
    }
}
