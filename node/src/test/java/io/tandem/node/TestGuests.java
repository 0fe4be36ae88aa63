package io.tandem.node;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The committed guest programs ({@code guests/bin}), found from a module's directory or the root. */
public final class TestGuests
{
    private TestGuests()
    {
    }

    /**
     * @param name the ELF's file name.
     * @return its path; the calling test is skipped when it has not been built.
     */
    public static Path guest(final String name)
    {
        for (final String base : new String[] {"../guests/bin", "guests/bin"})
        {
            final Path path = Paths.get(base, name);
            if (Files.isRegularFile(path))
            {
                return path;
            }
        }
        Assumptions.assumeTrue(false, "guests/bin/" + name + " is not built yet");
        return null;
    }
}
