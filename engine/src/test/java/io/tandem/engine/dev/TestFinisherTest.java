package io.tandem.engine.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The SiFive test finisher: pass, fail with a code, reset; anything else is ignored. */
class TestFinisherTest
{
    private final TestFinisher finisher = new TestFinisher();

    @Test
    void startsRunning()
    {
        assertEquals(TestFinisher.RUNNING, finisher.status());
        assertEquals(0, finisher.read(0, 4, 0));
    }

    @Test
    void passWritesStatusPassedWithExitCodeZero()
    {
        finisher.write(0, 4, 0x5555, 0);
        assertEquals(TestFinisher.PASSED, finisher.status());
        assertEquals(0, finisher.exitCode());
    }

    @Test
    void failCarriesTheExitCodeInTheUpperHalf()
    {
        finisher.write(0, 4, (3 << 16) | 0x3333, 0);
        assertEquals(TestFinisher.FAILED, finisher.status());
        assertEquals(3, finisher.exitCode());
    }

    @Test
    void failWithTheLargestCode()
    {
        finisher.write(0, 4, 0xFFFF_3333, 0);
        assertEquals(TestFinisher.FAILED, finisher.status());
        assertEquals(0xFFFF, finisher.exitCode());
    }

    @Test
    void resetIsRecorded()
    {
        finisher.write(0, 4, 0x7777, 0);
        assertEquals(TestFinisher.RESET, finisher.status());
        assertEquals(0, finisher.exitCode());
    }

    @Test
    void otherValuesAreIgnored()
    {
        finisher.write(0, 4, 0x1234, 0);
        finisher.write(0, 4, 0x5556, 0);
        assertEquals(TestFinisher.RUNNING, finisher.status());
    }

    @Test
    void onlyWordWritesAtOffsetZeroCount()
    {
        finisher.write(4, 4, 0x5555, 0);
        finisher.write(0, 2, 0x5555, 0);
        assertEquals(TestFinisher.RUNNING, finisher.status());
    }

    @Test
    void theFirstVerdictStands()
    {
        finisher.write(0, 4, (9 << 16) | 0x3333, 0);
        finisher.write(0, 4, 0x5555, 0);
        assertEquals(TestFinisher.FAILED, finisher.status());
        assertEquals(9, finisher.exitCode());
    }
}
