package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;

/**
 * The double-double cos/sin against 300-bit certified enclosures: the returned interval [v - bound,
 * v + bound] must contain the exact value, and the bound must be small enough to decide fp64 roundings.
 */
class DoubleDoubleTrigTest {
    private static final EnclosureArithmetic FINE = new EnclosureArithmetic(300);

    private static void assertEncloses(double s, double t, int which) {
        double[] c = DoubleDoubleTrig.cosSin(s, t, 0, which);
        Rational x = BinaryRational.ofDouble(s).toRational().add(BinaryRational.ofDouble(t).toRational());
        Enclosure exact = which == 0 ? FINE.cos(Enclosure.exact(x)) : FINE.sin(Enclosure.exact(x));
        Rational v = BinaryRational.ofDouble(c[0]).toRational().add(BinaryRational.ofDouble(c[1]).toRational());
        Rational bound = BinaryRational.ofDouble(c[2]).toRational();
        String what = (which == 0 ? "cos" : "sin") + "(" + s + " + " + t + ")";
        assertTrue(v.subtract(bound).compareTo(exact.lo()) <= 0 && exact.hi().compareTo(v.add(bound)) <= 0, what);
        // useful: the bound is far below fp64's spacing for |x| < 2^20 (|x| 2^-53 error of x aside, none here)
        if (Math.abs(s) < 0x1p20) {
            assertTrue(c[2] < 0x1p-85, what + ": bound " + c[2]);
        }
        assertEquals(c[0], c[0] + c[1], what + " is normalised");
    }

    @Test
    void enclosesTheExactValueOnRandomArguments() {
        qt().withFixedSeed(0xdd7_2026L).withExamples(3000)
                .forAll(doubles().between(-40, 40), integers().between(0, 1), doubles().between(-1, 1))
                .checkAssert((log2, which, frac) -> {
                    double s = Math.copySign(Math.pow(2, Math.abs(log2) - 10), log2) ; // |s| from 2^-10 to 2^30
                    assertEncloses(s, frac * Math.ulp(s) / 2, which);
                });
    }

    @Test
    void enclosesTheExactValueNearMultiplesOfHalfPi() {
        // the worst case for the reduction: x within a few ulps of k pi/2, where cos or sin is tiny
        for (long k = 1; k < 1L << 30; k = k * 3 + 1) {
            double s = k * (Math.PI / 2);
            for (int step = -3; step <= 3; step++) {
                double x = s;
                for (int j = 0; j < Math.abs(step); j++) {
                    x = step > 0 ? Math.nextUp(x) : Math.nextDown(x);
                }
                assertEncloses(x, 0, 0);
                assertEncloses(x, 0, 1);
                assertEncloses(-x, Math.ulp(x) / 4, 0);
            }
        }
        assertEncloses(0, 0, 0);
        assertEncloses(0, 0, 1);
        assertEncloses(1, 0x1p-60, 1);
    }

    @Test
    void refusesArgumentsPastTwoToTheForty() {
        assertNull(DoubleDoubleTrig.cosSin(0x1p40, 0, 0, 0));
        assertNull(DoubleDoubleTrig.cosSin(Double.NaN, 0, 0, 0));
        assertNull(DoubleDoubleTrig.cosSin(Double.NEGATIVE_INFINITY, 0, 0, 1));
    }
}
