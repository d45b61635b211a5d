package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * The allocation-free shortcuts of proofs/double-double-interval.md section 12 against their definitions:
 * {@code DoubleDoubleBalls.horner} is, bit for bit and refusal for refusal, the composition of sum and product it
 * replaces (itself proven and tested for containment against 300-bit enclosures elsewhere); a ball's directed
 * bounds lie at or below / at or above every point of its rational enclosure (exact arithmetic).
 */
class DoubleDoubleHornerTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(0x1715);

    /** The definition: p = c[last]; p = sum(c[n], product(x, p)) for n = last - 1 down to first. */
    private static DoubleDoubleInterval composed(DoubleDoubleInterval x, DoubleDoubleInterval[] c, int last, int first) {
        DoubleDoubleInterval p = c[last];
        for (int n = last - 1; n >= first; n--) {
            p = DoubleDoubleBalls.sum(c[n], DoubleDoubleBalls.product(x, p));
        }
        return p;
    }

    private static String outcome(java.util.function.Supplier<DoubleDoubleInterval> f) {
        try {
            DoubleDoubleInterval b = f.get();
            return Double.doubleToRawLongBits(b.hi()) + "/" + Double.doubleToRawLongBits(b.lo()) + "/"
                    + Double.doubleToRawLongBits(b.radius()) + "/" + b.exact();
        } catch (InsufficientPrecisionException e) {
            return "refused";
        }
    }

    private static DoubleDoubleInterval randomBall(int minExponent, int maxExponent) {
        double h = Math.scalb(1 + RANDOM.nextDouble(), RANDOM.nextInt(minExponent, maxExponent)) * (RANDOM.nextBoolean() ? 1 : -1);
        double l = RANDOM.nextInt(4) == 0 ? 0 : Math.ulp(h) * (RANDOM.nextDouble() - 0.5);
        double r = switch (RANDOM.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Math.ulp(h) * RANDOM.nextDouble() * 0x1p-50;
            case 2 -> Math.abs(h) * RANDOM.nextDouble() * 0x1p-20;
            default -> Math.abs(h) * RANDOM.nextDouble();
        };
        return new DoubleDoubleInterval(h, l, r, Optional.empty());
    }

    @Test
    void hornerIsTheComposedSeriesBitForBit() {
        DoubleDoubleInterval[] factorials = new DoubleDoubleInterval[InverseFactorials.TERMS + 1];
        for (int n = 0; n < factorials.length; n++) {
            factorials[n] = new DoubleDoubleInterval(InverseFactorials.HI[n], InverseFactorials.LO[n], InverseFactorials.ERR[n], Optional.empty());
        }
        int refused = 0;
        for (int i = 0; i < 20000; i++) {
            DoubleDoubleInterval x = i % 3 == 0 ? randomBall(-40, 2) : randomBall(-400, 400);
            DoubleDoubleInterval[] c = factorials;
            if (i % 2 == 0) { // random coefficients too, reaching the range checks
                c = new DoubleDoubleInterval[12];
                for (int k = 0; k < c.length; k++) {
                    c[k] = randomBall(-300, 300);
                }
            }
            int last = Math.min(c.length - 1, 24);
            int first = RANDOM.nextInt(2);
            DoubleDoubleInterval[] coefficients = c;
            String expected = outcome(() -> composed(x, coefficients, last, first));
            String actual = outcome(() -> DoubleDoubleBalls.horner(x, coefficients, last, first));
            assertEquals(expected, actual, () -> "x = " + x);
            refused += expected.equals("refused") ? 1 : 0;
        }
        assertTrue(refused > 100 && refused < 19000, refused + " refusals: both outcomes must be exercised");
    }

    @Test
    void directedBoundsEncloseTheEnclosure() {
        for (int i = 0; i < 20000; i++) {
            DoubleDoubleInterval x = randomBall(-60, 60);
            if (i % 5 == 0) {
                x = new DoubleDoubleInterval(x.hi(), x.lo(), 0, Optional.empty()); // radius 0: the enclosure is m +/- 2^-1074
            }
            Enclosure e = DoubleDoubleIntervalArithmetic.enclosureOf(x);
            DoubleDoubleInterval b = x;
            assertTrue(DoubleDoubleBalls.exact(x.lowerBound()).compareTo(e.lo()) <= 0, () -> "lower bound above " + b);
            assertTrue(DoubleDoubleBalls.exact(x.upperBound()).compareTo(e.hi()) >= 0, () -> "upper bound below " + b);
        }
        // an exact ball: its enclosure is the exact value, inside the ball
        DoubleDoubleInterval tenth = new DoubleDoubleIntervalArithmetic(132).of(Rational.parse("0.1"));
        assertTrue(DoubleDoubleBalls.exact(tenth.lowerBound()).compareTo(Rational.parse("0.1")) <= 0);
        assertTrue(DoubleDoubleBalls.exact(tenth.upperBound()).compareTo(Rational.parse("0.1")) >= 0);
    }

    // ---- the ball operations as they were written before the register (commit ea0f58c), verbatim but for names

    private static double addUp(double a, double b) {
        return a == 0 ? b : b == 0 ? a : Math.nextUp(a + b);
    }

    private static double mulUp(double a, double b) {
        return a == 0 || b == 0 ? 0 : Math.nextUp(a * b);
    }

    private static double divUp(double a, double b) {
        return a == 0 ? 0 : Math.nextUp(a / b);
    }

    private static double productError(double x, double y, double p) {
        return Math.abs(p) >= 0x1p-960 ? Math.abs(ErrorFreeTransforms.twoProductError(x, y, p)) : p == 0 && (x == 0 || y == 0) ? 0 : Math.ulp(p);
    }

    private static DoubleDoubleInterval sumBefore(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        double s = a.hi() + b.hi();
        double e = ErrorFreeTransforms.twoSumError(a.hi(), b.hi(), s);
        double t = a.lo() + b.lo();
        double u = e + t;
        double h = s + u;
        double l = ErrorFreeTransforms.twoSumError(s, u, h);
        double rounding = addUp(Math.abs(ErrorFreeTransforms.twoSumError(a.lo(), b.lo(), t)), Math.abs(ErrorFreeTransforms.twoSumError(e, t, u)));
        return DoubleDoubleBalls.ball(h, l, addUp(addUp(a.radius(), b.radius()), rounding));
    }

    private static DoubleDoubleInterval productBefore(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        double p = a.hi() * b.hi();
        if (p == 0 ? a.hi() != 0 && b.hi() != 0 : Math.abs(p) < 0x1p-960) {
            throw new InsufficientPrecisionException("product too small for an exact TwoProduct");
        }
        double e = ErrorFreeTransforms.twoProductError(a.hi(), b.hi(), p);
        double c1 = a.hi() * b.lo();
        double c2 = a.lo() * b.hi();
        double c = c1 + c2;
        double w = e + c;
        double h = p + w;
        double l = ErrorFreeTransforms.twoSumError(p, w, h);
        double rounding = addUp(addUp(productError(a.hi(), b.lo(), c1), productError(a.lo(), b.hi(), c2)),
                addUp(addUp(Math.abs(ErrorFreeTransforms.twoSumError(c1, c2, c)), Math.abs(ErrorFreeTransforms.twoSumError(e, c, w))),
                        mulUp(Math.abs(a.lo()), Math.abs(b.lo()))));
        double am = Math.nextUp(Math.abs(a.hi()) + Math.abs(a.lo()));
        double bm = Math.nextUp(Math.abs(b.hi()) + Math.abs(b.lo()));
        double r = addUp(addUp(mulUp(am, b.radius()), mulUp(bm, a.radius())), addUp(mulUp(a.radius(), b.radius()), rounding));
        return DoubleDoubleBalls.ball(h, l, r);
    }

    private static DoubleDoubleInterval quotientBefore(DoubleDoubleInterval a, DoubleDoubleInterval b, double bLow) {
        double q1 = a.hi() / b.hi();
        DoubleDoubleInterval r1 = sumBefore(DoubleDoubleBalls.strip(a),
                DoubleDoubleBalls.negated(productBefore(DoubleDoubleBalls.point(q1), DoubleDoubleBalls.strip(b))));
        double q2 = r1.hi() / b.hi();
        double qh = q1 + q2;
        double ql = ErrorFreeTransforms.twoSumError(q1, q2, qh);
        DoubleDoubleInterval q = DoubleDoubleBalls.ball(qh, ql, 0);
        DoubleDoubleInterval residual = sumBefore(DoubleDoubleBalls.strip(a), DoubleDoubleBalls.negated(productBefore(q, DoubleDoubleBalls.strip(b))));
        double bMidLow = DoubleDoubleBalls.lowerMagnitude(DoubleDoubleBalls.strip(b));
        double delta = divUp(residual.magnitudeBound(), bMidLow);
        double qBound = addUp(q.magnitudeBound(), delta);
        double spread = divUp(addUp(a.radius(), mulUp(qBound, b.radius())), bLow);
        return DoubleDoubleBalls.ball(qh, ql, addUp(delta, spread));
    }

    private static Rational exact(double x) {
        return org.ropebounds.format.BinaryRational.ofDouble(x).toRational();
    }

    /**
     * sum and product are the operations they were, bit for bit. The quotient of section 13 keeps the midpoint of the
     * two-residual quotient it replaces (the same q1, first residual and q2) and certifies it from that residual alone:
     * its midpoint bits are the old ones, it refuses only where the old one refused, its radius stays within twice
     * the old one's plus 2^-102 of the quotient, and its ball contains the exact a_m / b_m (exact rationals, every
     * tenth pair).
     */
    @Test
    void sumProductAndQuotientAreTheOperationsTheyWere() {
        int refused = 0;
        int checkedExactly = 0;
        for (int i = 0; i < 30000; i++) {
            DoubleDoubleInterval a = i % 3 == 0 ? randomBall(-40, 40) : randomBall(-700, 700);
            DoubleDoubleInterval b = i % 3 == 0 ? randomBall(-40, 40) : randomBall(-700, 700);
            assertEquals(outcome(() -> sumBefore(a, b)), outcome(() -> DoubleDoubleBalls.sum(a, b)), () -> a + " + " + b);
            assertEquals(outcome(() -> productBefore(a, b)), outcome(() -> DoubleDoubleBalls.product(a, b)), () -> a + " * " + b);
            DoubleDoubleInterval before;
            try {
                before = quotientBefore(a, b, DoubleDoubleBalls.divisorLowerBound(b));
            } catch (InsufficientPrecisionException e) {
                before = null;
            }
            DoubleDoubleInterval now;
            try {
                now = DoubleDoubleBalls.quotient(a, b);
            } catch (InsufficientPrecisionException e) {
                assertTrue(before == null, () -> a + " / " + b + " refused where the two-residual quotient answered");
                refused++;
                continue;
            }
            if (before != null) {
                assertEquals(Double.doubleToRawLongBits(before.hi()), Double.doubleToRawLongBits(now.hi()), () -> a + " / " + b + " hi");
                assertEquals(Double.doubleToRawLongBits(before.lo()), Double.doubleToRawLongBits(now.lo()), () -> a + " / " + b + " lo");
                double allowed = 2 * before.radius() + Math.abs(now.hi()) * 0x1p-102;
                DoubleDoubleInterval n = now;
                DoubleDoubleInterval o = before;
                assertTrue(now.radius() <= allowed, () -> a + " / " + b + ": radius " + n.radius() + " against " + o.radius());
            }
            if (i % 10 == 0) {
                Rational q = exact(a.hi()).add(exact(a.lo())).divide(exact(b.hi()).add(exact(b.lo())));
                Rational mid = exact(now.hi()).add(exact(now.lo()));
                assertTrue(q.subtract(mid).abs().compareTo(exact(now.radius())) <= 0, () -> a + " / " + b + " misses the exact quotient");
                checkedExactly++;
            }
        }
        assertTrue(refused > 100 && refused < 29000, refused + " refused quotients: both outcomes must be exercised");
        assertTrue(checkedExactly > 500, checkedExactly + " quotients checked exactly");
    }

    /**
     * The square root of section 13 against exact rationals: (S - r)^2 <= x_m <= (S + r)^2 for its ball S +/- r, and
     * its radius at most 2^-100 of S for a point argument (tight enough to be useful), on 5,000 random balls.
     */
    @Test
    void theSquareRootContainsTheExactRoot() {
        int answered = 0;
        for (int i = 0; i < 5000; i++) {
            DoubleDoubleInterval x = randomBall(-600, 600);
            x = new DoubleDoubleInterval(Math.abs(x.hi()), Math.signum(x.hi()) * x.lo(), i % 2 == 0 ? 0 : x.radius(), Optional.empty());
            DoubleDoubleInterval s;
            try {
                s = DoubleDoubleBalls.root(x);
            } catch (InsufficientPrecisionException e) {
                continue;
            }
            answered++;
            Rational xm = exact(x.hi()).add(exact(x.lo()));
            Rational mid = exact(s.hi()).add(exact(s.lo()));
            Rational r = exact(s.radius());
            Rational low = mid.subtract(r);
            Rational high = mid.add(r);
            DoubleDoubleInterval arg = x;
            assertTrue(low.multiply(low).compareTo(xm) <= 0 && xm.compareTo(high.multiply(high)) <= 0, () -> "sqrt " + arg + " misses");
            if (x.radius() == 0) {
                DoubleDoubleInterval got = s;
                assertTrue(s.radius() <= Math.abs(s.hi()) * 0x1p-100, () -> "sqrt " + arg + " too wide: " + got);
            }
        }
        assertTrue(answered > 4000, answered + " roots answered");
    }
}
