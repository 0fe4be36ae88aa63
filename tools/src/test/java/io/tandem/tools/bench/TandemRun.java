package io.tandem.tools.bench;

import io.tandem.tools.Tandem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Runs the {@code tandem} command line in this JVM and captures its exit code and streams. */
final class TandemRun
{
    final int exitCode;
    final String out;
    final String err;

    private TandemRun(final int exitCode, final String out, final String err)
    {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static synchronized TandemRun of(final String... args)
    {
        final InputStream savedIn = System.in;
        final PrintStream savedOut = System.out;
        final PrintStream savedErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            System.setIn(new ByteArrayInputStream(new byte[0]));
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            final int exitCode = Tandem.execute(args);
            return new TandemRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setIn(savedIn);
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    /** @return the committed guests' directory, from the module directory or the repository root. */
    static String guests()
    {
        for (final String base : new String[] {"../guests/bin", "guests/bin"})
        {
            if (Files.isRegularFile(Paths.get(base, "kvstore.elf")))
            {
                return Path.of(base).toString();
            }
        }
        throw new IllegalStateException("guests/bin not found");
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
