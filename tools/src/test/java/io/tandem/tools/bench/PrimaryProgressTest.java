package io.tandem.tools.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrimaryProgressTest
{
    @Test
    void aBackupWhereThePrimaryStandsHasNoLag()
    {
        final PrimaryProgress progress = new PrimaryProgress(8);
        assertEquals(0, progress.lagNs(0, 1_000), "nothing recorded yet");
        progress.record(1_000, 500);
        progress.record(2_000, 500); // the primary waits (WFI): its count stands still
        assertEquals(0, progress.lagNs(500, 3_000));
    }

    @Test
    void lagIsTheTimeSinceThePrimaryFirstPassedTheBackupsCount()
    {
        final PrimaryProgress progress = new PrimaryProgress(8);
        progress.record(1_000, 100);
        progress.record(2_000, 200);
        progress.record(3_000, 300);
        assertEquals(2_500 - 2_000, progress.lagNs(150, 2_500), "the primary was past 150 from the sample at 2000");
        assertEquals(5_000 - 1_000, progress.lagNs(99, 5_000));
        assertEquals(5_000 - 3_000, progress.lagNs(200, 5_000), "at 200 exactly, the primary passed it at 3000");
    }

    @Test
    void aLagLongerThanTheRingReadsAsTheRingsSpan()
    {
        final PrimaryProgress progress = new PrimaryProgress(4);
        for (int i = 1; i <= 10; i++)
        {
            progress.record(i * 1_000L, i * 100L);
        }
        // Samples 7..10 remain: the oldest, at 7000, is the earliest time the ring can name.
        assertEquals(11_000 - 7_000, progress.lagNs(0, 11_000));
        assertEquals(11_000 - 9_000, progress.lagNs(850, 11_000));
    }

    @Test
    void capacityMustBeAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> new PrimaryProgress(6));
    }
}
