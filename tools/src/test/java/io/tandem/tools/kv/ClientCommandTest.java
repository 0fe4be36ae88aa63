package io.tandem.tools.kv;

import io.tandem.tools.Tandem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tandem client} against the {@code kvstore} guest: output and exit codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCommandTest
{
    @TempDir
    static Path dir;

    private static GuestServer server;
    private static String address;

    @BeforeAll
    static void startGuest()
    {
        server = GuestServer.start(GuestServer.guest("kvstore.elf"), KvProtocol.DEFAULT_PORT, dir.resolve("kv.img"));
        address = "127.0.0.1:" + server.address().getPort();
    }

    @AfterAll
    static void stopGuest()
    {
        if (server != null)
        {
            server.close();
        }
    }

    /** Exit code and captured streams of one command line. */
    private static final class Run
    {
        final int exitCode;
        final String out;
        final String err;

        Run(final String... args)
        {
            final StringWriter outText = new StringWriter();
            final StringWriter errText = new StringWriter();
            final CommandLine commandLine = new CommandLine(new Tandem());
            commandLine.setOut(new PrintWriter(outText, true));
            commandLine.setErr(new PrintWriter(errText, true));
            exitCode = commandLine.execute(args);
            out = outText.toString();
            err = errText.toString();
        }

        @Override
        public String toString()
        {
            return "exit " + exitCode + ", out: " + out + ", err: " + err;
        }
    }

    @Test
    void aLoadWritesItsHistoryAndCheckFindsItLinearizableAndADoctoredOneNot() throws Exception
    {
        final Path history = dir.resolve("history.jsonl");
        Run run = new Run("client", "--server", address, "--load", "400", "--duration", "1", "--warmup", "0",
            "--clients", "3", "--keys", "5", "--history", history.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("history: "), run.toString());
        final java.util.List<String> lines = java.nio.file.Files.readAllLines(history);
        assertTrue(lines.size() >= 300, "operations: " + lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"op\":\"put\"") && l.contains("\"value\":\"c2r")), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"op\":\"get\"") && l.contains("\"read\":\"c")), lines.get(0));

        run = new Run("check", history.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains(" operations on 5 keys: linearizable"), run.toString());

        // A read that names a write nobody made: no order explains it.
        final int read = lines.indexOf(lines.stream().filter(l -> l.contains("\"read\":\"c")).findFirst().orElseThrow());
        lines.set(read, lines.get(read).replaceFirst("\"read\":\"c[0-9]+r[0-9]+\"", "\"read\":\"c9r999999\""));
        final Path doctored = dir.resolve("doctored.jsonl");
        java.nio.file.Files.write(doctored, lines);
        run = new Run("check", doctored.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.out.contains("NOT linearizable: key key-"), run.toString());

        java.nio.file.Files.writeString(doctored, "{\"client\":1}\n");
        run = new Run("check", doctored.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("line 1"), run.toString());

        run = new Run("client", "--server", address, "--load", "100", "--echo", "--history", history.toString());
        assertEquals(2, run.exitCode, run.toString());
    }

    @Test
    void eachOperationPrintsItsResultAndExitsWithItsStatus()
    {
        Run run = new Run("client", "--server", address, "put", "cli-key", "cli value");
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("OK", run.out.strip());

        run = new Run("client", "--server", address, "get", "cli-key");
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("cli value", run.out.strip());

        run = new Run("client", "--server", address, "cas", "cli-key", "wrong", "x");
        assertEquals(1, run.exitCode, run.toString());
        assertEquals("CAS_MISMATCH cli value", run.out.strip());

        run = new Run("client", "--server", address, "cas", "cli-key", "cli value", "swapped");
        assertEquals(0, run.exitCode, run.toString());

        run = new Run("client", "--server", address, "delete", "cli-key");
        assertEquals(0, run.exitCode, run.toString());

        run = new Run("client", "--server", address, "get", "cli-key");
        assertEquals(1, run.exitCode, run.toString());
        assertEquals("NOT_FOUND", run.out.strip());
    }

    @Test
    void aRefusedRequestExitsWithFour()
    {
        final Run run = new Run("client", "--server", address, "put", "big", "x".repeat(KvProtocol.MAX_VALUE_LENGTH + 1));
        assertEquals(4, run.exitCode, run.toString());
        assertTrue(run.err.contains("TOO_LARGE"), run.err);
    }

    @Test
    void aReusedClientIdContinuesFromTheGivenRequestNumber()
    {
        Run run = new Run("client", "--server", address, "--client-id", "4000000000", "put", "mine", "a");
        assertEquals(0, run.exitCode, run.toString());
        run = new Run("client", "--server", address, "--client-id", "4000000000", "--request-no", "2", "get", "mine");
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("a", run.out.strip());
    }

    @Test
    void failoverToTheSecondServerWhenTheFirstIsSilent()
    {
        try (FakeKvServer silent = new FakeKvServer(FakeKvServer.SILENT))
        {
            final String servers = "127.0.0.1:" + silent.address().getPort() + "," + address;
            final Run run = new Run("client", "--server", servers, "--timeout-ms", "100", "put", "via-backup", "yes");
            assertEquals(0, run.exitCode, run.toString());
            assertEquals(KvOp.PUT.code(), silent.takeRequest().op);
        }
        assertEquals("yes", new Run("client", "--server", address, "get", "via-backup").out.strip());
    }

    @Test
    void noReplyExitsWithThree()
    {
        try (FakeKvServer silent = new FakeKvServer(FakeKvServer.SILENT))
        {
            final Run run = new Run("client", "--server", "127.0.0.1:" + silent.address().getPort(),
                "--timeout-ms", "10", "--attempts", "2", "get", "k");
            assertEquals(3, run.exitCode, run.toString());
            assertTrue(run.err.contains("no reply"), run.err);
            silent.takeRequest();
            silent.takeRequest();
        }
    }

    @Test
    void usageErrorsExitWithTwo()
    {
        final String[][] cases = {
            {"client", "get", "k"},
            {"client", "--server", address},
            {"client", "--server", address, "frob", "k"},
            {"client", "--server", address, "put", "k"},
            {"client", "--server", address, "get", ""},
            {"client", "--server", "localhost", "get", "k"},
            {"client", "--server", "127.0.0.1:70000", "get", "k"},
            {"client", "--server", address, "--echo", "get", "k"},
            {"client", "--server", address, "--load", "100", "get", "k"},
            {"client", "--server", address, "--load", "100", "--put-percent", "101"},
            {"client", "--server", address, "--load", "100", "--value-size", "2000"},
            {"client", "--server", address, "--nonsense"},
        };
        for (final String[] args : cases)
        {
            final Run run = new Run(args);
            assertEquals(2, run.exitCode, String.join(" ", args) + " -> " + run);
            assertTrue(run.err.contains("Usage: tandem client") || run.err.contains("Unknown option"), run.err);
        }
    }

    @Test
    void loadModePrintsPercentilesAndWritesTheHistogramFile() throws IOException
    {
        final Path histogram = dir.resolve("load.hgrm");
        final Run run = new Run("client", "--server", address, "--load", "200", "--duration", "0.5",
            "--warmup", "0.1", "--clients", "2", "--keys", "20", "--value-size", "16", "--histogram", histogram.toString());
        assertEquals(0, run.exitCode, run.toString());
        for (final String expected : new String[] {"kv load: 2 client(s)", "throughput:", "p50 ", "p99.99 ", "max ",
            "timeouts: 0", "retries: 0"})
        {
            assertTrue(run.out.contains(expected), expected + " in " + run.out);
        }
        final String file = Files.readString(histogram);
        assertTrue(file.contains("Value     Percentile TotalCount 1/(1-Percentile)"), file);
        assertTrue(file.matches("(?s).*#\\[Max +=.*Total count +=.*"), file);
    }
}
