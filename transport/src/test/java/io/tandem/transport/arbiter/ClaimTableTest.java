package io.tandem.transport.arbiter;

import io.tandem.engine.replica.Arbiter.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClaimTableTest
{
    private final ClaimTable table = new ClaimTable();

    @Test
    void firstClaimantOfAKeyHoldsItAndOthersLose()
    {
        assertEquals(Outcome.WON, table.claim("pair", 1, "backup"));
        assertEquals(Outcome.LOST, table.claim("pair", 1, "primary"));
        assertEquals("backup", table.holder("pair", 1));
    }

    @Test
    void holderClaimingAgainWinsAgain()
    {
        assertEquals(Outcome.WON, table.claim("pair", 1, "backup"));
        assertEquals(Outcome.WON, table.claim("pair", 1, "backup"));
        assertEquals(1, table.size());
    }

    @Test
    void pairsAndGenerationsAreSeparateKeys()
    {
        assertEquals(Outcome.WON, table.claim("pair", 1, "backup"));
        assertEquals(Outcome.WON, table.claim("pair", 2, "primary"));
        assertEquals(Outcome.WON, table.claim("other", 1, "primary"));
        assertNull(table.holder("pair", 3));
        assertEquals(3, table.size());
    }

    @Test
    void entriesAreVisitedInKeyOrderWhateverTheClaimOrder()
    {
        table.claim("b", 2, "x");
        table.claim("a", 10, "y");
        table.claim("b", 1, "z");
        table.claim("a", 9, "w");
        final List<String> visited = new ArrayList<>();
        table.forEach((pair, generation, claimant) -> visited.add(pair + generation + claimant));
        assertEquals(List.of("a9w", "a10y", "b1z", "b2x"), visited);
    }

    @Test
    void highestGenerationIsThePairsOwnAndZeroWithoutClaims()
    {
        assertEquals(0, table.highestGeneration("pair"));
        table.claim("pair", 2, "x");
        table.claim("pair", 5, "y");
        table.claim("pair-b", 9, "y");
        table.claim("pa", 7, "y");
        assertEquals(5, table.highestGeneration("pair"));
        assertEquals(9, table.highestGeneration("pair-b"));
        assertEquals(7, table.highestGeneration("pa"));
        assertEquals(0, table.highestGeneration("p"));
    }

    @Test
    void restoringAKeyTwiceIsAnError()
    {
        table.restore("pair", 1, "backup");
        assertThrows(IllegalStateException.class, () -> table.restore("pair", 1, "primary"));
    }
}
