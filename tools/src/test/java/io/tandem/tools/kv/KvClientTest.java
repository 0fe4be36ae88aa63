package io.tandem.tools.kv;

import com.sun.management.ThreadMXBean;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link KvClient} against scripted servers: resends, failover, and what it drops. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KvClientTest
{
    private static final long SHORT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private static KvClient.Context context(final FakeKvServer... servers)
    {
        final KvClient.Context context = new KvClient.Context().timeoutNs(SHORT_TIMEOUT_NS).maxAttempts(3);
        for (final FakeKvServer server : servers)
        {
            context.server(server.address());
        }
        return context;
    }

    @Test
    void resendsTheSameRequestToEveryServerAfterATimeoutAndStaysWithTheOneThatAnswered()
    {
        try (FakeKvServer primary = new FakeKvServer(FakeKvServer.SILENT);
            FakeKvServer backup = new FakeKvServer(FakeKvServer.OK);
            KvClient client = new KvClient(context(primary, backup)))
        {
            final KvResult result = client.put("k", "v");
            assertEquals(KvStatus.OK, result.status());
            assertEquals(2, result.attempts());
            assertEquals(1, client.retries());
            assertEquals(1, client.attemptTimeouts());

            final FakeKvServer.Request first = primary.takeRequest();
            final FakeKvServer.Request resent = backup.takeRequest();
            assertEquals(1, first.requestNo);
            assertArrayEquals(first.bytes, resent.bytes, "the resend is the same request, same request number");
            assertArrayEquals(first.bytes, primary.takeRequest().bytes, "and it went to the silent server too");

            final KvResult next = client.get("k");
            assertEquals(1, next.attempts(), "the next call goes to the server that answered");
            assertEquals(2, backup.takeRequest().requestNo);
            assertEquals(0, primary.pendingRequests());
            assertEquals(1, client.retries());
        }
    }

    @Test
    void theLiveServerAnswersTheFirstResendWhereverItStandsInTheList()
    {
        try (FakeKvServer first = new FakeKvServer(FakeKvServer.SILENT);
            FakeKvServer second = new FakeKvServer(FakeKvServer.SILENT);
            FakeKvServer live = new FakeKvServer(FakeKvServer.OK);
            KvClient client = new KvClient(context(first, second, live)))
        {
            final KvResult result = client.put("k", "v");
            assertEquals(KvStatus.OK, result.status());
            assertEquals(2, result.attempts(), "one timeout, not one per server before the live one");
            assertEquals(1, client.attemptTimeouts());
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithTimedOut()
    {
        try (FakeKvServer primary = new FakeKvServer(FakeKvServer.SILENT);
            FakeKvServer backup = new FakeKvServer(FakeKvServer.SILENT);
            KvClient client = new KvClient(context(primary, backup)))
        {
            final KvResult result = client.get("k");
            assertEquals(KvStatus.TIMED_OUT, result.status());
            assertEquals(3, result.attempts());
            assertEquals(2, client.retries());
            assertEquals(3, client.attemptTimeouts());
            assertEquals(1, client.callsTimedOut());

            final byte[] sent = primary.takeRequest().bytes;
            assertArrayEquals(sent, backup.takeRequest().bytes);
            assertArrayEquals(sent, primary.takeRequest().bytes, "attempts go round the list");
            assertEquals(2, client.nextRequestNo(), "a request that timed out keeps its number");
        }
    }

    @Test
    void aDuplicateReplyIsDroppedByItsReplySequenceNumber()
    {
        final FakeKvServer.Behaviour twice = (server, request) ->
        {
            final byte[] reply = server.send(request.from, KvStatus.OK.code(), request.clientId, request.requestNo,
                request.requestNo, request.value);
            server.sendRaw(request.from, reply);
        };
        try (FakeKvServer server = new FakeKvServer(twice);
            KvClient client = new KvClient(context(server)))
        {
            assertEquals("a", client.put("k", "a").valueAsString());
            // The second copy of the first reply is already waiting when the second call starts.
            final KvResult second = client.put("k", "b");
            assertEquals(KvStatus.OK, second.status());
            assertEquals("b", second.valueAsString());
            assertEquals(2, second.replySeq());
            assertEquals(1, client.duplicatesDropped());
            assertEquals(0, client.strayReplies());
        }
    }

    @Test
    void aReplyToAnotherRequestOrClientIsIgnored()
    {
        final FakeKvServer.Behaviour confused = (server, request) ->
        {
            server.send(request.from, KvStatus.OK.code(), request.clientId, request.requestNo + 1000, 1, "wrong request");
            server.send(request.from, KvStatus.OK.code(), request.clientId + 1, request.requestNo, 2, "wrong client");
            server.send(request.from, KvStatus.OK.code(), request.clientId, request.requestNo, 3, "right");
        };
        try (FakeKvServer server = new FakeKvServer(confused);
            KvClient client = new KvClient(context(server)))
        {
            assertEquals("right", client.get("k").valueAsString());
            assertEquals(2, client.strayReplies());
            assertEquals(0, client.duplicatesDropped());
        }
    }

    @Test
    void aReplyFromAnAddressNotInTheServerListIsIgnored() throws Exception
    {
        try (DatagramSocket forger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)))
        {
            final FakeKvServer.Behaviour forged = (server, request) ->
            {
                final byte[] fake = FakeKvServer.encode(KvStatus.OK.code(), request.clientId, request.requestNo, 1, "forged");
                try
                {
                    forger.send(new DatagramPacket(fake, fake.length, request.from));
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
                server.reply(request, KvStatus.OK, "genuine");
            };
            try (FakeKvServer server = new FakeKvServer(forged);
                KvClient client = new KvClient(context(server)))
            {
                assertEquals("genuine", client.get("k").valueAsString());
                assertEquals(1, client.strayReplies());
            }
        }
    }

    @Test
    void malformedRepliesAreIgnored()
    {
        final FakeKvServer.Behaviour garbled = (server, request) ->
        {
            server.sendRaw(request.from, new byte[] {1, 0, 0, 0, 0});
            final byte[] badVersion = FakeKvServer.encode(0, request.clientId, request.requestNo, 1, "x");
            badVersion[KvResponseEncoder.VERSION_OFFSET] = 2;
            server.sendRaw(request.from, badVersion);
            final byte[] wellFormed = FakeKvServer.encode(0, request.clientId, request.requestNo, 2, "xy");
            server.sendRaw(request.from, Arrays.copyOf(wellFormed, wellFormed.length + 1)); // one byte too many
            server.sendRaw(request.from, Arrays.copyOf(wellFormed, wellFormed.length - 1)); // one byte short
            server.send(request.from, 0, request.clientId, request.requestNo, 3, "good");
        };
        try (FakeKvServer server = new FakeKvServer(garbled);
            KvClient client = new KvClient(context(server)))
        {
            assertEquals("good", client.get("k").valueAsString());
            assertEquals(4, client.malformedReplies());
            assertEquals(0, client.strayReplies());
        }
    }

    @Test
    void aServerWhoseReplySequenceStartsAgainIsStillAnswered()
    {
        try (FakeKvServer server = new FakeKvServer(FakeKvServer.OK);
            KvClient client = new KvClient(context(server)))
        {
            server.replySeq(100);
            assertEquals(100, client.put("k", "before").replySeq());
            server.replySeq(1); // a restarted guest counts from 1 again
            final KvResult after = client.put("k", "after");
            assertEquals(KvStatus.OK, after.status());
            assertEquals(1, after.replySeq());
            assertEquals(1, after.attempts());
            assertEquals(1, client.streamRestarts());
            assertEquals(0, client.duplicatesDropped());
        }
    }

    @Test
    void requestNumbersCountUpFromTheFirstOneWithTheGivenClientId()
    {
        try (FakeKvServer server = new FakeKvServer(FakeKvServer.OK);
            KvClient client = new KvClient(context(server).clientId(0xCAFEF00D).firstRequestNo(41)))
        {
            client.put("a", "1");
            client.get("a");
            client.delete("a");
            client.cas("a", "1", "2");
            for (int requestNo = 41; requestNo <= 44; requestNo++)
            {
                final FakeKvServer.Request request = server.takeRequest();
                assertEquals(requestNo, request.requestNo);
                assertEquals(0xCAFEF00D, request.clientId);
            }
        }
    }

    @Test
    void eachOperationSendsItsOpCodeAndParts()
    {
        final AtomicInteger seen = new AtomicInteger();
        try (FakeKvServer server = new FakeKvServer((s, request) ->
        {
            seen.incrementAndGet();
            s.reply(request, KvStatus.OK, null);
        });
            KvClient client = new KvClient(context(server)))
        {
            client.put("pk", "pv");
            client.get("gk");
            client.delete("dk");
            client.cas("ck", "old", "new");
            assertRequest(server.takeRequest(), KvOp.PUT, "pk", "", "pv");
            assertRequest(server.takeRequest(), KvOp.GET, "gk", "", "");
            assertRequest(server.takeRequest(), KvOp.DELETE, "dk", "", "");
            assertRequest(server.takeRequest(), KvOp.CAS, "ck", "old", "new");
            assertEquals(4, seen.get());
        }
    }

    private static void assertRequest(
        final FakeKvServer.Request request, final KvOp op, final String key, final String expected, final String value)
    {
        final KvRequestDecoder decoder = new KvRequestDecoder()
            .wrap(new UnsafeBuffer(request.bytes), 0, request.bytes.length);
        assertTrue(decoder.isComplete());
        assertEquals(KvProtocol.VERSION, decoder.version());
        assertEquals(op.code(), decoder.op());
        assertEquals(key, request.key);
        assertEquals(expected.length(), decoder.expectedLength());
        assertEquals(expected, new String(request.bytes, decoder.expectedOffset(), decoder.expectedLength(), StandardCharsets.UTF_8));
        assertEquals(value, request.value);
    }

    @Test
    void requestsThatCannotBeSentAreRefusedWithoutUsingARequestNumber()
    {
        try (FakeKvServer server = new FakeKvServer(FakeKvServer.OK);
            KvClient client = new KvClient(context(server)))
        {
            assertThrows(IllegalArgumentException.class, () -> client.get(new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> client.get(new byte[KvProtocol.MAX_KEY_LENGTH + 1]));
            final byte[] big = new byte[KvProtocol.MAX_VALUE_LENGTH];
            assertThrows(IllegalArgumentException.class, () -> client.cas(new byte[] {'k'}, big, big),
                "a CAS with two 1024-byte values does not fit in one datagram");
            assertEquals(1, client.nextRequestNo());
            assertEquals(0, client.calls());
        }
    }

    @Test
    void theAllocationFreePathAllocatesNothingPerRequestOnceWarm()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        try (FakeKvServer server = new FakeKvServer(FakeKvServer.OK);
            KvClient client = new KvClient(context(server)))
        {
            final UnsafeBuffer key = new UnsafeBuffer("key-1".getBytes(StandardCharsets.US_ASCII));
            final UnsafeBuffer value = new UnsafeBuffer(new byte[64]);
            for (int i = 0; i < 20_000; i++) // let the JIT compile the path
            {
                client.execute(KvOp.PUT, key, 0, 5, null, 0, 0, value, 0, 64);
            }
            final long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 10_000; i++)
            {
                assertEquals(KvStatus.OK, client.execute(KvOp.GET, key, 0, 5, null, 0, 0, null, 0, 0));
                assertEquals(KvStatus.OK, client.execute(KvOp.PUT, key, 0, 5, null, 0, 0, value, 0, 64));
            }
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 10_000, allocated + " bytes allocated for 20000 requests");
            assertEquals(64, client.valueLength());
        }
    }
}
