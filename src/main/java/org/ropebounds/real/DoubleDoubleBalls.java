package org.ropebounds.real;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * The ball primitives of {@link DoubleDoubleIntervalArithmetic}, with no exactness tracking: building and
 * range-checking double-double balls, directed sums and products of non-negative bounds, and the sum,
 * product, quotient and square root of balls, each rounding error counted in the radius. {@code
 * proofs/double-double-interval.md} sections 1 to 3 derive every term. Stateless; thread-safe.
 */
final class DoubleDoubleBalls {
    private static final double MIN_MAGNITUDE = 0x1p-900;
    private static final double MAX_MAGNITUDE = 0x1p900;

    private DoubleDoubleBalls() {
    }

    // ---------------------------------------------------------------- construction

    /** The smallest double-double ball containing [lo, hi], up to the representation error of its midpoint. */
    static DoubleDoubleInterval ballOf(Rational lo, Rational hi) {
        Rational mid = lo.equals(hi) ? lo : lo.add(hi).multiply(Rational.of(BigInteger.ONE, BigInteger.TWO));
        double h = mid.toDouble(RoundingMode.NEAREST_EVEN);
        if (!Double.isFinite(h) || (h != 0 && (Math.abs(h) < MIN_MAGNITUDE || Math.abs(h) > MAX_MAGNITUDE))
                || (h == 0 && !mid.isZero())) {
            throw new InsufficientPrecisionException("magnitude outside the double-double level's range");
        }
        Rational rest = mid.subtract(exact(h));
        double l = rest.toDouble(RoundingMode.NEAREST_EVEN);
        Rational err = rest.subtract(exact(l)).abs().add(hi.subtract(mid));
        double r = err.isZero() ? 0 : err.toDouble(RoundingMode.TOWARD_POSITIVE);
        return new DoubleDoubleInterval(h, l, r, Optional.empty());
    }

    /**
     * The ball of p/q for integers p and q with |p| < 2^53 and 1 <= q < 2^53 (exact doubles): h = RN(p/q),
     * l = RN((p - hq)/q), radius |(p - hq) - lq| / q rounded up; both remainders are exact by fma
     * (proofs/double-double-interval.md section 1, the division remainder). Radius 0 when p/q = h + l.
     */
    static DoubleDoubleInterval ratio(double p, double q) {
        double h = p / q;
        double rem = Math.fma(-h, q, p); // p - hq exactly: the remainder of a correctly rounded quotient is a double
        double l = rem / q;
        double rem2 = Math.fma(-l, q, rem); // rem - lq exactly, for the same reason
        return ball(h, l, rem2 == 0 ? 0 : divUp(Math.abs(rem2), q));
    }

    static Rational exact(double x) {
        return BinaryRational.ofDouble(x).toRational();
    }

    /** A ball, checked: every part finite, the midpoint zero or of magnitude within [2^-900, 2^900]. */
    static DoubleDoubleInterval ball(double h, double l, double r) {
        double a = Math.abs(h);
        if (!(a <= MAX_MAGNITUDE) || (a != 0 && a < MIN_MAGNITUDE) || (a == 0 && l != 0)) {
            throw new InsufficientPrecisionException("magnitude outside the double-double level's range");
        }
        return new DoubleDoubleInterval(h, l, r, Optional.empty());
    }

    static DoubleDoubleInterval widened(DoubleDoubleInterval x, double extra) {
        return ball(x.hi(), x.lo(), addUp(x.radius(), extra));
    }

    // ---------------------------------------------------------------- directed sums and products of bounds (>= 0)

    static double addUp(double a, double b) {
        return a == 0 ? b : b == 0 ? a : Math.nextUp(a + b);
    }

    static double mulUp(double a, double b) {
        return a == 0 || b == 0 ? 0 : Math.nextUp(a * b);
    }

    static double divUp(double a, double b) {
        return a == 0 ? 0 : Math.nextUp(a / b);
    }

    /** A lower bound on |x| over the ball (0 when the ball reaches zero). */
    static double lowerMagnitude(DoubleDoubleInterval x) {
        double v = Math.nextDown(Math.nextDown(Math.abs(x.hi()) - Math.abs(x.lo())) - x.radius());
        return Math.max(0, v);
    }

    // ---------------------------------------------------------------- the double-double core (midpoints; radius = rounding only)

    /** (a.hi + a.lo) + (b.hi + b.lo), both radii carried. */
    static DoubleDoubleInterval sum(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        double s = a.hi() + b.hi();
        double e = ErrorFreeTransforms.twoSumError(a.hi(), b.hi(), s);
        double t = a.lo() + b.lo();
        double u = e + t;
        double h = s + u;
        double l = ErrorFreeTransforms.twoSumError(s, u, h);
        // the two rounded additions' errors, exactly (TwoSum): exact additions add nothing
        double rounding = addUp(Math.abs(ErrorFreeTransforms.twoSumError(a.lo(), b.lo(), t)),
                Math.abs(ErrorFreeTransforms.twoSumError(e, t, u)));
        return ball(h, l, addUp(addUp(a.radius(), b.radius()), rounding));
    }

