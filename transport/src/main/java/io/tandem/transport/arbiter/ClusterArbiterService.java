package io.tandem.transport.arbiter;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.tandem.engine.replica.Arbiter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The arbiter as a clustered service: every member applies the same claims in the same (log)
 * order to its {@link ClaimTable}, so all members agree on who holds each (pair, generation), and
 * the table survives any minority of members failing. Only the leader's answers leave the cluster
 * (a follower's session offers are no-ops), so a client hears each claim answered once.
 * <p>
 * A claim that cannot be read is answered {@link ClaimAnswer#REFUSED} and changes nothing; it is
 * never thrown on, because an exception here would stop the member's service.
 */
public final class ClusterArbiterService implements ClusteredService
{
    /** How often an answer is re-offered under back pressure before the client is left to time out. */
    static final int ANSWER_ATTEMPTS = 1_000;

    private final ClaimRequest request = new ClaimRequest();
    private final GenerationQuery query = new GenerationQuery();
    private final UnsafeBuffer answerBuffer =
        new UnsafeBuffer(new byte[Math.max(ClaimAnswer.LENGTH, GenerationAnswer.LENGTH)]);
    private ClaimTable table = new ClaimTable();
    private IdleStrategy idle;

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        idle = cluster.idleStrategy();
        if (snapshotImage != null)
        {
            table = ClaimSnapshot.read(snapshotImage, idle);
        }
    }

    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (ArbiterMessage.type(buffer, offset, length) == ArbiterMessage.TYPE_GENERATION_QUERY)
        {
            onGenerationQuery(session, buffer, offset, length);
            return;
        }
        request.wrap(buffer, offset, length);
        final String problem = request.validate();
        final int verdict;
        if (problem == null)
        {
            verdict = ClaimAnswer.verdictOf(table.claim(request.pair(), request.generation(), request.claimant()));
        }
        else
        {
            verdict = ClaimAnswer.REFUSED;
        }
        if (session != null && request.hasCorrelationId())
        {
            answer(session, request.correlationId(), verdict);
        }
    }

    /** A read: answered from the table, which it leaves as it was. */
    private void onGenerationQuery(
        final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        query.wrap(buffer, offset, length);
        if (session != null && query.hasCorrelationId())
        {
            final long generation = query.validate() == null ?
                table.highestGeneration(query.pair()) : GenerationAnswer.REFUSED;
            offerAnswer(session, GenerationAnswer.encode(answerBuffer, 0, query.correlationId(), generation));
        }
    }

    private void answer(final ClientSession session, final long correlationId, final int verdict)
    {
        offerAnswer(session, ClaimAnswer.encode(answerBuffer, 0, correlationId, verdict));
    }

    private void offerAnswer(final ClientSession session, final int length)
    {
        idle.reset();
        for (int attempt = 0; attempt < ANSWER_ATTEMPTS; attempt++)
        {
            final long result = session.offer(answerBuffer, 0, length);
            // A client that is gone (or whose egress is not connected) times out and retries;
            // the table already holds the claim, and a retry by the same claimant wins again.
            if (result > 0 || result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                return;
            }
            idle.idle();
        }
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        ClaimSnapshot.write(table, snapshotPublication, idle);
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        // Sessions carry no state: a claim is answered on the session that sent it.
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        // Claims outlive the sessions that made them.
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        // No timers: the table changes only by claims.
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        // Every member keeps the whole table; the role only decides whose answers leave the cluster.
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        // Nothing to release: the table lives in the log and the snapshots.
    }
}
