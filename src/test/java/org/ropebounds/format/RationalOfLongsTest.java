package org.ropebounds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Rational#of(long, long)} (a binary gcd in longs) against hand-reduced fractions and against
 * {@link Rational#of(BigInteger, BigInteger)} (BigInteger's gcd), which it must equal field for field.
 */
class RationalOfLongsTest {
    private static void assertFraction(long n, long d, Rational r) {
        assertEquals(BigInteger.valueOf(n), r.numerator(), "numerator of " + r);
        assertEquals(BigInteger.valueOf(d), r.denominator(), "denominator of " + r);
    }

    @Test
    void handReducedFractions() {
        assertFraction(2, 3, Rational.of(12, 18)); // gcd 6 = 2 * 3: a power of two and an odd part
        assertFraction(-3, 2, Rational.of(6, -4)); // the sign moves to the numerator
        assertFraction(3, 2, Rational.of(-6, -4));
        assertFraction(-1, 1, Rational.of(-7, 7));
        assertFraction(4, 3, Rational.of(3L << 40, 9L << 38)); // gcd 3 * 2^38
        assertFraction(1, 1L << 20, Rational.of(1L << 10, 1L << 30));
        assertFraction(5, 1, Rational.of(5, 1));
        assertFraction(Long.MAX_VALUE, 1, Rational.of(Long.MAX_VALUE, 1));
        assertFraction(1, Long.MAX_VALUE, Rational.of(1, Long.MAX_VALUE));
        // 2^63 - 1 = 7^2 * 73 * 127 * 337 * 92737 * 649657, and 7^2 * 127 = 6223
        assertFraction(Long.MAX_VALUE / 6223, 2, Rational.of(Long.MAX_VALUE, 6223 * 2));
        assertSame(Rational.ZERO, Rational.of(0, -5));
        // Long.MIN_VALUE has no long magnitude: -2^63 / 2 = -2^62, 3 / -2^63
        assertFraction(-(1L << 62), 1, Rational.of(Long.MIN_VALUE, 2));
        assertEquals(Rational.of(BigInteger.valueOf(-3), BigInteger.ONE.shiftLeft(63)), Rational.of(3, Long.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
    }

    @Test
    void equalsTheBigIntegerReduction() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            // a common factor makes the gcd non-trivial; bit sizes from 1 to 62 so every branch of the gcd loop runs
            long common = 1 + random.nextLong(1L << random.nextInt(1, 20));
            long n = random.nextLong(1L << random.nextInt(1, 42));
            long d = 1 + random.nextLong(1L << random.nextInt(1, 42));
            if (Math.multiplyHigh(n, common) == 0 && Math.multiplyHigh(d, common) == 0 && n * common >= 0 && d * common > 0) {
                n *= common;
                d *= common;
            }
            n = random.nextBoolean() ? -n : n;
            d = random.nextBoolean() ? -d : d;
            Rational r = Rational.of(n, d);
            Rational ref = Rational.of(BigInteger.valueOf(n), BigInteger.valueOf(d));
            assertEquals(ref.numerator(), r.numerator(), n + "/" + d);
            assertEquals(ref.denominator(), r.denominator(), n + "/" + d);
        }
    }
}
