package io.tandem.tools.bench;

import io.tandem.tools.CommandLineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to bench and report ends with one clear line and exit code 2, never a stack trace. */
class BenchBadInputTest
{
    @Test
    void unknownScenarioIsRefusedWithTheKnownOnes(@TempDir final Path temp)
    {
        final CommandLineRun run = CommandLineRun.tandem("bench", "speed", "--out", temp.resolve("r").toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("unknown scenario 'speed'") && run.err.contains("failover"), run.err);
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
        assertFalse(Files.exists(temp.resolve("r")), "nothing written for a refused run");
    }

    @Test
    void trialsBelowOneAreRefused(@TempDir final Path temp)
    {
        final CommandLineRun run = CommandLineRun.tandem("bench", "failover", "--trials", "0", "--out", temp.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("--trials"), run.err);
    }

    @Test
    void aRateBelowOneIsRefused(@TempDir final Path temp)
    {
        final CommandLineRun run = CommandLineRun.tandem("bench", "latency", "--rates", "1000,0", "--out", temp.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("--rates"), run.err);
    }

    @Test
    void anOutputDirectoryWithEarlierResultsIsRefused(@TempDir final Path temp) throws Exception
    {
        Files.writeString(temp.resolve("summary.json"), "{}");
        final CommandLineRun run = CommandLineRun.tandem("bench", "lag", "--quick", "--out", temp.toString(),
            "--guests", CommandLineRun.guests());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("already holds the results"), run.err);
    }

    @Test
    void reportOfAMissingDirectorySaysSo(@TempDir final Path temp)
    {
        final CommandLineRun run = CommandLineRun.tandem("report", temp.resolve("nowhere").toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("no such directory"), run.err);
    }

    @Test
    void reportOfADirectoryWithoutSummaryIsNotAResultsDirectory(@TempDir final Path temp)
    {
        final CommandLineRun run = CommandLineRun.tandem("report", temp.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("not a results directory"), run.err);
    }

    @Test
    void reportOfACorruptSummaryNamesTheFileAndWhere(@TempDir final Path temp) throws Exception
    {
        Files.writeString(temp.resolve("summary.json"), "{\"format\": 1, \"run\": {\"command\": \"x\"", StandardCharsets.UTF_8);
        final CommandLineRun run = CommandLineRun.tandem("report", temp.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("summary.json") && run.err.contains("not valid JSON at character"), run.err);
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
    }

    @Test
    void reportOfASummaryWithoutFiguresNamesTheMissingKey(@TempDir final Path temp) throws Exception
    {
        Files.writeString(temp.resolve("summary.json"), "{\"format\": 1, \"run\": {}, \"latencies\": []}");
        final CommandLineRun run = CommandLineRun.tandem("report", temp.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("'figures' is missing"), run.err);
    }

    @Test
    void reportOfASummaryNamingAMissingLogSaysWhichFile(@TempDir final Path temp) throws Exception
    {
        Files.writeString(temp.resolve("summary.json"), "{\"format\": 1, \"run\": {}, \"figures\": [], \"latencies\": " +
            "[{\"scenario\": \"latency\", \"plot\": \"p\", \"configuration\": \"c\", \"file\": \"gone\", \"unit\": \"us\"}]}");
        final CommandLineRun run = CommandLineRun.tandem("report", temp.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("gone.hlog: missing"), run.err);
    }

    @Test
    void compareWithACorruptBeforeIsRefused(@TempDir final Path temp) throws Exception
    {
        final Path after = temp.resolve("after");
        ReportFixture.write(after, 1.0);
        final Path before = Files.createDirectories(temp.resolve("before"));
        Files.writeString(before.resolve("summary.json"), "not json");
        final CommandLineRun run = CommandLineRun.tandem("report", after.toString(), "--compare", before.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains(before.resolve("summary.json").toString()), run.err);
    }
}
