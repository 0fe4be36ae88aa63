package io.tandem.tools.bench;

import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.node.Pair;
import io.tandem.node.PairContext;
import io.tandem.tools.pair.PairLoad;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A pair over Aeron IPC running a {@link Workload} for a while, with a sampler called every
 * millisecond or so on this thread (the lag scenario's probe); the pair's journals go where
 * asked (the bandwidth scenario reads them afterwards).
 */
final class WorkloadRun
{
    /** Called between waits while the workload runs. */
    interface Sampler
    {
        void sample(Pair pair, long nowNs);
    }

    private WorkloadRun()
    {
    }

    /**
     * @param work     where the pair keeps its disks, arbiter and journals ({@link Pair#PRIMARY_JOURNAL} in it).
     * @return the measured wall time, ns: from the pair's start to the end of the window (or the guest's end).
     */
    static long run(final BenchRun run, final Workload workload, final double seconds, final WorkDirectory work,
        final Sampler sampler)
    {
        final Path elf = run.guests().elf(workload.kvstore ? "kvstore.elf" : run.size().cpuGuest);
        final PairContext context = PairSetup.context(elf, workload.kvstore ? 7000 : 0, PairSetup.Link.IPC,
            PairSetup.config(run.failureTimeoutMs()), work);
        try (Pair pair = new Pair(context))
        {
            final long startNs = System.nanoTime();
            if (workload.kvstore)
            {
                PairSetup.awaitListening(pair, elf);
            }
            final PairLoad load = workload.load ? new PairLoad(pair.address(), run.size().requestRate, 1, 11) : null;
            try
            {
                final long endNs = startNs + (long)(seconds * 1e9);
                long now = System.nanoTime();
                while (now - endNs < 0 && pair.primaryState() != PrimaryReplica.State.HALTED)
                {
                    if (pair.primaryCounters().failure() != null || pair.backupCounters().failure() != null)
                    {
                        throw new IllegalStateException("a replica failed: " + (pair.primaryCounters().failure() != null ?
                            pair.primaryCounters().failure() : pair.backupCounters().failure()));
                    }
                    sampler.sample(pair, now);
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
                    now = System.nanoTime();
                }
                return now - startNs;
            }
            finally
            {
                if (load != null)
                {
                    load.close();
                }
            }
        }
    }
}
