package io.tandem.tools.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The committed guest ELFs, found from the module directory or the repository root. */
final class Guests
{
    private Guests()
    {
    }

    /** @return the path of {@code guests/bin/NAME}. */
    static Path guest(final String name)
    {
        for (final String base : new String[] {"../guests/bin", "guests/bin"})
        {
            final Path path = Paths.get(base, name);
            if (Files.isRegularFile(path))
            {
                return path;
            }
        }
        throw new IllegalStateException("guest ELF not found: guests/bin/" + name);
    }

    /** @return the SHA-256 of a file's bytes, as RUN_START records it. */
    static byte[] sha256(final Path file)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
