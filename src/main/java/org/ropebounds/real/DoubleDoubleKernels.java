package org.ropebounds.real;

import static org.ropebounds.real.DoubleDoubleBalls.addUp;
import static org.ropebounds.real.DoubleDoubleBalls.ball;
import static org.ropebounds.real.DoubleDoubleBalls.divUp;
import static org.ropebounds.real.DoubleDoubleBalls.lowerMagnitude;
import static org.ropebounds.real.DoubleDoubleBalls.mulUp;
import static org.ropebounds.real.DoubleDoubleBalls.negated;
import static org.ropebounds.real.DoubleDoubleBalls.point;
import static org.ropebounds.real.DoubleDoubleBalls.product;
import static org.ropebounds.real.DoubleDoubleBalls.quotient;
import static org.ropebounds.real.DoubleDoubleBalls.root;
import static org.ropebounds.real.DoubleDoubleBalls.scaled;
import static org.ropebounds.real.DoubleDoubleBalls.strip;
import static org.ropebounds.real.DoubleDoubleBalls.sum;
import static org.ropebounds.real.DoubleDoubleBalls.widened;

import java.util.Optional;

/**
 * The transcendental kernels of {@link DoubleDoubleIntervalArithmetic} on double-double balls, with their
 * proven error terms and no exactness tracking (the trivial points are decided before these are called):
 * exp and expm1 (reduced by a 2^(j/64) table, {@link ExpTable}, then a Taylor series cut where its proven
 * remainder falls below 2^-113), log (a guess certified through exp), cos and sin ({@link DoubleDoubleTrig}),
 * asin (a guess certified through sin and cos), and acos and atan by identities over those. {@code
 * proofs/double-double-interval.md} sections 4 to 6 and 13 derive every term.
 * Never throws anything but {@link InsufficientPrecisionException}. Stateless; thread-safe.
 */
final class DoubleDoubleKernels {
    /** Most Taylor terms of exp and expm1 (for |r| <= 0.0055 about 11 are summed; see seriesTerms). */
    private static final int EXP_TERMS = 24;
    private static final DoubleDoubleInterval[] INV_FACT = new DoubleDoubleInterval[EXP_TERMS + 3];
    /*
     * pi, pi/2 and ln 2 as the balls DoubleDoubleBalls.ballOf makes from their 320-bit enclosures
     * (EnclosureArithmetic(320).pi() and log(2)), written out: computing them ran BigInteger kernels at class
     * initialisation, most of a short command's start (issue 17). DoubleDoubleConstantsTest derives them again.
     */
    static final DoubleDoubleInterval PI = new DoubleDoubleInterval(0x1.921fb54442d18p1, 0x1.1a62633145c07p-53, 0x1.f1976b7ed8fbcp-109,
            Optional.empty());
    static final DoubleDoubleInterval HALF_PI = new DoubleDoubleInterval(0x1.921fb54442d18p0, 0x1.1a62633145c07p-54, 0x1.f1976b7ed8fbcp-110,
            Optional.empty());
    static final DoubleDoubleInterval LN2 = new DoubleDoubleInterval(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56, 0x1.7b57a079a1934p-111,
            Optional.empty());
    private static final DoubleDoubleInterval ONE;
    /** (ln 2)/64, exactly LN2 scaled, and 64/ln 2 rounded (only to choose the reduction's k). */
    private static final DoubleDoubleInterval LN2_OVER_STEPS = new DoubleDoubleInterval(LN2.hi() / ExpTable.STEPS,
            LN2.lo() / ExpTable.STEPS, LN2.radius() / ExpTable.STEPS, Optional.empty());
    private static final double STEPS_OVER_LN2 = ExpTable.STEPS / 0.6931471805599453;
    /** 2^(j/64) - 1 as balls, j = -64 .. 64 at index j + 64. */
    private static final DoubleDoubleInterval[] TABLE = new DoubleDoubleInterval[2 * ExpTable.STEPS + 1];

