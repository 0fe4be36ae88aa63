package io.tandem.transport.arbiter;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import static io.tandem.transport.arbiter.ArbiterMessage.HEADER_LENGTH;
import static io.tandem.transport.arbiter.ArbiterMessage.NAME_LENGTH_PREFIX;
import static io.tandem.transport.arbiter.ArbiterMessage.ORDER;

/**
 * Writes a {@link ClaimTable} into a cluster snapshot and reads it back: one begin fragment with
 * the entry count, then one fragment per entry, in key order.
 * <pre>
 *  begin:  0       2       4               8
 *         +-------+-------+---------------+
 *         | type  |version| count (i32)   |
 *         +-------+-------+---------------+
 *  claim:  0       2       4                               12
 *         +-------+-------+-------------------------------+
 *         | type  |version|       generation (i64)        |
 *         +-------+-------+-------------------------------+
 *         12
 *         +-- pair: length (i32), UTF-8 --+-- claimant: length (i32), UTF-8 --+
 * </pre>
 * Little-endian. The count lets the reader stop at the last entry without waiting for the end of
 * the snapshot's stream.
 */
final class ClaimSnapshot
{
    static final int COUNT_OFFSET = HEADER_LENGTH;
    static final int BEGIN_LENGTH = COUNT_OFFSET + 4;
    static final int GENERATION_OFFSET = HEADER_LENGTH;
    static final int PAIR_OFFSET = GENERATION_OFFSET + 8;

    private ClaimSnapshot()
    {
    }

    /** Offers the whole table to {@code publication}, idling while it is back-pressured. */
    static void write(final ClaimTable table, final ExclusivePublication publication, final IdleStrategy idle)
    {
        final MutableDirectBuffer buffer = new ExpandableArrayBuffer(ClaimRequest.MAX_LENGTH);
        ArbiterMessage.putHeader(buffer, 0, ArbiterMessage.TYPE_SNAPSHOT_BEGIN);
        buffer.putInt(COUNT_OFFSET, table.size(), ORDER);
        offer(publication, buffer, BEGIN_LENGTH, idle);
        table.forEach((pair, generation, claimant) ->
        {
            ArbiterMessage.putHeader(buffer, 0, ArbiterMessage.TYPE_SNAPSHOT_CLAIM);
            buffer.putLong(GENERATION_OFFSET, generation, ORDER);
            int index = PAIR_OFFSET;
            index += ArbiterMessage.putName(buffer, index, pair);
            index += ArbiterMessage.putName(buffer, index, claimant);
            offer(publication, buffer, index, idle);
        });
    }

    /**
     * Reads a table back from a snapshot image.
     *
     * @throws IllegalStateException if the snapshot is malformed or ends early: a member must not
     *                               start with a partial table and answer WON for a held key.
     */
    static ClaimTable read(final Image image, final IdleStrategy idle)
    {
        final Reader reader = new Reader();
        while (!reader.isComplete())
        {
            final int fragments = image.poll(reader, 1);
            if (fragments == 0 && image.isEndOfStream())
            {
                throw new IllegalStateException("the arbiter snapshot ended after " + reader.table.size() +
                    " of " + reader.expected + " claims");
            }
            idle.idle(fragments);
        }
        return reader.table;
    }

    private static void offer(
        final ExclusivePublication publication, final DirectBuffer buffer, final int length, final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("the arbiter snapshot could not be written: offer returned " +
                    Publication.errorString(result));
            }
            idle.idle();
        }
    }

    private static final class Reader implements FragmentHandler
    {
        private final ClaimTable table = new ClaimTable();
        private int expected = -1;

        boolean isComplete()
        {
            return expected >= 0 && table.size() == expected;
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final int type = ArbiterMessage.type(buffer, offset, length);
            if (type < 0 || ArbiterMessage.version(buffer, offset) != ArbiterMessage.VERSION)
            {
                throw new IllegalStateException("the arbiter snapshot holds a fragment of an unknown version");
            }
            if (type == ArbiterMessage.TYPE_SNAPSHOT_BEGIN && expected < 0 && length >= BEGIN_LENGTH)
            {
                expected = buffer.getInt(offset + COUNT_OFFSET, ORDER);
            }
            else if (type == ArbiterMessage.TYPE_SNAPSHOT_CLAIM && expected >= 0 && length >= PAIR_OFFSET)
            {
                final int limit = offset + length;
                final int pairLength = ArbiterMessage.nameLength(buffer, offset + PAIR_OFFSET, limit);
                final int claimantIndex = offset + PAIR_OFFSET + NAME_LENGTH_PREFIX + pairLength;
                final int claimantLength = pairLength < 0 ? -1 : ArbiterMessage.nameLength(buffer, claimantIndex, limit);
                if (claimantLength < 0)
                {
                    throw new IllegalStateException("the arbiter snapshot holds a claim with a bad name length");
                }
                table.restore(
                    ArbiterMessage.getName(buffer, offset + PAIR_OFFSET, pairLength),
                    buffer.getLong(offset + GENERATION_OFFSET, ORDER),
                    ArbiterMessage.getName(buffer, claimantIndex, claimantLength));
            }
            else
            {
                throw new IllegalStateException("the arbiter snapshot holds an unexpected fragment of type " + type +
                    " (" + length + " bytes) after " + table.size() + " claims");
            }
        }
    }
}
