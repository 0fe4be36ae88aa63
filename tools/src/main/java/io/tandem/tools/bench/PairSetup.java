package io.tandem.tools.bench;

import io.tandem.engine.replica.PairConfig;
import io.tandem.node.Pair;
import io.tandem.node.PairContext;
import io.tandem.transport.aeron.PairTransport;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the scenarios start a pair in this process, as {@code tandem pair} does (defaults of
 * {@link PairContext}: wakeable idle strategies, journals, disks, a file arbiter): over Aeron IPC,
 * or with the log and acknowledgements over Aeron UDP on loopback through the media driver.
 */
final class PairSetup
{
    /** Guest RAM of each machine, as {@code tandem pair}'s default. */
    static final int RAM_MIB = 64;

    private PairSetup()
    {
    }

    /** The channel between primary and backup. */
    enum Link
    {
        /** Aeron IPC (shared memory), the embedded default. */
        IPC,
        /** Aeron UDP on 127.0.0.1: the path two hosts would use, through the driver's sender and receiver. */
        UDP
    }

    /**
     * @param elf       the guest.
     * @param guestPort its UDP port inside the machine, or 0 for no network.
     * @param link      the replicas' channel.
     * @param config    the pair's timings.
     * @param work      where its disk images, journals and arbiter go (the caller deletes it).
     * @return the configuration of a pair serving an ephemeral loopback port.
     */
    static PairContext context(final Path elf, final int guestPort, final Link link, final PairConfig config,
        final WorkDirectory work)
    {
        final PairContext context = new PairContext().elf(elf).ramMib(RAM_MIB).config(config).workDirectory(work.path());
        if (guestPort != 0)
        {
            context.network(new InetSocketAddress("127.0.0.1", 0), guestPort);
        }
        if (link == Link.UDP)
        {
            context.transport(new PairTransport.Context()
                .logChannel(PairTransport.udpChannel("127.0.0.1", FreePorts.udp()))
                .ackChannel(PairTransport.udpChannel("127.0.0.1", FreePorts.udp())));
        }
        return context;
    }

    /** Waits until the pair's guest says it is listening. */
    static void awaitListening(final Pair pair, final Path elf)
    {
        if (!pair.console().await("listening", Duration.ofSeconds(20)))
        {
            throw new IllegalStateException(elf.getFileName() + " in the pair did not start listening; console: " +
                pair.console().text().trim());
        }
    }

    /** @return a default pair configuration with a failure timeout in ms. */
    static PairConfig config(final long failureTimeoutMs)
    {
        return new PairConfig().failureTimeoutNs(TimeUnit.MILLISECONDS.toNanos(failureTimeoutMs));
    }
}
