package io.tandem.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a guest ELF file: what ties a recording to the guest it was recorded from. */
public final class ElfDigest
{
    private ElfDigest()
    {
    }

    /** @return the SHA-256 of the file's bytes. */
    public static byte[] sha256(final Path elf)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(elf));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(elf + ": cannot read: " + ex.getMessage(), ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }
}
