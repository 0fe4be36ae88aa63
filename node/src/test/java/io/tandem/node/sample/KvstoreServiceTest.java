package io.tandem.node.sample;

import io.tandem.node.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's embedding sample runs: it serves, reads its counters and fails over. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KvstoreServiceTest
{
    @Test
    void theSampleServiceServesReadsItsCountersAndFailsOver() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            KvstoreService.run(TestGuests.guest("kvstore.elf"), out);
        }
        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s)serving /127\\.0\\.0\\.1:\\d+; tandem stat .*"), text);
        assertTrue(text.matches("(?s).*primary at instruction [1-9]\\d*, backup lag -?\\d+ instructions.*"), text);
        assertTrue(text.matches("(?s).*failed over: the backup serves /127\\.0\\.0\\.1:\\d+ \\(failovers 1, " +
            "generation \\d+\\).*"), text);
    }
}
