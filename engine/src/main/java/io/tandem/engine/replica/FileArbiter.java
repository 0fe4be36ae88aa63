package io.tandem.engine.replica;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The default arbiter: a file created with CREATE_NEW in a directory both replicas reach (a
 * shared disk). File creation is atomic, so exactly one claimant creates a generation's file.
 */
public final class FileArbiter implements Arbiter
{
    private final Path directory;
    private volatile String lastFailure;

    /** @param directory the shared directory. */
    public FileArbiter(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * @param pair       the pair's name.
     * @param generation the generation.
     * @return the file whose creation claims that generation.
     */
    public Path claimFile(final String pair, final long generation)
    {
        return directory.resolve(pair + "-generation-" + generation);
    }

    @Override
    public Outcome testAndSet(final String pair, final long generation, final String claimant)
    {
        if (!Files.isDirectory(directory))
        {
            lastFailure = "arbiter directory " + directory + " does not exist or is not a directory";
            return Outcome.UNREACHABLE;
        }
        final Path claim = claimFile(pair, generation);
        try
        {
            Files.write(claim, (claimant + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return Outcome.WON;
        }
        catch (final FileAlreadyExistsException ex)
        {
            return Outcome.LOST;
        }
        catch (final IOException ex)
        {
            lastFailure = "cannot create " + claim + ": " + ex;
            return Outcome.UNREACHABLE;
        }
    }

    /**
     * Lists the pair's claims, and creates and deletes a probe file beside them: a directory that
     * can be read but not written to would fail only at the claim.
     */
    @Override
    public long currentGeneration(final String pair)
    {
        if (!Files.isDirectory(directory))
        {
            lastFailure = "arbiter directory " + directory + " does not exist or is not a directory";
            return UNREACHABLE_GENERATION;
        }
        final String prefix = pair + "-generation-";
        long highest = 0;
        try (DirectoryStream<Path> claims = Files.newDirectoryStream(directory,
            path -> path.getFileName().toString().startsWith(prefix)))
        {
            for (final Path claim : claims)
            {
                final String suffix = claim.getFileName().toString().substring(prefix.length());
                if (!suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit) && suffix.length() < 19)
                {
                    highest = Math.max(highest, Long.parseLong(suffix));
                }
            }
            final Path probe = directory.resolve(".probe-" + ProcessHandle.current().pid() + "-" +
                Long.toHexString(ThreadLocalRandom.current().nextLong()));
            Files.write(probe, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.delete(probe);
            return highest;
        }
        catch (final IOException ex)
        {
            lastFailure = "arbiter directory " + directory + " cannot be read and written: " + ex;
            return UNREACHABLE_GENERATION;
        }
    }

    @Override
    public String lastFailure()
    {
        return lastFailure;
    }
}
