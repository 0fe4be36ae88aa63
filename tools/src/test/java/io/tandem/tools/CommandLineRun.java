package io.tandem.tools;

import io.tandem.engine.machine.MachineContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Runs the {@code tandem} command line in this JVM and captures its exit code and streams. */
public final class CommandLineRun
{
    public final int exitCode;
    public final String out;
    public final String err;

    private CommandLineRun(final int exitCode, final String out, final String err)
    {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public static synchronized CommandLineRun tandem(final String... args)
    {
        final InputStream savedIn = System.in;
        final PrintStream savedOut = System.out;
        final PrintStream savedErr = System.err;
        // --cpu sets the engine property for the rest of the process: keep it to this command.
        final String savedEngine = System.getProperty(MachineContext.CPU_ENGINE_PROPERTY);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            // The guest's console reads System.in from a thread: give it an empty stream, never
            // the test JVM's own standard input (which the test runner may use).
            System.setIn(new ByteArrayInputStream(new byte[0]));
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            final int exitCode = Tandem.execute(args);
            capturedOut.flush();
            capturedErr.flush();
            return new CommandLineRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setIn(savedIn);
            System.setOut(savedOut);
            System.setErr(savedErr);
            if (savedEngine == null)
            {
                System.clearProperty(MachineContext.CPU_ENGINE_PROPERTY);
            }
            else
            {
                System.setProperty(MachineContext.CPU_ENGINE_PROPERTY, savedEngine);
            }
        }
    }

    /** @return a committed guest ELF, found from the module directory or the repository root. */
    public static String guest(final String relative)
    {
        for (final String base : new String[] {"../guests/bin", "guests/bin"})
        {
            final Path path = Paths.get(base, relative);
            if (Files.exists(path))
            {
                return path.toString();
            }
        }
        throw new IllegalStateException("guest ELF not found: " + relative);
    }

    /** @return the committed guests' directory, from the module directory or the repository root. */
    public static String guests()
    {
        return Paths.get(guest("kvstore.elf")).getParent().toString();
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
