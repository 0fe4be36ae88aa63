package io.tandem.tools;

import io.tandem.node.IdleStrategies;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest
{
    @Test
    void parsesNumbersWithUnits()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(5), Durations.parseNs("5s"));
        assertEquals(TimeUnit.SECONDS.toNanos(5), Durations.parseNs("5"));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), Durations.parseNs("500ms"));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1500), Durations.parseNs("1.5s"));
        assertEquals(TimeUnit.MINUTES.toNanos(2), Durations.parseNs("2m"));
        assertEquals(TimeUnit.HOURS.toNanos(1), Durations.parseNs("1h"));
    }

    @Test
    void refusesWhatIsNotADuration()
    {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNs("soon"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNs("5 days"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNs("-1s"));
        assertThrows(IllegalArgumentException.class, () -> IdleStrategies.parse("lazy"));
    }
}
