package io.tandem.tools.history;

import io.tandem.tools.kv.KvStatus;

/**
 * The key-value guest's semantics on one key, as a sequential specification: a state is the
 * key's value (an id from {@link ValueIds}) or {@link #ABSENT}, and {@link #step} says whether an
 * operation with the reply it got can happen in that state, and the state after it.
 * An operation whose reply never came may have taken effect or not: as one that did, it applies
 * whatever its reply would have been (a CAS only if it matched); as one that did not, the checker
 * places it after every other, where nothing observes it.
 */
final class KvRegisterModel
{
    /** The key holds no value. */
    static final int ABSENT = -1;
    /** {@link #step}'s answer when the operation cannot happen in the state. */
    static final int IMPOSSIBLE = Integer.MIN_VALUE;

    private KvRegisterModel()
    {
    }

    /**
     * @param state     the key's value id, or {@link #ABSENT}.
     * @param operation the operation and its reply.
     * @param ids       the value ids of the history.
     * @return the key's state after the operation, or {@link #IMPOSSIBLE}.
     */
    static int step(final int state, final KvOperation operation, final ValueIds ids)
    {
        final KvStatus status = operation.status();
        final boolean unknown = operation.indeterminate();
        switch (operation.op())
        {
            case GET:
                if (unknown)
                {
                    return state;
                }
                if (status == KvStatus.NOT_FOUND)
                {
                    return state == ABSENT ? state : IMPOSSIBLE;
                }
                return status == KvStatus.OK && state != ABSENT && state == ids.of(operation.read()) ? state : IMPOSSIBLE;
            case PUT:
                return status == KvStatus.OK || unknown ? ids.of(operation.value()) : IMPOSSIBLE;
            case DELETE:
                if (unknown)
                {
                    return ABSENT;
                }
                if (status == KvStatus.OK)
                {
                    return state != ABSENT ? ABSENT : IMPOSSIBLE;
                }
                return status == KvStatus.NOT_FOUND && state == ABSENT ? ABSENT : IMPOSSIBLE;
            case CAS:
                final int expected = ids.of(operation.expected());
                if (unknown)
                {
                    return state != ABSENT && state == expected ? ids.of(operation.value()) : state;
                }
                if (status == KvStatus.OK)
                {
                    return state != ABSENT && state == expected ? ids.of(operation.value()) : IMPOSSIBLE;
                }
                if (status == KvStatus.NOT_FOUND)
                {
                    return state == ABSENT ? state : IMPOSSIBLE;
                }
                if (status == KvStatus.CAS_MISMATCH)
                {
                    final boolean mismatch = state != ABSENT && state != expected;
                    final boolean readMatches = operation.read() == null || state == ids.of(operation.read());
                    return mismatch && readMatches ? state : IMPOSSIBLE;
                }
                return IMPOSSIBLE;
            default:
                throw new IllegalArgumentException("no model for " + operation.op());
        }
    }
}
