package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * The written-out constants of {@link DoubleDoubleKernels} and {@link DoubleDoubleTrig} are, bit for bit, what
 * their derivation from certified 320-bit enclosures of pi and ln 2 gives (the derivation the classes ran at
 * initialisation before), and each ball contains its enclosure.
 */
class DoubleDoubleConstantsTest {
    private static final Rational HALF = Rational.of(BigInteger.ONE, BigInteger.TWO);

    private static Rational exact(double x) {
        return Rational.of(new BigDecimal(x));
    }

    private static void assertBits(double want, double got, String name) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), name + ": want " + Double.toHexString(want)
                + ", written " + Double.toHexString(got));
    }

    /** The ball from [lo, hi] as DoubleDoubleBalls.ballOf makes it, compared part by part, and its containment of [lo, hi]. */
    private static void assertBall(Rational lo, Rational hi, DoubleDoubleInterval written, String name) {
        DoubleDoubleInterval derived = DoubleDoubleBalls.ballOf(lo, hi);
        assertBits(derived.hi(), written.hi(), name + ".hi");
        assertBits(derived.lo(), written.lo(), name + ".lo");
        assertBits(derived.radius(), written.radius(), name + ".radius");
        Rational mid = exact(written.hi()).add(exact(written.lo()));
        Rational r = exact(written.radius());
        assertTrue(mid.subtract(r).compareTo(lo) <= 0 && hi.compareTo(mid.add(r)) <= 0, name + " contains its enclosure");
        assertTrue(written.exact().isEmpty(), name + " is not exact");
    }

    @Test
    void kernelConstantsAreTheBallsOfTheirEnclosures() {
        Enclosure pi = new EnclosureArithmetic(320).pi();
        assertBall(pi.lo(), pi.hi(), DoubleDoubleKernels.PI, "PI");
        assertBall(pi.lo().multiply(HALF), pi.hi().multiply(HALF), DoubleDoubleKernels.HALF_PI, "HALF_PI");
        Enclosure ln2 = new EnclosureArithmetic(320).log(Enclosure.exact(2));
        assertBall(ln2.lo(), ln2.hi(), DoubleDoubleKernels.LN2, "LN2");
        // by hand: the leading parts are Math.PI and the double nearest ln 2 (0.6931471805599453)
        assertBits(Math.PI, DoubleDoubleKernels.PI.hi(), "PI.hi is Math.PI");
        assertBits(Math.log(2), DoubleDoubleKernels.LN2.hi(), "LN2.hi is Math.log(2)");
    }

    @Test
    void reductionConstantsSplitHalfPi() {
        Enclosure pi = new EnclosureArithmetic(320).pi();
        Rational halfLo = pi.lo().multiply(HALF);
        Rational halfHi = pi.hi().multiply(HALF);
        double p1 = halfLo.toDouble(RoundingMode.NEAREST_EVEN);
        Rational rest = halfLo.subtract(exact(p1));
        double p2 = rest.toDouble(RoundingMode.NEAREST_EVEN);
        rest = rest.subtract(exact(p2));
        double p3 = rest.toDouble(RoundingMode.NEAREST_EVEN);
        rest = rest.subtract(exact(p3));
        double rho = rest.abs().add(halfHi.subtract(halfLo)).toDouble(RoundingMode.TOWARD_POSITIVE);
        assertBits(p1, DoubleDoubleTrig.P1, "P1");
        assertBits(p2, DoubleDoubleTrig.P2, "P2");
        assertBits(p3, DoubleDoubleTrig.P3, "P3");
        assertBits(rho, DoubleDoubleTrig.RHO, "RHO");
        // |pi/2 - (P1 + P2 + P3)| <= RHO at both ends of the enclosure
        Rational sum = exact(DoubleDoubleTrig.P1).add(exact(DoubleDoubleTrig.P2)).add(exact(DoubleDoubleTrig.P3));
        Rational r = exact(DoubleDoubleTrig.RHO);
        assertTrue(halfLo.subtract(sum).abs().compareTo(r) <= 0 && halfHi.subtract(sum).abs().compareTo(r) <= 0, "RHO bounds the rest");
        assertBits(Math.PI / 2, DoubleDoubleTrig.P1, "P1 is Math.PI / 2");
    }
}
