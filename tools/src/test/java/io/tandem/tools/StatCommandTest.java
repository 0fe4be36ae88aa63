package io.tandem.tools;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.node.Pair;
import io.tandem.node.PairContext;
import io.tandem.node.TestGuests;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tandem stat} in another JVM reads a pair's counters from its work directory. */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StatCommandTest
{
    @TempDir
    Path directory;

    @Test
    void anotherProcessReadsThePairsCountersFromItsWorkDirectory() throws Exception
    {
        final Path work = directory.resolve("pair");
        try (Pair pair = new Pair(new PairContext()
            .elf(TestGuests.guest("traps.elf"))
            .ramMib(16)
            .disks(false)
            .workDirectory(work)))
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pair.primaryState() != PrimaryReplica.State.HALTED ||
                pair.backupState() != BackupReplica.State.HALTED)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, pair.primaryState() + " / " + pair.backupState());
                Thread.sleep(5);
            }
            final long icount = pair.primaryCounters().icount();
            assertTrue(icount > 0);
            assertEquals(icount, pair.backupCounters().icount(), "both replicas ended at one count");
            try (ChildTandem stat = ChildTandem.start(directory, "stat", work.toString(), "--once"))
            {
                stat.awaitOut("--\n", Duration.ofSeconds(60));
                final String out = stat.out();
                final String value = String.format(Locale.ROOT, "%,20d - ", icount);
                assertTrue(out.contains(value + "primary: icount"), out);
                assertTrue(out.contains(value + "backup: icount"), out);
                assertTrue(out.contains("pid " + ProcessHandle.current().pid()), out);
                assertTrue(out.matches("(?s).*\\d+ - primary: entries logged.*"), out);
                assertTrue(out.contains(" 0 - primary: errors"), out);
            }
        }
    }

    @Test
    void aDirectoryWithoutCountersIsAClearError()
    {
        assertEquals(ExitCodes.BAD_INPUT, Tandem.execute("stat", directory.toString(), "--once"));
    }
}