    static {
        ONE = new DoubleDoubleInterval(1, 0, 0, Optional.empty());
        for (int n = 0; n < INV_FACT.length; n++) { // the balls ballOf(1/n!, 1/n!) makes, written out
            INV_FACT[n] = new DoubleDoubleInterval(InverseFactorials.HI[n], InverseFactorials.LO[n], InverseFactorials.ERR[n], Optional.empty());
        }
        for (int i = 0; i < TABLE.length; i++) {
            TABLE[i] = new DoubleDoubleInterval(ExpTable.HI[i], ExpTable.LO[i], ExpTable.ERR[i], Optional.empty());
        }
    }

    private DoubleDoubleKernels() {
    }

    /** The ball of 2^(j/64) - 1 the reductions use, j = -64 .. 64 (for the table's test). */
    static DoubleDoubleInterval tableEntry(int j) {
        return TABLE[j + ExpTable.STEPS];
    }

    /** exp(x) for a ball of radius at most 1/2 (else declined). */
    static DoubleDoubleInterval exp(DoubleDoubleInterval x) {
        if (!(x.radius() <= 0.5)) {
            throw new InsufficientPrecisionException("exp of a wide ball");
        }
        DoubleDoubleInterval e = expOfMidpoint(strip(x));
        // |exp(x) - exp(x_m)| <= exp(x_m)(e^r - 1) <= |E| r (1 + 2r) for r <= 1
        return widened(e, mulUp(e.magnitudeBound(), mulUp(x.radius(), Math.nextUp(1 + 2 * x.radius()))));
    }

    /**
     * exp of the point m: exp(m) = 2^e 2^(j/64) exp(r), k = rint(m 64/ln 2) = 64 e + j (0 <= j < 64),
     * r = m - k (ln 2)/64, |r| <= 0.0055, by Horner's rule to the first term whose remainder is below 2^-113,
     * times the table's 1 + (2^(j/64) - 1) ({@link ExpTable}); proofs/double-double-interval.md section 13.
     */
    private static DoubleDoubleInterval expOfMidpoint(DoubleDoubleInterval m) {
        if (!(Math.abs(m.hi()) <= 600)) {
            throw new InsufficientPrecisionException("exp argument beyond the double-double level's range");
        }
        if (Math.abs(m.hi()) <= 0x1p-200) {
            // |e^m - 1 - m| <= m^2 for |m| <= 1 (the series' tail past m, at most m^2 (e - 2))
            double b = m.magnitudeBound();
            return widened(sum(ONE, m), mulUp(b, b));
        }
        double k = Math.rint(m.hi() * STEPS_OVER_LN2);
        DoubleDoubleInterval r = reduced(m, k);
        double rho = r.magnitudeBound();
        int n = seriesTerms(rho, 1);
        DoubleDoubleInterval p = DoubleDoubleBalls.horner(r, INV_FACT, n, 0); // p = 1/n! ... then p = 1/j! + r p
        p = widened(p, taylorRemainder(rho, n + 1));
        int j = Math.floorMod((int) k, ExpTable.STEPS);
        if (j != 0) {
            p = sum(p, product(TABLE[j + ExpTable.STEPS], p)); // 2^(j/64) p = p + (2^(j/64) - 1) p
        }
        return scaled(p, Math.floorDiv((int) k, ExpTable.STEPS));
    }

    /** r = m - k (ln 2)/64 for an integer k with |k| <= 2^17, checked |r| <= 0.0055 (else declined). */
    private static DoubleDoubleInterval reduced(DoubleDoubleInterval m, double k) {
        DoubleDoubleInterval r = k == 0 ? m : sum(m, negated(product(point(k), LN2_OVER_STEPS)));
        if (!(r.magnitudeBound() <= 0.0055)) {
            throw new InsufficientPrecisionException("exp reduction failed");
        }
        return r;
    }

    /**
     * The number n of Taylor terms past the constant to sum for |r| <= rho: the least n with 2 rho^(n+1)/(n+1)! at
     * most 2^-113 scale (at most {@link #EXP_TERMS}). Any n gives a proven ball (the remainder is added for the n
     * chosen); this only chooses where the tail falls below the double-double's own rounding.
     */
    private static int seriesTerms(double rho, double scale) {
        double target = 0x1p-114 * scale;
        double term = 1; // rho^(n+1)/(n+1)! for the n tried
        for (int n = 0; n < EXP_TERMS; n++) {
            term *= rho / (n + 1);
            if (term <= target) {
                return n;
            }
        }
        return EXP_TERMS;
    }

