package io.tandem.tools;

import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.MachineContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --cpu compiled|interpreted} option shared by every command that runs a machine.
 * The choice becomes the {@code tandem.cpu} property, the default of every {@link MachineContext}
 * this process builds afterwards, so that machines made deep inside a command (a pair's two, a
 * replaying machine) run on it as well; both engines reach the same state, so a primary and its
 * backup may choose differently.
 */
public final class CpuOption
{
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private CpuEngine engine;

    /** @param text {@code compiled} or {@code interpreted}. */
    @Option(names = "--cpu", paramLabel = "compiled|interpreted",
        description = "the engine that runs guest instructions: compiled (hot code compiled to JVM bytecode) or " +
            "interpreted (the reference); the same results either way (default: the tandem.cpu property, else " +
            "compiled)")
    void engine(final String text)
    {
        try
        {
            engine = CpuEngine.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "--cpu: " + ex.getMessage());
        }
        System.setProperty(MachineContext.CPU_ENGINE_PROPERTY, engine.optionName());
    }

    /** @return the engine chosen, or the default of a new {@link MachineContext} when none was. */
    public CpuEngine engine()
    {
        return engine != null ? engine : new MachineContext().cpuEngine();
    }
}
