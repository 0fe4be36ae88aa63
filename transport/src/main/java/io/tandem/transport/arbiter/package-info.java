/**
 * The arbiter on Aeron Cluster: the (pair, generation) test-and-set as a replicated service, so
 * that the arbiter itself survives the loss of a minority of its members.
 * <ul>
 *   <li>{@link io.tandem.transport.arbiter.ClusterArbiterService}: the clustered service; its
 *       state, a {@code ClaimTable}, goes into and comes back from the cluster's snapshots.</li>
 *   <li>{@link io.tandem.transport.arbiter.ClusterArbiter}: the engine's {@code Arbiter} port as a
 *       cluster client.</li>
 *   <li>{@link io.tandem.transport.arbiter.ClusterArbiterNode}: one member (driver, archive,
 *       consensus module, service) in this process.</li>
 *   <li>{@link io.tandem.transport.arbiter.ClaimRequest},
 *       {@link io.tandem.transport.arbiter.ClaimAnswer}, {@code ClaimSnapshot}: the fixed
 *       little-endian layouts of the messages, behind the header of
 *       {@link io.tandem.transport.arbiter.ArbiterMessage}.</li>
 * </ul>
 *
 * <h2>Running a cluster and pointing clients at it</h2>
 * Every member is given the same members string (see
 * {@link io.tandem.transport.arbiter.ClusterMembers}: five UDP ports per member) and its own id;
 * use one member for tests and development, three (on three hosts) to tolerate the loss of one:
 * <pre>{@code
 * String members = ClusterMembers.onHosts(List.of("arb-a", "arb-b", "arb-c"), 20110);
 * // on host arb-b:
 * try (ClusterArbiterNode node = ClusterArbiterNode.start(new ClusterArbiterNode.Config()
 *         .memberId(1)
 *         .clusterMembers(members)
 *         .baseDirectory(Path.of("/var/lib/tandem/arbiter"))))
 * {
 *     // serve until stopped; node.ingressEndpoints() is "0=arb-a:20110,1=arb-b:20115,2=arb-c:20120"
 * }
 * }</pre>
 * A member keeps its archived log and snapshots in {@code <baseDirectory>/member-<id>/} and
 * recovers every claim from them when started again on the same directory; deleting that
 * directory forgets the claims, so do it only with the whole cluster stopped and no pair
 * relying on a generation it holds. {@code ClusterArbiterNode#requestSnapshot()} bounds the log a
 * restart replays.
 * <p>
 * A replica's arbiter is a client given the ingress endpoints, and an egress channel on an
 * address of its own host that the members can reach (by default, the address of this host's
 * route to the first member that has one, on an ephemeral port):
 * <pre>{@code
 * Arbiter arbiter = new ClusterArbiter(new ClusterArbiter.Context()
 *     .ingressEndpoints("0=arb-a:20110,1=arb-b:20115,2=arb-c:20120")
 *     .egressChannel("aeron:udp?endpoint=10.0.0.5:0")
 *     .aeronDirectoryName(pairTransport.aeronDirectoryName())); // or none: an embedded driver
 * }</pre>
 * {@code currentGeneration(pair)} reads the pair's highest claimed generation without changing
 * anything: a replica asks it before it serves, so that an egress the members cannot answer, or
 * members it cannot reach, stop it at start rather than at its first failover. A claim is
 * answered in a few milliseconds on a warm session (the members' threads back off to 1 ms parks); a claim that cannot be answered within
 * {@code tandem.arbiter.claimTimeoutMs} (default 2 s) is UNREACHABLE. Followers elect a new
 * leader after {@code tandem.arbiter.leaderHeartbeatTimeoutMs} (default 3 s) of silence, so a
 * claim made while the leader is being replaced needs a timeout above that to be answered.
 */
package io.tandem.transport.arbiter;