    /** A bound on sum_{n >= first} rho^n / n! for 0 <= rho <= 1: twice the first term (the ratios are <= 1/2). */
    private static double taylorRemainder(double rho, int first) {
        return mulUp(mulUp(Math.nextUp(Math.pow(rho, first)), INV_FACT[first].magnitudeBound()), 2.0);
    }

    /** expm1(x) for a ball of radius at most 1/2 (else declined). */
    static DoubleDoubleInterval expm1(DoubleDoubleInterval x) {
        if (!(x.radius() <= 0.5)) {
            throw new InsufficientPrecisionException("expm1 of a wide ball");
        }
        DoubleDoubleInterval m = strip(x);
        DoubleDoubleInterval v;
        if (m.magnitudeBound() <= 0x1p-200) {
            double b = m.magnitudeBound();
            v = widened(m, mulUp(b, b)); // |expm1(m) - m| <= m^2 for |m| <= 1
        } else if (m.magnitudeBound() <= 0.35) {
            // m = k (ln 2)/64 + r, |k| <= 33: expm1(m) = D + (1 + D) expm1(r), D = 2^(k/64) - 1 (ExpTable), and
            // expm1(r) = r sum_{n >= 0} r^n/(n+1)! to the term whose remainder is below 2^-113 |r| (section 13)
            double k = Math.rint(m.hi() * STEPS_OVER_LN2);
            DoubleDoubleInterval r = reduced(m, k);
            double rho = r.magnitudeBound();
            int n = seriesTerms(rho, rho);
            DoubleDoubleInterval p = DoubleDoubleBalls.horner(r, INV_FACT, n, 1); // p = 1/n! + r p down to n = 1
            DoubleDoubleInterval e = widened(product(r, p), taylorRemainder(rho, n + 1));
            if (k == 0) {
                v = e;
            } else {
                DoubleDoubleInterval d = TABLE[(int) k + ExpTable.STEPS];
                v = sum(d, sum(e, product(d, e)));
            }
        } else {
            v = sum(expOfMidpoint(m), negated(ONE));
        }
        // |expm1(x) - expm1(x_m)| <= exp(x_m) (e^r - 1), exp(x_m) = 1 + expm1(x_m) <= 1 + v's upper bound (not
        // 1 + |v|: for x_m well below 0 the slope is far below 1), and e^r - 1 <= r (1 + 2r)
        double slope = addUp(1, v.upperBound());
        return widened(v, mulUp(slope, mulUp(x.radius(), Math.nextUp(1 + 2 * x.radius()))));
    }

    /** log(x) for a ball above zero (else declined). */
    static DoubleDoubleInterval log(DoubleDoubleInterval x) {
        double low = lowerMagnitude(x);
        if (!(x.hi() > 0) || !(low > 0)) {
            throw new InsufficientPrecisionException("log of a ball reaching zero");
        }
        // log(m) = log(m 2^-k) + k log 2 with m 2^-k in [1, 2) (exact scaling)
        int k = Math.getExponent(x.hi());
        DoubleDoubleInterval m = scaled(strip(x), -k);
        // y0 ~ log(m); U = m exp(-y0) - 1 encloses u with log(m) = y0 + log1p(u), |log1p(u) - u| <= u^2 for |u| <= 1/2
        double y0 = StrictMath.log(m.hi());
        DoubleDoubleInterval u = sum(product(m, expOfMidpoint(point(-y0))), negated(ONE));
        double rho = u.magnitudeBound();
        if (!(rho <= 0.5)) {
            throw new InsufficientPrecisionException("log residual too large");
        }
        DoubleDoubleInterval y = widened(sum(point(y0), u), mulUp(rho, rho));
        if (k != 0) {
            y = sum(y, product(point(k), LN2));
        }
        // |log(x) - log(x_m)| <= r / (x_m - r)
        return widened(y, divUp(x.radius(), low));
    }

