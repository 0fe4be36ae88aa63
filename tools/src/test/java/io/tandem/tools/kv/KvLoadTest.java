package io.tandem.tools.kv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link KvLoad} against scripted servers: the schedule, stalls, and requests without replies. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KvLoadTest
{
    private static KvLoad.Config config(final FakeKvServer server)
    {
        return new KvLoad.Config()
            .servers(List.of(server.address()))
            .keys(100)
            .valueSize(32)
            .seed(42)
            .timeoutNs(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void theScheduleAloneSetsHowManyRequestsAreMeasured()
    {
        try (FakeKvServer server = new FakeKvServer(FakeKvServer.OK))
        {
            final KvLoad.Report report = KvLoad.run(config(server)
                .ratePerSecond(500)
                .clients(2)
                .warmupNs(TimeUnit.MILLISECONDS.toNanos(200))
                .durationNs(TimeUnit.MILLISECONDS.toNanos(600)));

            assertTrue(Math.abs(report.replies() - 300) <= 2, "replies: " + report.replies());
            assertTrue(Math.abs(report.sent() - 400) <= 4, "warm-up requests are sent, not recorded: " + report.sent());
            assertEquals(report.replies(), report.count(KvStatus.OK));
            assertEquals(0, report.timedOut() + report.unsent() + report.retries());
            assertTrue(report.throughput() > 300 && report.throughput() < 510, "throughput " + report.throughput());
            final String summary = report.summary();
            for (final String line : new String[] {"p50 ", "p90 ", "p99 ", "p99.9 ", "p99.99 ", "max ", "throughput:"})
            {
                assertTrue(summary.contains(line), summary);
            }
        }
    }

    @Test
    void putsAndGetsFollowTheMixOverTheKeySpace()
    {
        final AtomicInteger puts = new AtomicInteger();
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger badKeys = new AtomicInteger();
        try (FakeKvServer server = new FakeKvServer((s, request) ->
        {
            (request.op == KvOp.PUT.code() ? puts : gets).incrementAndGet();
            if (!request.key.matches("key-\\d\\d") || (request.op == KvOp.PUT.code() && request.value.length() != 32))
            {
                badKeys.incrementAndGet();
            }
            s.reply(request, KvStatus.OK, null);
        }))
        {
            KvLoad.run(config(server).ratePerSecond(2000).putPercent(20).warmupNs(0)
                .durationNs(TimeUnit.MILLISECONDS.toNanos(500)));
            final int total = puts.get() + gets.get();
            assertTrue(Math.abs(total - 1000) <= 2, "requests: " + total);
            assertTrue(puts.get() > 140 && puts.get() < 260, "PUTs: " + puts.get() + " of " + total);
            assertEquals(0, badKeys.get());
        }
    }

    @Test
    void aServerStallIsChargedToEveryRequestDueDuringIt()
    {
        final long stallNs = TimeUnit.MILLISECONDS.toNanos(200);
        final AtomicInteger received = new AtomicInteger();
        try (FakeKvServer server = new FakeKvServer((s, request) ->
        {
            if (received.incrementAndGet() == 400)
            {
                // A server that stops for 200 ms, as a guest might while it writes its disk.
                final long until = System.nanoTime() + stallNs;
                while (System.nanoTime() - until < 0)
                {
                    LockSupport.parkNanos(until - System.nanoTime());
                }
            }
            s.reply(request, KvStatus.OK, null);
        }))
        {
            final KvLoad.Report report = KvLoad.run(config(server)
                .ratePerSecond(1000)
                .warmupNs(TimeUnit.MILLISECONDS.toNanos(100))
                .durationNs(TimeUnit.SECONDS.toNanos(1)));

            // About 200 requests were due during the stall, waiting 200 ms down to 0: some 150 of
            // them 50 ms or more. A loop that started each clock at the actual send would have
            // recorded one slow request.
            final long slow = report.histogram().getCountBetweenValues(
                TimeUnit.MILLISECONDS.toNanos(50), KvLoad.HIGHEST_TRACKABLE_NS);
            assertTrue(slow >= 100, "requests of 50 ms or more: " + slow);
            assertTrue(report.histogram().getMaxValue() >= stallNs, "max " + report.histogram().getMaxValue());
            assertTrue(Math.abs(report.replies() - 1000) <= 2, "replies: " + report.replies());
        }
    }

    @Test
    void requestsWithoutAReplyAreCountedAndKeptOutOfTheHistogram()
    {
        try (FakeKvServer server = new FakeKvServer(FakeKvServer.SILENT))
        {
            final KvLoad.Report report = KvLoad.run(config(server)
                .ratePerSecond(100)
                .timeoutNs(TimeUnit.MILLISECONDS.toNanos(10))
                .maxAttempts(2)
                .warmupNs(0)
                .durationNs(TimeUnit.MILLISECONDS.toNanos(300)));

            assertEquals(0, report.replies());
            assertTrue(Math.abs(report.timedOut() + report.unsent() - 30) <= 1,
                "timed out " + report.timedOut() + ", unsent " + report.unsent());
            assertTrue(report.timedOut() > 0);
            assertEquals(report.sent(), report.retries(), "one resend per request");
            assertTrue(report.summary().contains("WARNING"), report.summary());
        }
    }
}
