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

    /**
     * A ball held in three fields: the working register of {@link #sum}, {@link #product}, {@link #horner} and
     * {@link #quotient}, so that a chain of operations builds one record at its end instead of one per step. Each
     * method performs exactly the operations its ball counterpart is defined by (section 2), in the same order, and
     * leaves the result in (h, l, r); the range checks of {@link #ball} are {@link #check}. Not shared between threads.
     */
    private static final class Register {
        double h;
        double l;
        double r;

        /** (ah + al) + (bh + bl), both radii carried. */
        void sum(double ah, double al, double ar, double bh, double bl, double br) {
            double s = ah + bh;
            double e = ErrorFreeTransforms.twoSumError(ah, bh, s);
            double t = al + bl;
            double u = e + t;
            double hh = s + u;
            double ll = ErrorFreeTransforms.twoSumError(s, u, hh);
            // the two rounded additions' errors, exactly (TwoSum): exact additions add nothing
            double rounding = addUp(Math.abs(ErrorFreeTransforms.twoSumError(al, bl, t)), Math.abs(ErrorFreeTransforms.twoSumError(e, t, u)));
            h = hh;
            l = ll;
            r = addUp(addUp(ar, br), rounding);
        }

        /** (ah + al)(bh + bl), radii propagated: |ab - a_m b_m| <= |a_m| r_b + |b_m| r_a + r_a r_b. */
        void product(double ah, double al, double ar, double bh, double bl, double br) {
            double p = ah * bh;
            if (p == 0 ? ah != 0 && bh != 0 : Math.abs(p) < 0x1p-960) {
                throw new InsufficientPrecisionException("product too small for an exact TwoProduct");
            }
            double e = ErrorFreeTransforms.twoProductError(ah, bh, p);
            double c1 = ah * bl;
            double c2 = al * bh;
            double c = c1 + c2;
            double w = e + c;
            double hh = p + w;
            double ll = ErrorFreeTransforms.twoSumError(p, w, hh);
            // each rounded operation's error, exactly where an error-free transform gives it, else its result's ulp
            double rounding = addUp(addUp(productError(ah, bl, c1), productError(al, bh, c2)),
                    addUp(addUp(Math.abs(ErrorFreeTransforms.twoSumError(c1, c2, c)), Math.abs(ErrorFreeTransforms.twoSumError(e, c, w))),
                            mulUp(Math.abs(al), Math.abs(bl))));
            double am = Math.nextUp(Math.abs(ah) + Math.abs(al));
            double bm = Math.nextUp(Math.abs(bh) + Math.abs(bl));
            h = hh;
            l = ll;
            r = addUp(addUp(mulUp(am, br), mulUp(bm, ar)), addUp(mulUp(ar, br), rounding));
        }

        /** The register as a checked ball. */
        DoubleDoubleInterval ball() {
            return DoubleDoubleBalls.ball(h, l, r);
        }
    }

    /** (a.hi + a.lo) + (b.hi + b.lo), both radii carried. */
    static DoubleDoubleInterval sum(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        Register x = new Register();
        x.sum(a.hi(), a.lo(), a.radius(), b.hi(), b.lo(), b.radius());
        return x.ball();
    }

    static DoubleDoubleInterval negated(DoubleDoubleInterval a) {
        return new DoubleDoubleInterval(-a.hi(), -a.lo(), a.radius(), a.exact().map(Rational::negate));
    }

    /** (a.hi + a.lo)(b.hi + b.lo), radii propagated: |ab - a_m b_m| <= |a_m| r_b + |b_m| r_a + r_a r_b. */
    static DoubleDoubleInterval product(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        Register x = new Register();
        x.product(a.hi(), a.lo(), a.radius(), b.hi(), b.lo(), b.radius());
        return x.ball();
    }

    /**
     * Horner's rule {@code p = c[last]; for n = last - 1 down to first: p = sum(c[n], product(x, p))}: the very
     * operations of {@link #sum} and {@link #product} in that order (the same midpoint and radius, bit for bit, and
     * the same refusals), the intermediate balls kept in a {@link Register} (proofs/double-double-interval.md
     * section 12). Used by the exp and expm1 series.
     *
     * @throws InsufficientPrecisionException wherever the composed sum and product would
     */
    static DoubleDoubleInterval horner(DoubleDoubleInterval x, DoubleDoubleInterval[] c, int last, int first) {
        Register p = new Register();
        p.h = c[last].hi();
        p.l = c[last].lo();
        p.r = c[last].radius();
        for (int n = last - 1; n >= first; n--) {
            p.product(x.hi(), x.lo(), x.radius(), p.h, p.l, p.r);
            check(p.h, p.l, p.r);
            DoubleDoubleInterval a = c[n];
            p.sum(a.hi(), a.lo(), a.radius(), p.h, p.l, p.r);
            check(p.h, p.l, p.r);
        }
        return new DoubleDoubleInterval(p.h, p.l, p.r, Optional.empty());
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

    /**
     * a / b as a ball, for {@code bLow = divisorLowerBound(b)}: Q = q1 + q2, q1 = RN(a_h/b_h), q2 = RN(R_h/b_h) for the
     * residual ball R of a_m - q1 b_m (formed in a {@link Register} with the checks its balls made), certified by
     * |a_m/b_m - Q| = |a_m - Q b_m| / |b_m|, where a_m - Q b_m = R* - q2 b_m is bounded in doubles from R and one fma
     * (proofs/double-double-interval.md section 13): one residual instead of two.
     */
    static DoubleDoubleInterval quotient(DoubleDoubleInterval a, DoubleDoubleInterval b, double bLow) {
        Register x = new Register();
        double q1 = a.hi() / b.hi();
        check(q1, 0, 0); // point(q1)
        x.product(q1, 0, 0, b.hi(), b.lo(), 0);
        check(x.h, x.l, x.r);
        x.sum(a.hi(), a.lo(), 0, -x.h, -x.l, x.r);
        check(x.h, x.l, x.r);
        double q2 = x.h / b.hi();
        double qh = q1 + q2;
        double ql = ErrorFreeTransforms.twoSumError(q1, q2, qh);
        check(qh, ql, 0); // ball(qh, ql, 0)
        // a_m - Q b_m = R* - q2 b_h - q2 b_l with |R* - (R_h + R_l)| <= r_R; RN(R_h - q2 b_h) by fma and RN(q2 b_l) are
        // each within their ulp of the exact value
        double rem = Math.fma(-q2, b.hi(), x.h);
        double tail = q2 * b.lo();
        double residualBound = addUp(addUp(addUp(Math.abs(rem), Math.ulp(rem)), addUp(Math.abs(tail), Math.ulp(tail))),
                addUp(Math.abs(x.l), x.r));
        double bMidLow = Math.max(0, Math.nextDown(Math.nextDown(Math.abs(b.hi()) - Math.abs(b.lo())))); // lowerMagnitude(strip(b))
        double delta = divUp(residualBound, bMidLow);
        // |a/b - a_m/b_m| <= (r_a + |a_m/b_m| r_b) / (|b_m| - r_b)
        double qBound = addUp(Math.nextUp(Math.nextUp(Math.abs(qh) + Math.abs(ql))), delta); // q.magnitudeBound(), radius 0
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
        Register r0 = new Register();
        r0.product(s0, 0, 0, s0, 0, 0);
        check(r0.h, r0.l, r0.r);
        r0.sum(x.hi(), x.lo(), 0, -r0.h, -r0.l, r0.r); // R0 contains x_m - s0^2
        check(r0.h, r0.l, r0.r);
        double c = r0.h / (2 * s0);
        double sh = s0 + c;
        double sl = ErrorFreeTransforms.twoSumError(s0, c, sh);
        DoubleDoubleInterval s = ball(sh, sl, 0);
        // x_m - S^2 = R0* - 2 s0 c - c^2 (S = s0 + c exactly); RN(R0_h - 2 s0 c) by fma is within its ulp
        double rem = Math.fma(-2 * s0, c, r0.h);
        double residualBound = addUp(addUp(addUp(Math.abs(rem), Math.ulp(rem)), mulUp(Math.abs(c), Math.abs(c))), addUp(Math.abs(r0.l), r0.r));
        double sLow = lowerMagnitude(s);
        double delta = divUp(residualBound, sLow);
        // |sqrt(x) - sqrt(x_m)| = |x - x_m| / (sqrt(x) + sqrt(x_m)) <= r_x / sqrt(x_m), sqrt(x_m) >= S - delta
        double rootLow = Math.nextDown(sLow - delta);
        if (!(rootLow > 0)) {
            throw new InsufficientPrecisionException("sqrt of a ball too close to zero");
        }
        // |sqrt(y) - sqrt(x_m)| = |y - x_m| / (sqrt(y) + sqrt(x_m)) and sqrt(y) >= sqrt(x_m - r_x) >= 0: the denominator
        // is at least rootLow + a lower bound on sqrt of the ball's lower end (0 gives the bound r_x / sqrt(x_m) of before)
        double lowEnd = Math.nextDown(Math.nextDown(x.hi() + x.lo()) - x.radius());
        double lowEndRoot = lowEnd > 0 ? Math.max(0, Math.nextDown(Math.sqrt(lowEnd))) : 0;
        double denominator = Math.nextDown(rootLow + lowEndRoot);
        return ball(sh, sl, addUp(delta, divUp(x.radius(), denominator)));
    }
}
