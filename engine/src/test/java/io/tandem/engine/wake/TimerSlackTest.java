package io.tandem.engine.wake;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TimerSlackTest
{
    @Test
    void setsTheCallingThreadsSlackOnly() throws InterruptedException
    {
        assumeTrue(Files.exists(Paths.get("/proc/self/timerslack_ns")), "Linux 4.6+ only");
        final long before = TimerSlack.current();
        final Object[] seen = new Object[2];
        final Thread thread = new Thread(() ->
        {
            seen[0] = TimerSlack.set(1_234);
            seen[1] = TimerSlack.current();
        });
        thread.start();
        thread.join();
        assertNull(seen[0]);
        assertEquals(1_234L, seen[1]);
        assertEquals(before, TimerSlack.current(), "another thread's slack is untouched");
    }

    @Test
    void refusesAZeroSlack()
    {
        // 0 written to the file restores the default: never what a caller asking for "none" means.
        assertThrows(IllegalArgumentException.class, () -> TimerSlack.set(0));
    }
}
