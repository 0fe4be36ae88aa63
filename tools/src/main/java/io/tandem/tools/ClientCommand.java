package io.tandem.tools;

import io.tandem.tools.history.KvHistoryFile;
import io.tandem.tools.history.KvOperation;
import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvLoad;
import io.tandem.tools.kv.KvResult;
import io.tandem.tools.kv.KvStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code tandem client}: one request to the {@code kvstore} guest, or a load run against it (or
 * against a UDP echo server) that reports latency percentiles.
 */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    description = {
        "Talks to the kvstore guest over UDP: one operation, or a load run.",
        "  tandem client --server 127.0.0.1:17000 put KEY VALUE | get KEY | delete KEY | cas KEY EXPECTED VALUE",
        "  tandem client --server 127.0.0.1:17000 --load 2000 --duration 20 --clients 4",
        "Exit codes: 0 OK; 1 NOT_FOUND or CAS_MISMATCH; 2 usage error; 3 no reply (timeout); " +
            "4 the server refused the request (BAD_REQUEST, TOO_LARGE, FULL, STALE_REQUEST)."})
final class ClientCommand implements Callable<Integer>
{
    static final int EXIT_OK = 0;
    static final int EXIT_NOT_FOUND_OR_MISMATCH = 1;
    static final int EXIT_TIMEOUT = 3;
    static final int EXIT_REFUSED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--server", split = ",", paramLabel = "HOST:PORT",
        description = "server address, repeatable or comma-separated; the first is the primary, the rest are " +
            "sent the same request at once after a timeout, so that the live side answers")
    List<String> servers = new ArrayList<>();

    @Option(names = "--client-id", paramLabel = "ID",
        description = "client id (u32; default: random). A reused id must continue its request numbers: see --request-no")
    Long clientId;

    @Option(names = "--request-no", paramLabel = "N",
        description = "request number of the first request (default: ${DEFAULT-VALUE}); with a reused --client-id, " +
            "one above the last one used, or the server answers with a remembered or STALE_REQUEST response")
    long requestNo = 1;

    @Option(names = "--timeout-ms", paramLabel = "MS",
        description = "wait this long for a reply before resending (default: ${DEFAULT-VALUE})")
    long timeoutMs = TimeUnit.NANOSECONDS.toMillis(KvClient.DEFAULT_TIMEOUT_NS);

    @Option(names = "--attempts", paramLabel = "N",
        description = "sends per request, the first included (default: ${DEFAULT-VALUE})")
    int attempts = KvClient.DEFAULT_MAX_ATTEMPTS;

    @Option(names = "--load", paramLabel = "RATE",
        description = "load mode: send RATE requests per second (all clients together) on a fixed schedule")
    Double loadRate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "load: measured seconds (default: ${DEFAULT-VALUE})")
    double durationSeconds = 10;

    @Option(names = "--warmup", paramLabel = "SECONDS",
        description = "load: seconds before the measured window whose samples are discarded (default: ${DEFAULT-VALUE})")
    double warmupSeconds = 2;

    @Option(names = "--clients", paramLabel = "N", description = "load: client threads (default: ${DEFAULT-VALUE})")
    int clients = 1;

    @Option(names = "--value-size", paramLabel = "BYTES",
        description = "load: bytes per PUT value, or per payload with --echo (default: ${DEFAULT-VALUE})")
    int valueSize = 64;

    @Option(names = "--keys", paramLabel = "N", description = "load: size of the key space (default: ${DEFAULT-VALUE})")
    int keys = 1000;

    @Option(names = "--put-percent", paramLabel = "P",
        description = "load: share of PUTs, the rest are GETs (default: ${DEFAULT-VALUE})")
    int putPercent = 50;

    @Option(names = "--histogram", paramLabel = "FILE.hgrm",
        description = "load: also write the full percentile distribution (microseconds) to FILE")
    Path histogramFile;

    @Option(names = "--history", paramLabel = "FILE.jsonl",
        description = "load: write every operation (client, request number, key, value, call and reply times, " +
            "status, the write a read saw) as JSON lines, for `tandem check`; each write then carries a value " +
            "of its own")
    Path historyFile;

    @Option(names = "--echo",
        description = "load: the server is a UDP echo server; time raw round trips of --value-size bytes")
    boolean echo;

    @Parameters(paramLabel = "OP ARGS", arity = "0..*",
        description = "put KEY VALUE | get KEY | delete KEY | cas KEY EXPECTED VALUE")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call()
    {
        final List<InetSocketAddress> addresses = addresses();
        if (timeoutMs < 1 || attempts < 1)
        {
            throw usage("--timeout-ms and --attempts must be at least 1");
        }
        if (loadRate != null)
        {
            if (!words.isEmpty())
            {
                throw usage("--load takes no operation: " + String.join(" ", words));
            }
            return load(addresses);
        }
        if (echo)
        {
            throw usage("--echo needs --load RATE");
        }
        if (words.isEmpty())
        {
            throw usage("missing operation: put KEY VALUE | get KEY | delete KEY | cas KEY EXPECTED VALUE");
        }
        return single(addresses);
    }

    private int single(final List<InetSocketAddress> addresses)
    {
        final String op = words.get(0);
        final List<String> args = words.subList(1, words.size());
        final int arity;
        switch (op)
        {
            case "get":
            case "delete":
                arity = 1;
                break;
            case "put":
                arity = 2;
                break;
            case "cas":
                arity = 3;
                break;
            default:
                throw usage("unknown operation '" + op + "': put, get, delete or cas");
        }
        if (args.size() != arity)
        {
            throw usage(op + " takes " + arity + " argument(s), got " + args.size());
        }
        if (requestNo < 1 || requestNo > 0xFFFF_FFFFL)
        {
            throw usage("--request-no must be 1..4294967295: " + requestNo);
        }
        final KvClient.Context context = new KvClient.Context()
            .servers(addresses)
            .timeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs))
            .maxAttempts(attempts)
            .firstRequestNo((int)requestNo);
        if (clientId != null)
        {
            if (clientId < 0 || clientId > 0xFFFF_FFFFL)
            {
                throw usage("--client-id must be 0..4294967295: " + clientId);
            }
            context.clientId(clientId.intValue());
        }

        final KvResult result;
        try (KvClient client = new KvClient(context))
        {
            try
            {
                switch (op)
                {
                    case "get":
                        result = client.get(args.get(0));
                        break;
                    case "delete":
                        result = client.delete(args.get(0));
                        break;
                    case "put":
                        result = client.put(args.get(0), args.get(1));
                        break;
                    default:
                        result = client.cas(args.get(0), args.get(1), args.get(2));
                        break;
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw usage(ex.getMessage());
            }
        }
        return report(op, result, addresses);
    }

    private int report(final String op, final KvResult result, final List<InetSocketAddress> addresses)
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final KvStatus status = result.status();
        final int code;
        switch (status)
        {
            case OK:
                out.println("get".equals(op) ? result.valueAsString() : "OK");
                code = EXIT_OK;
                break;
            case NOT_FOUND:
                out.println("NOT_FOUND");
                code = EXIT_NOT_FOUND_OR_MISMATCH;
                break;
            case CAS_MISMATCH:
                out.println("CAS_MISMATCH " + result.valueAsString());
                code = EXIT_NOT_FOUND_OR_MISMATCH;
                break;
            case TIMED_OUT:
                err.println("tandem: no reply from " + addresses + " after " + attempts + " attempt(s) of " +
                    timeoutMs + " ms");
                code = EXIT_TIMEOUT;
                break;
            default:
                err.println("tandem: the server refused the request: " + status);
                code = EXIT_REFUSED;
                break;
        }
        out.flush();
        err.flush();
        return code;
    }

    private int load(final List<InetSocketAddress> addresses)
    {
        if (!(loadRate > 0) || !(durationSeconds > 0) || !(warmupSeconds >= 0))
        {
            throw usage("--load and --duration must be positive, --warmup not negative");
        }
        final KvLoad.Config config = new KvLoad.Config()
            .servers(addresses)
            .ratePerSecond(loadRate)
            .durationNs((long)(durationSeconds * 1e9))
            .warmupNs((long)(warmupSeconds * 1e9))
            .clients(clients)
            .valueSize(valueSize)
            .keys(keys)
            .putPercent(putPercent)
            .timeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs))
            .maxAttempts(attempts)
            .echo(echo)
            .history(historyFile != null);
        try
        {
            config.validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw usage(ex.getMessage());
        }
        // Opened before the run, so that a path that cannot be written does not cost a whole run.
        try (PrintStream histogramOut = histogramFile == null ? null :
            new PrintStream(histogramFile.toFile(), StandardCharsets.UTF_8);
            PrintStream historyOut = historyFile == null ? null :
                new PrintStream(historyFile.toFile(), StandardCharsets.UTF_8))
        {
            final KvLoad.Report report = KvLoad.run(config);
            final PrintWriter out = spec.commandLine().getOut();
            out.print(report.summary());
            out.flush();
            if (histogramOut != null)
            {
                report.histogram().outputPercentileDistribution(histogramOut, 1000.0);
            }
            if (historyOut != null)
            {
                for (final KvOperation operation : report.history())
                {
                    historyOut.println(KvHistoryFile.line(operation));
                }
                out.println("history: " + report.history().size() + " operations in " + historyFile);
                out.flush();
                if (historyOut.checkError())
                {
                    throw new IOException("write error");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException((histogramFile != null ? histogramFile : historyFile) + ": cannot write: " +
                ex.getMessage(), ex);
        }
        return EXIT_OK;
    }

    private List<InetSocketAddress> addresses()
    {
        if (servers.isEmpty())
        {
            throw usage("--server HOST:PORT is required");
        }
        final List<InetSocketAddress> addresses = new ArrayList<>(servers.size());
        for (final String server : servers)
        {
            addresses.add(parseAddress(server));
        }
        return addresses;
    }

    private InetSocketAddress parseAddress(final String text)
    {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
        {
            throw usage("--server must be HOST:PORT: " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1); // [::1]:7000
        }
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw usage("bad port in --server " + text);
        }
        if (port < 1 || port > 65535)
        {
            throw usage("port must be 1..65535 in --server " + text);
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final UnknownHostException ex)
        {
            throw usage("unknown host in --server " + text);
        }
    }

    private ParameterException usage(final String message)
    {
        return new ParameterException(spec.commandLine(), message);
    }
}
