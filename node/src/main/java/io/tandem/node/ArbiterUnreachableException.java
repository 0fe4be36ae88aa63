package io.tandem.node;

/**
 * A replica's arbiter did not answer the harmless read a node asks before it serves
 * ({@link io.tandem.engine.replica.Arbiter#currentGeneration}): a configuration that would fail
 * only at the first failover, when the survivor must claim the arbiter, is refused at start.
 */
public final class ArbiterUnreachableException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param role   "primary" or "backup".
     * @param pair   the pair's name.
     * @param reason what failed, as the arbiter said it.
     */
    public ArbiterUnreachableException(final String role, final String pair, final String reason)
    {
        super("the " + role + " cannot reach the arbiter (pair \"" + pair + "\"): " + reason + "; it would not " +
            "fail over safely, so it does not start");
    }
}
