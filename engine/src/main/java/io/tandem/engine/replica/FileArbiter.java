package io.tandem.engine.replica;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The default arbiter: a file created with CREATE_NEW in a directory both replicas reach (a
 * shared disk). File creation is atomic, so exactly one claimant creates a generation's file.
 */
public final class FileArbiter implements Arbiter
{
    private final Path directory;

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
            return Outcome.UNREACHABLE;
        }
    }
}
