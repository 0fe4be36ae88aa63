package io.tandem.tools.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the committed guest ELFs: in a given directory, under ./guests/bin, or next to the jar. */
final class GuestFiles
{
    private final Path directory;

    private GuestFiles(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * @param given the directory named on the command line, or null to look in the usual places.
     * @return the guests.
     * @throws IllegalArgumentException when no directory holds them.
     */
    static GuestFiles locate(final Path given)
    {
        if (given != null)
        {
            if (!Files.isRegularFile(given.resolve("kvstore.elf")))
            {
                throw new IllegalArgumentException(given + " holds no guest ELFs (kvstore.elf, cpubench.elf, ...)");
            }
            return new GuestFiles(given);
        }
        for (final Path candidate : new Path[] {Paths.get("guests/bin"), Paths.get("../guests/bin"), besideJar()})
        {
            if (candidate != null && Files.isRegularFile(candidate.resolve("kvstore.elf")))
            {
                return new GuestFiles(candidate);
            }
        }
        throw new IllegalArgumentException("guests/bin not found: run from the repository, or give --guests DIR");
    }

    /** @return the path of a guest ELF, e.g. {@code kvstore.elf}. */
    Path elf(final String name)
    {
        final Path elf = directory.resolve(name);
        if (!Files.isRegularFile(elf))
        {
            throw new IllegalArgumentException(elf + ": missing");
        }
        return elf;
    }

    private static Path besideJar()
    {
        try
        {
            // The launcher runs tools/target/tandem.jar: the guests are two levels up.
            final Path jar = Paths.get(GuestFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent().resolve("guests/bin");
        }
        catch (final Exception ex)
        {
            return null; // not run from a jar in a checkout: the other places are tried
        }
    }
}
