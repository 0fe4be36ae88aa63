package io.tandem.tools.pair;

import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvResult;
import io.tandem.tools.kv.KvStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A kvstore client load whose outcome can be checked after a crash: CAS chains (each CAS must
 * succeed: a request applied a second time would answer CAS_MISMATCH) and one key overwritten
 * with rising values (a stale request applied again would bring an old value back). Afterwards
 * every reply the client got must be reflected in the surviving state ({@link #verify}).
 */
public final class CasChainWorkload implements AutoCloseable
{
    private static final int CHAINS = 3;

    private final KvClient client;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Integer> chains = new LinkedHashMap<>();
    private final Thread worker;
    private volatile int lastOverwrite = -1;

    /** @param client the client, used by the workload's thread until {@link #close()}. */
    public CasChainWorkload(final KvClient client)
    {
        this.client = client;
        worker = new Thread(this::run, "cas-chain-workload");
        worker.setDaemon(true);
        worker.start();
    }

    private void run()
    {
        try
        {
            for (int j = 0; j < CHAINS; j++)
            {
                if (!check("put chain-" + j, client.put("chain-" + j, "0"), KvStatus.OK))
                {
                    return;
                }
                chains.put("chain-" + j, 0);
            }
            for (int step = 0; !Thread.currentThread().isInterrupted(); step++)
            {
                final String key = "chain-" + (step % CHAINS);
                final int n = chains.get(key);
                if (!check("cas " + key + " " + n + "->" + (n + 1),
                    client.cas(key, Integer.toString(n), Integer.toString(n + 1)), KvStatus.OK))
                {
                    return;
                }
                chains.put(key, n + 1);
                if (!check("put last=" + step, client.put("last", Integer.toString(step)), KvStatus.OK))
                {
                    return;
                }
                lastOverwrite = step;
                done.incrementAndGet();
            }
        }
        catch (final Throwable ex)
        {
            failure.set(ex);
        }
    }

    private boolean check(final String what, final KvResult result, final KvStatus expected)
    {
        if (result.status() != expected)
        {
            synchronized (violations)
            {
                violations.add(what + ": " + result);
            }
            return false;
        }
        return true;
    }

    /** @return steps (a CAS and an overwrite) completed. */
    public int done()
    {
        return done.get();
    }

    /** @return true while the workload runs (it stops at its first unexpected reply). */
    public boolean running()
    {
        return worker.isAlive();
    }

    /** Stops the workload after its current request. */
    @Override
    public void close() throws InterruptedException
    {
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(20));
    }

    /**
     * After {@link #close()}: no unexpected reply, and every acknowledged change is in the state
     * the client now reads back (from whichever server answers).
     */
    public void verify()
    {
        assertNull(failure.get(), () -> "the workload failed: " + failure.get());
        synchronized (violations)
        {
            assertEquals(List.of(), violations);
        }
        for (final Map.Entry<String, Integer> chain : chains.entrySet())
        {
            assertEquals(Integer.toString(chain.getValue()), client.get(chain.getKey()).valueAsString(),
                chain.getKey());
        }
        assertEquals(Integer.toString(lastOverwrite), client.get("last").valueAsString(), "last");
    }
}
