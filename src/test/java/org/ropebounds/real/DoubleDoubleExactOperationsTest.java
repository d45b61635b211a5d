package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * +, -, * and / of exact values at the double-double level carry the exact value {@link EnclosureArithmetic} at the
 * same precision gives them (proofs/double-double-interval.md sections 7 and 17): computed in longs while every
 * product of the operands' parts is at most 2^62 in magnitude, with BigIntegers past that; the reference is the
 * enclosure level's own operation on the exact enclosures.
 */
class DoubleDoubleExactOperationsTest {
    private static final int BITS = 82; // the 15-digit level's precision: max(64, ceil(15 * 3.32) + 32)
    private static final DoubleDoubleIntervalArithmetic DD = new DoubleDoubleIntervalArithmetic(BITS);
    private static final EnclosureArithmetic EXACT = new EnclosureArithmetic(BITS);

    private static void assertSameExactness(Rational x, Rational y) {
        check("+", DD::add, EXACT::add, x, y);
        check("-", DD::subtract, EXACT::subtract, x, y);
        check("*", DD::multiply, EXACT::multiply, x, y);
        if (!y.isZero()) {
            check("/", DD::divide, EXACT::divide, x, y);
        }
    }

    private static void check(String op, BinaryOperator<DoubleDoubleInterval> dd, BinaryOperator<Enclosure> exact, Rational x, Rational y) {
        Enclosure expected = exact.apply(Enclosure.exact(x), Enclosure.exact(y));
        DoubleDoubleInterval r = dd.apply(DD.of(x), DD.of(y));
        assertEquals(expected.isExact() ? Optional.of(expected.lo()) : Optional.empty(), r.exact(), x + " " + op + " " + y);
    }

    private static Rational fraction(long n, long d) {
        return Rational.of(BigInteger.valueOf(n), BigInteger.valueOf(d));
    }

    @Test
    void productsAtTheLongLimit() {
        // hand-derived: (-2^31)(-2^31) = 2^62 (bit lengths 31 + 31, in longs); (-2^31)(-2^32) = 2^63 (31 + 32: past a
        // long, with BigIntegers); (2^31 - 1)/1 + (2^31 - 1)/(2^31): products below 2^62, the sum below 2^63
        Rational m31 = fraction(-(1L << 31), 1);
        Rational m32 = fraction(-(1L << 32), 1);
        assertEquals(Optional.of(fraction(1L << 62, 1)), DD.multiply(DD.of(m31), DD.of(m31)).exact());
        assertEquals(Optional.of(Rational.of(BigInteger.ONE.shiftLeft(63), BigInteger.ONE)), DD.multiply(DD.of(m31), DD.of(m32)).exact());
        assertEquals(Optional.of(Rational.of(BigInteger.ONE.shiftLeft(63), BigInteger.ONE)), DD.divide(DD.of(m32), DD.of(fraction(-1, 1L << 31))).exact());
        assertEquals(Optional.of(Rational.of(BigInteger.ONE.shiftLeft(63).negate(), BigInteger.ONE)), DD.subtract(DD.of(m32), DD.of(fraction((1L << 63) - (1L << 32), 1))).exact());
        Rational a = fraction((1L << 31) - 1, 1);
        Rational b = fraction((1L << 31) - 1, 1L << 31);
        // (2^31 - 1) + (2^31 - 1)/2^31 = (2^31 - 1)(2^31 + 1)/2^31 = (2^62 - 1)/2^31
        assertEquals(Optional.of(fraction((1L << 62) - 1, 1L << 31)), DD.add(DD.of(a), DD.of(b)).exact());
        // one product of bit lengths 40 + 23 = 63 fits a long ((2^40 - 1)(2^23 - 1) < 2^63), but added to one of 22 + 22
        // bits it passes 2^63: (2^40 - 1)/(2^22 - 3) + (2^22 - 5)/(2^23 - 1) (both in lowest terms) takes BigIntegers
        Rational c = fraction((1L << 40) - 1, (1L << 22) - 3);
        Rational d = fraction((1L << 22) - 5, (1L << 23) - 1);
        for (Rational x : new Rational[] {m31, m32, a, b, c, d}) {
            for (Rational y : new Rational[] {m31, m32, a, b, c, d}) {
                assertSameExactness(x, y);
            }
        }
    }

    @Test
    void randomOperandsAroundTheLimit() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 20_000; i++) {
            // numerators and denominators of 1 to 40 bits: products of 2 to 80 bits, on both sides of 62; the zone's
            // context lengths, bases and tolerances among them
            Rational x = fraction(signed(random, random.nextInt(1, 41)), 1 + random.nextLong(1L << random.nextInt(0, 40)));
            Rational y = fraction(signed(random, random.nextInt(1, 41)), 1 + random.nextLong(1L << random.nextInt(0, 40)));
            assertSameExactness(x, y);
        }
        // rationals past the size the enclosure level keeps exact: 4 * 82 + 256 = 584 bits, reached by products of two
        // 300-bit fractions, rounded there and not exact here
        Rational big = Rational.of(BigInteger.ONE.shiftLeft(150).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(150).subtract(BigInteger.valueOf(3)));
        Rational other = Rational.of(BigInteger.ONE.shiftLeft(149).add(BigInteger.valueOf(7)), BigInteger.ONE.shiftLeft(150).add(BigInteger.valueOf(5)));
        assertSameExactness(big, other);
    }

    private static long signed(SplittableRandom random, int bits) {
        long v = random.nextLong(1L << bits);
        return random.nextBoolean() ? -v : v;
    }
}
