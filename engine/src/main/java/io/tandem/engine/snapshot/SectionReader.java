package io.tandem.engine.snapshot;

import org.agrona.DirectBuffer;

/**
 * A machine's state as named sections read back from a file or stream: hands each component a
 * bounds-checked {@link StateReader} over its own section.
 */
public final class SectionReader
{
    private final String source;
    private final DirectBuffer buffer;
    private final int[] offsets = new int[SnapshotSection.values().length];
    private final int[] lengths = new int[offsets.length];
    private final long[] fileOffsets = new long[offsets.length];
    private final boolean[] present = new boolean[offsets.length];

    /**
     * @param source the file or stream, for messages.
     * @param buffer holds every section.
     */
    public SectionReader(final String source, final DirectBuffer buffer)
    {
        this.source = source;
        this.buffer = buffer;
    }

    /** Declares a section found in {@link #buffer} at {@code offset}. */
    void add(final SnapshotSection section, final int offset, final int length, final long fileOffset)
    {
        final int i = section.ordinal();
        offsets[i] = offset;
        lengths[i] = length;
        fileOffsets[i] = fileOffset;
        present[i] = true;
    }

    /** @return true when the section was found. */
    public boolean has(final SnapshotSection section)
    {
        return present[section.ordinal()];
    }

    /**
     * @return a reader over the section.
     * @throws SnapshotFormatException when it is missing.
     */
    public StateReader section(final SnapshotSection section)
    {
        final int i = section.ordinal();
        if (!present[i])
        {
            throw new SnapshotFormatException(source + ": section " + section + " is missing");
        }
        return new StateReader(source, section.name(), buffer, offsets[i], lengths[i], fileOffsets[i]);
    }
}
