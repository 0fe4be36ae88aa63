package io.tandem.engine.snapshot;

/**
 * Collects a machine's state as named sections in one off-heap buffer: each component saves
 * itself after {@link #begin}, and the sections' bounds are kept for the file or stream that
 * carries them. Reused from one snapshot to the next.
 */
public final class SectionWriter
{
    private final StateWriter writer = new StateWriter(64 * 1024);
    private final SnapshotSection[] sections = new SnapshotSection[SnapshotSection.values().length];
    private final int[] starts = new int[sections.length + 1];
    private int count;

    /** Forgets every section. */
    public SectionWriter reset()
    {
        writer.reset();
        count = 0;
        return this;
    }

    /**
     * Starts a section; the previous one ends where this one begins.
     *
     * @return the writer to save the component through.
     */
    public StateWriter begin(final SnapshotSection section)
    {
        for (int i = 0; i < count; i++)
        {
            if (sections[i] == section)
            {
                throw new IllegalStateException("section " + section + " written twice");
            }
        }
        sections[count] = section;
        starts[count] = writer.position();
        count++;
        return writer;
    }

    /** @return sections written. */
    public int count()
    {
        return count;
    }

    /** @return the i-th section written. */
    public SnapshotSection section(final int index)
    {
        return sections[index];
    }

    /** @return where the i-th section starts in {@link #writer()}'s buffer. */
    public int start(final int index)
    {
        return starts[index];
    }

    /** @return the i-th section's length. */
    public int length(final int index)
    {
        return (index + 1 < count ? starts[index + 1] : writer.position()) - starts[index];
    }

    /** @return the writer holding every section's bytes. */
    public StateWriter writer()
    {
        return writer;
    }
}
