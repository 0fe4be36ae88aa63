package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.mem.MemoryMap;

/**
 * A closed machine has freed its RAM: every method that touches RAM must refuse with an
 * {@link IllegalStateException}, as {@link Machine#run(long)} does, instead of reading or writing
 * freed native memory. Each call runs in a child JVM because the failure being guarded against
 * is a crash of the whole JVM.
 */
class ClosedMachineTest
{
    /** Exit status of the child when the call was refused properly. */
    private static final int REFUSED = 42;
    /** Exit status of the child when the call returned normally. */
    private static final int RETURNED = 43;

    @Test
    void stateHashOfAClosedMachineIsRefused() throws Exception
    {
        assertEquals(REFUSED, runChild("stateHash"), "stateHash() after close()");
    }

    @Test
    void hostWriteIntoAClosedMachineIsRefused() throws Exception
    {
        assertEquals(REFUSED, runChild("writeRamInt"), "writeRamInt() after close()");
    }

    private static int runChild(final String call) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-D"))
            {
                command.add(argument);
            }
        }
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-XX:ErrorFile=/dev/null");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Child.class.getName());
        command.add(call);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
        final int status = process.exitValue();
        if (status != REFUSED)
        {
            System.err.println(call + " child exited with " + status + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
        return status;
    }

    /** Closes a machine, then makes one call on it. */
    public static final class Child
    {
        private Child()
        {
        }

        /** @param args the call to make. */
        public static void main(final String[] args)
        {
            final Machine m = new Machine(new MachineContext()
                .ramMib(16)
                .clock(new VirtualClock())
                .entropy(new SeededEntropy(1)));
            m.close();
            try
            {
                if (args[0].equals("stateHash"))
                {
                    m.stateHash();
                }
                else
                {
                    m.writeRamInt(MemoryMap.RAM_BASE, 1);
                }
            }
            catch (final IllegalStateException expected)
            {
                System.exit(REFUSED);
            }
            System.exit(RETURNED);
        }
    }
}
