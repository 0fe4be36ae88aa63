package io.tandem.engine.replica;

import io.tandem.codec.EntryType;

/** Entries and bytes of a log, by entry type. */
public final class LogStatistics
{
    private final long[] entries = new long[EntryType.MAX + 1];
    private final long[] bytes = new long[EntryType.MAX + 1];

    /** Counts one entry. */
    public void count(final int type, final int length)
    {
        entries[type]++;
        bytes[type] += length;
    }

    /** @return entries of a type. */
    public long entries(final int type)
    {
        return entries[type];
    }

    /** @return bytes of entries of a type. */
    public long bytes(final int type)
    {
        return bytes[type];
    }

    /** @return all entries. */
    public long totalEntries()
    {
        long total = 0;
        for (final long n : entries)
        {
            total += n;
        }
        return total;
    }

    /** @return all bytes. */
    public long totalBytes()
    {
        long total = 0;
        for (final long n : bytes)
        {
            total += n;
        }
        return total;
    }
}
