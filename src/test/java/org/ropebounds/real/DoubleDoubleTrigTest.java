package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        DoubleDouble c = DoubleDoubleTrig.evaluate(which == 0 ? DoubleDoubleTrig.Function.COS : DoubleDoubleTrig.Function.SIN,
                s, t, 0).orElseThrow();
        Rational x = BinaryRational.ofDouble(s).toRational().add(BinaryRational.ofDouble(t).toRational());
        Enclosure exact = which == 0 ? FINE.cos(Enclosure.exact(x)) : FINE.sin(Enclosure.exact(x));
        Rational v = BinaryRational.ofDouble(c.hi()).toRational().add(BinaryRational.ofDouble(c.lo()).toRational());
        Rational bound = BinaryRational.ofDouble(c.errorBound()).toRational();
        String what = (which == 0 ? "cos" : "sin") + "(" + s + " + " + t + ")";
        assertTrue(v.subtract(bound).compareTo(exact.lo()) <= 0 && exact.hi().compareTo(v.add(bound)) <= 0, what);
        // useful: the bound is far below fp64's spacing for |x| < 2^20 (|x| 2^-53 error of x aside, none here)
        if (Math.abs(s) < 0x1p20) {
            assertTrue(c.errorBound() < 0x1p-85, what + ": bound " + c.errorBound());
        }
        assertEquals(c.hi(), c.hi() + c.lo(), what + " is normalised");
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
        assertTrue(DoubleDoubleTrig.evaluate(DoubleDoubleTrig.Function.COS, 0x1p40, 0, 0).isEmpty());
        assertTrue(DoubleDoubleTrig.evaluate(DoubleDoubleTrig.Function.SIN, -0x1p40, 0, 0).isEmpty());
        assertTrue(DoubleDoubleTrig.evaluate(DoubleDoubleTrig.Function.COS, Double.NaN, 0, 0).isEmpty());
        assertTrue(DoubleDoubleTrig.evaluate(DoubleDoubleTrig.Function.SIN, Double.NEGATIVE_INFINITY, 0, 0).isEmpty());
        assertTrue(DoubleDoubleTrig.evaluate(DoubleDoubleTrig.Function.COS, 1, 0, Double.NaN).isEmpty());
        assertTrue(DoubleDoubleTrig.evaluate(DoubleDoubleTrig.Function.COS, 1, 0, -1).isEmpty());
        // the largest argument accepted: 2^40 - ulp
        assertTrue(DoubleDoubleTrig.evaluate(DoubleDoubleTrig.Function.SIN, Math.nextDown(0x1p40), 0, 0).isPresent());
    }

    @Test
    void doubleDoubleRefusesANegativeBoundAndAnUnnormalisedPair() {
        assertThrows(IllegalArgumentException.class, () -> new DoubleDouble(1, 0, -0x1p-60));
        assertThrows(IllegalArgumentException.class, () -> new DoubleDouble(1, 0, Double.NaN));
        // ulp(1) = 2^-52: 1 + 2^-52 is a double, so the pair (1, 2^-52) is not normalised
        assertThrows(IllegalArgumentException.class, () -> new DoubleDouble(1, 0x1p-52, 0));
        assertEquals(0x1p-53, new DoubleDouble(1, 0x1p-53, 0).lo()); // a tie rounds to even 1: normalised
    }
}