    static DoubleDoubleInterval negated(DoubleDoubleInterval a) {
        return new DoubleDoubleInterval(-a.hi(), -a.lo(), a.radius(), a.exact().map(Rational::negate));
    }

    /** (a.hi + a.lo)(b.hi + b.lo), radii propagated: |ab - a_m b_m| <= |a_m| r_b + |b_m| r_a + r_a r_b. */
    static DoubleDoubleInterval product(DoubleDoubleInterval a, DoubleDoubleInterval b) {
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
        // each rounded operation's error, exactly where an error-free transform gives it, else its result's ulp
        double rounding = addUp(addUp(productError(a.hi(), b.lo(), c1), productError(a.lo(), b.hi(), c2)),
                addUp(addUp(Math.abs(ErrorFreeTransforms.twoSumError(c1, c2, c)), Math.abs(ErrorFreeTransforms.twoSumError(e, c, w))),
                        mulUp(Math.abs(a.lo()), Math.abs(b.lo()))));
        double am = Math.nextUp(Math.abs(a.hi()) + Math.abs(a.lo()));
        double bm = Math.nextUp(Math.abs(b.hi()) + Math.abs(b.lo()));
        double r = addUp(addUp(mulUp(am, b.radius()), mulUp(bm, a.radius())), addUp(mulUp(a.radius(), b.radius()), rounding));
        return ball(h, l, r);
    }

    /**
     * Horner's rule {@code p = c[last]; for n = last - 1 down to first: p = sum(c[n], product(x, p))}, the very
     * floating-point operations of {@link #sum} and {@link #product} in that order (the same midpoint and radius,
     * bit for bit, and the same refusals), with the intermediate balls kept in local doubles instead of records
     * (proofs/double-double-interval.md section 12). Used by the exp and expm1 series.
     *
     * @throws InsufficientPrecisionException wherever the composed sum and product would
     */
    static DoubleDoubleInterval horner(DoubleDoubleInterval x, DoubleDoubleInterval[] c, int last, int first) {
        double xh = x.hi();
        double xl = x.lo();
        double xr = x.radius();
        double xm = Math.nextUp(Math.abs(xh) + Math.abs(xl));
        double ph = c[last].hi();
        double pl = c[last].lo();
        double pr = c[last].radius();
        for (int n = last - 1; n >= first; n--) {
            // product(x, p)
            double p = xh * ph;
            if (p == 0 ? xh != 0 && ph != 0 : Math.abs(p) < 0x1p-960) {
                throw new InsufficientPrecisionException("product too small for an exact TwoProduct");
            }
            double e = ErrorFreeTransforms.twoProductError(xh, ph, p);
            double c1 = xh * pl;
            double c2 = xl * ph;
            double cs = c1 + c2;
            double w = e + cs;
            double qh = p + w;
            double ql = ErrorFreeTransforms.twoSumError(p, w, qh);
            double rounding = addUp(addUp(productError(xh, pl, c1), productError(xl, ph, c2)),
                    addUp(addUp(Math.abs(ErrorFreeTransforms.twoSumError(c1, c2, cs)), Math.abs(ErrorFreeTransforms.twoSumError(e, cs, w))),
                            mulUp(Math.abs(xl), Math.abs(pl))));
            double pm = Math.nextUp(Math.abs(ph) + Math.abs(pl));
            double qr = addUp(addUp(mulUp(xm, pr), mulUp(pm, xr)), addUp(mulUp(xr, pr), rounding));
            check(qh, ql, qr);
            // sum(c[n], q)
            DoubleDoubleInterval a = c[n];
            double s = a.hi() + qh;
            double se = ErrorFreeTransforms.twoSumError(a.hi(), qh, s);
            double t = a.lo() + ql;
            double u = se + t;
            double h = s + u;
            double l = ErrorFreeTransforms.twoSumError(s, u, h);
            double sumRounding = addUp(Math.abs(ErrorFreeTransforms.twoSumError(a.lo(), ql, t)), Math.abs(ErrorFreeTransforms.twoSumError(se, t, u)));
            double r = addUp(addUp(a.radius(), qr), sumRounding);
            check(h, l, r);
            ph = h;
            pl = l;
            pr = r;
        }
        return new DoubleDoubleInterval(ph, pl, pr, Optional.empty());
    }

    /** The checks of {@link #ball} and of the record's constructor, without building the ball. */
    private static void check(double h, double l, double r) {
        double a = Math.abs(h);
        if (!(a <= MAX_MAGNITUDE) || (a != 0 && a < MIN_MAGNITUDE) || (a == 0 && l != 0)) {
            throw new InsufficientPrecisionException("magnitude outside the double-double level's range");
        }
        if (!Double.isFinite(l) || !(r >= 0) || !Double.isFinite(r)) {
            throw new InsufficientPrecisionException("no finite double-double enclosure " + h + " + " + l + " +/- " + r);
        }
    }