    /**
     * log(1 + t) for a ball t with |t| <= 1/2 at every point (else declined), keeping t's relative precision:
     * y0 ~ log1p(t_m), U = E1 + t_m + t_m E1 with E1 = expm1(-y0) encloses u = (1 + t_m) e^-y0 - 1, log1p(t_m) = y0 + log1p(u)
     * with |log1p(u) - u| <= u^2 for |u| <= 1/2, and |log1p(t) - log1p(t_m)| <= r / (1 - |t|max)
     * (proofs/double-double-interval.md section 14). For the log of an exact argument near 1, whose
     * rounding to a double-double would cost the relative precision of a result near 0.
     */
    static DoubleDoubleInterval log1p(DoubleDoubleInterval t) {
        double tMax = t.magnitudeBound();
        if (!(tMax <= 0.5)) {
            throw new InsufficientPrecisionException("log1p argument beyond 1/2");
        }
        double y0 = StrictMath.log1p(t.hi());
        // u = (1 + t_m)(1 + E1) - 1 = E1 + t_m + t_m E1 for E1 = expm1(-y0): one series for both terms
        DoubleDoubleInterval e1 = expm1(point(-y0));
        DoubleDoubleInterval tm = strip(t);
        DoubleDoubleInterval u = sum(e1, sum(tm, product(tm, e1)));
        double rho = u.magnitudeBound();
        if (!(rho <= 0.5)) {
            throw new InsufficientPrecisionException("log1p residual too large");
        }
        DoubleDoubleInterval y = widened(sum(point(y0), u), mulUp(rho, rho));
        // 1 + t >= 1 - |t|max >= 1/2 on the ball
        return widened(y, divUp(t.radius(), Math.nextDown(1 - tMax)));
    }

    /** cos or sin of the ball (h + l) +/- r, declined beyond {@link DoubleDoubleTrig#MAX_ARGUMENT}. */
    static DoubleDoubleInterval trig(DoubleDoubleTrig.Function f, double h, double l, double r) {
        DoubleDouble v = DoubleDoubleTrig.evaluate(f, h, l, r)
                .orElseThrow(() -> new InsufficientPrecisionException("cos/sin argument beyond 2^40"));
        return ball(v.hi(), v.lo(), v.errorBound());
    }

    /** asin(x) by the sign of the midpoint. */
    static DoubleDoubleInterval asin(DoubleDoubleInterval x) {
        if (x.hi() < 0) {
            return negated(asinNonNegative(negated(x)));
        }
        return asinNonNegative(x);
    }

    /** asin of a ball with a non-negative midpoint. */
    private static DoubleDoubleInterval asinNonNegative(DoubleDoubleInterval x) {
        if (x.hi() <= 0.5) {
            return asinSmall(x);
        }
        // asin(x) = pi/2 - 2 asin(sqrt((1 - x)/2)) on [0, 1]
        DoubleDoubleInterval t = asinSmall(root(scaled(sum(ONE, negated(x)), -1)));
        return sum(HALF_PI, negated(scaled(t, 1)));
    }

