package io.tandem.node;

import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.MemoryChannel;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.ReplicaCounters;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host-side failure on a replica's thread is kept and counted in its counters, and stops the thread. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplicaFailureTest
{
    @Test
    void anArbiterThatThrowsStopsThePrimarysThreadWithTheReasonKept() throws Exception
    {
        final Path elf = TestGuests.guest("hello.elf");
        final MemoryChannel log = new MemoryChannel();
        final MemoryChannel acks = new MemoryChannel();
        final CountersManager counters = TestCounters.inMemory();
        try (PrimaryNode node = new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(elf))
            .machine(new MachineContext().ramMib(16).clock(new HostClock()).entropy(new HostEntropy()))
            .channels(log, acks)
            .arbiter(new Arbiter()
            {
                @Override
                public Outcome testAndSet(final String pair, final long generation, final String claimant)
                {
                    throw new IllegalStateException("the arbiter's disk is gone");
                }

                @Override
                public long currentGeneration(final String pair)
                {
                    return 0; // reachable at start: the disk goes later
                }

                @Override
                public String lastFailure()
                {
                    return null;
                }
            })
            .config(new PairConfig().startupTimeoutNs(TimeUnit.MILLISECONDS.toNanos(1)))
            .counters(counters)))
        {
            node.start(ElfDigest.sha256(elf), 0); // no backup ever acknowledges: the primary claims
            final ReplicaCounters replica = node.counters();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (replica.failure() == null)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "the failure was not kept");
                Thread.onSpinWait();
            }
            node.stop();
            assertEquals("the arbiter's disk is gone", replica.failure().getMessage());
            assertEquals(1, replica.errorCount(), "the thread stopped at its first error");
        }
    }
}
