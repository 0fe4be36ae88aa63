package io.tandem.transport.arbiter;

import io.aeron.cluster.ClusterMember;

import java.util.List;

/**
 * The cluster members string of Aeron Cluster, and the client ingress endpoints derived from it.
 * <p>
 * Members are separated by {@code |}; each is its id and five {@code host:port} endpoints:
 * {@code id,ingress,consensus,log,catchup,archive}, for example
 * {@code 0,localhost:20110,localhost:20111,localhost:20112,localhost:20113,localhost:20114|1,...}.
 * Clients need only the ingress endpoints, as {@code 0=localhost:20110,1=...}.
 */
public final class ClusterMembers
{
    /** Ports each member uses, consecutive from its base: ingress, consensus, log, catchup, archive. */
    public static final int PORTS_PER_MEMBER = 5;

    private ClusterMembers()
    {
    }

    /**
     * @param hosts    one host per member; member {@code i} runs on {@code hosts.get(i)}.
     * @param portBase member {@code i} uses ports {@code portBase + i * PORTS_PER_MEMBER} onwards.
     * @return the members string.
     */
    public static String onHosts(final List<String> hosts, final int portBase)
    {
        if (hosts.isEmpty())
        {
            throw new IllegalArgumentException("a cluster needs at least one member host");
        }
        final int lastPort = portBase + hosts.size() * PORTS_PER_MEMBER - 1;
        if (portBase <= 0 || lastPort > 65535)
        {
            throw new IllegalArgumentException("ports " + portBase + ".." + lastPort + " are not all valid UDP ports");
        }
        final StringBuilder members = new StringBuilder();
        for (int id = 0; id < hosts.size(); id++)
        {
            if (id > 0)
            {
                members.append('|');
            }
            members.append(id);
            final int memberBase = portBase + id * PORTS_PER_MEMBER;
            for (int port = memberBase; port < memberBase + PORTS_PER_MEMBER; port++)
            {
                members.append(',').append(hosts.get(id)).append(':').append(port);
            }
        }
        return members.toString();
    }

    /**
     * @param clusterMembers a members string.
     * @return the ingress endpoints clients connect to, {@code id=host:port} separated by commas.
     */
    public static String ingressEndpoints(final String clusterMembers)
    {
        return ClusterMember.ingressEndpoints(parse(clusterMembers));
    }

    /**
     * @return the parsed members.
     * @throws IllegalArgumentException naming the expected format when the string does not parse.
     */
    static ClusterMember[] parse(final String clusterMembers)
    {
        if (clusterMembers == null || clusterMembers.isBlank())
        {
            throw new IllegalArgumentException("no cluster members given; expected " + FORMAT);
        }
        final ClusterMember[] members;
        try
        {
            members = ClusterMember.parse(clusterMembers);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("cannot read the cluster members '" + clusterMembers + "' (" +
                ex.getMessage() + "); expected " + FORMAT, ex);
        }
        if (members.length == 0)
        {
            throw new IllegalArgumentException("no cluster members in '" + clusterMembers + "'; expected " + FORMAT);
        }
        return members;
    }

    /** @return the host part of a {@code host:port} endpoint. */
    static String host(final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        return colon <= 0 ? endpoint : endpoint.substring(0, colon);
    }

    private static final String FORMAT =
        "id,ingress,consensus,log,catchup,archive|id,... with host:port endpoints, " +
        "e.g. 0,localhost:20110,localhost:20111,localhost:20112,localhost:20113,localhost:20114";
}
