package io.tandem.tools.sim;

import io.tandem.tools.history.KvOperation;
import io.tandem.tools.kv.KvOp;
import io.tandem.tools.kv.KvRequestEncoder;
import io.tandem.tools.kv.KvResponseDecoder;
import io.tandem.tools.kv.KvStatus;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated clients: each has one operation outstanding (get, put, compare-and-set or delete
 * on a few keys, every written value its own), resends the same request after a timeout, as
 * {@code KvClient} does, and gives up after a few attempts (the operation is then indeterminate).
 * Every operation goes into the history with its call and reply times on the virtual clock.
 */
final class SimClients
{
    private static final int KEYS = 3;
    private static final int MAX_ATTEMPTS = 6;

    private final NanoClock clock;
    private final SplittableRandom random;
    private final SimNetwork network;
    private final long timeoutNs;
    private final List<KvOperation> history = new ArrayList<>();
    private final Client[] clients;
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer parts = new UnsafeBuffer(new byte[256]);
    private final KvRequestEncoder encoder = new KvRequestEncoder();
    private final KvResponseDecoder decoder = new KvResponseDecoder();
    private final UnsafeBuffer reply = new UnsafeBuffer(new byte[0]);
    private boolean duplicateApply;

    private static final class Client
    {
        int clientId;
        int requestNo;
        boolean waiting;
        KvOp op;
        String key;
        String value;
        String expected;
        long invokeNs;
        long sentNs;
        int attempts;
        int length;
        byte[] bytes;
        long nextOpNs;
        final String[] lastSeen = new String[KEYS];
    }

    SimClients(final NanoClock clock, final SplittableRandom random, final SimNetwork network, final int count,
        final long timeoutNs)
    {
        this.clock = clock;
        this.random = random;
        this.network = network;
        this.timeoutNs = timeoutNs;
        clients = new Client[count];
        for (int i = 0; i < count; i++)
        {
            clients[i] = new Client();
            clients[i].clientId = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            clients[i].nextOpNs = clock.nanoTime() + random.nextLong(5_000_000);
        }
    }

    /**
     * The seeded bug {@link SimBug#DUPLICATE_APPLY}: a resend carries a new request number, so the
     * server cannot tell it from a new request and applies it again.
     */
    void duplicateApply()
    {
        duplicateApply = true;
    }

    /** Sends new operations (when {@code issuing}) and resends those whose timeout passed. */
    void tick(final boolean issuing)
    {
        final long now = clock.nanoTime();
        for (int i = 0; i < clients.length; i++)
        {
            final Client c = clients[i];
            if (c.waiting && now - c.sentNs >= timeoutNs)
            {
                if (c.attempts == MAX_ATTEMPTS)
                {
                    complete(i, KvStatus.TIMED_OUT, null, -1);
                }
                else
                {
                    send(i);
                }
            }
            else if (!c.waiting && issuing && now >= c.nextOpNs)
            {
                start(i);
            }
        }
    }

    /** @return true while some operation waits for its reply. */
    boolean waiting()
    {
        for (final Client c : clients)
        {
            if (c.waiting)
            {
                return true;
            }
        }
        return false;
    }

    private void start(final int index)
    {
        final Client c = clients[index];
        c.requestNo++;
        final int k = random.nextInt(KEYS);
        c.key = "k" + k;
        c.value = null;
        c.expected = null;
        final int dice = random.nextInt(100);
        c.op = dice < 40 ? KvOp.GET : dice < 70 ? KvOp.PUT : dice < 90 ? KvOp.CAS : KvOp.DELETE;
        if (c.op == KvOp.PUT || c.op == KvOp.CAS)
        {
            c.value = "c" + index + "r" + c.requestNo;
        }
        if (c.op == KvOp.CAS)
        {
            c.expected = c.lastSeen[k] != null ? c.lastSeen[k] : "none";
        }
        encoder.wrap(request, 0).header(c.op, c.clientId, c.requestNo);
        final byte[] key = c.key.getBytes(StandardCharsets.US_ASCII);
        parts.putBytes(0, key);
        encoder.key(parts, 0, key.length);
        if (c.expected != null)
        {
            final byte[] expected = c.expected.getBytes(StandardCharsets.US_ASCII);
            parts.putBytes(0, expected);
            encoder.expected(parts, 0, expected.length);
        }
        if (c.value != null)
        {
            final byte[] value = c.value.getBytes(StandardCharsets.US_ASCII);
            parts.putBytes(0, value);
            encoder.value(parts, 0, value.length);
        }
        c.length = encoder.encodedLength();
        c.bytes = new byte[c.length];
        request.getBytes(0, c.bytes);
        c.invokeNs = clock.nanoTime();
        c.attempts = 0;
        c.waiting = true;
        send(index);
    }

    private void send(final int index)
    {
        final Client c = clients[index];
        if (duplicateApply && c.attempts > 0)
        {
            c.requestNo++;
            encoder.wrap(new UnsafeBuffer(c.bytes), 0).requestNo(c.requestNo);
        }
        c.attempts++;
        c.sentNs = clock.nanoTime();
        network.request(index, new UnsafeBuffer(c.bytes), c.length);
    }

    /** A reply datagram for client {@code index}. */
    void reply(final int index, final byte[] bytes)
    {
        if (index < 0 || index >= clients.length)
        {
            return;
        }
        final Client c = clients[index];
        reply.wrap(bytes);
        decoder.wrap(reply, 0, bytes.length);
        if (!c.waiting || !decoder.isComplete() || decoder.clientId() != c.clientId || decoder.requestNo() != c.requestNo)
        {
            return; // late, duplicate or someone else's
        }
        final KvStatus status = decoder.status();
        String read = null;
        if (status == KvStatus.OK && c.op == KvOp.GET || status == KvStatus.CAS_MISMATCH)
        {
            final byte[] value = new byte[decoder.valueLength()];
            reply.getBytes(decoder.valueOffset(), value);
            read = new String(value, StandardCharsets.US_ASCII);
        }
        complete(index, status, read, clock.nanoTime());
    }

    private void complete(final int index, final KvStatus status, final String read, final long completeNs)
    {
        final Client c = clients[index];
        history.add(new KvOperation(index, c.requestNo, c.op, c.key, c.value, c.expected, c.invokeNs, completeNs,
            status, read));
        final int k = c.key.charAt(1) - '0';
        if (read != null)
        {
            c.lastSeen[k] = read;
        }
        else if (status == KvStatus.OK && c.value != null)
        {
            c.lastSeen[k] = c.value;
        }
        c.waiting = false;
        c.nextOpNs = clock.nanoTime() + 200_000 + random.nextLong(3_000_000);
    }

    /** @return every operation so far. */
    List<KvOperation> history()
    {
        return history;
    }
}
