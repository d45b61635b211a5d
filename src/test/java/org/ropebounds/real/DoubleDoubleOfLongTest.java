package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * {@link DoubleDoubleIntervalArithmetic#of(long)}'s table of exact points is {@link DoubleDoubleIntervalArithmetic#of(Rational)}
 * of the same integer: the same midpoint, radius 0 and exact value (the record's equality compares all four parts).
 */
class DoubleDoubleOfLongTest {
    @Test
    void tabledPointsAreThePointsOfTheRationals() {
        DoubleDoubleIntervalArithmetic a = new DoubleDoubleIntervalArithmetic(82);
        long[] others = {17, 18, 3L << 40, (1L << 53) + 1, Long.MAX_VALUE, -1, -2, -(1L << 40), Long.MIN_VALUE + 1};
        for (long x = 0; x <= 16; x++) {
            assertEquals(a.of(Rational.of(x)), a.of(x), "x = " + x);
        }
        for (int k = 0; k <= 63; k++) {
            long x = 1L << k; // 2^63 wraps to Long.MIN_VALUE: not tabled, through the rational
            assertEquals(a.of(Rational.of(x)), a.of(x), "2^" + k);
        }
        for (long x : others) {
            assertEquals(a.of(Rational.of(x)), a.of(x), "x = " + x);
        }
        // by hand: 2^40 is the double 2^40 with nothing below it and the exact value 2^40
        assertEquals(new DoubleDoubleInterval(0x1p40, 0, 0, Optional.of(Rational.of(1L << 40))), a.of(1L << 40));
    }
}