    /**
     * asin for |x_m| <= 1/2 (+ a little): y0 ~ asin(x_m) certified through S = sin(y0) and C = cos(y0):
     * asin(x_m) = y0 + D g(xi), D = x_m - sin(y0), g = 1/sqrt(1 - xi^2) between x_m and sin(y0), g(xi) within
     * |D| m gmax^3 of 1/cos(y0), which the ball 1/C contains; S and C by the truncated series
     * (proofs/double-double-interval.md sections 6 and 14).
     */
    private static DoubleDoubleInterval asinSmall(DoubleDoubleInterval x) {
        if (!(x.magnitudeBound() <= 0.75)) {
            throw new InsufficientPrecisionException("asin argument too close to 1");
        }
        DoubleDoubleInterval xm = strip(x);
        double y0 = StrictMath.asin(x.hi());
        DoubleDoubleInterval s = truncatedTrig(DoubleDoubleTrig.Function.SIN, y0);
        DoubleDoubleInterval cs = truncatedTrig(DoubleDoubleTrig.Function.COS, y0);
        // every xi between x_m and sin(y0), and every point of the ball x, has |xi| <= m
        double m = Math.nextUp(Math.max(x.magnitudeBound(), s.magnitudeBound()));
        DoubleDoubleInterval d = sum(xm, negated(s));
        // gmax >= 1/sqrt(1 - m^2) for every xi with |xi| <= m
        double oneMinus = Math.nextDown(1 - Math.nextUp(m * m));
        double gmax = Math.nextUp(1 / Math.nextDown(Math.sqrt(oneMinus)));
        // |g(xi) - 1/cos(y0)| <= |asin(xi) - y0| sup|sin/cos^2| <= |D| gmax (m gmax^2); 1/cos(y0) lies in the ball 1/C
        // (cos(y0) >= 0.66 here), so g(xi) lies in G, and D g(xi) in the ball product d G
        double gSpread = mulUp(mulUp(d.magnitudeBound(), gmax), mulUp(m, mulUp(gmax, gmax)));
        DoubleDoubleInterval g = widened(quotient(ONE, cs), gSpread);
        DoubleDoubleInterval y = sum(point(y0), product(d, g));
        // |asin(x) - asin(x_m)| <= r_x gmax
        return widened(y, mulUp(x.radius(), gmax));
    }

    /** sin or cos of the point y by {@link DoubleDoubleTrig#evaluateTruncated} (|y| < 2^40). */
    private static DoubleDoubleInterval truncatedTrig(DoubleDoubleTrig.Function f, double y) {
        DoubleDouble v = DoubleDoubleTrig.evaluateTruncated(f, y, 0, 0)
                .orElseThrow(() -> new InsufficientPrecisionException("cos/sin argument beyond 2^40"));
        return ball(v.hi(), v.lo(), v.errorBound());
    }

    /** acos(x) by the identities over asin. */
    static DoubleDoubleInterval acos(DoubleDoubleInterval x) {
        if (Math.abs(x.hi()) <= 0.5) {
            return sum(HALF_PI, negated(asinSmall(x))); // acos = pi/2 - asin
        }
        if (x.hi() > 0) {
            // acos(x) = 2 asin(sqrt((1 - x)/2)) on [0, 1]: keeps the relative precision near 1
            return scaled(asinSmall(root(scaled(sum(ONE, negated(x)), -1))), 1);
        }
        // acos(x) = pi - 2 asin(sqrt((1 + x)/2)) on [-1, 0]
        return sum(PI, negated(scaled(asinSmall(root(scaled(sum(ONE, x), -1))), 1)));
    }

    /** atan(x) by the identities over asin. */
    static DoubleDoubleInterval atan(DoubleDoubleInterval x) {
        DoubleDoubleInterval m = strip(x);
        if (x.hi() < 0) {
            return negated(atan(negated(x)));
        }
        if (x.magnitudeBound() > 1) {
            // atan(x) = pi/2 - atan(1/x) for x > 0; the ball of 1/x is bounded away from zero below
            if (lowerMagnitude(x) < 0.5) {
                throw new InsufficientPrecisionException("atan of a wide ball");
            }
            DoubleDoubleInterval inv = quotient(ONE, m);
            return widened(sum(HALF_PI, negated(atanAtMostOne(inv))), x.radius());
        }
        // atan is 1-Lipschitz: the radius carries over
        return widened(atanAtMostOne(m), x.radius());
    }

    /** atan(x) = asin(x / sqrt(1 + x^2)) for a point ball |x| <= 1 + a little (the argument is then <= 0.71). */
    private static DoubleDoubleInterval atanAtMostOne(DoubleDoubleInterval x) {
        if (x.magnitudeBound() <= 0x1p-60) {
            // |atan(x) - x| <= |x|^3 / 3 (alternating series)
            double b = x.magnitudeBound();
            return widened(x, mulUp(b, mulUp(b, b)));
        }
        DoubleDoubleInterval t = quotient(x, root(sum(ONE, product(x, x))));
        return asinNonNegative(t);
    }
}
