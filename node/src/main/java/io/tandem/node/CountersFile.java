package io.tandem.node;

import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node's counters in a memory-mapped file ({@value #FILE_NAME} in its directory), as Aeron keeps
 * its counters in the CnC file: a small header, then Agrona's counters metadata and values
 * buffers, so that another process ({@code tandem stat}) reads them while the node runs.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    Version (written last)                     |
 *  +---------------------------------------------------------------+
 *  |                       Metadata length                         |
 *  +---------------------------------------------------------------+
 *  |                        Values length                          |
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            |
 *  +---------------------------------------------------------------+
 *  |                  Process id of the writer                     |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Start time, epoch ms                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Padding up to 128 bytes ...                   |
 *  +---------------------------------------------------------------+
 *  |                 Counters metadata buffer ...                  |
 *  +---------------------------------------------------------------+
 *  |                  Counters values buffer ...                   |
 *  +---------------------------------------------------------------+
 * </pre>
 * All fields little-endian. The writer owns the file for the node's life; readers map it read-only
 * in spirit (they never write) and find the version 0 while it is being laid out.
 */
public final class CountersFile implements AutoCloseable
{
    /** The file's name in a node's directory. */
    public static final String FILE_NAME = "counters.dat";
    /** The layout's version. */
    public static final int VERSION = 1;
    /** Counters the file has room for. */
    public static final int MAX_COUNTERS = 256;
    static final int VERSION_OFFSET = 0;
    static final int METADATA_LENGTH_OFFSET = VERSION_OFFSET + Integer.BYTES;
    static final int VALUES_LENGTH_OFFSET = METADATA_LENGTH_OFFSET + Integer.BYTES;
    static final int PID_OFFSET = VALUES_LENGTH_OFFSET + 2 * Integer.BYTES;
    static final int START_MS_OFFSET = PID_OFFSET + Long.BYTES;
    /** Header length: a multiple of the cache line, so that the buffers behind it stay aligned. */
    static final int HEADER_LENGTH = 128;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersManager manager;
    private final CountersReader reader;
    private final Path file;

    private CountersFile(final Path file, final MappedByteBuffer mapped, final boolean create)
    {
        this.file = file;
        this.mapped = mapped;
        header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int metadataLength;
        final int valuesLength;
        if (create)
        {
            metadataLength = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
            valuesLength = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
            header.putInt(METADATA_LENGTH_OFFSET, metadataLength, ByteOrder.LITTLE_ENDIAN);
            header.putInt(VALUES_LENGTH_OFFSET, valuesLength, ByteOrder.LITTLE_ENDIAN);
            header.putLong(PID_OFFSET, ProcessHandle.current().pid(), ByteOrder.LITTLE_ENDIAN);
            header.putLong(START_MS_OFFSET, System.currentTimeMillis(), ByteOrder.LITTLE_ENDIAN);
        }
        else
        {
            final int version = header.getIntVolatile(VERSION_OFFSET);
            if (version != VERSION)
            {
                throw new IllegalArgumentException(file + ": counters file version " + version + ", expected " +
                    VERSION + (version == 0 ? " (the node is still starting: try again)" : ""));
            }
            metadataLength = header.getInt(METADATA_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            valuesLength = header.getInt(VALUES_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (metadataLength <= 0 || valuesLength <= 0 ||
                (long)HEADER_LENGTH + metadataLength + valuesLength > mapped.capacity())
            {
                throw new IllegalArgumentException(file + ": damaged counters file (metadata " + metadataLength +
                    " bytes, values " + valuesLength + " bytes in a file of " + mapped.capacity() + ")");
            }
        }
        final AtomicBuffer metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        final AtomicBuffer values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
        if (create)
        {
            manager = new CountersManager(metadata, values);
            reader = manager;
            header.putIntRelease(VERSION_OFFSET, VERSION); // last: readers take the file from here on
        }
        else
        {
            manager = null;
            reader = new CountersReader(metadata, values);
        }
    }

    /**
     * Makes (or replaces) the counters file in a node's directory.
     *
     * @param directory the node's directory, existing.
     * @return the file, its counters to be allocated by the node's replicas.
     */
    public static CountersFile create(final Path directory)
    {
        final Path file = directory.resolve(FILE_NAME);
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot replace " + file + ": " + ex.getMessage(), ex);
        }
        final long length = HEADER_LENGTH + (long)MAX_COUNTERS *
            (CountersReader.METADATA_LENGTH + CountersReader.COUNTER_LENGTH);
        return new CountersFile(file, IoUtil.mapNewFile(file.toFile(), length), true);
    }

    /**
     * Maps another process's counters file, to read.
     *
     * @param file the counters file, or a node's directory holding one.
     * @return the file, for {@link #reader()}.
     * @throws IllegalArgumentException when there is none, or it is not one.
     */
    public static CountersFile openForReading(final Path file)
    {
        final Path path = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
        if (!Files.isRegularFile(path))
        {
            throw new IllegalArgumentException("no counters file at " + path + ": is a node running there?");
        }
        try
        {
            if (Files.size(path) < HEADER_LENGTH)
            {
                throw new IllegalArgumentException(path + " is too short for a counters file (" +
                    Files.size(path) + " bytes)");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": " + ex.getMessage(), ex);
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(path.toFile(), "counters");
        try
        {
            return new CountersFile(path, mapped, false);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
    }

    /** @return the writer's counters; null for a file opened for reading. */
    public CountersManager manager()
    {
        return manager;
    }

    /** @return the counters, to read. */
    public CountersReader reader()
    {
        return reader;
    }

    /** @return the process id of the node that wrote the file. */
    public long pid()
    {
        return header.getLong(PID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return when the node started, epoch ms. */
    public long startMs()
    {
        return header.getLong(START_MS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the file's path. */
    public Path file()
    {
        return file;
    }

    /**
     * A reader's mapping goes now. A writer's file stays on disk with its last values, and its
     * mapping stays until the buffers are unreachable: its counters may still be read (a final
     * report after the pair closed), and a read of unmapped memory would crash the JVM.
     */
    @Override
    public void close()
    {
        if (manager == null)
        {
            CloseHelper.quietClose(() -> IoUtil.unmap(mapped));
        }
    }
}
