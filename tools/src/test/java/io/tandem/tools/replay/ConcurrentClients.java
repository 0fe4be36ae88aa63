package io.tandem.tools.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs a few client loops at once, one thread each, and collects what each returns. */
final class ConcurrentClients
{
    private static final long DEADLINE_SECONDS = 120;

    private ConcurrentClients()
    {
    }

    /**
     * @param clients how many loops.
     * @param loop    the loop of client {@code i}.
     * @return their results, in client order.
     * @throws AssertionError when a loop fails or they do not all end in time.
     */
    static <T> List<T> run(final int clients, final IntFunction<T> loop) throws InterruptedException
    {
        final ExecutorService threads = Executors.newFixedThreadPool(clients);
        try
        {
            final List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++)
            {
                final int client = i;
                futures.add(threads.submit(() -> loop.apply(client)));
            }
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            final List<T> results = new ArrayList<>();
            for (final Future<T> future : futures)
            {
                results.add(future.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new AssertionError("a client loop failed or did not end", ex);
        }
        finally
        {
            threads.shutdownNow();
        }
    }
}
