package io.tandem.engine.replica;

/**
 * How long a peer has been silent, counted only while this side was itself running, for the
 * failure detector of both replicas.
 * <p>
 * Silence is the sum of the gaps between this side's looks since it last heard the peer, each
 * gap counted at most half the failure timeout. A look follows the poll that would have heard
 * the peer, so a gap longer than that means this side was not running: its process paused (a
 * safepoint, a collection, a stop signal), its thread starved on a busy host. A pause of the
 * whole process silences both replicas of a pair in one process, and both replicas of a host
 * that stalls; without the cap, the first side to run again would find the other silent for the
 * whole pause and claim the arbiter against a live peer. With it, a stall of any length counts
 * as half the timeout at most, so the peer always gets at least half a timeout of this side's
 * own running time to be heard. Gaps of a running side (parks, slices) are far shorter than
 * that and count in full: a peer that is really dead is declared so within the timeout plus a
 * gap; safety does not depend on it (the arbiter decides who is live), only how soon a dead
 * peer is replaced.
 */
final class PeerSilence
{
    private long lastLookedNs;
    private long silenceNs;
    private boolean heard;

    /** @param nowNs when this side starts listening (clock ns). */
    PeerSilence(final long nowNs)
    {
        restart(nowNs);
    }

    /** A new peer, not heard yet: the start-up timeout applies until it is. */
    void restart(final long nowNs)
    {
        lastLookedNs = nowNs;
        silenceNs = 0;
        heard = false;
    }

    /** The peer was heard at {@code nowNs}. */
    void heard(final long nowNs)
    {
        lastLookedNs = nowNs;
        silenceNs = 0;
        heard = true;
    }

    /** @return true once the peer has been heard at least once since the last restart. */
    boolean everHeard()
    {
        return heard;
    }

    /**
     * Looks at the peer's silence after a poll for its messages.
     *
     * @param nowNs  now (clock ns).
     * @param config the pair's timeouts.
     * @return true when the peer has been silent, while this side ran, past the timeout that
     * applies: the failure timeout once heard, the start-up timeout before.
     */
    boolean silentPastTimeout(final long nowNs, final PairConfig config)
    {
        final long gapNs = nowNs - lastLookedNs;
        lastLookedNs = nowNs;
        silenceNs += Math.min(Math.max(gapNs, 0), config.failureTimeoutNs() / 2);
        return silenceNs > (heard ? config.failureTimeoutNs() : config.startupTimeoutNs());
    }
}
