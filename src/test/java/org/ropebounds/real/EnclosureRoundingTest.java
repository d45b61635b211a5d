package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * The enclosure level's products, quotients and outward rounding, which take shortcuts (the two products a sign
 * pattern needs, one integer division onto the grid), against their definition: the four products of the ends,
 * their minimum and maximum, each rounded onto the {@code bits}-bit grid by {@link Format#round} (the rounding the
 * level used before the shortcuts), and a point kept exact. Also the perfect-square filter of {@link Roots}.
 */
class EnclosureRoundingTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(17);

    private static Rational randomRational() {
        int kind = RANDOM.nextInt(4);
        BigInteger n = new BigInteger(1 + RANDOM.nextInt(200), new java.util.Random(RANDOM.nextLong()));
        if (RANDOM.nextBoolean()) {
            n = n.negate();
        }
        if (n.signum() == 0) {
            n = BigInteger.ONE;
        }
        BigInteger d = switch (kind) {
            case 0 -> BigInteger.ONE.shiftLeft(RANDOM.nextInt(300)); // a binary rational, as the level's ends are
            case 1 -> BigInteger.valueOf(RANDOM.nextLong(1, Long.MAX_VALUE));
            case 2 -> BigInteger.TEN.pow(RANDOM.nextInt(40));
            default -> new BigInteger(1 + RANDOM.nextInt(150), new java.util.Random(RANDOM.nextLong())).add(BigInteger.ONE);
        };
        return Rational.of(n, d);
    }

    private static Enclosure randomEnclosure() {
        Rational a = randomRational();
        if (RANDOM.nextInt(6) == 0) {
            return Enclosure.exact(a);
        }
        if (RANDOM.nextInt(10) == 0) {
            return Enclosure.of(Rational.ZERO.min(a), Rational.ZERO.max(a)); // an end at zero
        }
        // a narrow enclosure around a, or a wide one, of either sign
        Rational b = RANDOM.nextBoolean() ? a.add(a.abs().multiply(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(RANDOM.nextInt(1, 200)))))
                : randomRational();
        return Enclosure.of(a.min(b), a.max(b));
    }

    private static Rational grid(int bits, Rational x, RoundingMode mode) {
        Format g = Format.custom(bits, -Format.MAX_EXPONENT, Format.MAX_EXPONENT, Format.Specials.IEEE);
        return g.round(x, mode).value().value().toRational();
    }

    /** The level's product by its definition. */
    private static Enclosure reference(int bits, Rational lo, Rational hi) {
        if (lo.equals(hi) && lo.numerator().bitLength() + lo.denominator().bitLength() <= 4L * bits + 256) {
            return Enclosure.exact(lo);
        }
        return Enclosure.of(grid(bits, lo, RoundingMode.TOWARD_NEGATIVE), grid(bits, hi, RoundingMode.TOWARD_POSITIVE));
    }

    private static Enclosure referenceProduct(int bits, Enclosure a, Enclosure b) {
        Rational[] p = {a.lo().multiply(b.lo()), a.lo().multiply(b.hi()), a.hi().multiply(b.lo()), a.hi().multiply(b.hi())};
        Rational min = p[0];
        Rational max = p[0];
        for (Rational x : p) {
            min = min.min(x);
            max = max.max(x);
        }
        return reference(bits, min, max);
    }

    @Test
    void productsAreTheGridRoundingsOfTheExtremeProducts() {
        for (int i = 0; i < 4000; i++) {
            int bits = RANDOM.nextBoolean() ? 64 + RANDOM.nextInt(400) : 16 + RANDOM.nextInt(48);
            EnclosureArithmetic e = new EnclosureArithmetic(bits);
            Enclosure a = randomEnclosure();
            Enclosure b = randomEnclosure();
            assertEquals(referenceProduct(bits, a, b), e.multiply(a, b), () -> a + " * " + b + " at " + bits);
        }
    }

    @Test
    void quotientsAreProductsWithTheReciprocalEnclosure() {
        for (int i = 0; i < 3000; i++) {
            int bits = 64 + RANDOM.nextInt(400);
            EnclosureArithmetic e = new EnclosureArithmetic(bits);
            Enclosure a = randomEnclosure();
            Enclosure b = randomEnclosure();
            if (b.signum().isEmpty() || b.lo().isZero() && b.hi().isZero()) {
                continue;
            }
            Enclosure expected = a.isExact() && b.isExact() ? reference(bits, a.lo().divide(b.lo()), a.lo().divide(b.lo()))
                    : referenceProduct(bits, a, Enclosure.of(b.hi().reciprocal(), b.lo().reciprocal()));
            assertEquals(expected, e.divide(a, b), () -> a + " / " + b + " at " + bits);
        }
    }

    @Test
    void outwardRoundingIsTheGridRounding() {
        for (int i = 0; i < 4000; i++) {
            int bits = 16 + RANDOM.nextInt(500);
            EnclosureArithmetic e = new EnclosureArithmetic(bits);
            Enclosure x = randomEnclosure();
            assertEquals(reference(bits, x.lo(), x.hi()), e.outward(x.lo(), x.hi()), () -> x + " at " + bits);
        }
        // on-grid values stay, and a value just above a grid point rounds up to the next one
        EnclosureArithmetic e = new EnclosureArithmetic(16);
        Rational onGrid = Rational.of(BigInteger.valueOf(65535), BigInteger.ONE.shiftLeft(3));
        Rational above = onGrid.add(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(40)));
        Enclosure r = e.outward(onGrid, above);
        assertEquals(onGrid, r.lo());
        assertEquals(Rational.of(BigInteger.valueOf(65536), BigInteger.ONE.shiftLeft(3)), r.hi());
    }

    @Test
    void theSquareFilterNeverRejectsASquare() {
        for (int i = 0; i < 20000; i++) {
            BigInteger r = new BigInteger(1 + RANDOM.nextInt(300), new java.util.Random(RANDOM.nextLong()));
            BigInteger sq = r.multiply(r);
            assertTrue(Roots.mayBeSquare(sq), sq::toString);
            assertEquals(r, Roots.integerRoot(sq, 2).orElseThrow());
            BigInteger next = sq.add(BigInteger.ONE);
            if (r.signum() > 0) {
                assertTrue(Roots.integerRoot(next, 2).isEmpty(), next::toString); // (r^2 + 1) lies strictly between squares
            }
        }
        assertEquals(BigInteger.ONE.shiftLeft(40), Roots.integerRoot(BigInteger.ONE.shiftLeft(80), 2).orElseThrow());
        assertTrue(Roots.integerRoot(BigInteger.ONE.shiftLeft(81), 2).isEmpty());
        assertFalse(Roots.mayBeSquare(BigInteger.valueOf(2))); // 2 is no square mod 64
        assertEquals(Rational.of(BigInteger.valueOf(3), BigInteger.valueOf(4)),
                Roots.exactRoot(Rational.of(BigInteger.valueOf(9), BigInteger.valueOf(16)), 2).orElseThrow());
        assertTrue(Roots.exactRoot(Rational.of(BigInteger.valueOf(9), BigInteger.valueOf(8)), 2).isEmpty());
    }
}
