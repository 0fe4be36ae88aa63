package io.tandem.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the committed guest ELFs ({@code guests/bin}) from wherever the benchmarks run.
 * <p>
 * JMH forks inherit the launcher's working directory, so a relative path works whether the suite
 * is started from the repository root or from {@code perf/}. The system property
 * {@value #PROPERTY} overrides the search; forks inherit it from the launcher's command line.
 */
public final class Guests
{
    /** System property naming the directory that holds the guest ELFs. */
    public static final String PROPERTY = "tandem.guests";

    /** Tried first when the property is not set: the layout seen from the repository root. */
    public static final String DEFAULT_DIRECTORY = "guests/bin";

    /** Tried second when the property is not set: the layout seen from {@code perf/}. */
    public static final String FALLBACK_DIRECTORY = "../guests/bin";

    private Guests()
    {
    }

    /**
     * @param fileName an ELF's file name, e.g. {@code cpubench_quick.elf}.
     * @return the path of that ELF.
     * @throws IllegalStateException naming every place looked at when the file is in none of them.
     */
    public static Path resolve(final String fileName)
    {
        final String configured = System.getProperty(PROPERTY);
        final String[] directories = null != configured ?
            new String[]{ configured } : new String[]{ DEFAULT_DIRECTORY, FALLBACK_DIRECTORY };

        final StringBuilder tried = new StringBuilder();
        for (final String directory : directories)
        {
            final Path candidate = Paths.get(directory, fileName);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
            tried.append(' ').append(candidate.toAbsolutePath());
        }

        throw new IllegalStateException(
            fileName + " not found; looked at" + tried + ". Run from the repository root, or pass -D" +
            PROPERTY + "=<directory holding the guest ELFs>");
    }
}
