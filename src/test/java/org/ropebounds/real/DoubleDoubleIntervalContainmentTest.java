package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;

/**
 * The double-double ball level against 300-bit certified enclosures. Containment, as defined here: for
 * an argument ball (a double-double midpoint and a radius, no exact value attached), the result's
 * enclosure must meet the 300-bit enclosure of f at the ball's two ends and its midpoint (for the
 * binary operations: at the corners and the centre), and contain that enclosure's midpoint whenever the
 * reference is the narrower (nearly always: it is some 2^-290 relative wide), so a ball that misses the
 * exact value by more than the reference's width fails. Arguments: thousands of random ones per function over its domain, point balls and balls of
 * random radius, plus the edge cases (near zeros of cos, acos near 1, log near 1, huge and tiny).
 * Where the level declines (InsufficientPrecisionException) it is allowed to; for the functions the zone
 * needs, at most 1% of the random arguments may be declined, and point arguments must come back at
 * most 2^-90 relative wide (log near 1: 2^-100 absolute), so the level is useful.
 */
class DoubleDoubleIntervalContainmentTest {
    // not plain containment of the reference: its outward-rounded ends may lie outside a tight ball, and even
    // its midpoint may (expm1(-600) = -1 + 2.6e-261 against the reference [-1, -1 + 2^-300])
    private static final EnclosureArithmetic FINE = new EnclosureArithmetic(300);
    private static final DoubleDoubleIntervalArithmetic DD = new DoubleDoubleIntervalArithmetic(132);
    private static final int SAMPLES = 2000;

    /**
     * Containment as this test defines it: the ball's enclosure meets the reference (both contain the
     * exact value), and contains the reference's midpoint whenever the reference is the narrower one.
     */
    private static boolean contains(Enclosure got, Enclosure ref) {
        boolean meets = got.lo().compareTo(ref.hi()) <= 0 && ref.lo().compareTo(got.hi()) <= 0;
        return meets && (ref.width().compareTo(got.width()) > 0 || got.contains(ref.midpoint()));
    }

    private static Rational exact(double x) {
        return BinaryRational.ofDouble(x).toRational();
    }

    /** A ball with midpoint v + tail and radius, no exact value: the arithmetic must compute, not look up. */
    private static DoubleDoubleInterval ball(double v, double tailFraction, double radius) {
        double lo = tailFraction * Math.ulp(v) / 2;
        double hi = v + lo;
        lo = ErrorFreeTransforms.twoSumError(v, lo, hi);
        return new DoubleDoubleInterval(hi, lo, radius, Optional.empty());
    }

    private static List<Rational> samplePoints(DoubleDoubleInterval x) {
        Rational m = exact(x.hi()).add(exact(x.lo()));
        Rational r = exact(x.radius());
        return x.radius() == 0 ? List.of(m) : List.of(m.subtract(r), m, m.add(r));
    }

    private static final class Tally {
        int tried;
        int declined;
    }

