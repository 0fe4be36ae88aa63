package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.*;
import static io.tandem.engine.cpu.Harness.runPassing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import io.tandem.engine.machine.Machine;

/** The M extension: products, high halves for every signedness, division edge cases. */
class MultiplyDivideTest
{
    private static final int MIN = Integer.MIN_VALUE;
    private static final int MAX = Integer.MAX_VALUE;
    private static final int[] OPERANDS = {0, 1, -1, 2, -2, 3, 7, -7, MIN, MAX, MIN + 1, 0x1234_5678, 0xDEAD_BEEF, 0x0001_0000};

    @Test
    void divisionByZeroReturnsAllOnes()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 12345);
            a.div(A0, T0, ZERO);
            a.divu(A1, T0, ZERO);
            a.li(T1, MIN);
            a.div(A2, T1, ZERO);
            a.divu(A3, ZERO, ZERO);
        }))
        {
            assertEquals(-1, m.cpu().register(A0));
            assertEquals(-1, m.cpu().register(A1));
            assertEquals(-1, m.cpu().register(A2));
            assertEquals(-1, m.cpu().register(A3));
        }
    }

    @Test
    void remainderByZeroReturnsTheDividend()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -12345);
            a.rem(A0, T0, ZERO);
            a.remu(A1, T0, ZERO);
            a.rem(A2, ZERO, ZERO);
        }))
        {
            assertEquals(-12345, m.cpu().register(A0));
            assertEquals(-12345, m.cpu().register(A1));
            assertEquals(0, m.cpu().register(A2));
        }
    }

    @Test
    void signedDivisionOverflowReturnsTheDividendAndRemainderZero()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, MIN);
            a.li(T1, -1);
            a.div(A0, T0, T1);
            a.rem(A1, T0, T1);
            a.divu(A2, T0, T1);
            a.remu(A3, T0, T1);
        }))
        {
            assertEquals(MIN, m.cpu().register(A0));
            assertEquals(0, m.cpu().register(A1));
            assertEquals(0, m.cpu().register(A2), "0x80000000 / 0xFFFFFFFF unsigned");
            assertEquals(MIN, m.cpu().register(A3));
        }
    }

    @Test
    void signedDivisionRoundsTowardZeroAndRemainderTakesTheDividendsSign()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -7);
            a.li(T1, 2);
            a.li(T2, 7);
            a.li(T3, -2);
            a.div(A0, T0, T1);
            a.rem(A1, T0, T1);
            a.div(A2, T2, T3);
            a.rem(A3, T2, T3);
            a.div(A4, T0, T3);
            a.rem(A5, T0, T3);
        }))
        {
            assertEquals(-3, m.cpu().register(A0));
            assertEquals(-1, m.cpu().register(A1));
            assertEquals(-3, m.cpu().register(A2));
            assertEquals(1, m.cpu().register(A3));
            assertEquals(3, m.cpu().register(A4));
            assertEquals(-1, m.cpu().register(A5));
        }
    }

    @Test
    void unsignedDivisionTreatsOperandsAsUnsigned()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -7);          // 4294967289
            a.li(T1, 2);
            a.divu(A0, T0, T1);
            a.remu(A1, T0, T1);
            a.li(T2, 0x8000_0000);
            a.divu(A2, T0, T2);
            a.remu(A3, T0, T2);
        }))
        {
            assertEquals(0x7FFF_FFFC, m.cpu().register(A0));
            assertEquals(1, m.cpu().register(A1));
            assertEquals(1, m.cpu().register(A2));
            assertEquals(0x7FFF_FFF9, m.cpu().register(A3));
        }
    }

    @Test
    void mulhSignCombinations()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, -1);
            a.li(T1, MIN);
            a.li(T2, 2);
            a.mulh(A0, T0, T0);    // (-1)(-1) = 1: high 0
            a.mulhu(A1, T0, T0);   // (2^32-1)^2: high 0xFFFFFFFE
            a.mulhsu(A2, T0, T0);  // (-1)(2^32-1): high -1
            a.mulh(A3, T1, T1);    // 2^62: high 0x40000000
            a.mulhsu(A4, T1, T0);  // -2^31 (2^32-1): high 0x80000000
            a.mulhu(A5, T1, T2);   // 2^31 * 2 = 2^32: high 1
            a.mulh(A6, T1, T2);    // -2^32: high -1
            a.mulhsu(A7, T2, T0);  // 2 (2^32-1): high 1
        }))
        {
            assertEquals(0, m.cpu().register(A0));
            assertEquals(0xFFFF_FFFE, m.cpu().register(A1));
            assertEquals(-1, m.cpu().register(A2));
            assertEquals(0x4000_0000, m.cpu().register(A3));
            assertEquals(0x8000_0000, m.cpu().register(A4));
            assertEquals(1, m.cpu().register(A5));
            assertEquals(-1, m.cpu().register(A6));
            assertEquals(1, m.cpu().register(A7));
        }
    }

    @Test
    void mulKeepsTheLowThirtyTwoBits()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, 0x1234_5678);
            a.li(T1, 0x9ABC_DEF0);
            a.mul(A0, T0, T1);
            a.li(T2, -3);
            a.li(T3, 5);
            a.mul(A1, T2, T3);
        }))
        {
            assertEquals(0x1234_5678 * 0x9ABC_DEF0, m.cpu().register(A0));
            assertEquals(-15, m.cpu().register(A1));
        }
    }

    @Test
    void everyMultiplyAndDivideAgreesWithBigIntegerArithmetic()
    {
        for (final int x : OPERANDS)
        {
            for (final int y : OPERANDS)
            {
                try (Machine m = runPassing(a ->
                {
                    a.li(T0, x);
                    a.li(T1, y);
                    a.mul(A0, T0, T1);
                    a.mulh(A1, T0, T1);
                    a.mulhsu(A2, T0, T1);
                    a.mulhu(A3, T0, T1);
                    a.div(A4, T0, T1);
                    a.divu(A5, T0, T1);
                    a.rem(A6, T0, T1);
                    a.remu(A7, T0, T1);
                }))
                {
                    final BigInteger sx = BigInteger.valueOf(x);
                    final BigInteger sy = BigInteger.valueOf(y);
                    final BigInteger ux = BigInteger.valueOf(Integer.toUnsignedLong(x));
                    final BigInteger uy = BigInteger.valueOf(Integer.toUnsignedLong(y));
                    final String what = x + ", " + y;
                    assertEquals(sx.multiply(sy).intValue(), m.cpu().register(A0), "mul " + what);
                    assertEquals(sx.multiply(sy).shiftRight(32).intValue(), m.cpu().register(A1), "mulh " + what);
                    assertEquals(sx.multiply(uy).shiftRight(32).intValue(), m.cpu().register(A2), "mulhsu " + what);
                    assertEquals(ux.multiply(uy).shiftRight(32).intValue(), m.cpu().register(A3), "mulhu " + what);
                    assertEquals(expectedDiv(sx, sy, x), m.cpu().register(A4), "div " + what);
                    assertEquals(y == 0 ? -1 : ux.divide(uy).intValue(), m.cpu().register(A5), "divu " + what);
                    assertEquals(y == 0 ? x : sx.subtract(sy.multiply(sx.divide(sy))).intValue(),
                        m.cpu().register(A6), "rem " + what);
                    assertEquals(y == 0 ? x : ux.mod(uy).intValue(), m.cpu().register(A7), "remu " + what);
                }
            }
        }
    }

    private static int expectedDiv(final BigInteger sx, final BigInteger sy, final int x)
    {
        if (sy.signum() == 0)
        {
            return -1;
        }
        // BigInteger.divide truncates toward zero; intValue() wraps MIN / -1 back to MIN, as specified.
        return sx.divide(sy).intValue();
    }

    @Test
    void destinationMayAliasASource()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(A0, 6);
            a.li(A1, 7);
            a.mul(A0, A0, A1);
            a.li(A2, 100);
            a.div(A2, A2, A2);
            a.li(A3, -5);
            a.mulhu(A3, A3, A3);
        }))
        {
            assertEquals(42, m.cpu().register(A0));
            assertEquals(1, m.cpu().register(A2));
            assertEquals(0xFFFF_FFF6, m.cpu().register(A3));
        }
    }
}
