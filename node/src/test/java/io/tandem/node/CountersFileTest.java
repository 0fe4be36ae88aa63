package io.tandem.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountersFileTest
{
    @TempDir
    Path directory;

    @Test
    void aReaderMappingTheFileSeesTheWritersCountersByLabel()
    {
        try (CountersFile writer = CountersFile.create(directory);
            ReplicaCounters counters = new ReplicaCounters(writer.manager(), "primary"))
        {
            counters.publish(1234, 1, 5, 600, 7, 8, 900, 42);
            counters.lag(334);
            counters.errors().incrementRelease();
            try (CountersFile reader = CountersFile.openForReading(directory))
            {
                final Map<String, Long> values = new HashMap<>();
                reader.reader().forEach((id, label) -> values.put(label, reader.reader().getCounterValue(id)));
                assertEquals(1234L, values.get("primary: icount"));
                assertEquals(600L, values.get("primary: bytes logged"));
                assertEquals(8L, values.get("primary: acknowledged position"));
                assertEquals(334L, values.get("primary: lag (instructions)"));
                assertEquals(1L, values.get("primary: errors"));
                assertEquals(ProcessHandle.current().pid(), reader.pid());
                assertTrue(reader.startMs() > 0);
            }
        }
    }

    @Test
    void closedCountersLeaveTheFile()
    {
        try (CountersFile writer = CountersFile.create(directory))
        {
            new ReplicaCounters(writer.manager(), "backup").close();
            final int[] labels = {0};
            writer.reader().forEach((id, label) -> labels[0]++);
            assertEquals(0, labels[0], "a closed replica's counters are freed");
        }
    }

    @Test
    void whatIsNotACountersFileIsAClearError() throws Exception
    {
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> CountersFile.openForReading(directory));
        assertTrue(missing.getMessage().contains("no counters file at"), missing.getMessage());
        Files.write(directory.resolve(CountersFile.FILE_NAME), new byte[10]);
        final IllegalArgumentException shortFile = assertThrows(IllegalArgumentException.class,
            () -> CountersFile.openForReading(directory));
        assertTrue(shortFile.getMessage().contains("too short"), shortFile.getMessage());
        Files.write(directory.resolve(CountersFile.FILE_NAME), new byte[4096]);
        final IllegalArgumentException unversioned = assertThrows(IllegalArgumentException.class,
            () -> CountersFile.openForReading(directory));
        assertTrue(unversioned.getMessage().contains("version 0"), unversioned.getMessage());
    }
}
