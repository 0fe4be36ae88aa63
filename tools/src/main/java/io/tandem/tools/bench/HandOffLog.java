package io.tandem.tools.bench;

import io.tandem.codec.EntryType;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Timestamps of the hand-offs between a pair's threads, for {@link HandOffTrace}: which thread
 * woke which, when a parked thread came back, when an idle thread found work, and the primary's
 * moments on a request's way out (entries sent, outputs held, acknowledgements taken, outputs
 * released, frames sent). Preallocated
 * arrays written by any thread (one atomic increment per event); a tracing tool only, never on
 * a served pair's path.
 */
final class HandOffLog
{
    /** The threads that wait, and those that wake them. */
    enum Party
    {
        PRIMARY('P'), BACKUP('B'), DRIVER('D'), BRIDGE('N'), OTHER('?');

        final char letter;

        Party(final char letter)
        {
            this.letter = letter;
        }

        /** @return the party whose thread this is, by the names the pair gives its threads. */
        static Party of(final Thread thread)
        {
            final String name = thread.getName();
            if (name.startsWith("tandem-primary"))
            {
                return PRIMARY;
            }
            if (name.startsWith("tandem-backup"))
            {
                return BACKUP;
            }
            if (name.contains("udp-bridge"))
            {
                return BRIDGE;
            }
            if (name.contains("driver-conductor") || name.contains("sender") || name.contains("receiver"))
            {
                return DRIVER;
            }
            return OTHER;
        }
    }

    /** What happened to the waiting party. */
    enum Kind
    {
        /** Another thread raised its wake-up signal. */
        WOKEN_BY,
        /** A park ended, ended by a signal. */
        PARK_END_SIGNALLED,
        /** A park ended at its deadline. */
        PARK_END_TIMEOUT,
        /** A wait ended because a socket the party watches became readable (it read it there). */
        PARK_END_READY,
        /** A duty cycle did work after idle ones. */
        WORK,
        /** A duty cycle did no work after working ones. */
        IDLE,
        /** The primary sent an entry to the backup (its type in place of the waker). */
        ENTRY_SENT,
        /** The primary held an output for an acknowledgement. */
        OUTPUT_HELD,
        /** The primary took an acknowledgement. */
        ACK_TAKEN,
        /** The primary released held outputs. */
        RELEASED,
        /** The primary's send of a frame to the world returned. */
        FRAME_SENT
    }

    private final long[] times;
    private final int[] codes;
    private final AtomicInteger next = new AtomicInteger();

    HandOffLog(final int capacity)
    {
        times = new long[capacity];
        codes = new int[capacity];
    }

    /** Records one event now; dropped once the log is full. */
    void record(final Party party, final Kind kind, final Party by)
    {
        record(party, kind, by.ordinal());
    }

    /** Records that {@code party} sent an entry of {@code type} ({@link io.tandem.codec.EntryType}) now. */
    void entrySent(final Party party, final int type)
    {
        record(party, Kind.ENTRY_SENT, Math.min(type, 15));
    }

    private void record(final Party party, final Kind kind, final int detail)
    {
        final long now = System.nanoTime();
        final int index = next.getAndIncrement();
        if (index < times.length)
        {
            times[index] = now;
            codes[index] = (party.ordinal() * 16 + kind.ordinal()) * 16 + detail;
        }
    }

    /** @return events recorded so far (bounded by the capacity). */
    int size()
    {
        return Math.min(next.get(), times.length);
    }

    long time(final int index)
    {
        return times[index];
    }

    /**
     * @return the event's label, e.g. {@code B<-P} (the primary woke the backup), {@code P:run} (a
     * working duty cycle ended), {@code P:ready} (a watched socket ended its wait), {@code P:idle},
     * {@code P>EPOCH} (the primary sent an epoch mark),
     * {@code P:held}, {@code P:ack}, {@code P:released}, {@code P:sent}.
     */
    String label(final int index)
    {
        final int code = codes[index];
        final Party party = Party.values()[code / 256];
        final Kind kind = Kind.values()[(code / 16) % 16];
        final int detail = code % 16;
        final Party by = Party.values()[Math.min(detail, Party.values().length - 1)];
        switch (kind)
        {
            case WOKEN_BY:
                return party.letter + "<-" + by.letter;
            case PARK_END_SIGNALLED:
                return party.letter + ":up";
            case PARK_END_TIMEOUT:
                return party.letter + ":up(timeout)";
            case PARK_END_READY:
                return party.letter + ":ready";
            case WORK:
                return party.letter + ":run";
            case ENTRY_SENT:
                return party.letter + ">" + EntryType.name(detail);
            case OUTPUT_HELD:
                return party.letter + ":held";
            case ACK_TAKEN:
                return party.letter + ":ack";
            case RELEASED:
                return party.letter + ":released";
            case FRAME_SENT:
                return party.letter + ":sent";
            default:
                return party.letter + ":idle";
        }
    }
}