    /** |x y - p| for p = RN(x y): exact by fma when |p| >= 2^-960, else ulp(p) (at least twice the error). */
    private static double productError(double x, double y, double p) {
        return Math.abs(p) >= 0x1p-960 ? Math.abs(ErrorFreeTransforms.twoProductError(x, y, p)) : p == 0 && (x == 0 || y == 0) ? 0 : Math.ulp(p);
    }

    static DoubleDoubleInterval point(double x) {
        return ball(x, 0, 0);
    }

    /** x 2^k, exact for the midpoint when its parts stay normal; the radius rounded up. */
    static DoubleDoubleInterval scaled(DoubleDoubleInterval x, int k) {
        double h = Math.scalb(x.hi(), k);
        double l = Math.scalb(x.lo(), k);
        if (l != 0 && Math.abs(l) < Double.MIN_NORMAL) {
            throw new InsufficientPrecisionException("double-double underflow");
        }
        double r = x.radius() == 0 ? 0 : Math.nextUp(Math.scalb(x.radius(), k));
        return ball(h, l, r);
    }

    /** The midpoint alone, radius 0. */
    static DoubleDoubleInterval strip(DoubleDoubleInterval x) {
        return new DoubleDoubleInterval(x.hi(), x.lo(), 0, Optional.empty());
    }

    // ---------------------------------------------------------------- quotient and square root: a guess certified by its residual

    /** A lower bound {@code > 0} on |b| over a divisor ball; declines a ball that reaches zero. */
    static double divisorLowerBound(DoubleDoubleInterval b) {
        double bLow = lowerMagnitude(b);
        if (!(bLow > 0)) {
            throw new InsufficientPrecisionException("division by a ball that reaches zero");
        }
        return bLow;
    }

    /** a / b as a ball, b bounded away from zero (else declined). */
    static DoubleDoubleInterval quotient(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        return quotient(a, b, divisorLowerBound(b));
    }

    /** a / b as a ball, for {@code bLow = divisorLowerBound(b)}. */
    static DoubleDoubleInterval quotient(DoubleDoubleInterval a, DoubleDoubleInterval b, double bLow) {
        // Q ~ a_m / b_m by one correction step, certified by the residual: |a_m/b_m - Q| <= |a_m - Q b_m| / |b_m|
        double q1 = a.hi() / b.hi();
        DoubleDoubleInterval r1 = sum(strip(a), negated(product(point(q1), strip(b))));
        double q2 = r1.hi() / b.hi();
        double qh = q1 + q2;
        double ql = ErrorFreeTransforms.twoSumError(q1, q2, qh);
        DoubleDoubleInterval q = ball(qh, ql, 0);
        DoubleDoubleInterval residual = sum(strip(a), negated(product(q, strip(b))));
        double bMidLow = lowerMagnitude(strip(b));
        double delta = divUp(residual.magnitudeBound(), bMidLow);
        // |a/b - a_m/b_m| <= (r_a + |a_m/b_m| r_b) / (|b_m| - r_b)
        double qBound = addUp(q.magnitudeBound(), delta);
        double spread = divUp(addUp(a.radius(), mulUp(qBound, b.radius())), bLow);
        return ball(qh, ql, addUp(delta, spread));
    }

    /** sqrt(x) as a ball, for a ball above zero (else declined). */
    static DoubleDoubleInterval root(DoubleDoubleInterval x) {
        if (x.hi() <= 0 || Math.nextDown(Math.nextDown(x.hi() + x.lo()) - x.radius()) < 0) {
            throw new InsufficientPrecisionException("sqrt of a ball reaching below zero");
        }
        // S ~ sqrt(x_m) by one Newton step; |sqrt(x_m) - S| = |x_m - S^2| / (sqrt(x_m) + S) <= |x_m - S^2| / S
        double s0 = Math.sqrt(x.hi());
        DoubleDoubleInterval r0 = sum(strip(x), negated(product(point(s0), point(s0))));
        double c = r0.hi() / (2 * s0);
        double sh = s0 + c;
        double sl = ErrorFreeTransforms.twoSumError(s0, c, sh);
        DoubleDoubleInterval s = ball(sh, sl, 0);
        DoubleDoubleInterval residual = sum(strip(x), negated(product(s, s)));
        double sLow = lowerMagnitude(s);
        double delta = divUp(residual.magnitudeBound(), sLow);
        // |sqrt(x) - sqrt(x_m)| = |x - x_m| / (sqrt(x) + sqrt(x_m)) <= r_x / sqrt(x_m), sqrt(x_m) >= S - delta
        double rootLow = Math.nextDown(sLow - delta);
        if (!(rootLow > 0)) {
            throw new InsufficientPrecisionException("sqrt of a ball too close to zero");
        }
        return ball(sh, sl, addUp(delta, divUp(x.radius(), rootLow)));
    }
}
