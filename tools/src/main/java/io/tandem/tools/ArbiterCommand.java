package io.tandem.tools;

import io.aeron.cluster.service.Cluster;
import io.tandem.transport.arbiter.ClusterArbiterNode;
import io.tandem.transport.arbiter.ClusterMembers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code tandem arbiter}: one member of the arbiter cluster that pairs claim generations at. */
@Command(
    name = "arbiter",
    mixinStandardHelpOptions = true,
    description = {
        "Runs one member of the arbiter on Aeron Cluster: the (pair, generation) test-and-set that decides " +
            "which replica goes on when a pair splits, replicated so that it survives the loss of a minority " +
            "of its members. Runs until Ctrl-C; claims are kept in --dir across restarts.",
        "  tandem arbiter --dir /var/lib/tandem/arbiter                          one member on localhost",
        "  tandem arbiter --hosts a,b,c --member-id 1 --dir /var/lib/tandem/arb  member 1 of three",
        "Replicas use it with --arbiter-cluster ENDPOINTS (printed at start)."})
final class ArbiterCommand implements Callable<Integer>
{
    private static final long ROLE_POLL_MS = 200;

    @Option(names = "--hosts", paramLabel = "HOST[,HOST...]", split = ",",
        description = "one host per member, in member-id order (default: localhost)")
    List<String> hosts = List.of("localhost");

    @Option(names = "--member-id", paramLabel = "N", description = "this member's id: its index in --hosts (default: 0)")
    int memberId;

    @Option(names = "--port-base", paramLabel = "PORT",
        description = "member i uses UDP ports PORT + 5i .. PORT + 5i + 4 (default: ${DEFAULT-VALUE})")
    int portBase = 20110;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "where this member keeps its log and snapshots (and so the claims) across restarts")
    Path directory;

    @Override
    public Integer call() throws Exception
    {
        if (memberId < 0 || memberId >= hosts.size())
        {
            throw new IllegalArgumentException("--member-id must name one of the " + hosts.size() + " hosts (0.." +
                (hosts.size() - 1) + "): " + memberId);
        }
        final String members = ClusterMembers.onHosts(hosts, portBase);
        final PrintStream err = System.err;
        try (ShutdownSignal shutdown = new ShutdownSignal("tandem-arbiter-shutdown");
            ClusterArbiterNode node = ClusterArbiterNode.start(new ClusterArbiterNode.Config()
                .memberId(memberId).clusterMembers(members).baseDirectory(directory)))
        {
            err.printf(Locale.ROOT, "tandem arbiter: member %d of %d, state in %s%n", memberId, hosts.size(),
                directory.resolve("member-" + memberId));
            err.printf(Locale.ROOT, "tandem arbiter: replicas use --arbiter-cluster %s%n", node.ingressEndpoints());
            Cluster.Role lastRole = null;
            while (!shutdown.requested())
            {
                final Cluster.Role role = node.role();
                if (role != lastRole)
                {
                    err.printf(Locale.ROOT, "tandem arbiter: member %d is %s%n", memberId, role);
                    lastRole = role;
                }
                TimeUnit.MILLISECONDS.sleep(ROLE_POLL_MS);
            }
            err.println("tandem arbiter: stopping");
        }
        return 0;
    }
}
