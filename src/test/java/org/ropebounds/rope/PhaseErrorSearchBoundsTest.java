package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;

/**
 * {@link PhaseErrorSearch.ZBounds} against the formulas it replaces, evaluated in normalised rational arithmetic as the
 * search did before (floor(2^s/2 + (driftHi c - delta) 2^s/U), ceil(2^s/2 + (driftLo c + delta) 2^s/U)): random regions
 * of every sign of drift, and hand-worked values.
 */
class PhaseErrorSearchBoundsTest {

    private static BigInteger posMaxByRationals(BigInteger half, Rational scale, Rational driftHi, Rational delta, long c) {
        return Rational.of(half, BigInteger.ONE).add(driftHi.multiply(Rational.of(c)).subtract(delta).multiply(scale)).floor();
    }

    private static BigInteger negMinByRationals(BigInteger half, Rational scale, Rational driftLo, Rational delta, long c) {
        return Rational.of(half, BigInteger.ONE).add(driftLo.multiply(Rational.of(c)).add(delta).multiply(scale)).ceil();
    }

    /** A dyadic rational of up to 160 bits with an exponent in [lo, hi], either sign. */
    private static Rational dyadic(SplittableRandom r, int lo, int hi) {
        BigInteger m = new BigInteger(1 + r.nextInt(160), new java.util.Random(r.nextLong()));
        m = r.nextBoolean() ? m : m.negate();
        return BinaryRational.of(m, lo + r.nextInt(hi - lo + 1)).toRational();
    }

    @Test
    void equalsTheRationalFormulasOnRandomRegions() {
        qt().withFixedSeed(23L).withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int s = 1 + r.nextInt(64);
            BigInteger half = BigInteger.ONE.shiftLeft(s - 1);
            Rational u = BinaryRational.powerOfTwo(-r.nextInt(80)).toRational();
            Rational scale = Rational.of(BigInteger.ONE.shiftLeft(s), BigInteger.ONE).divide(u);
            Rational a = dyadic(r, -200, -20);
            Rational b = dyadic(r, -200, -20);
            Rational driftLo = a.min(b);
            Rational driftHi = a.max(b);
            Rational delta = Rational.of(1 + r.nextInt(1000)).divide(Rational.of(10).pow(r.nextInt(6)));
            long c = r.nextLong(1L << 53);
            PhaseErrorSearch.ZBounds z = new PhaseErrorSearch.ZBounds(half, scale, driftLo, driftHi, delta);
            assertEquals(posMaxByRationals(half, scale, driftHi, delta, c), z.posMax(c), "posMax, seed " + seed);
            assertEquals(negMinByRationals(half, scale, driftLo, delta, c), z.negMin(c), "negMin, seed " + seed);
        });
    }

    @Test
    void handWorkedValues() {
        // s = 1 (half 1), U = 1 (scale 2), delta = 1/10
        Rational delta = Rational.parse("0.1");
        Rational scale = Rational.of(2);
        PhaseErrorSearch.ZBounds z = new PhaseErrorSearch.ZBounds(BigInteger.ONE, scale, Rational.parse("-0.25"), Rational.parse("0.25"), delta);
        // floor(1 + (3/4 - 1/10) 2) = floor(2.3) = 2; ceil(1 + (-3/4 + 1/10) 2) = ceil(-0.3) = 0
        assertEquals(BigInteger.TWO, z.posMax(3));
        assertEquals(BigInteger.ZERO, z.negMin(3));
        // a negative drift: floor(1 + (-5 - 1/10) 2) = floor(-9.2) = -10; ceil(1 + (-5 + 1/10) 2) = ceil(-8.8) = -8
        PhaseErrorSearch.ZBounds neg = new PhaseErrorSearch.ZBounds(BigInteger.ONE, scale, Rational.of(-1), Rational.of(-1), delta);
        assertEquals(BigInteger.valueOf(-10), neg.posMax(5));
        assertEquals(BigInteger.valueOf(-8), neg.negMin(5));
        // exact integers stay put: floor(1 + (1 - 1/2) 2) = 2 and ceil(1 + (-1 + 1/2) 2) = 0
        PhaseErrorSearch.ZBounds exact = new PhaseErrorSearch.ZBounds(BigInteger.ONE, scale, Rational.of(-1), Rational.ONE, Rational.parse("0.5"));
        assertEquals(BigInteger.TWO, exact.posMax(1));
        assertEquals(BigInteger.ZERO, exact.negMin(1));
    }
}