    /** Asserts containment for a unary function; returns whether the level answered. */
    private static boolean check(String name, UnaryOperator<DoubleDoubleInterval> f, UnaryOperator<Enclosure> reference,
            DoubleDoubleInterval x, Tally tally) {
        tally.tried++;
        Enclosure got;
        try {
            got = DD.toEnclosure(f.apply(x));
        } catch (InsufficientPrecisionException e) {
            if (x.radius() == 0) {
                tally.declined++; // a wide ball may reach out of the domain: only points count against the level
            }
            return false;
        }
        for (Rational p : samplePoints(x)) {
            Enclosure ref;
            try {
                ref = reference.apply(Enclosure.exact(p));
            } catch (ArithmeticException e) {
                continue; // the point lies outside the domain (a ball reaching past it): nothing to contain
            }
            assertTrue(contains(got, ref), name + "(" + x + ") = " + got + " misses the 300-bit " + ref + " at " + p.toDouble(org.ropebounds.format.RoundingMode.NEAREST_EVEN));
        }
        if (x.radius() == 0) {
            Rational w = got.width();
            Rational mag = got.lo().abs().max(got.hi().abs());
            // 90 bits relative; log near 1 keeps 100 bits absolute (its argument's own absolute precision)
            assertTrue(w.compareTo(mag.multiply(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(90)))) <= 0
                    || mag.compareTo(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(200))) < 0
                    || (name.equals("log") && w.compareTo(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(100))) <= 0)
                    || name.equals("cos") || name.equals("sin") || name.equals("add") || name.equals("subtract"),
                    name + "(" + x + ") too wide: " + got);
        }
        return true;
    }

    private static void checkBinary(String name, BinaryOperator<DoubleDoubleInterval> f, BinaryOperator<Enclosure> reference,
            DoubleDoubleInterval a, DoubleDoubleInterval b, Tally tally) {
        tally.tried++;
        Enclosure got;
        try {
            got = DD.toEnclosure(f.apply(a, b));
        } catch (InsufficientPrecisionException e) {
            tally.declined++;
            return;
        }
        for (Rational p : samplePoints(a)) {
            for (Rational q : samplePoints(b)) {
                Enclosure ref = reference.apply(Enclosure.exact(p), Enclosure.exact(q));
                assertTrue(contains(got, ref), name + "(" + a + ", " + b + ") = " + got + " misses " + ref);
            }
        }
    }

    /** A random double of magnitude 2^lo .. 2^hi, either sign when signed. */
    private static double magnitude(Random r, int lo, int hi, boolean signed) {
        double v = Math.pow(2, lo + (hi - lo) * r.nextDouble());
        return signed && r.nextBoolean() ? -v : v;
    }

    /** A radius: zero half the time, else a random relative width 2^-110 .. 2^-20 of v. */
    private static double radius(Random r, double v) {
        return r.nextBoolean() ? 0 : Math.abs(v) * Math.pow(2, -110 + 90 * r.nextDouble());
    }

    private static void unary(String name, UnaryOperator<DoubleDoubleInterval> f, UnaryOperator<Enclosure> reference,
            java.util.function.DoubleSupplier args, boolean mustAnswer, long seed) {
        Random r = new Random(seed);
        Tally t = new Tally();
        for (int i = 0; i < SAMPLES; i++) {
            double v = args.getAsDouble();
            check(name, f, reference, ball(v, 2 * r.nextDouble() - 1, radius(r, v)), t);
        }
        if (mustAnswer) {
            assertTrue(t.declined * 100 <= t.tried, name + " declined " + t.declined + " of " + t.tried);
        }
    }

    @Test
    void arithmeticContainsTheReference() {
        Random r = new Random(17);
        Tally t = new Tally();
        for (int i = 0; i < SAMPLES; i++) {
            double x = magnitude(r, -300, 300, true);
            double y = i % 3 == 0 ? -x * (1 + Math.pow(2, -r.nextInt(60))) : magnitude(r, -300, 300, true); // cancellation
            DoubleDoubleInterval a = ball(x, 2 * r.nextDouble() - 1, radius(r, x));
            DoubleDoubleInterval b = ball(y, 2 * r.nextDouble() - 1, radius(r, y));
            checkBinary("add", DD::add, FINE::add, a, b, t);
            checkBinary("subtract", DD::subtract, FINE::subtract, a, b, t);
            checkBinary("multiply", DD::multiply, FINE::multiply, a, b, t);
            checkBinary("divide", DD::divide, FINE::divide, a, b, t);
            checkBinary("max", DD::max, FINE::max, a, b, t);
        }
        assertTrue(t.declined * 100 <= t.tried, "declined " + t.declined + " of " + t.tried);
    }

    @Test
    void exactPointsSumWithTheirRoundingCounted() {
        // 1/3 + 1/7 and (1/3)(1/7) from exact-less balls of the rationals: the rounding of the sum is what is checked
        for (int n = 1; n < 200; n++) {
            Rational p = Rational.of(BigInteger.ONE, BigInteger.valueOf(3L * n));
            Rational q = Rational.of(BigInteger.valueOf(n), BigInteger.valueOf(7));
            DoubleDoubleInterval a = DoubleDoubleBalls.ballOf(p, p);
            DoubleDoubleInterval b = DoubleDoubleBalls.ballOf(q, q);
            assertTrue(DD.toEnclosure(DD.add(a, b)).contains(p.add(q)), "1/" + (3 * n) + " + " + n + "/7");
            assertTrue(DD.toEnclosure(DD.multiply(a, b)).contains(p.multiply(q)), "1/" + (3 * n) + " * " + n + "/7");
            assertTrue(DD.toEnclosure(DD.divide(a, b)).contains(p.divide(q)), "1/" + (3 * n) + " / " + n + "/7");
        }
    }

    @Test
    void sqrtContainsTheReference() {
        Random r = new Random(1);
        unary("sqrt", DD::sqrt, FINE::sqrt, () -> magnitude(r, -800, 800, false), true, 2);
    }

    @Test
    void expAndExpm1ContainTheReference() {
        Random r = new Random(3);
        unary("exp", DD::exp, FINE::exp, () -> (2 * r.nextDouble() - 1) * 600, true, 4);
        unary("exp", DD::exp, FINE::exp, () -> magnitude(r, -60, 3, true), true, 5);
        unary("expm1", DD::expm1, FINE::expm1, () -> magnitude(r, -200, 6, true), true, 6);
    }

    @Test
    void logContainsTheReference() {
        Random r = new Random(7);
        unary("log", DD::log, FINE::log, () -> magnitude(r, -800, 800, false), true, 8);
        // near 1, where log is small and the relative precision is what matters
        unary("log", DD::log, FINE::log, () -> 1 + magnitude(r, -52, -1, true), true, 9);
    }

    @Test
    void powContainsTheReference() {
        Random r = new Random(11);
        Tally t = new Tally();
        for (int i = 0; i < SAMPLES; i++) {
            double x = magnitude(r, -20, 40, false);
            double y = (2 * r.nextDouble() - 1) * 10;
            checkBinary("pow", DD::pow, FINE::pow, ball(x, 2 * r.nextDouble() - 1, radius(r, x)), ball(y, 0, 0), t);
        }
        assertTrue(t.declined * 100 <= t.tried, "pow declined " + t.declined + " of " + t.tried);
    }

    @Test
    void cosAndSinContainTheReference() {
        Random r = new Random(13);
        unary("cos", DD::cos, FINE::cos, () -> magnitude(r, -30, 30, true), true, 14);
        unary("sin", DD::sin, FINE::sin, () -> magnitude(r, -30, 30, true), true, 15);
        // near the zeros of cos: k pi/2 to double precision, where the value is tiny
        Tally t = new Tally();
        for (long k = 1; k < 1L << 30; k = k * 3 + 1) {
            double s = k * (Math.PI / 2);
            for (int step = -2; step <= 2; step++) {
                double x = step < 0 ? Math.nextDown(s) : step > 0 ? Math.nextUp(s) : s;
                check("cos", DD::cos, FINE::cos, ball(x, 0, 0), t);
                check("sin", DD::sin, FINE::sin, ball(x, 0, 0), t);
            }
        }
        assertEquals(0, t.declined);
    }

    @Test
    void inverseTrigContainsTheReference() {
        Random r = new Random(19);
        unary("asin", DD::asin, FINE::asin, () -> 2 * r.nextDouble() - 1, true, 20);
        unary("asin", DD::asin, FINE::asin, () -> magnitude(r, -300, -1, true), true, 21);
        unary("acos", DD::acos, FINE::acos, () -> 2 * r.nextDouble() - 1, true, 22);
        // acos near 1 and -1, the zone's acos(eps^(1/N))
        unary("acos", DD::acos, FINE::acos, () -> 1 - magnitude(r, -52, -2, false), true, 23);
        unary("acos", DD::acos, FINE::acos, () -> -1 + magnitude(r, -52, -2, false), true, 24);
        unary("atan", DD::atan, FINE::atan, () -> magnitude(r, -300, 300, true), true, 25);
    }

    @Test
    void edgeCases() {
        Tally t = new Tally();
        double[] nearOne = {1, Math.nextUp(1.0), Math.nextDown(1.0), 1 + 0x1p-30, 1 - 0x1p-30, 0.5, Math.nextUp(0.5), Math.nextDown(0.5), 0.75, -0.5, -0.75};
        for (double v : nearOne) {
            check("log", DD::log, FINE::log, ball(v, 0, 0), t);
            check("acos", DD::acos, FINE::acos, ball(v, 0, 0), t);
            check("asin", DD::asin, FINE::asin, ball(v, 0, 0), t);
            check("atan", DD::atan, FINE::atan, ball(v, 0, 0), t);
        }
        double[] extremes = {0x1p-899, 0x1p899, 1e-250, 1e250, 600, -600, 0x1p-60, -0x1p-60};
        for (double v : extremes) {
            check("sqrt", DD::sqrt, FINE::sqrt, ball(Math.abs(v), 0, 0), t);
            check("log", DD::log, FINE::log, ball(Math.abs(v), 0, 0), t);
            check("atan", DD::atan, FINE::atan, ball(v, 0, 0), t);
            if (Math.abs(v) <= 600) {
                check("exp", DD::exp, FINE::exp, ball(v, 0, 0), t);
                check("expm1", DD::expm1, FINE::expm1, ball(v, 0, 0), t);
            }
        }
        Enclosure pi = DD.toEnclosure(DD.pi());
        assertTrue(pi.contains(FINE.pi()), "pi " + pi);
        // declined only outside the domain (acos and asin at 1, nextUp(1) and 1 + 2^-30: 1 as a ball without its
        // exact value takes sqrt of a ball reaching 0; log of -1/2 and -3/4) and sqrt(2^-899), whose residual
        // falls below the level's 2^-900: 9
        assertTrue(t.declined <= 9, "declined " + t.declined);
    }

    @Test
    void exactWhereTheEnclosureLevelIsExact() {
        // the values below are exact in EnclosureArithmetic (exact rational arithmetic and exact roots):
        // hand-derived, 1/100 + 1/100 = 1/50, sqrt(9/4) = 3/2, (1/100)^(1/2) = 1/10, 0 * x = 0, exp(0) = 1
        Rational hundredth = Rational.of(BigInteger.ONE, BigInteger.valueOf(100));
        DoubleDoubleInterval h = DD.of(hundredth);
        assertEquals(Enclosure.exact(Rational.of(BigInteger.ONE, BigInteger.valueOf(50))), DD.toEnclosure(DD.add(h, h)));
        assertEquals(Enclosure.exact(Rational.of(BigInteger.valueOf(3), BigInteger.TWO)),
                DD.toEnclosure(DD.sqrt(DD.of(Rational.of(BigInteger.valueOf(9), BigInteger.valueOf(4))))));
        assertEquals(Enclosure.exact(Rational.of(BigInteger.ONE, BigInteger.TEN)),
                DD.toEnclosure(DD.pow(h, DD.of(Rational.of(BigInteger.ONE, BigInteger.TWO)))));
        assertEquals(Enclosure.exact(0), DD.toEnclosure(DD.multiply(DD.of(0), DD.pi())));
        assertEquals(Enclosure.exact(1), DD.toEnclosure(DD.exp(DD.of(0))));
        // and not exact where it is not: 1/100 + pi is a proper interval
        assertFalse(DD.toEnclosure(DD.add(h, DD.pi())).isExact());
        assertFalse(DD.toEnclosure(DD.log(DD.of(2))).isExact());
    }

    @Test
    void zivTriesTheLevelUpToThirtyDigitsAndClaimsSkipIt() {
        assertTrue(Ziv.levels(20).get(0) instanceof DoubleDoubleIntervalArithmetic);
        assertTrue(Ziv.levels(10).get(1) instanceof DoubleDoubleIntervalArithmetic);
        assertEquals(Ziv.levels(31).stream().filter(a -> a instanceof DoubleDoubleIntervalArithmetic).count(), 0);
        assertEquals(Ziv.reportableLevels(20).stream().filter(a -> a instanceof DoubleDoubleIntervalArithmetic).count(), 0);
        // the level's exactness follows the precision of the (ball) level after it
        assertEquals(((BallArithmetic) Ziv.levels(20).get(1)).bits(), ((DoubleDoubleIntervalArithmetic) Ziv.levels(20).get(0)).exactBits());
    }
}
