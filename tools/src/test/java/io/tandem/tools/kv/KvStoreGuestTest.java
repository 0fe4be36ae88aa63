package io.tandem.tools.kv;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.tandem.tools.kv.RawPeer.request;
import static io.tandem.tools.kv.RawPeer.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code kvstore} guest on the real machine behind the real UDP bridge, driven by
 * {@link KvClient} and by hand-built datagrams. One guest serves the whole class; each test uses
 * its own keys and client ids.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KvStoreGuestTest
{
    @TempDir
    static Path dir;

    private static final UnsafeBuffer KEY = new UnsafeBuffer("key".getBytes(StandardCharsets.US_ASCII));

    private static GuestServer server;

    @BeforeAll
    static void startGuest()
    {
        server = GuestServer.start(GuestServer.guest("kvstore.elf"), KvProtocol.DEFAULT_PORT, dir.resolve("kv.img"));
    }

    @AfterAll
    static void stopGuest()
    {
        if (server != null)
        {
            server.close();
        }
    }

    private static KvClient client()
    {
        return KvClient.connect(server.address());
    }

    @Test
    void putThenGetReturnsTheValueAndAMissingKeyIsNotFound()
    {
        try (KvClient client = client())
        {
            assertEquals(KvStatus.NOT_FOUND, client.get("basic").status());
            assertEquals(KvStatus.OK, client.put("basic", "one").status());
            final KvResult got = client.get("basic");
            assertEquals(KvStatus.OK, got.status());
            assertEquals("one", got.valueAsString());
            assertEquals(KvStatus.OK, client.put("basic", "two").status());
            assertEquals("two", client.get("basic").valueAsString());
            assertEquals(1, got.attempts());
            assertEquals(0, client.retries());
        }
    }

    @Test
    void deleteRemovesTheKeyAndASecondDeleteIsNotFound()
    {
        try (KvClient client = client())
        {
            client.put("doomed", "x");
            assertEquals(KvStatus.OK, client.delete("doomed").status());
            assertEquals(KvStatus.NOT_FOUND, client.get("doomed").status());
            assertEquals(KvStatus.NOT_FOUND, client.delete("doomed").status());
            assertEquals(KvStatus.OK, client.put("doomed", "back").status());
            assertEquals("back", client.get("doomed").valueAsString());
        }
    }

    @Test
    void casSwapsOnlyWhenTheCurrentValueMatches()
    {
        try (KvClient client = client())
        {
            assertEquals(KvStatus.NOT_FOUND, client.cas("counter", "0", "1").status());
            client.put("counter", "0");
            assertEquals(KvStatus.OK, client.cas("counter", "0", "1").status());
            final KvResult mismatch = client.cas("counter", "0", "2");
            assertEquals(KvStatus.CAS_MISMATCH, mismatch.status());
            assertEquals("1", mismatch.valueAsString(), "a mismatch carries the current value");
            assertEquals("1", client.get("counter").valueAsString());
            assertEquals(KvStatus.OK, client.cas("counter", "1", "").status());
            assertEquals(KvStatus.OK, client.get("counter").status());
            assertEquals("", client.get("counter").valueAsString());
        }
    }

    @Test
    void fourConcurrentClientsEachWriteTheirOwnKeysThenAllReadEverythingBack() throws Exception
    {
        final int clients = 4;
        final int keysEach = 25;
        final CountDownLatch allWritten = new CountDownLatch(clients);
        final ExecutorService pool = Executors.newFixedThreadPool(clients);
        try
        {
            final List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++)
            {
                final int me = c;
                results.add(pool.submit(() ->
                {
                    try (KvClient client = client())
                    {
                        for (int k = 0; k < keysEach; k++)
                        {
                            assertEquals(KvStatus.OK, client.put("c" + me + "-k" + k, "v" + me + "-" + k).status());
                        }
                        allWritten.countDown();
                        assertTrue(allWritten.await(30, TimeUnit.SECONDS), "the other writers did not finish");
                        int read = 0;
                        for (int other = 0; other < clients; other++)
                        {
                            for (int k = 0; k < keysEach; k++)
                            {
                                final KvResult got = client.get("c" + other + "-k" + k);
                                assertEquals(KvStatus.OK, got.status(), "c" + other + "-k" + k);
                                assertEquals("v" + other + "-" + k, got.valueAsString());
                                read++;
                            }
                        }
                        assertEquals(0, client.callsTimedOut());
                        return read;
                    }
                }));
            }
            for (final Future<Integer> result : results)
            {
                assertEquals(clients * keysEach, result.get(45, TimeUnit.SECONDS));
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void aResentPutIsAnsweredFromMemoryAndDoesNotOverwriteALaterPut()
    {
        final int clientId = KvClient.randomClientId();
        final byte[] first = request(KvOp.PUT, clientId, 1, "contested", null, "first");
        try (RawPeer raw = new RawPeer(server.address());
            KvClient other = client())
        {
            raw.send(first);
            KvResponseDecoder reply = raw.receive();
            assertEquals(KvStatus.OK, reply.status());
            final int firstReplySeq = reply.replySeq();

            assertEquals(KvStatus.OK, other.put("contested", "second").status());

            raw.send(first); // the same request again, as a client does after losing the reply
            reply = raw.receive();
            assertEquals(KvStatus.OK, reply.status());
            assertEquals(clientId, reply.clientId());
            assertEquals(1, reply.requestNo());
            assertNotEquals(firstReplySeq, reply.replySeq(), "a new reply in the server's output stream");

            assertEquals("second", other.get("contested").valueAsString(), "the resent PUT was applied again");
        }
    }

    @Test
    void aResentCasGetsTheRememberedResponseInsteadOfBeingAppliedAgain()
    {
        final int clientId = KvClient.randomClientId();
        try (RawPeer raw = new RawPeer(server.address());
            KvClient other = client())
        {
            other.put("swap", "v0");
            final byte[] swap = request(KvOp.CAS, clientId, 1, "swap", "v0", "v1");
            raw.send(swap);
            assertEquals(KvStatus.OK, raw.receive().status());
            raw.send(swap); // applied again, it would be a mismatch: the value is v1 now
            assertEquals(KvStatus.OK, raw.receive().status());

            final byte[] stale = request(KvOp.CAS, clientId, 2, "swap", "v0", "v2");
            raw.send(stale);
            KvResponseDecoder reply = raw.receive();
            assertEquals(KvStatus.CAS_MISMATCH, reply.status());
            assertEquals("v1", value(reply));

            other.put("swap", "v3");
            raw.send(stale);
            reply = raw.receive();
            assertEquals(KvStatus.CAS_MISMATCH, reply.status());
            assertEquals("v1", value(reply), "the remembered response, not a new evaluation");
            assertEquals("v3", other.get("swap").valueAsString());
        }
    }

    /**
     * More clients than the table's 256 records: every one is served, the least recently used
     * record is the one taken over (its resent request is new to the server and applied again),
     * and a recent client keeps at-most-once.
     */
    @Test
    void moreClientsThanTheTableHoldsAreServedAndTheLeastRecentlyUsedIsEvicted()
    {
        final int base = KvClient.randomClientId() & 0x7FFF_0000;
        try (RawPeer raw = new RawPeer(server.address());
            KvClient other = client())
        {
            other.put("lru-old", "a");
            final byte[] oldest = request(KvOp.CAS, base, 1, "lru-old", "a", "b");
            raw.send(oldest);
            assertEquals(KvStatus.OK, raw.receive().status());
            for (int i = 1; i < 300; i++)
            {
                raw.send(request(KvOp.PUT, base + i, 1, "lru-" + i, null, "v"));
                assertEquals(KvStatus.OK, raw.receive().status(), "client " + i);
            }
            other.put("lru-new", "a");
            final byte[] recent = request(KvOp.CAS, base + 299, 2, "lru-new", "a", "b");
            raw.send(recent);
            assertEquals(KvStatus.OK, raw.receive().status());

            other.put("lru-old", "a");
            other.put("lru-new", "a");
            raw.send(recent);
            assertEquals(KvStatus.OK, raw.receive().status());
            assertEquals("a", other.get("lru-new").valueAsString(), "a recent client's resent CAS is remembered");
            raw.send(oldest);
            assertEquals(KvStatus.OK, raw.receive().status());
            assertEquals("b", other.get("lru-old").valueAsString(), "the oldest client's record was taken over");
        }
    }

    @Test
    void aRequestNumberBelowTheLastOneIsStale()
    {
        final int clientId = KvClient.randomClientId();
        try (RawPeer raw = new RawPeer(server.address()))
        {
            raw.send(request(KvOp.PUT, clientId, 5, "stale", null, "five"));
            assertEquals(KvStatus.OK, raw.receive().status());

            raw.send(request(KvOp.PUT, clientId, 3, "stale", null, "three"));
            KvResponseDecoder reply = raw.receive();
            assertEquals(KvStatus.STALE_REQUEST, reply.status());
            assertEquals(3, reply.requestNo());

            raw.send(request(KvOp.GET, clientId, 6, "stale", null, null));
            reply = raw.receive();
            assertEquals(KvStatus.OK, reply.status());
            assertEquals("five", value(reply));
        }
        try (KvClient reused = new KvClient(new KvClient.Context().server(server.address()).clientId(clientId)))
        {
            assertEquals(KvStatus.STALE_REQUEST, reused.get("stale").status(), "request number 1 after 6");
        }
    }

    @Test
    void aValueOverTheLimitIsTooLargeAndTheLimitsThemselvesAreAccepted()
    {
        try (KvClient client = client())
        {
            final byte[] key = new byte[KvProtocol.MAX_KEY_LENGTH];
            Arrays.fill(key, (byte)'k');
            final byte[] largest = new byte[KvProtocol.MAX_VALUE_LENGTH];
            Arrays.fill(largest, (byte)'v');
            assertEquals(KvStatus.OK, client.put(key, largest).status());
            assertArrayEquals(largest, client.get(key).value());

            assertEquals(KvStatus.TOO_LARGE, client.put(key, new byte[KvProtocol.MAX_VALUE_LENGTH + 1]).status());
            assertArrayEquals(largest, client.get(key).value(), "a refused PUT leaves the value alone");

            final byte[] tooLongKey = new byte[KvProtocol.MAX_KEY_LENGTH + 1];
            assertThrows(IllegalArgumentException.class, () -> client.get(tooLongKey), "refused before sending");
        }
    }

    @Test
    void malformedDatagramsGetNoReplyOrBadRequestAndTheServerKeepsServing()
    {
        final int clientId = KvClient.randomClientId();
        try (RawPeer raw = new RawPeer(server.address()))
        {
            raw.send(new byte[] {1, 2, 0, 0, 0, 0, 0, 0, 0, 0}); // shorter than a header: nobody to answer

            raw.send(badVersion(clientId, 1));
            KvResponseDecoder reply = raw.receive(); // replies come in order: none came for the short one
            assertEquals(KvStatus.BAD_REQUEST, reply.status());
            assertEquals(clientId, reply.clientId());
            assertEquals(1, reply.requestNo());

            raw.encoder().header(KvOp.GET, clientId, 2).key(KEY, 0, 3).op(9);
            raw.sendEncoded(raw.encoder().encodedLength());
            reply = raw.receive();
            assertEquals(KvStatus.BAD_REQUEST, reply.status(), "unknown op");
            assertEquals(2, reply.requestNo());

            raw.encoder().header(KvOp.GET, clientId, 3).key(KEY, 0, 3);
            raw.sendEncoded(raw.encoder().encodedLength() + 5); // lengths do not add up
            reply = raw.receive();
            assertEquals(KvStatus.BAD_REQUEST, reply.status(), "trailing bytes");
            assertEquals(3, reply.requestNo());

            raw.encoder().header(KvOp.GET, clientId, 4).keyLength(KvProtocol.MAX_KEY_LENGTH + 1);
            raw.sendEncoded(KvRequestEncoder.HEADER_LENGTH + KvProtocol.MAX_KEY_LENGTH + 1);
            reply = raw.receive();
            assertEquals(KvStatus.BAD_REQUEST, reply.status(), "key too long");
            assertEquals(4, reply.requestNo());

            raw.send(request(KvOp.PUT, clientId, 5, "after-junk", null, "fine"));
            reply = raw.receive();
            assertEquals(KvStatus.OK, reply.status());
            assertEquals(5, reply.requestNo());
        }
        try (KvClient client = client())
        {
            assertEquals("fine", client.get("after-junk").valueAsString());
        }
    }

    @Test
    void anOversizedDatagramIsDroppedByTheBridgeAndTheServerKeepsServing()
    {
        final int clientId = KvClient.randomClientId();
        final long droppedBefore = server.bridge().droppedOversized();
        try (RawPeer raw = new RawPeer(server.address()))
        {
            // 1473 bytes: one more than a frame holds. The header is well-formed, so a guest that
            // saw it would answer (TOO_LARGE): the next reply must be the next request's.
            final int valueLength = KvProtocol.MAX_DATAGRAM_LENGTH + 1 - KvRequestEncoder.HEADER_LENGTH - 3;
            raw.encoder().header(KvOp.PUT, clientId, 1).key(KEY, 0, 3).valueLength(valueLength);
            raw.sendEncoded(KvProtocol.MAX_DATAGRAM_LENGTH + 1);
            raw.encoder().header(KvOp.PUT, clientId, 2).key(KEY, 0, 3).valueLength(valueLength - 1);
            raw.sendEncoded(KvProtocol.MAX_DATAGRAM_LENGTH); // the largest that fits is delivered

            KvResponseDecoder reply = raw.receive();
            assertEquals(2, reply.requestNo(), "the oversized request reached the guest");
            assertEquals(KvStatus.TOO_LARGE, reply.status());
            assertEquals(droppedBefore + 1, server.bridge().droppedOversized());

            raw.send(request(KvOp.PUT, clientId, 3, "after-big", null, "ok"));
            reply = raw.receive();
            assertEquals(3, reply.requestNo());
            assertEquals(KvStatus.OK, reply.status());
        }
        assertTrue(server.isRunning());
    }

    private static byte[] badVersion(final int clientId, final int requestNo)
    {
        final byte[] bytes = request(KvOp.GET, clientId, requestNo, "any", null, null);
        bytes[KvRequestEncoder.VERSION_OFFSET] = 2;
        return bytes;
    }
}
