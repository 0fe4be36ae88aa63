package io.tandem.tools.kv;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Blocking client of the {@code kvstore} guest over UDP, with at-most-once retries.
 * <p>
 * Each call takes the next request number (from 1) and sends one request. If no reply comes
 * within the timeout it sends the <em>same</em> request (same client id and request number) to
 * every server in the list, so that whichever side is live answers within one more round trip
 * (a backup going live after a failover or a hand-over, whatever the list's order), and a server
 * that already applied it recognises it and answers with the response it remembers instead of
 * applying it twice; after the last attempt the call ends {@link KvStatus#TIMED_OUT}. Calls
 * start at the server that answered last (the primary at first), so once a primary is gone each
 * call does not pay a timeout to find that out again.
 * <p>
 * A reply completes the call only if it answers this client's outstanding request; it may come
 * from any server in the list (a late answer from the one failed over from is as good).
 * Replies are dropped and counted when they come from elsewhere, are malformed, answer another
 * request, or carry a reply sequence number already seen from that server's stream (a
 * duplicate). One call is outstanding at a time, so a reply to the outstanding request can
 * never be a duplicate: if its sequence number is not new, the server's stream has started
 * again (a restarted guest counts from 1), and the reply is taken and the stream's count reset.
 * <p>
 * {@link #execute} is the allocation-free path: buffers in, a status out, the value left in
 * {@link #valueBuffer()}. The {@code get/put/delete/cas} methods wrap it for convenience and
 * return a {@link KvResult}.
 * <p>
 * Not thread-safe: one thread per client (each with its own id), as a client's request numbers
 * are a single sequence.
 */
public final class KvClient implements AutoCloseable
{
    /** Default time to wait for a reply before resending. */
    public static final long DEFAULT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Default number of sends per call, the first included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private static final byte[] NO_BYTES = new byte[0];

    private final InetSocketAddress[] servers;
    private final int clientId;
    private final long timeoutNs;
    private final int maxAttempts;
    private final UdpEndpoint endpoint = new UdpEndpoint();

    private final ByteBuffer requestBytes = ByteBuffer.allocateDirect(KvProtocol.MAX_DATAGRAM_LENGTH);
    private final UnsafeBuffer request = new UnsafeBuffer(requestBytes);
    private final KvRequestEncoder encoder = new KvRequestEncoder();
    private final KvResponseDecoder decoder = new KvResponseDecoder();
    private final UnsafeBuffer keyView = new UnsafeBuffer(NO_BYTES);
    private final UnsafeBuffer expectedView = new UnsafeBuffer(NO_BYTES);
    private final UnsafeBuffer valueView = new UnsafeBuffer(NO_BYTES);

    private final int[] highestReplySeq;
    private final boolean[] replySeqSeen;
    private int nextRequestNo;
    private int serverIndex;

    private KvStatus lastStatus = KvStatus.TIMED_OUT;
    private int lastRequestNo;
    private int lastReplySeq;
    private int lastAttempts;
    private int lastValueLength;

    private long calls;
    private long retries;
    private long attemptTimeouts;
    private long callsTimedOut;
    private long duplicatesDropped;
    private long strayReplies;
    private long malformedReplies;
    private long streamRestarts;

    /**
     * Opens the client's socket.
     *
     * @param context the configuration.
     * @throws IllegalArgumentException when no server is given or a setting is out of range.
     */
    public KvClient(final Context context)
    {
        if (context.servers.isEmpty())
        {
            throw new IllegalArgumentException("at least one server address is needed");
        }
        if (context.timeoutNs <= 0 || context.maxAttempts < 1 || context.firstRequestNo == 0)
        {
            throw new IllegalArgumentException("timeout must be positive, attempts at least 1, request numbers from 1");
        }
        servers = context.servers.toArray(new InetSocketAddress[0]);
        for (final InetSocketAddress server : servers)
        {
            if (server.isUnresolved())
            {
                throw new IllegalArgumentException("unresolved server address: " + server);
            }
        }
        clientId = context.clientIdSet ? context.clientId : randomClientId();
        timeoutNs = context.timeoutNs;
        maxAttempts = context.maxAttempts;
        nextRequestNo = context.firstRequestNo;
        highestReplySeq = new int[servers.length];
        replySeqSeen = new boolean[servers.length];
    }

    /**
     * @param servers primary first.
     * @return a client with a random id and the default timeout and attempts.
     */
    public static KvClient connect(final InetSocketAddress... servers)
    {
        final Context context = new Context();
        for (final InetSocketAddress server : servers)
        {
            context.server(server);
        }
        return new KvClient(context);
    }

    /** @return a random client id, so that independent clients do not share at-most-once state. */
    public static int randomClientId()
    {
        return new SecureRandom().nextInt();
    }

    /**
     * @param key the key.
     * @return OK with the value, or NOT_FOUND.
     */
    public KvResult get(final byte[] key)
    {
        keyView.wrap(key);
        execute(KvOp.GET, keyView, 0, key.length, null, 0, 0, null, 0, 0);
        return result();
    }

    /**
     * @param key   the key.
     * @param value the value.
     * @return OK, or why not.
     */
    public KvResult put(final byte[] key, final byte[] value)
    {
        keyView.wrap(key);
        valueView.wrap(value);
        execute(KvOp.PUT, keyView, 0, key.length, null, 0, 0, valueView, 0, value.length);
        return result();
    }

    /**
     * @param key the key.
     * @return OK, or NOT_FOUND.
     */
    public KvResult delete(final byte[] key)
    {
        keyView.wrap(key);
        execute(KvOp.DELETE, keyView, 0, key.length, null, 0, 0, null, 0, 0);
        return result();
    }

    /**
     * @param key      the key.
     * @param expected the value the key must hold for the swap to happen.
     * @param value    the new value.
     * @return OK, CAS_MISMATCH with the current value, or NOT_FOUND.
     */
    public KvResult cas(final byte[] key, final byte[] expected, final byte[] value)
    {
        keyView.wrap(key);
        expectedView.wrap(expected);
        valueView.wrap(value);
        execute(KvOp.CAS, keyView, 0, key.length, expectedView, 0, expected.length, valueView, 0, value.length);
        return result();
    }

    /**
     * @param key the key, as UTF-8.
     * @return see {@link #get(byte[])}.
     */
    public KvResult get(final String key)
    {
        return get(utf8(key));
    }

    /**
     * @param key   the key, as UTF-8.
     * @param value the value, as UTF-8.
     * @return see {@link #put(byte[], byte[])}.
     */
    public KvResult put(final String key, final String value)
    {
        return put(utf8(key), utf8(value));
    }

    /**
     * @param key the key, as UTF-8.
     * @return see {@link #delete(byte[])}.
     */
    public KvResult delete(final String key)
    {
        return delete(utf8(key));
    }

    /**
     * @param key      the key, as UTF-8.
     * @param expected the expected value, as UTF-8.
     * @param value    the new value, as UTF-8.
     * @return see {@link #cas(byte[], byte[], byte[])}.
     */
    public KvResult cas(final String key, final String expected, final String value)
    {
        return cas(utf8(key), utf8(expected), utf8(value));
    }

    /**
     * Sends one request and waits for its reply, resending as needed; allocates nothing.
     *
     * @param op             the operation.
     * @param key            key bytes.
     * @param keyOffset      where they start.
     * @param keyLength      1 to {@link KvProtocol#MAX_KEY_LENGTH}.
     * @param expected       CAS: expected value bytes; otherwise ignored (may be null).
     * @param expectedOffset where they start.
     * @param expectedLength CAS: their length; otherwise 0.
     * @param value          PUT and CAS: value bytes; otherwise ignored (may be null).
     * @param valueOffset    where they start.
     * @param valueLength    PUT and CAS: their length; otherwise 0.
     * @return the reply's status, or {@link KvStatus#TIMED_OUT}; the value is in {@link #valueBuffer()}.
     * @throws IllegalArgumentException when the key length is out of range, a part does not belong
     *                                  to the operation, or the request would not fit in one datagram.
     */
    public KvStatus execute(
        final KvOp op,
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final DirectBuffer expected,
        final int expectedOffset,
        final int expectedLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        checkRequest(op, keyLength, expectedLength, valueLength);
        final int requestNo = nextRequestNo++;
        if (nextRequestNo == 0)
        {
            nextRequestNo = 1; // request number 0 is not valid on the wire
        }
        encoder.wrap(request, 0).header(op, clientId, requestNo).key(key, keyOffset, keyLength);
        if (op == KvOp.CAS)
        {
            encoder.expected(expected, expectedOffset, expectedLength);
        }
        if (valueLength > 0)
        {
            encoder.value(value, valueOffset, valueLength);
        }
        requestBytes.limit(encoder.encodedLength());
        return transact(requestNo);
    }

    private static void checkRequest(final KvOp op, final int keyLength, final int expectedLength, final int valueLength)
    {
        if (keyLength < KvProtocol.MIN_KEY_LENGTH || keyLength > KvProtocol.MAX_KEY_LENGTH)
        {
            throw new IllegalArgumentException("key length must be " + KvProtocol.MIN_KEY_LENGTH + ".." +
                KvProtocol.MAX_KEY_LENGTH + " bytes: " + keyLength);
        }
        if (expectedLength < 0 || valueLength < 0 ||
            (op != KvOp.CAS && expectedLength != 0) || ((op == KvOp.GET || op == KvOp.DELETE) && valueLength != 0))
        {
            throw new IllegalArgumentException(op + " takes no such expected/value lengths: " +
                expectedLength + "/" + valueLength);
        }
        final int length = KvRequestEncoder.HEADER_LENGTH + keyLength + expectedLength + valueLength;
        if (length > KvProtocol.MAX_DATAGRAM_LENGTH)
        {
            throw new IllegalArgumentException("request of " + length + " bytes does not fit in one " +
                KvProtocol.MAX_DATAGRAM_LENGTH + "-byte datagram");
        }
    }

    private KvStatus transact(final int requestNo)
    {
        calls++;
        lastRequestNo = requestNo;
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                retries++;
                // The same request to every server, the next one first: the live side answers,
                // the others drop it or answer a duplicate that is dropped here.
                for (int i = 1; i < servers.length; i++)
                {
                    endpoint.send(requestBytes, servers[(serverIndex + i) % servers.length]);
                }
            }
            endpoint.send(requestBytes, servers[serverIndex]);
            final long deadlineNs = System.nanoTime() + timeoutNs;
            if (awaitReply(requestNo, deadlineNs))
            {
                lastAttempts = attempt;
                return lastStatus;
            }
            attemptTimeouts++;
        }
        callsTimedOut++;
        lastStatus = KvStatus.TIMED_OUT;
        lastReplySeq = 0;
        lastValueLength = 0;
        lastAttempts = maxAttempts;
        return KvStatus.TIMED_OUT;
    }

    private boolean awaitReply(final int requestNo, final long deadlineNs)
    {
        while (true)
        {
            final int length = endpoint.receive(deadlineNs);
            if (length < 0)
            {
                return false;
            }
            if (accept(endpoint.lastSender(), length, requestNo))
            {
                return true;
            }
        }
    }

    private boolean accept(final SocketAddress from, final int length, final int requestNo)
    {
        final int server = indexOf(from);
        if (server < 0)
        {
            strayReplies++;
            return false;
        }
        decoder.wrap(endpoint.received(), 0, length);
        if (!decoder.isComplete() || decoder.version() != KvProtocol.VERSION)
        {
            malformedReplies++;
            return false;
        }
        final int replySeq = decoder.replySeq();
        final boolean answers = decoder.clientId() == clientId && decoder.requestNo() == requestNo;
        if (replySeqSeen[server] && replySeq - highestReplySeq[server] <= 0) // serial order: u32 wraps
        {
            if (!answers)
            {
                duplicatesDropped++;
                return false;
            }
            streamRestarts++;
        }
        replySeqSeen[server] = true;
        highestReplySeq[server] = replySeq;
        if (!answers)
        {
            strayReplies++;
            return false;
        }
        lastStatus = decoder.status();
        lastReplySeq = replySeq;
        lastValueLength = decoder.valueLength();
        serverIndex = server;
        return true;
    }

    private int indexOf(final SocketAddress from)
    {
        for (int i = 0; i < servers.length; i++)
        {
            if (servers[i].equals(from))
            {
                return i;
            }
        }
        return -1;
    }

    private KvResult result()
    {
        final byte[] value = lastValueLength == 0 ? null : new byte[lastValueLength];
        if (value != null)
        {
            valueBuffer().getBytes(valueOffset(), value);
        }
        return new KvResult(lastStatus, value, lastRequestNo, lastReplySeq, lastAttempts);
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the buffer holding the last reply's value, valid until the next call. */
    public DirectBuffer valueBuffer()
    {
        return endpoint.received();
    }

    /** @return offset of the last reply's value in {@link #valueBuffer()}. */
    public int valueOffset()
    {
        return KvResponseEncoder.HEADER_LENGTH;
    }

    /** @return length of the last reply's value, 0 when none or timed out. */
    public int valueLength()
    {
        return lastValueLength;
    }

    /**
     * @param dst       where to copy the last reply's value.
     * @param dstOffset where in it.
     * @return the value's length.
     */
    public int getValue(final MutableDirectBuffer dst, final int dstOffset)
    {
        dst.putBytes(dstOffset, valueBuffer(), valueOffset(), lastValueLength);
        return lastValueLength;
    }

    /** @return the last call's status. */
    public KvStatus lastStatus()
    {
        return lastStatus;
    }

    /** @return the last reply's sequence number, 0 after a timeout. */
    public int lastReplySeq()
    {
        return lastReplySeq;
    }

    /** @return sends the last call took. */
    public int lastAttempts()
    {
        return lastAttempts;
    }

    /** @return this client's id (u32 in an int). */
    public int clientId()
    {
        return clientId;
    }

    /** @return the request number the next call will use. */
    public int nextRequestNo()
    {
        return nextRequestNo;
    }

    /** @return the local address replies come to. */
    public InetSocketAddress localAddress()
    {
        return endpoint.localAddress();
    }

    /** @return calls made. */
    public long calls()
    {
        return calls;
    }

    /** @return resends of a request after a timeout. */
    public long retries()
    {
        return retries;
    }

    /** @return sends that got no reply within the timeout (each leads to a resend or the call's end). */
    public long attemptTimeouts()
    {
        return attemptTimeouts;
    }

    /** @return calls that ended {@link KvStatus#TIMED_OUT}. */
    public long callsTimedOut()
    {
        return callsTimedOut;
    }

    /** @return replies dropped because their sequence number was already seen from that server. */
    public long duplicatesDropped()
    {
        return duplicatesDropped;
    }

    /** @return replies dropped because they answer another request or come from an unknown sender. */
    public long strayReplies()
    {
        return strayReplies;
    }

    /** @return replies dropped because they are cut short, over-long or of another version. */
    public long malformedReplies()
    {
        return malformedReplies;
    }

    /** @return times a server's reply sequence went back to an old number (a restarted server). */
    public long streamRestarts()
    {
        return streamRestarts;
    }

    /** @return datagrams the local socket refused to send (counted as lost). */
    public long sendFailures()
    {
        return endpoint.sendFailures();
    }

    @Override
    public void close()
    {
        endpoint.close();
    }

    /** Configuration of a {@link KvClient}. */
    public static final class Context
    {
        private final List<InetSocketAddress> servers = new ArrayList<>();
        private int clientId;
        private boolean clientIdSet;
        private long timeoutNs = DEFAULT_TIMEOUT_NS;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private int firstRequestNo = 1;

        /**
         * @param server a server, added after those already given (the first is the primary).
         * @return this.
         */
        public Context server(final InetSocketAddress server)
        {
            servers.add(server);
            return this;
        }

        /**
         * @param servers servers, added in order.
         * @return this.
         */
        public Context servers(final List<InetSocketAddress> servers)
        {
            this.servers.addAll(servers);
            return this;
        }

        /**
         * @param clientId a fixed client id; without one the client picks a random id.
         * @return this.
         */
        public Context clientId(final int clientId)
        {
            this.clientId = clientId;
            this.clientIdSet = true;
            return this;
        }

        /**
         * @param timeoutNs how long to wait for a reply before resending.
         * @return this.
         */
        public Context timeoutNs(final long timeoutNs)
        {
            this.timeoutNs = timeoutNs;
            return this;
        }

        /**
         * @param maxAttempts sends per call, the first included.
         * @return this.
         */
        public Context maxAttempts(final int maxAttempts)
        {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Where the request numbers start: a client that reuses a fixed id must continue above
         * the numbers the server has already seen from it, or it gets remembered or stale answers.
         *
         * @param firstRequestNo the first call's request number, not 0.
         * @return this.
         */
        public Context firstRequestNo(final int firstRequestNo)
        {
            this.firstRequestNo = firstRequestNo;
            return this;
        }
    }
}
