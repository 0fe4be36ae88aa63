package io.tandem.engine.replica;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PairConfigTest
{
    @Test
    void aCopyHasEveryValueAndChangesWithoutChangingTheOriginal()
    {
        final PairConfig original = new PairConfig().pairName("p").generation(7).failureTimeoutNs(11)
            .startupTimeoutNs(13).heartbeatIntervalNs(17).sliceInstructions(19).maxLagInstructions(23)
            .epochInstructions(29).stateCheckInstructions(31).ackSpinNs(37);
        final PairConfig copy = original.copy();
        assertEquals("p", copy.pairName());
        assertEquals(7, copy.generation());
        assertEquals(11, copy.failureTimeoutNs());
        assertEquals(13, copy.startupTimeoutNs());
        assertEquals(17, copy.heartbeatIntervalNs());
        assertEquals(19, copy.sliceInstructions());
        assertEquals(23, copy.maxLagInstructions());
        assertEquals(29, copy.epochInstructions());
        assertEquals(31, copy.stateCheckInstructions());
        assertEquals(37, copy.ackSpinNs());
        copy.ackSpinNs(0);
        assertEquals(37, original.ackSpinNs());
        assertThrows(IllegalArgumentException.class, () -> copy.ackSpinNs(-1));
    }
}
