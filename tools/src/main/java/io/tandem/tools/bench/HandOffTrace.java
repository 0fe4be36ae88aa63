package io.tandem.tools.bench;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.engine.wake.WakeableIdleStrategy;
import io.tandem.node.Pair;
import io.tandem.node.PairContext;
import io.tandem.tools.kv.KvClient;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows requests one at a time through a pair in this process and prints where each
 * microsecond goes: which thread woke which, when each woke, when each found work, from the
 * client's send to its reply, with the events per request and the process's CPU time per request
 * over all of them (counts and CPU are steadier than round trips on a loaded machine). The replicas' and the driver's idle strategies are the pair's
 * defaults wrapped in {@link TracingIdleStrategy}; the served pair is otherwise as
 * {@code tandem bench latency} starts it.
 * <p>
 * {@code java -cp tools/target/tandem.jar io.tandem.tools.bench.HandOffTrace echo|kvstore ipc|udp [requests]}
 * (with the launcher's JVM flags). Labels: {@code X<-Y} Y's thread raised X's wake-up signal,
 * {@code X:up} X's park ended by a signal, {@code X:ready} X's wait ended by its socket (a polled
 * bridge, read on X's own thread), {@code X:run} X's thread found work after idling;
 * X is P (primary), B (backup), D (media driver), N (UDP bridge's receiver, when it has one); and the primary's
 * moments on the way out: {@code P>TYPE} an entry of that type sent to the backup,
 * {@code P:held} an output held by the output rule, {@code P:ack} an acknowledgement taken,
 * {@code P:released} held outputs let out, {@code P:sent} a frame's send to the client returned.
 */
public final class HandOffTrace
{
    private static final long GAP_NS = 3_000_000;
    /**
     * The traced pair's failure timeout, ms ({@code tandem.trace.failure.timeout.ms}): long, as the
     * trace is about the path, not failover; at 100 ms a loaded host split it about one run in three.
     */
    private static final long FAILURE_TIMEOUT_MS = Long.getLong("tandem.trace.failure.timeout.ms", 1000);
    private static final int WARM_UP = 2000;

    private HandOffTrace()
    {
    }

    /** @param args guest (echo or kvstore), link (ipc or udp), requests traced (default 500). */
    public static void main(final String[] args) throws Exception
    {
        final boolean kvstore = "kvstore".equals(args[0]);
        final PairSetup.Link link = PairSetup.Link.valueOf(args[1].toUpperCase());
        final int requests = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        final GuestFiles guests = GuestFiles.locate(null);
        final Path elf = guests.elf(kvstore ? "kvstore.elf" : "echo.elf");
        final HandOffLog log = new HandOffLog(4_000_000);
        try (WorkDirectory work = WorkDirectory.under(WorkDirectory.defaultRoot(), "trace-"))
        {
            final PairContext context = PairSetup.context(elf, kvstore ? 7000 : 7007, link, PairSetup.config(FAILURE_TIMEOUT_MS), work);
            context.primaryIdle(traced(context.primaryIdle(), log, HandOffLog.Party.PRIMARY));
            context.backupIdle(traced(context.backupIdle(), log, HandOffLog.Party.BACKUP));
            context.transport().driverIdleStrategy(
                traced(context.transport().driverIdleStrategy(), log, HandOffLog.Party.DRIVER));
            context.primaryEvents(new TracingPrimaryEvents(log));
            try (Pair pair = new Pair(context))
            {
                PairSetup.awaitListening(pair, elf);
                final RoundTrip trip = kvstore ? kvRoundTrip(pair.address()) : echoRoundTrip(pair.address());
                for (int i = 0; i < WARM_UP; i++)
                {
                    trip.run(i);
                    pause(200_000);
                }
                StageTimeline.clear();
                final long cpuBefore = processCpuNs();
                final long[] sent = new long[requests];
                final long[] replied = new long[requests];
                final int[] firstEvent = new int[requests + 1];
                for (int i = 0; i < requests; i++)
                {
                    pause(GAP_NS);
                    firstEvent[i] = log.size();
                    sent[i] = System.nanoTime();
                    trip.run(i);
                    replied[i] = System.nanoTime();
                }
                firstEvent[requests] = log.size();
                if (pair.primaryState() != PrimaryReplica.State.PAIRED || pair.backupState() != BackupReplica.State.FOLLOWING)
                {
                    // A pair that split (a replica starved past the failure timeout on a loaded host)
                    // served as a machine alone: its trace is not a pair's.
                    System.out.printf("THE PAIR SPLIT while traced: primary %s (%s), backup %s (%s)%n",
                        pair.primaryState(), pair.primaryHaltReason(), pair.backupState(), pair.backupHaltReason());
                }
                final long cpuNs = processCpuNs() - cpuBefore;
                StageTimeline.print(System.out, args[0] + " pair " + link);
                final Map<String, Integer> counts = new TreeMap<>();
                for (int e = firstEvent[0]; e < firstEvent[requests]; e++)
                {
                    counts.merge(log.label(e), 1, Integer::sum);
                }
                System.out.printf("CPU of this process while traced: %.1f us per request; events per request:",
                    cpuNs / 1e3 / requests);
                counts.forEach((label, count) -> System.out.printf(" %s %.2f", label, count / (double)requests));
                System.out.println();
                report(args[0] + " pair " + link, log, sent, replied, firstEvent);
                HandOffMilestones.print(pair.bridge().isPolled() ? HandOffMilestones.POLLED_PRIMARY_PATH :
                    HandOffMilestones.PRIMARY_PATH, log, sent, replied, firstEvent);
            }
        }
    }

    private static long processCpuNs()
    {
        final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean ?
            ((com.sun.management.OperatingSystemMXBean)os).getProcessCpuTime() : 0;
    }

    private static IdleStrategy traced(final IdleStrategy idle, final HandOffLog log, final HandOffLog.Party party)
    {
        if (!(idle instanceof WakeableIdleStrategy))
        {
            throw new IllegalArgumentException("tracing needs the wakeable idle strategy: " + idle);
        }
        return new TracingIdleStrategy((WakeableIdleStrategy)idle, log, party);
    }

    private static void pause(final long ns)
    {
        final long deadline = System.nanoTime() + ns;
        while (System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
    }

    private static void report(final String name, final HandOffLog log, final long[] sent, final long[] replied,
        final int[] firstEvent)
    {
        final Map<String, List<long[]>> bySequence = new HashMap<>();
        final long[] totals = new long[sent.length];
        for (int r = 0; r < sent.length; r++)
        {
            totals[r] = replied[r] - sent[r];
            final List<Integer> events = new ArrayList<>();
            for (int e = firstEvent[r]; e < firstEvent[r + 1]; e++)
            {
                if (log.time(e) >= sent[r] && log.time(e) <= replied[r])
                {
                    events.add(e);
                }
            }
            events.sort((a, b) -> Long.compare(log.time(a), log.time(b)));
            final StringBuilder key = new StringBuilder();
            final long[] offsets = new long[events.size() + 1];
            for (int i = 0; i < events.size(); i++)
            {
                key.append(log.label(events.get(i))).append(' ');
                offsets[i] = log.time(events.get(i)) - sent[r];
            }
            offsets[events.size()] = replied[r] - sent[r];
            bySequence.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(offsets);
        }
        Arrays.sort(totals);
        System.out.printf("%s: %d requests, round trip p50 %.1f us, p90 %.1f us%n", name, sent.length,
            totals[totals.length / 2] / 1e3, totals[totals.length * 9 / 10] / 1e3);
        bySequence.entrySet().stream()
            .sorted((a, b) -> b.getValue().size() - a.getValue().size())
            .limit(4)
            .forEach(entry ->
            {
                final String[] labels = entry.getKey().trim().split(" ");
                final List<long[]> runs = entry.getValue();
                System.out.printf("%n  %d of %d requests took this path (median offset from the send, us; step):%n",
                    runs.size(), sent.length);
                long previous = 0;
                for (int i = 0; i <= labels.length; i++)
                {
                    final long[] at = new long[runs.size()];
                    for (int k = 0; k < at.length; k++)
                    {
                        at[k] = runs.get(k)[labels[0].isEmpty() ? 0 : i];
                    }
                    Arrays.sort(at);
                    final long median = at[at.length / 2];
                    final String label = i < labels.length && !labels[0].isEmpty() ? labels[i] : "reply";
                    System.out.printf("    %-14s %8.1f  %+8.1f%n", label, median / 1e3, (median - previous) / 1e3);
                    previous = median;
                    if (labels[0].isEmpty())
                    {
                        break;
                    }
                }
            });
    }

    /** One request and its reply. */
    private interface RoundTrip
    {
        void run(int index) throws IOException;
    }

    private static RoundTrip echoRoundTrip(final InetSocketAddress server) throws IOException
    {
        // A reply lost on a loaded machine is asked again, as the load generator's clients do.
        final DatagramSocket socket = new DatagramSocket();
        socket.connect(server);
        socket.setSoTimeout(200);
        final byte[] out = new byte[16];
        final DatagramPacket request = new DatagramPacket(out, out.length);
        final DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        return index ->
        {
            ByteBuffer.wrap(out).putLong(index).putLong(System.nanoTime());
            while (true)
            {
                socket.send(request);
                try
                {
                    socket.receive(reply);
                    if (ByteBuffer.wrap(reply.getData()).getLong() == index)
                    {
                        return;
                    }
                }
                catch (final SocketTimeoutException ex)
                {
                    // asked again
                }
            }
        };
    }

    private static RoundTrip kvRoundTrip(final InetSocketAddress server)
    {
        final KvClient client = KvClient.connect(server);
        final byte[] key = "trace-key".getBytes(StandardCharsets.US_ASCII);
        final byte[] value = new byte[32];
        return index -> client.put(key, value);
    }
}
