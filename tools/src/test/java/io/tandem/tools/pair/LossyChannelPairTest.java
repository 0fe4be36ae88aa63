package io.tandem.tools.pair;

import io.tandem.node.IdleStrategies;
import io.tandem.engine.replica.ReplicaCounters;
import io.tandem.node.Pair;
import io.tandem.node.StateComparison;
import io.tandem.node.PairContext;
import io.aeron.driver.ext.DebugReceiveChannelEndpoint;
import io.aeron.driver.ext.LossGenerator;
import io.aeron.driver.ext.RandomLossGenerator;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.tools.kv.KvClient;
import io.tandem.transport.aeron.PairTransport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kvstore pair whose log and acknowledgement streams go over UDP on loopback through Aeron's
 * debug receive endpoint, which drops a share of the frames it receives (log entries at the
 * backup, acknowledgements at the primary) and of the control frames it sends back (status
 * messages, NAKs): Aeron retransmits, so entries arrive late and in bursts. The backup must
 * never run past what the primary logged, and both must end in the same state.
 */
@Tag("slow")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LossyChannelPairTest
{
    private static final double DATA_LOSS = 0.15;
    private static final double CONTROL_LOSS = 0.10;
    private static final int STEPS = 400;
    private static final long SAMPLE_INTERVAL_NS = TimeUnit.MICROSECONDS.toNanos(20);

    @TempDir
    Path directory;

    @Test
    void underFifteenPercentLossTheBackupNeverPassesThePrimaryAndBothEndInTheSameState() throws Exception
    {
        final AtomicLong droppedData = new AtomicLong();
        final AtomicLong droppedControl = new AtomicLong();
        final PairTransport.Context transport = new PairTransport.Context()
            .logChannel(PairTransport.udpChannel("127.0.0.1", freeUdpPort()))
            .ackChannel(PairTransport.udpChannel("127.0.0.1", freeUdpPort()))
            .receiveChannelEndpointSupplier((channel, dispatcher, status, context) ->
                new DebugReceiveChannelEndpoint(channel, dispatcher, status, context,
                    counted(new RandomLossGenerator(DATA_LOSS), droppedData),
                    counted(new RandomLossGenerator(CONTROL_LOSS), droppedControl)));
        // A long failure timeout: this test is about loss, not about taking a slow link for a crash.
        try (Pair pair = new Pair(new PairContext()
            .elf(PairKvstoreTest.guest("kvstore.elf"))
            .network(new InetSocketAddress("127.0.0.1", 0), 7000)
            .workDirectory(directory)
            .transport(transport)
            .primaryIdle(IdleStrategies.parse("backoff"))
            .config(new PairConfig().failureTimeoutNs(TimeUnit.SECONDS.toNanos(2)))))
        {
            assertTrue(pair.console().await("listening", Duration.ofSeconds(20)), pair.console().text());
            final ReplicaCounters primary = pair.primaryCounters();
            final ReplicaCounters backup = pair.backupCounters();
            long samples = 0;
            try (KvClient client = new KvClient(new KvClient.Context().server(pair.address())
                .timeoutNs(TimeUnit.MILLISECONDS.toNanos(200)).maxAttempts(50)))
            {
                final CasChainWorkload workload = new CasChainWorkload(client);
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (workload.done() < STEPS && workload.running())
                {
                    // The backup first: the primary's logged icount only grows and is published
                    // before each entry leaves, so a backup ahead of it here is one that ran ahead.
                    final long backupIcount = backup.icount();
                    final long loggedIcount = primary.logIcount();
                    assertTrue(backupIcount <= loggedIcount, "the backup at instruction " + backupIcount +
                        " passed the primary's highest logged instruction " + loggedIcount);
                    samples++;
                    assertTrue(System.nanoTime() - deadlineNs < 0, "the load did not finish: " + workload.done());
                    LockSupport.parkNanos(SAMPLE_INTERVAL_NS); // leave the two cores to the pair
                }
                workload.close();
                workload.verify();
            }
            assertEquals(PrimaryReplica.State.PAIRED, pair.primaryState(), "no failover under loss");
            final StateComparison comparison = pair.stopAndCompare(TimeUnit.SECONDS.toNanos(30));
            assertNull(comparison.problem(), comparison.toString());
            assertTrue(comparison.same(), comparison.toString());
            assertTrue(droppedData.get() > 0 && droppedControl.get() > 0, "frames were dropped");
            System.out.printf("lossy channel: %d data and %d control frames dropped, %d samples of the backup's " +
                "icount, %s%n", droppedData.get(), droppedControl.get(), samples, comparison);
        }
    }

    private static LossGenerator counted(final LossGenerator generator, final AtomicLong dropped)
    {
        return (address, buffer, length) ->
        {
            final boolean drop = generator.shouldDropFrame(address, buffer, length);
            if (drop)
            {
                dropped.incrementAndGet();
            }
            return drop;
        };
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
