package io.tandem.tools.kv;

import io.tandem.tools.history.KvOperation;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * One load client's history, kept in primitive arrays sized before the run, so that recording an
 * operation allocates nothing: for each operation its request number, key, kind, call and reply
 * times, status and, for a read, which write it saw.
 * <p>
 * Each write carries a value no other write has: the tag {@code c<client>r<request>} (fixed-width
 * hex in the value's first {@link #TAG_LENGTH} bytes, the rest filler), so that a read names the
 * write it saw and the history can be checked for linearizability.
 */
final class LoadHistory
{
    /** Bytes of a value's tag: {@code c}, 8 hex digits of the client, {@code r}, 16 of the request. */
    static final int TAG_LENGTH = 26;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long NO_TAG = -1;

    private final int client;
    private final long[] request;
    private final int[] key;
    private final boolean[] put;
    private final long[] invokeNs;
    private final long[] completeNs;
    private final byte[] status;
    private final long[] readRequest;
    private final int[] readClient;
    private int size;
    private boolean overflowed;

    /**
     * @param client   the load client's index.
     * @param capacity operations it can record: every one the schedule can send.
     */
    LoadHistory(final int client, final int capacity)
    {
        this.client = client;
        request = new long[capacity];
        key = new int[capacity];
        put = new boolean[capacity];
        invokeNs = new long[capacity];
        completeNs = new long[capacity];
        status = new byte[capacity];
        readRequest = new long[capacity];
        readClient = new int[capacity];
    }

    /** Writes the tag of this client's write {@code requestNo} at the start of {@code value}. */
    void tag(final MutableDirectBuffer value, final long requestNo)
    {
        value.putByte(0, (byte)'c');
        for (int i = 0; i < 8; i++)
        {
            value.putByte(1 + i, HEX[(client >>> (28 - 4 * i)) & 0xF]);
        }
        value.putByte(9, (byte)'r');
        for (int i = 0; i < 16; i++)
        {
            value.putByte(10 + i, HEX[(int)(requestNo >>> (60 - 4 * i)) & 0xF]);
        }
    }

    /** Records one operation; the read value (when a read succeeded) is parsed for its tag. */
    void record(final long requestNo, final int keyIndex, final boolean isPut, final long callNs, final long replyNs,
        final KvStatus result, final DirectBuffer readValue, final int readOffset, final int readLength)
    {
        if (size == request.length)
        {
            overflowed = true;
            return;
        }
        final int i = size++;
        request[i] = requestNo;
        key[i] = keyIndex;
        put[i] = isPut;
        invokeNs[i] = callNs;
        completeNs[i] = replyNs;
        status[i] = (byte)result.ordinal();
        readRequest[i] = NO_TAG;
        if (!isPut && result == KvStatus.OK)
        {
            parseTag(i, readValue, readOffset, readLength);
        }
    }

    private void parseTag(final int i, final DirectBuffer value, final int offset, final int length)
    {
        if (length < TAG_LENGTH || value.getByte(offset) != 'c' || value.getByte(offset + 9) != 'r')
        {
            return;
        }
        int writer = 0;
        for (int d = 1; d <= 8; d++)
        {
            final int digit = Character.digit(value.getByte(offset + d), 16);
            if (digit < 0)
            {
                return;
            }
            writer = writer << 4 | digit;
        }
        long requestNo = 0;
        for (int d = 10; d < TAG_LENGTH; d++)
        {
            final int digit = Character.digit(value.getByte(offset + d), 16);
            if (digit < 0)
            {
                return;
            }
            requestNo = requestNo << 4 | digit;
        }
        readClient[i] = writer;
        readRequest[i] = requestNo;
    }

    /** @return true when the schedule sent more than the arrays hold (the history is incomplete). */
    boolean overflowed()
    {
        return overflowed;
    }

    /** Adds this client's operations to {@code history}, keys named as the load names them. */
    void addTo(final List<KvOperation> history, final int keys)
    {
        final int keyLength = KvLoad.keyLength(keys);
        final String format = "key-%0" + (keyLength - "key-".length()) + "d";
        final KvStatus[] statuses = KvStatus.values();
        for (int i = 0; i < size; i++)
        {
            final KvStatus result = statuses[status[i]];
            final String keyName = String.format(java.util.Locale.ROOT, format, key[i]);
            final String read = !put[i] && result == KvStatus.OK ?
                (readRequest[i] == NO_TAG ? "untagged value" : "c" + readClient[i] + "r" + readRequest[i]) : null;
            history.add(new KvOperation(client, request[i], put[i] ? KvOp.PUT : KvOp.GET, keyName,
                put[i] ? "c" + client + "r" + request[i] : null, null, invokeNs[i],
                result == KvStatus.TIMED_OUT ? -1 : completeNs[i], result, read));
        }
    }
}
