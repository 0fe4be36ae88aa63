package io.tandem.tools.history;

import io.tandem.tools.kv.KvOp;
import io.tandem.tools.kv.KvStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.tandem.tools.history.LinearizabilityChecker.Verdict.LINEARIZABLE;
import static io.tandem.tools.history.LinearizabilityChecker.Verdict.UNKNOWN;
import static io.tandem.tools.history.LinearizabilityChecker.Verdict.VIOLATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearizabilityCheckerTest
{
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private static KvOperation put(final int client, final String value, final long from, final long to)
    {
        return new KvOperation(client, from, KvOp.PUT, "k", value, null, from, to, KvStatus.OK, null);
    }

    private static KvOperation get(final int client, final String read, final long from, final long to)
    {
        return new KvOperation(client, from, KvOp.GET, "k", null, null, from, to,
            read == null ? KvStatus.NOT_FOUND : KvStatus.OK, read);
    }

    private static KvOperation timedOutPut(final int client, final String value, final long from)
    {
        return new KvOperation(client, from, KvOp.PUT, "k", value, null, from, -1, KvStatus.TIMED_OUT, null);
    }

    private static KvOperation cas(final int client, final String expected, final String value, final KvStatus status,
        final String read, final long from, final long to)
    {
        return new KvOperation(client, from, KvOp.CAS, "k", value, expected, from, to, status, read);
    }

    private LinearizabilityChecker.Verdict verdict(final KvOperation... operations)
    {
        return checker.check(List.of(operations)).verdict();
    }

    @Test
    void aReadAfterAWriteSeesItAndAConcurrentReadMaySeeEither()
    {
        assertEquals(LINEARIZABLE, verdict(put(0, "a", 0, 10), get(1, "a", 20, 30)));
        assertEquals(LINEARIZABLE, verdict(put(0, "a", 0, 10), put(0, "b", 20, 40), get(1, "a", 25, 30)));
        assertEquals(LINEARIZABLE, verdict(put(0, "a", 0, 10), put(0, "b", 20, 40), get(1, "b", 25, 30)));
        assertEquals(LINEARIZABLE, verdict(get(1, null, 0, 5), put(0, "a", 10, 20)));
    }

    @Test
    void aStaleReadALostWriteAndAWriteAppliedTwiceAreViolations()
    {
        assertEquals(VIOLATION, verdict(put(0, "a", 0, 10), get(1, null, 20, 30)), "a completed write not seen");
        assertEquals(VIOLATION, verdict(put(0, "a", 0, 10), put(1, "b", 20, 30), get(2, "a", 40, 50)), "lost write");
        assertEquals(VIOLATION, verdict(get(1, "a", 0, 5), put(0, "a", 10, 20)), "read before the write began");
        assertEquals(VIOLATION, verdict(put(0, "a", 0, 10), get(1, "never written", 20, 30)));
    }

    @Test
    void anOperationWithoutAReplyMayTakeEffectAtAnyTimeAfterItsCallOrNever()
    {
        assertEquals(LINEARIZABLE, verdict(timedOutPut(0, "a", 0), get(1, "a", 100, 110)));
        assertEquals(LINEARIZABLE, verdict(timedOutPut(0, "a", 0), get(1, null, 100, 110)));
        assertEquals(LINEARIZABLE, verdict(timedOutPut(0, "a", 0), get(1, null, 100, 110), get(1, "a", 200, 210)));
        assertEquals(VIOLATION, verdict(timedOutPut(0, "a", 0), get(1, "a", 100, 110), get(1, null, 200, 210)),
            "once seen, a value does not vanish without a delete");
        assertEquals(VIOLATION, verdict(get(1, "a", 0, 5), timedOutPut(0, "a", 10)), "not before its call");
    }

    @Test
    void compareAndSetFollowsTheKeysValue()
    {
        assertEquals(LINEARIZABLE, verdict(put(0, "a", 0, 10), cas(1, "a", "b", KvStatus.OK, null, 20, 30),
            get(2, "b", 40, 50)));
        assertEquals(VIOLATION, verdict(put(0, "a", 0, 10), cas(1, "x", "b", KvStatus.OK, null, 20, 30)));
        assertEquals(LINEARIZABLE, verdict(put(0, "a", 0, 10), cas(1, "x", "b", KvStatus.CAS_MISMATCH, "a", 20, 30)));
        assertEquals(VIOLATION, verdict(put(0, "a", 0, 10), cas(1, "x", "b", KvStatus.CAS_MISMATCH, "z", 20, 30)));
        assertEquals(LINEARIZABLE, verdict(cas(1, "x", "b", KvStatus.NOT_FOUND, null, 0, 10)));
        // Two clients race to move a to b and to c: one wins, the other sees the winner's value.
        assertEquals(LINEARIZABLE, verdict(put(0, "a", 0, 10), cas(1, "a", "b", KvStatus.OK, null, 20, 40),
            cas(2, "a", "c", KvStatus.CAS_MISMATCH, "b", 25, 35)));
        assertEquals(VIOLATION, verdict(put(0, "a", 0, 10), cas(1, "a", "b", KvStatus.OK, null, 20, 40),
            cas(2, "a", "c", KvStatus.OK, null, 25, 35)), "both swaps of the same value succeeded");
    }

    @Test
    void deleteRemovesTheValueAndRefusedOperationsChangeNothing()
    {
        final KvOperation delete = new KvOperation(0, 2, KvOp.DELETE, "k", null, null, 20, 30, KvStatus.OK, null);
        final KvOperation deleteMissing = new KvOperation(0, 3, KvOp.DELETE, "k", null, null, 40, 50,
            KvStatus.NOT_FOUND, null);
        assertEquals(LINEARIZABLE, verdict(put(0, "a", 0, 10), delete, deleteMissing, get(1, null, 60, 70)));
        assertEquals(VIOLATION, verdict(put(0, "a", 0, 10), delete, get(1, "a", 60, 70)));
        final KvOperation full = new KvOperation(2, 1, KvOp.PUT, "k", "z", null, 12, 14, KvStatus.FULL, null);
        assertEquals(LINEARIZABLE, verdict(put(0, "a", 0, 10), full, get(1, "a", 20, 30)));
    }

    @Test
    void keysAreCheckedApartAndTheViolationNamesItsKey()
    {
        final KvOperation otherKey = new KvOperation(3, 1, KvOp.GET, "other", null, null, 20, 30, KvStatus.NOT_FOUND, null);
        final LinearizabilityChecker.Result result = checker.check(List.of(put(0, "a", 0, 10), otherKey,
            get(1, null, 20, 30)));
        assertEquals(VIOLATION, result.verdict());
        assertEquals("k", result.key());
        assertEquals(2, result.history().size());
        assertEquals(2, result.keys());
        assertTrue(result.summary().contains("NOT linearizable: key k"), result.summary());
    }

    @Test
    void randomConcurrentHistoriesOfARealRegisterPassAndOneWrongReadFails()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 200; trial++)
        {
            final List<KvOperation> history = registerHistory(random, 4, 60);
            assertEquals(LINEARIZABLE, checker.check(history).verdict(), "trial " + trial);
            final List<KvOperation> corrupted = new ArrayList<>(history);
            for (int i = 0; i < corrupted.size(); i++)
            {
                final KvOperation op = corrupted.get(i);
                if (op.op() == KvOp.GET && op.status() == KvStatus.OK)
                {
                    corrupted.set(i, new KvOperation(op.client(), op.request(), op.op(), op.key(), null, null,
                        op.invokeNs(), op.completeNs(), KvStatus.OK, "never written"));
                    assertEquals(VIOLATION, checker.check(corrupted).verdict(), "trial " + trial);
                    break;
                }
            }
        }
    }

    /**
     * Clients taking turns on a real register: each operation takes effect at one instant inside
     * its interval, so the history is linearizable by construction; the intervals overlap.
     */
    private static List<KvOperation> registerHistory(final SplittableRandom random, final int clients, final int perClient)
    {
        final long[] clientFree = new long[clients];
        final int[] done = new int[clients];
        final List<KvOperation> history = new ArrayList<>();
        final Map<String, String> register = new HashMap<>();
        long now = 0;
        int remaining = clients * perClient;
        while (remaining > 0)
        {
            now += 1 + random.nextInt(5);
            final int c = random.nextInt(clients);
            if (done[c] == perClient || clientFree[c] > now)
            {
                continue;
            }
            final long invoke = now - random.nextInt(10); // called a little before its effect
            if (invoke < clientFree[c])
            {
                continue;
            }
            final long complete = now + random.nextInt(10);
            final String key = "k" + random.nextInt(2);
            final String current = register.get(key);
            final int kind = random.nextInt(3);
            final KvOperation op;
            if (kind == 0)
            {
                final String value = "c" + c + "r" + done[c];
                register.put(key, value);
                op = new KvOperation(c, done[c] + 1, KvOp.PUT, key, value, null, invoke, complete, KvStatus.OK, null);
            }
            else if (kind == 1)
            {
                op = new KvOperation(c, done[c] + 1, KvOp.GET, key, null, null, invoke, complete,
                    current == null ? KvStatus.NOT_FOUND : KvStatus.OK, current);
            }
            else
            {
                final String expected = random.nextBoolean() && current != null ? current : "c9r9";
                final String value = "c" + c + "r" + done[c];
                final KvStatus status = current == null ? KvStatus.NOT_FOUND :
                    current.equals(expected) ? KvStatus.OK : KvStatus.CAS_MISMATCH;
                if (status == KvStatus.OK)
                {
                    register.put(key, value);
                }
                op = new KvOperation(c, done[c] + 1, KvOp.CAS, key, value, expected, invoke, complete, status,
                    status == KvStatus.CAS_MISMATCH ? current : null);
            }
            history.add(op);
            clientFree[c] = complete + 1;
            done[c]++;
            remaining--;
        }
        return history;
    }

    @Test
    void aSearchPastItsBudgetIsUndecidedNotPassed()
    {
        final List<KvOperation> history = new ArrayList<>();
        for (int c = 0; c < 12; c++)
        {
            history.add(put(c, "v" + c, 0, 1000)); // all concurrent
        }
        history.add(get(99, "v3", 2000, 2010));
        assertEquals(UNKNOWN, new LinearizabilityChecker(5).check(history).verdict());
        assertEquals(LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void aHistoryFileRoundTripsAndABadLineIsNamed(@TempDir final Path tmp) throws Exception
    {
        final List<KvOperation> history = List.of(put(0, "a", 0, 10), timedOutPut(1, "b", 5),
            cas(2, "a", "c", KvStatus.CAS_MISMATCH, "b", 20, 30), get(3, null, 40, 50));
        final Path file = tmp.resolve("history.jsonl");
        KvHistoryFile.write(file, history);
        assertEquals(history, KvHistoryFile.read(file));

        Files.writeString(file, KvHistoryFile.line(history.get(0)) + "\n{\"client\":1,\"op\":\"put\"}\n");
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> KvHistoryFile.read(file));
        assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
    }
}
