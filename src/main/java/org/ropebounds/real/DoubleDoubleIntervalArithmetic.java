package org.ropebounds.real;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * Ball arithmetic in double-doubles (about 32 significant digits, some 30 after a formula's worth of
 * operations), the level between {@link DoubleIntervalArithmetic} and {@link EnclosureArithmetic}. Each
 * value is a double-double midpoint and a radius ({@link DoubleDoubleInterval}); every operation
 * returns a ball that contains the exact result for every point of its arguments. The bound is the
 * machinery of {@link DoubleDoubleTrig}, generalised: a rounded floating-point operation adds the ulp of
 * its result (at least twice its error) to the radius, TwoSum and TwoProduct (fma) add nothing, and
 * sums and products of radii are rounded upward ({@link Math#nextUp}). Transcendental functions are a
 * Taylor series with a proven remainder (exp, expm1), {@link DoubleDoubleTrig} (cos, sin), or a
 * double-precision guess certified by its residual through the functions already proven (log through
 * exp, asin through sin and cos); acos, atan and pow are identities over those. {@code
 * proofs/double-double-interval.md} derives every term.
 *
 * <p>Exactness as {@link EnclosureArithmetic} at {@code exactBits} keeps it: exact arguments give exact
 * results where that arithmetic's would be exact (+, -, *, / of exact values, rational roots and powers,
 * the functions' trivial points), so that a value decided here prints exactly as the next level would
 * print it. Never throws anything but {@link InsufficientPrecisionException}: domain errors, magnitudes
 * outside [2^-900, 2^900], and arguments it cannot bound are left to the next level, which decides or
 * reports them as before. Immutable and thread-safe.
 */
public final class DoubleDoubleIntervalArithmetic implements Arithmetic<DoubleDoubleInterval> {
    private static final double MIN_MAGNITUDE = 0x1p-900;
    private static final double MAX_MAGNITUDE = 0x1p900;
    /** Taylor terms of exp and expm1: the remainder, at most 2 |r|^25/25! for |r| <= 0.36, is below 2^-119. */
    private static final int EXP_TERMS = 24;
    private static final DoubleDoubleInterval[] INV_FACT = new DoubleDoubleInterval[EXP_TERMS + 3];
    private static final DoubleDoubleInterval PI;
    private static final DoubleDoubleInterval HALF_PI;
    private static final DoubleDoubleInterval LN2;
    private static final DoubleDoubleInterval ONE;
    private static final DoubleDoubleInterval ZERO_POINT = new DoubleDoubleInterval(0, 0, 0, Optional.empty());

    static {
        ONE = new DoubleDoubleInterval(1, 0, 0, Optional.empty());
        Rational f = Rational.ONE;
        for (int n = 0; n < INV_FACT.length; n++) {
            if (n > 0) {
                f = f.divide(Rational.of(n));
            }
            INV_FACT[n] = ballOf(f, f);
        }
        Enclosure pi = new EnclosureArithmetic(320).pi();
        PI = ballOf(pi.lo(), pi.hi());
        Rational half = Rational.of(BigInteger.ONE, BigInteger.TWO);
        HALF_PI = ballOf(pi.lo().multiply(half), pi.hi().multiply(half));
        Enclosure ln2 = new EnclosureArithmetic(320).log(Enclosure.exact(2));
        LN2 = ballOf(ln2.lo(), ln2.hi());
    }

    private final EnclosureArithmetic exactLevel;

    /**
     * Double-double balls whose exact values follow {@link EnclosureArithmetic}{@code (exactBits)}'s rules.
     *
     * @param exactBits the precision of the enclosure level that follows this one
     * @throws IllegalArgumentException unless exactBits is within EnclosureArithmetic's range
     */
    public DoubleDoubleIntervalArithmetic(int exactBits) {
        this.exactLevel = new EnclosureArithmetic(exactBits);
    }

    /** The precision in bits of the enclosure level whose exactness rules this level follows. */
    public int exactBits() {
        return exactLevel.bits();
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

    private static Rational exact(double x) {
        return BinaryRational.ofDouble(x).toRational();
    }

    /** A ball, checked: every part finite, the midpoint zero or of magnitude within [2^-900, 2^900]. */
    private static DoubleDoubleInterval ball(double h, double l, double r) {
        double a = Math.abs(h);
        if (!(a <= MAX_MAGNITUDE) || (a != 0 && a < MIN_MAGNITUDE) || (a == 0 && l != 0)) {
            throw new InsufficientPrecisionException("magnitude outside the double-double level's range");
        }
        return new DoubleDoubleInterval(h, l, r, Optional.empty());
    }

    private static DoubleDoubleInterval withExact(DoubleDoubleInterval x, Enclosure e) {
        return e.isExact() ? new DoubleDoubleInterval(x.hi(), x.lo(), x.radius(), Optional.of(e.lo())) : x;
    }

    private static DoubleDoubleInterval widened(DoubleDoubleInterval x, double extra) {
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
    private static double lowerMagnitude(DoubleDoubleInterval x) {
        double v = Math.nextDown(Math.nextDown(Math.abs(x.hi()) - Math.abs(x.lo())) - x.radius());
        return Math.max(0, v);
    }

    // ---------------------------------------------------------------- the double-double core (midpoints; radius = rounding only)

    /** (a.hi + a.lo) + (b.hi + b.lo), both radii carried. */
    private static DoubleDoubleInterval sum(DoubleDoubleInterval a, DoubleDoubleInterval b) {
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

    private static DoubleDoubleInterval negated(DoubleDoubleInterval a) {
        return new DoubleDoubleInterval(-a.hi(), -a.lo(), a.radius(), a.exact().map(Rational::negate));
    }

    /** (a.hi + a.lo)(b.hi + b.lo), radii propagated: |ab - a_m b_m| <= |a_m| r_b + |b_m| r_a + r_a r_b. */
    private static DoubleDoubleInterval product(DoubleDoubleInterval a, DoubleDoubleInterval b) {
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

    /** |x y - p| for p = RN(x y): exact by fma when |p| >= 2^-960, else ulp(p) (at least twice the error). */
    private static double productError(double x, double y, double p) {
        return Math.abs(p) >= 0x1p-960 ? Math.abs(ErrorFreeTransforms.twoProductError(x, y, p)) : p == 0 && (x == 0 || y == 0) ? 0 : Math.ulp(p);
    }

    private static DoubleDoubleInterval point(double x) {
        return ball(x, 0, 0);
    }

    /** x 2^k, exact for the midpoint when its parts stay normal; the radius rounded up. */
    private static DoubleDoubleInterval scaled(DoubleDoubleInterval x, int k) {
        double h = Math.scalb(x.hi(), k);
        double l = Math.scalb(x.lo(), k);
        if (l != 0 && Math.abs(l) < Double.MIN_NORMAL) {
            throw new InsufficientPrecisionException("double-double underflow");
        }
        double r = x.radius() == 0 ? 0 : Math.nextUp(Math.scalb(x.radius(), k));
        return ball(h, l, r);
    }

    private static boolean isExactZero(DoubleDoubleInterval x) {
        return x.exact().map(Rational::isZero).orElse(false);
    }

    /** Whether x is exact and one of the points where a function may be exact (0, 1, -1). */
    private static boolean isTrivialPoint(DoubleDoubleInterval x) {
        return x.exact().map(v -> v.isZero() || v.abs().equals(Rational.ONE)).orElse(false);
    }

    /** f at an exact trivial point as the enclosure level computes it, as a ball (exact when it is). */
    private DoubleDoubleInterval atTrivialPoint(java.util.function.UnaryOperator<Enclosure> f, DoubleDoubleInterval x) {
        Enclosure e;
        try {
            e = f.apply(Enclosure.exact(x.exact().orElseThrow()));
        } catch (InsufficientPrecisionException ex) {
            throw ex;
        } catch (ArithmeticException ex) {
            throw new InsufficientPrecisionException(ex.getMessage());
        }
        DoubleDoubleInterval b = ballOf(e.lo(), e.hi());
        return withExact(b, e);
    }

    private DoubleDoubleInterval exactly(java.util.function.BinaryOperator<Enclosure> f, DoubleDoubleInterval a,
            DoubleDoubleInterval b, DoubleDoubleInterval approx) {
        if (a.exact().isPresent() && b.exact().isPresent()) {
            Enclosure e;
            try {
                e = f.apply(Enclosure.exact(a.exact().get()), Enclosure.exact(b.exact().get()));
            } catch (ArithmeticException ex) {
                throw new InsufficientPrecisionException(ex.getMessage());
            }
            return withExact(approx, e);
        }
        return approx;
    }

    // ---------------------------------------------------------------- Arithmetic

    @Override
    public DoubleDoubleInterval of(Rational x) {
        BigInteger n = x.numerator();
        DoubleDoubleInterval b = x.denominator().equals(BigInteger.ONE) && n.bitLength() <= 53
                ? point(n.doubleValue()) : ballOf(x, x);
        return new DoubleDoubleInterval(b.hi(), b.lo(), b.radius(), Optional.of(x));
    }

    @Override
    public DoubleDoubleInterval add(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        return exactly(exactLevel::add, a, b, sum(a, b));
    }

    @Override
    public DoubleDoubleInterval subtract(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        return exactly(exactLevel::subtract, a, b, sum(a, negated(b)));
    }

    @Override
    public DoubleDoubleInterval multiply(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        if (isExactZero(a) || isExactZero(b)) {
            return new DoubleDoubleInterval(0, 0, 0, Optional.of(Rational.ZERO)); // as the enclosure level: 0 x [l, h] = 0
        }
        return exactly(exactLevel::multiply, a, b, product(a, b));
    }

    @Override
    public DoubleDoubleInterval max(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        if (a.exact().isPresent() && b.exact().isPresent()) {
            return a.exact().get().compareTo(b.exact().get()) >= 0 ? a : b;
        }
        if (a.exact().isPresent() || b.exact().isPresent()) {
            // the enclosure level's max of an exact value and a non-point may or may not be exact
            throw new InsufficientPrecisionException("max of an exact value and an enclosure");
        }
        // upper ends: hi_a - hi_b = (m_a - m_b) + (r_a - r_b); the difference's own rounding is its radius
        DoubleDoubleInterval d = sum(strip(a), negated(strip(b)));
        double scale = Math.abs(d.hi()) + Math.abs(d.lo()) + a.radius() + b.radius() + d.radius();
        double slack = 8 * Math.ulp(scale);
        double mid = d.hi() + (d.lo() + (a.radius() - b.radius()));
        if (mid - d.radius() > slack) {
            return a;
        }
        if (mid + d.radius() < -slack) {
            return b;
        }
        // undecided which upper end is higher: a's midpoint with a radius reaching over b's ball
        double reach = addUp(addUp(Math.nextUp(Math.abs(d.hi()) + Math.abs(d.lo())), d.radius()), b.radius());
        return ball(a.hi(), a.lo(), addUp(Math.max(a.radius(), reach), slack));
    }

    /** The midpoint alone, radius 0. */
    private static DoubleDoubleInterval strip(DoubleDoubleInterval x) {
        return new DoubleDoubleInterval(x.hi(), x.lo(), 0, Optional.empty());
    }

    @Override
    public DoubleDoubleInterval divide(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        if (isExactZero(b)) {
            throw new InsufficientPrecisionException("division by zero (left to the enclosure level)");
        }
        double bLow = lowerMagnitude(b);
        if (!(bLow > 0)) {
            throw new InsufficientPrecisionException("division by a ball that reaches zero");
        }
        if (isExactZero(a)) {
            return new DoubleDoubleInterval(0, 0, 0, Optional.of(Rational.ZERO));
        }
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
        DoubleDoubleInterval out = ball(qh, ql, addUp(delta, spread));
        return exactly(exactLevel::divide, a, b, out);
    }

    @Override
    public DoubleDoubleInterval sqrt(DoubleDoubleInterval x) {
        if (x.exact().isPresent()) {
            Rational v = x.exact().get();
            if (v.signum() < 0) {
                throw new InsufficientPrecisionException("sqrt of a negative number (left to the enclosure level)");
            }
            Optional<Rational> root = Roots.exactRoot(v, 2);
            if (root.isPresent()) {
                Enclosure e = exactLevel.outward(root.get(), root.get());
                DoubleDoubleInterval b = v.isZero() ? ZERO_POINT : ballOf(e.lo(), e.hi());
                return withExact(b, e);
            }
        }
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

    @Override
    public DoubleDoubleInterval exp(DoubleDoubleInterval x) {
        if (isExactZero(x)) {
            return atTrivialPoint(exactLevel::exp, x);
        }
        if (!(x.radius() <= 0.5)) {
            throw new InsufficientPrecisionException("exp of a wide ball");
        }
        DoubleDoubleInterval e = expOfMidpoint(strip(x));
        // |exp(x) - exp(x_m)| <= exp(x_m)(e^r - 1) <= |E| r (1 + 2r) for r <= 1
        return widened(e, mulUp(e.magnitudeBound(), mulUp(x.radius(), Math.nextUp(1 + 2 * x.radius()))));
    }

    /** exp of the point m: exp(m) = 2^k exp(r), r = m - k ln 2, |r| <= 0.35, by Horner's rule with the remainder. */
    private static DoubleDoubleInterval expOfMidpoint(DoubleDoubleInterval m) {
        if (!(Math.abs(m.hi()) <= 600)) {
            throw new InsufficientPrecisionException("exp argument beyond the double-double level's range");
        }
        if (Math.abs(m.hi()) <= 0x1p-200) {
            // |e^m - 1 - m| <= m^2 for |m| <= 1 (the series' tail past m, at most m^2 (e - 2))
            double b = m.magnitudeBound();
            return widened(sum(ONE, m), mulUp(b, b));
        }
        double k = Math.rint(m.hi() / 0.6931471805599453);
        DoubleDoubleInterval r = k == 0 ? m : sum(m, negated(product(point(k), LN2)));
        double rho = r.magnitudeBound();
        if (!(rho <= 0.36)) {
            throw new InsufficientPrecisionException("exp reduction failed");
        }
        DoubleDoubleInterval p = INV_FACT[EXP_TERMS];
        for (int n = EXP_TERMS - 1; n >= 0; n--) {
            p = sum(INV_FACT[n], product(r, p));
        }
        p = widened(p, taylorRemainder(rho, EXP_TERMS + 1));
        return scaled(p, (int) k);
    }

    /** A bound on sum_{n >= first} rho^n / n! for 0 <= rho <= 1: twice the first term (the ratios are <= 1/2). */
    private static double taylorRemainder(double rho, int first) {
        return mulUp(mulUp(Math.nextUp(Math.pow(rho, first)), INV_FACT[first].magnitudeBound()), 2.0);
    }

    @Override
    public DoubleDoubleInterval expm1(DoubleDoubleInterval x) {
        if (isExactZero(x)) {
            return new DoubleDoubleInterval(0, 0, 0, Optional.of(Rational.ZERO)); // as the enclosure level
        }
        if (!(x.radius() <= 0.5)) {
            throw new InsufficientPrecisionException("expm1 of a wide ball");
        }
        DoubleDoubleInterval m = strip(x);
        DoubleDoubleInterval v;
        if (m.magnitudeBound() <= 0x1p-200) {
            double b = m.magnitudeBound();
            v = widened(m, mulUp(b, b)); // |expm1(m) - m| <= m^2 for |m| <= 1
        } else if (m.magnitudeBound() <= 0.35) {
            // expm1(m) = m sum_{n >= 0} m^n / (n+1)!, the remainder past n = EXP_TERMS - 1 as for exp
            DoubleDoubleInterval p = INV_FACT[EXP_TERMS];
            for (int n = EXP_TERMS - 1; n >= 1; n--) {
                p = sum(INV_FACT[n], product(m, p));
            }
            v = widened(product(m, p), taylorRemainder(m.magnitudeBound(), EXP_TERMS + 1));
        } else {
            v = sum(expOfMidpoint(m), negated(ONE));
        }
        // the derivative is exp <= 1 + |expm1(m)|, times (e^r - 1) <= r (1 + 2r)
        double slope = addUp(1, v.magnitudeBound());
        return widened(v, mulUp(slope, mulUp(x.radius(), Math.nextUp(1 + 2 * x.radius()))));
    }

    @Override
    public DoubleDoubleInterval log(DoubleDoubleInterval x) {
        if (x.exact().isPresent() && x.exact().get().equals(Rational.ONE)) {
            return atTrivialPoint(exactLevel::log, x);
        }
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

    @Override
    public DoubleDoubleInterval pow(DoubleDoubleInterval x, DoubleDoubleInterval y) {
        if (x.exact().isPresent() && y.exact().isPresent()) {
            Optional<Rational> exact = Roots.exactPower(x.exact().get(), y.exact().get(), 8L * exactLevel.bits() + 1024);
            if (exact.isPresent()) {
                Rational v = exact.get();
                DoubleDoubleInterval b = v.isZero() ? ZERO_POINT : ballOf(v, v);
                return new DoubleDoubleInterval(b.hi(), b.lo(), b.radius(), Optional.of(v));
            }
        }
        if (isExactZero(x)) {
            if (y.hi() > 0 && lowerMagnitude(y) > 0) {
                return new DoubleDoubleInterval(0, 0, 0, Optional.of(Rational.ZERO));
            }
            throw new InsufficientPrecisionException("pow of a zero base (left to the enclosure level)");
        }
        return exp(product(y, log(x)));
    }

    @Override
    public DoubleDoubleInterval cos(DoubleDoubleInterval x) {
        return periodic(x, DoubleDoubleTrig.Function.COS, exactLevel::cos);
    }

    @Override
    public DoubleDoubleInterval sin(DoubleDoubleInterval x) {
        return periodic(x, DoubleDoubleTrig.Function.SIN, exactLevel::sin);
    }

    private DoubleDoubleInterval periodic(DoubleDoubleInterval x, DoubleDoubleTrig.Function f, java.util.function.UnaryOperator<Enclosure> exactF) {
        if (isExactZero(x)) {
            return atTrivialPoint(exactF, x);
        }
        return trig(f, x.hi(), x.lo(), x.radius());
    }

    private static DoubleDoubleInterval trig(DoubleDoubleTrig.Function f, double h, double l, double r) {
        DoubleDouble v = DoubleDoubleTrig.evaluate(f, h, l, r)
                .orElseThrow(() -> new InsufficientPrecisionException("cos/sin argument beyond 2^40"));
        return ball(v.hi(), v.lo(), v.errorBound());
    }

    @Override
    public DoubleDoubleInterval asin(DoubleDoubleInterval x) {
        if (isTrivialPoint(x)) {
            return atTrivialPoint(exactLevel::asin, x);
        }
        if (x.hi() < 0) {
            return negated(asinNonNegative(negated(x)));
        }
        return asinNonNegative(x);
    }

    /** asin of a ball with a non-negative midpoint. */
    private DoubleDoubleInterval asinNonNegative(DoubleDoubleInterval x) {
        if (x.hi() <= 0.5) {
            return asinSmall(x);
        }
        // asin(x) = pi/2 - 2 asin(sqrt((1 - x)/2)) on [0, 1]
        DoubleDoubleInterval t = asinSmall(sqrt(scaled(sum(ONE, negated(x)), -1)));
        return sum(HALF_PI, negated(scaled(t, 1)));
    }

    /**
     * asin for |x_m| <= 1/2 (+ a little): y0 ~ asin(x_m) certified through S = sin(y0) and C = cos(y0):
     * asin(x_m) = y0 + D g(xi), D = x_m - sin(y0), g = 1/sqrt(1 - xi^2) between x_m and sin(y0).
     */
    private static DoubleDoubleInterval asinSmall(DoubleDoubleInterval x) {
        if (!(x.magnitudeBound() <= 0.75)) {
            throw new InsufficientPrecisionException("asin argument too close to 1");
        }
        DoubleDoubleInterval xm = strip(x);
        double y0 = StrictMath.asin(x.hi());
        DoubleDoubleInterval s = trig(DoubleDoubleTrig.Function.SIN, y0, 0, 0);
        DoubleDoubleInterval cs = trig(DoubleDoubleTrig.Function.COS, y0, 0, 0);
        // every xi between x_m and sin(y0), and every point of the ball x, has |xi| <= m
        double m = Math.nextUp(Math.max(x.magnitudeBound(), s.magnitudeBound()));
        DoubleDoubleInterval d = sum(xm, negated(s));
        // gmax >= 1/sqrt(1 - m^2) for every xi with |xi| <= m
        double oneMinus = Math.nextDown(1 - Math.nextUp(m * m));
        double gmax = Math.nextUp(1 / Math.nextDown(Math.sqrt(oneMinus)));
        double c = 1 / cs.hi();
        // |1/cos(y0) - c| <= (|C_l| + r_C) / (C_h (C_h - |C_l| - r_C)) + ulp(c); cos(y0) >= 0.66 here
        double cLow = lowerMagnitude(cs);
        double secError = addUp(divUp(addUp(Math.abs(cs.lo()), cs.radius()), Math.nextDown(cs.hi() * cLow)), Math.ulp(c));
        // |g(xi) - 1/cos(y0)| <= |asin(xi) - y0| sup|sin/cos^2| <= |D| gmax (m gmax^2)
        double dBound = d.magnitudeBound();
        double gSpread = addUp(mulUp(mulUp(dBound, gmax), mulUp(m, mulUp(gmax, gmax))), secError);
        DoubleDoubleInterval y = sum(point(y0), product(d, point(c)));
        // the ball d * c was widened by r_D c; the truth is D g: add |D| |g - c|, and r_D |gmax - c| covers g > c
        double extra = addUp(mulUp(dBound, gSpread), mulUp(d.radius(), gmax));
        // |asin(x) - asin(x_m)| <= r_x gmax
        return widened(y, addUp(extra, mulUp(x.radius(), gmax)));
    }

    @Override
    public DoubleDoubleInterval acos(DoubleDoubleInterval x) {
        if (isTrivialPoint(x)) {
            return atTrivialPoint(exactLevel::acos, x);
        }
        if (Math.abs(x.hi()) <= 0.5) {
            return sum(HALF_PI, negated(asinSmall(x))); // acos = pi/2 - asin
        }
        if (x.hi() > 0) {
            // acos(x) = 2 asin(sqrt((1 - x)/2)) on [0, 1]: keeps the relative precision near 1
            return scaled(asinSmall(sqrt(scaled(sum(ONE, negated(x)), -1))), 1);
        }
        // acos(x) = pi - 2 asin(sqrt((1 + x)/2)) on [-1, 0]
        return sum(PI, negated(scaled(asinSmall(sqrt(scaled(sum(ONE, x), -1))), 1)));
    }

    @Override
    public DoubleDoubleInterval atan(DoubleDoubleInterval x) {
        if (isExactZero(x)) {
            return atTrivialPoint(exactLevel::atan, x);
        }
        DoubleDoubleInterval m = strip(x);
        if (x.hi() < 0) {
            return negated(atan(negated(x)));
        }
        if (x.magnitudeBound() > 1) {
            // atan(x) = pi/2 - atan(1/x) for x > 0; the ball of 1/x is bounded away from zero below
            if (lowerMagnitude(x) < 0.5) {
                throw new InsufficientPrecisionException("atan of a wide ball");
            }
            DoubleDoubleInterval inv = divide(ONE, m);
            return widened(sum(HALF_PI, negated(atanAtMostOne(inv))), x.radius());
        }
        // atan is 1-Lipschitz: the radius carries over
        return widened(atanAtMostOne(m), x.radius());
    }

    /** atan(x) = asin(x / sqrt(1 + x^2)) for a point ball |x| <= 1 + a little (the argument is then <= 0.71). */
    private DoubleDoubleInterval atanAtMostOne(DoubleDoubleInterval x) {
        if (x.magnitudeBound() <= 0x1p-60) {
            // |atan(x) - x| <= |x|^3 / 3 (alternating series)
            double b = x.magnitudeBound();
            return widened(x, mulUp(b, mulUp(b, b)));
        }
        DoubleDoubleInterval t = divide(x, sqrt(sum(ONE, product(x, x))));
        return asinNonNegative(t);
    }

    @Override
    public DoubleDoubleInterval pi() {
        return PI;
    }

    @Override
    public Enclosure toEnclosure(DoubleDoubleInterval x) {
        if (x.exact().isPresent()) {
            return Enclosure.exact(x.exact().get());
        }
        Rational m = exact(x.hi()).add(exact(x.lo()));
        // a ball without an exact value is never a point: the enclosure level would not hold it exactly either
        Rational r = exact(x.radius() == 0 ? Double.MIN_VALUE : x.radius());
        return Enclosure.of(m.subtract(r), m.add(r));
    }
}
