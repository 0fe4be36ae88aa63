package io.tandem.node;

import io.tandem.engine.replica.ReplicaCounters;
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
            counters.logIcountCounter().setRelease(1234);
            counters.errors().incrementRelease();
            try (CountersFile reader = CountersFile.openForReading(directory))
            {
                final Map<String, Long> values = new HashMap<>();
                reader.reader().forEach((id, label) -> values.put(label, reader.reader().getCounterValue(id)));
                assertEquals(1234L, values.get("primary: log position (icount)"));
                assertEquals(1L, values.get("primary: errors"));
                assertEquals(0L, values.get("primary: icount"));
                assertEquals(21, values.size(), "every counter of the replica, labelled: " + values.keySet());
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
