package io.tandem.tools.bench;

import io.tandem.tools.CommandLineRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each scenario, run small end to end, writes a results directory whose files parse and hold
 * the figures and distributions it promises. No timing is asserted: only that each was taken.
 */
@Tag("slow")
class BenchScenariosTest
{
    @ParameterizedTest
    @ValueSource(strings = {"mips", "latency", "failover", "lag", "bandwidth", "join"})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @SuppressWarnings("unchecked")
    void scenarioWritesAResultsDirectoryThatParses(final String scenario, @TempDir final Path temp) throws Exception
    {
        final Path out = temp.resolve("results");
        final Path work = temp.resolve("work");
        final CommandLineRun run = CommandLineRun.tandem("bench", scenario, "--quick", "--trials", "2", "--out", out.toString(),
            "--guests", CommandLineRun.guests(), "--work-dir", work.toString());
        assertEquals(0, run.exitCode, run.toString());
        try (Stream<Path> left = Files.list(work))
        {
            assertEquals(List.of(), left.collect(Collectors.toList()), "every run's disks and journals are deleted");
        }
        assertTrue(run.err.contains("step 1 of"), "progress on stderr:\n" + run.err);
        assertTrue(run.out.contains("results in " + out), run.out);

        final Map<String, Object> summary = ResultsFiles.check(out);
        final List<Map<String, Object>> figures = (List<Map<String, Object>>)summary.get("figures");
        final List<Map<String, Object>> latencies = (List<Map<String, Object>>)summary.get("latencies");
        assertFalse(figures.isEmpty(), "figures");
        assertTrue(figures.stream().allMatch(f -> scenario.equals(f.get("scenario"))));
        final List<String> metrics = figures.stream().map(f -> (String)f.get("metric")).collect(Collectors.toList());
        final List<String> configurations = figures.stream().map(f -> (String)f.get("configuration"))
            .collect(Collectors.toList());
        switch (scenario)
        {
            case "mips":
                assertTrue(configurations.containsAll(List.of("solo", "recording", "replaying the journal",
                    "pair primary", "pair backup (replaying)", "C / no C, compiled", "C / no C, interpreted")),
                    configurations.toString());
                assertTrue(metrics.contains("with C / without"), metrics.toString());
                for (final String configuration : List.of("solo", "recording", "replaying the journal", "pair primary",
                    "pair backup (replaying)"))
                {
                    // The machine thread's own CPU per instruction, apart from the cores other threads took.
                    assertTrue(figures.stream().anyMatch(f -> configuration.equals(f.get("configuration")) &&
                        "cpu-MIPS".equals(f.get("metric")) && ((Number)f.get("value")).doubleValue() > 0),
                        configuration + ": " + figures);
                }
                if (QemuRun.installed())
                {
                    assertTrue(configurations.contains("QEMU -icount shift=0"), configurations.toString());
                    assertTrue(configurations.contains("QEMU TCG"), configurations.toString());
                }
                assertTrue(latencies.isEmpty());
                break;
            case "latency":
                final int servers = QemuRun.installed() ? 9 : 7;
                assertEquals(servers, latencies.stream().filter(l -> ((String)l.get("file")).startsWith("latency-"))
                    .count(), "kvstore solo, pair IPC, pair UDP; echo raw, solo, pair IPC, pair UDP; QEMU when " +
                    "installed: one rate each");
                assertTrue(latencies.stream().allMatch(l -> (Long)l.get("count") > 0), latencies.toString());
                assertTrue(metrics.containsAll(List.of("p50", "p99", "p99.9", "max", "replies/s")));
                assertTrue(configurations.contains("echo at 200/s, raw UDP echo"), configurations.toString());
                assertEquals(servers, metrics.stream().filter("idle CPU"::equals).count(), "idle CPU of every server");
                assertEquals(servers, metrics.stream().filter("sustained with p99 < 1 ms"::equals).count(),
                    "a sustained rate of every server");
                break;
            case "failover":
                assertEquals(3, latencies.size());
                assertTrue(metrics.containsAll(List.of("first reply p50", "backup live p50", "trials", "failed trials")));
                final long measured = (Long)latencies.get(1).get("count");
                final double failed = figures.stream().filter(f -> "failed trials".equals(f.get("metric")))
                    .mapToDouble(f -> ((Number)f.get("value")).doubleValue()).findFirst().orElseThrow();
                assertEquals(2, measured + (long)failed, "every trial is either measured or counted as failed");
                break;
            case "lag":
                assertEquals(2, latencies.size());
                assertTrue(latencies.stream().allMatch(l -> (Long)l.get("count") > 0), latencies.toString());
                assertTrue(metrics.containsAll(List.of("time p50", "instructions p99", "samples")));
                break;
            case "bandwidth":
                assertTrue(configurations.contains("cpubench (CPU-bound): EPOCH"), configurations.toString());
                assertTrue(metrics.containsAll(List.of("bytes/s", "entries/s", "bandwidth")), metrics.toString());
                assertTrue(configurations.stream().anyMatch(c -> c.startsWith("kvstore at") && c.endsWith(": NET_FRAME")),
                    "the loaded kvstore logs frames: " + configurations);
                break;
            case "join":
                assertEquals(2, latencies.size(), "the pause and the whole transfer");
                assertTrue(latencies.stream().allMatch(l -> (Long)l.get("count") == 2), "both joins measured: " + latencies);
                assertTrue(metrics.containsAll(List.of("pause p50", "pause max", "transfer p50", "pages sent", "joins")),
                    metrics.toString());
                break;
            default:
                throw new AssertionError(scenario);
        }
    }
}
