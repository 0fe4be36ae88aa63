package io.tandem.tools.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks that a key-value history is linearizable: that there is one order of its operations,
 * consistent with real time (an operation that completed before another was invoked comes
 * first), in which every reply is what {@link KvRegisterModel} gives. Keys are independent
 * (every operation touches one), so each key's history is checked alone.
 * <p>
 * The search is Wing and Gong's, with Lowe's memo of visited configurations (the set of
 * operations already placed and the key's state), as in Porcupine: walk the history's calls and
 * returns in time order, place the first call that the model allows in the current state, and
 * go back to try the next one when a return is reached whose operation is not placed yet. An
 * operation with no reply has no return: it may be placed anywhere after its call, or never.
 * A search that visits more configurations than its budget ends as {@link Verdict#UNKNOWN}.
 */
public final class LinearizabilityChecker
{
    /** Configurations a key's search may visit before it gives up, by default. */
    public static final long DEFAULT_BUDGET = 20_000_000L;

    /** A check's outcome. */
    public enum Verdict
    {
        /** Every key's history has a valid order. */
        LINEARIZABLE,
        /** Some key's history has none. */
        VIOLATION,
        /** Some key's search ran out of its budget, and no key had a violation. */
        UNKNOWN
    }

    /**
     * What a check found.
     *
     * @param verdict    the outcome.
     * @param operations operations checked (those the server refused without effect left out).
     * @param keys       keys checked.
     * @param key        the first key without a valid order (or out of budget), else null.
     * @param history    that key's operations in invocation order, else empty.
     */
    public record Result(Verdict verdict, int operations, int keys, String key, List<KvOperation> history)
    {
        /** @return one line: what was checked and the verdict. */
        public String summary()
        {
            return operations + " operations on " + keys + " keys: " + switch (verdict)
            {
                case LINEARIZABLE -> "linearizable";
                case VIOLATION -> "NOT linearizable: key " + key + " (" + history.size() + " operations) has no valid order";
                case UNKNOWN -> "undecided: the search on key " + key + " ran out of its budget";
            };
        }
    }

    private final long budget;

    /** A checker with {@link #DEFAULT_BUDGET}. */
    public LinearizabilityChecker()
    {
        this(DEFAULT_BUDGET);
    }

    /** @param budget configurations one key's search may visit. */
    public LinearizabilityChecker(final long budget)
    {
        if (budget < 1)
        {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.budget = budget;
    }

    /**
     * @param history every operation of the clients, in any order.
     * @return the verdict, and the first key that breaks it.
     */
    public Result check(final List<KvOperation> history)
    {
        final Map<String, List<KvOperation>> byKey = new TreeMap<>();
        int operations = 0;
        for (final KvOperation operation : history)
        {
            if (operation.refused())
            {
                continue;
            }
            byKey.computeIfAbsent(operation.key(), k -> new ArrayList<>()).add(operation);
            operations++;
        }
        String undecided = null;
        for (final Map.Entry<String, List<KvOperation>> key : byKey.entrySet())
        {
            final Verdict verdict = checkKey(key.getValue());
            if (verdict == Verdict.VIOLATION)
            {
                return new Result(verdict, operations, byKey.size(), key.getKey(), byInvocation(key.getValue()));
            }
            if (verdict == Verdict.UNKNOWN && undecided == null)
            {
                undecided = key.getKey();
            }
        }
        return undecided == null ? new Result(Verdict.LINEARIZABLE, operations, byKey.size(), null, List.of()) :
            new Result(Verdict.UNKNOWN, operations, byKey.size(), undecided, byInvocation(byKey.get(undecided)));
    }

    private static List<KvOperation> byInvocation(final List<KvOperation> operations)
    {
        final List<KvOperation> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparingLong(KvOperation::invokeNs));
        return sorted;
    }

    /** A call or a return in the time-ordered, doubly linked list the search lifts operations out of. */
    private static final class Event
    {
        final int id;
        final boolean call;
        final long timeNs;
        Event match;
        Event prev;
        Event next;

        Event(final int id, final boolean call, final long timeNs)
        {
            this.id = id;
            this.call = call;
            this.timeNs = timeNs;
        }
    }

    /** A configuration already searched: the operations placed and the key's state. */
    private record Placed(BitSet operations, int state)
    {
    }

    private Verdict checkKey(final List<KvOperation> operations)
    {
        final int n = operations.size();
        final ValueIds ids = new ValueIds();
        final Event[] events = new Event[2 * n];
        for (int i = 0; i < n; i++)
        {
            final KvOperation operation = operations.get(i);
            final Event call = new Event(i, true, operation.invokeNs());
            // No reply: no return either, so nothing forces the operation in before any other.
            final Event ret = new Event(i, false, operation.indeterminate() ? Long.MAX_VALUE : operation.completeNs());
            call.match = ret;
            events[2 * i] = call;
            events[2 * i + 1] = ret;
        }
        // In time order; at one instant, calls first (touching operations count as concurrent).
        Arrays.sort(events, Comparator.comparingLong((Event e) -> e.timeNs).thenComparing(e -> !e.call));
        final Event head = new Event(-1, false, Long.MIN_VALUE);
        Event last = head;
        for (final Event event : events)
        {
            last.next = event;
            event.prev = last;
            last = event;
        }

        final Set<Placed> seen = new HashSet<>();
        final BitSet placed = new BitSet(n);
        final Event[] stackEvent = new Event[n];
        final int[] stackState = new int[n];
        int depth = 0;
        int state = KvRegisterModel.ABSENT;
        long visited = 0;
        Event event = head.next;
        while (head.next != null)
        {
            if (++visited > budget)
            {
                return Verdict.UNKNOWN;
            }
            if (event.call)
            {
                final int next = KvRegisterModel.step(state, operations.get(event.id), ids);
                if (next != KvRegisterModel.IMPOSSIBLE)
                {
                    final BitSet withThis = (BitSet)placed.clone();
                    withThis.set(event.id);
                    if (seen.add(new Placed(withThis, next)))
                    {
                        stackEvent[depth] = event;
                        stackState[depth] = state;
                        depth++;
                        state = next;
                        placed.set(event.id);
                        lift(event);
                        event = head.next;
                        continue;
                    }
                }
                event = event.next;
            }
            else
            {
                // A return whose operation is not placed: every order tried from here fails.
                if (depth == 0)
                {
                    return Verdict.VIOLATION;
                }
                depth--;
                final Event undo = stackEvent[depth];
                state = stackState[depth];
                placed.clear(undo.id);
                unlift(undo);
                event = undo.next;
            }
        }
        return Verdict.LINEARIZABLE;
    }

    private static void lift(final Event call)
    {
        call.prev.next = call.next;
        call.next.prev = call.prev;
        final Event ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null)
        {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(final Event call)
    {
        final Event ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null)
        {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        call.next.prev = call;
    }
}
