package org.ropebounds.real;

import static org.ropebounds.real.DoubleDoubleBalls.addUp;
import static org.ropebounds.real.DoubleDoubleBalls.ball;
import static org.ropebounds.real.DoubleDoubleBalls.ballOf;
import static org.ropebounds.real.DoubleDoubleBalls.divisorLowerBound;
import static org.ropebounds.real.DoubleDoubleBalls.exact;
import static org.ropebounds.real.DoubleDoubleBalls.lowerMagnitude;
import static org.ropebounds.real.DoubleDoubleBalls.negated;
import static org.ropebounds.real.DoubleDoubleBalls.point;
import static org.ropebounds.real.DoubleDoubleBalls.product;
import static org.ropebounds.real.DoubleDoubleBalls.quotient;
import static org.ropebounds.real.DoubleDoubleBalls.ratio;
import static org.ropebounds.real.DoubleDoubleBalls.root;
import static org.ropebounds.real.DoubleDoubleBalls.strip;
import static org.ropebounds.real.DoubleDoubleBalls.sum;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.Rational;

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
 *
 * <p>This class is the {@link Arithmetic} and its exactness tracking; the ball primitives (sum, product,
 * quotient, square root with their error terms) are {@code DoubleDoubleBalls}, the transcendental kernels
 * {@code DoubleDoubleKernels}.
 */
public final class DoubleDoubleIntervalArithmetic implements Arithmetic<DoubleDoubleInterval> {
    private static final DoubleDoubleInterval ZERO_POINT = new DoubleDoubleInterval(0, 0, 0, Optional.empty());
    private static final Rational QUARTER = Rational.parse("1/4");

    private final EnclosureArithmetic exactLevel;
    /**
     * log and acos at exact arguments, remembered per instance (Ziv shares its levels): each is a pure function of
     * the exact argument, and the tolerance's log and arc cosine recur in every zone, as at the ball levels.
     */
    private final RememberedValues<DoubleDoubleInterval> remembered = new RememberedValues<>();

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

    private static DoubleDoubleInterval withExact(DoubleDoubleInterval x, Enclosure e) {
        return e.isExact() ? new DoubleDoubleInterval(x.hi(), x.lo(), x.radius(), Optional.of(e.lo())) : x;
    }

    private static boolean isExactZero(DoubleDoubleInterval x) {
        return x.exact().isPresent() && x.exact().get().isZero();
    }

    /** Whether x is exact and one of the points where a function may be exact (0, 1, -1). */
    private static boolean isTrivialPoint(DoubleDoubleInterval x) {
        if (x.exact().isEmpty()) {
            return false;
        }
        Rational v = x.exact().get();
        return v.isZero() || v.abs().equals(Rational.ONE);
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

    /** The exact operations {@link #exactly} carries out at the enclosure level (no lambda per operation: see ZoneLevel). */
    private enum Exact {
        ADD, SUBTRACT, MULTIPLY, DIVIDE
    }

    /**
     * {@code approx}, the ball of {@code a op b}, with the exact value the enclosure level gives when both arguments are
     * exact and it is exact there.
     */
    private DoubleDoubleInterval exactly(Exact op, DoubleDoubleInterval a, DoubleDoubleInterval b, DoubleDoubleInterval approx) {
        if (a.exact().isPresent() && b.exact().isPresent()) {
            return withExactResult(op, a.exact().get(), b.exact().get(), approx);
        }
        return approx;
    }

    /**
     * {@code approx} with x op y attached when the enclosure level gives it exactly. On exact arguments that level's +,
     * -, * and / are {@link EnclosureArithmetic#outward} of the point x op y: the point itself while it keeps exact
     * ({@link EnclosureArithmetic#keepsExact}), tested here first; only past that size are its ends rounded (and exact
     * only when they meet). Apart from the rounding, which other levels' profiles fill, so that the JIT compiles this
     * level's operations without it: inlined, it made {@link #exactly} this level's largest compilation.
     */
    private DoubleDoubleInterval withExactResult(Exact op, Rational x, Rational y, DoubleDoubleInterval approx) {
        try {
            Rational r = inLongs(op, x, y);
            if (r == null) {
                r = switch (op) {
                    case ADD -> x.add(y);
                    case SUBTRACT -> x.subtract(y);
                    case MULTIPLY -> x.multiply(y);
                    case DIVIDE -> x.divide(y);
                };
            }
            if (exactLevel.keepsExact(r)) {
                return new DoubleDoubleInterval(approx.hi(), approx.lo(), approx.radius(), Optional.of(r));
            }
            return withExact(approx, exactLevel.outward(r, r));
        } catch (ArithmeticException ex) {
            throw new InsufficientPrecisionException(ex.getMessage());
        }
    }

    /**
     * x op y (the same rational as Rational's own operation) in long arithmetic, when every product of a numerator or
     * denominator of x with one of y has magnitude at most 2^62: |n| <= 2^bitLength(n), so a bit-length sum of at most 62
     * bounds each product, and a sum of two products below 2^63 (proofs/double-double-interval.md section 17); null
     * otherwise. The context lengths, bases and tolerances of zones are of this size: their quotients at this level
     * then take no BigInteger arithmetic.
     */
    private static Rational inLongs(Exact op, Rational x, Rational y) {
        BigInteger xn = x.numerator();
        BigInteger xd = x.denominator();
        BigInteger yn = y.numerator();
        BigInteger yd = y.denominator();
        int a = xn.bitLength();
        int b = xd.bitLength();
        int c = yn.bitLength();
        int d = yd.bitLength();
        if (a + c > 62 || a + d > 62 || b + c > 62 || b + d > 62) {
            return null;
        }
        long p = xn.longValue();
        long q = xd.longValue();
        long r = yn.longValue();
        long s = yd.longValue();
        return switch (op) {
            case ADD -> Rational.of(p * s + r * q, q * s);
            case SUBTRACT -> Rational.of(p * s - r * q, q * s);
            case MULTIPLY -> Rational.of(p * r, q * s);
            case DIVIDE -> Rational.of(p * s, q * r);
        };
    }

    // ---------------------------------------------------------------- Arithmetic

    /** The exact points 0..16 and 2^0..2^62, as {@link #of(Rational)} builds them (the same for every instance). */
    private static final DoubleDoubleInterval[] SMALL_INTEGERS = new DoubleDoubleInterval[17];
    private static final DoubleDoubleInterval[] POWERS_OF_TWO = new DoubleDoubleInterval[63];

    static {
        for (int k = 0; k < SMALL_INTEGERS.length; k++) {
            SMALL_INTEGERS[k] = exactPoint(k);
        }
        for (int k = 0; k < POWERS_OF_TWO.length; k++) {
            POWERS_OF_TWO[k] = exactPoint(1L << k);
        }
    }

    /** {@link #of(Rational)} of the integer x, |x| <= 2^62: the point x (a double) with its exact value. */
    private static DoubleDoubleInterval exactPoint(long x) {
        return new DoubleDoubleInterval(x, 0, 0, Optional.of(Rational.of(x)));
    }

    /**
     * The exact point x: {@link #of(Rational)} of x (the same ball and exact value), taken from a table for 0..16 and the
     * powers of two up to 2^62 (context lengths, and the small integers of the formulas).
     */
    @Override
    public DoubleDoubleInterval of(long x) {
        if (x >= 0 && x < SMALL_INTEGERS.length) {
            return SMALL_INTEGERS[(int) x];
        }
        if (x > 0 && (x & (x - 1)) == 0 && x <= 1L << 62) {
            return POWERS_OF_TWO[Long.numberOfTrailingZeros(x)];
        }
        return of(Rational.of(x));
    }

    @Override
    public DoubleDoubleInterval of(Rational x) {
        BigInteger n = x.numerator();
        BigInteger d = x.denominator();
        DoubleDoubleInterval b = n.bitLength() <= 53 && d.bitLength() <= 53
                ? (d.equals(BigInteger.ONE) ? point(n.doubleValue()) : ratio(n.doubleValue(), d.doubleValue())) : ballOf(x, x);
        return new DoubleDoubleInterval(b.hi(), b.lo(), b.radius(), Optional.of(x));
    }

    @Override
    public DoubleDoubleInterval add(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        return exactly(Exact.ADD, a, b, sum(a, b));
    }

    @Override
    public DoubleDoubleInterval subtract(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        return exactly(Exact.SUBTRACT, a, b, sum(a, negated(b)));
    }

    @Override
    public DoubleDoubleInterval multiply(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        if (isExactZero(a) || isExactZero(b)) {
            return new DoubleDoubleInterval(0, 0, 0, Optional.of(Rational.ZERO)); // as the enclosure level: 0 x [l, h] = 0
        }
        Optional<DoubleDoubleInterval> scaled = scaledIfPowerOfTwo(b, a, 1);
        if (scaled.isEmpty()) {
            scaled = scaledIfPowerOfTwo(a, b, 1);
        }
        return exactly(Exact.MULTIPLY, a, b, scaled.isPresent() ? scaled.get() : product(a, b));
    }

    /**
     * x 2^(sign e) when p is the exact ±2^e (a point, no tail) and the scaling keeps x's parts normal: exactly the
     * product x p (sign 1) or the quotient x / p (sign -1), midpoint exact, radius rounded up (proofs/double-double-interval.md
     * section 13); empty otherwise.
     */
    private static Optional<DoubleDoubleInterval> scaledIfPowerOfTwo(DoubleDoubleInterval p, DoubleDoubleInterval x, int sign) {
        double h = p.hi();
        if (p.exact().isEmpty() || p.lo() != 0 || p.radius() != 0 || h == 0 || Math.abs(h) != Math.scalb(1.0, Math.getExponent(h))
                || Math.getExponent(h) < Double.MIN_EXPONENT) {
            return Optional.empty();
        }
        int e = sign * Math.getExponent(h);
        double l = Math.scalb(x.lo(), e);
        if (l != 0 && Math.abs(l) < Double.MIN_NORMAL || Math.abs(Math.scalb(x.hi(), e)) > 0x1p900 || x.hi() != 0 && Math.abs(Math.scalb(x.hi(), e)) < 0x1p-900) {
            return Optional.empty();
        }
        DoubleDoubleInterval y = DoubleDoubleBalls.scaled(x, e);
        return Optional.of(h < 0 ? negated(y) : y);
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

    @Override
    public DoubleDoubleInterval divide(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        if (isExactZero(b)) {
            throw new InsufficientPrecisionException("division by zero (left to the enclosure level)");
        }
        double bLow = divisorLowerBound(b);
        if (isExactZero(a)) {
            return new DoubleDoubleInterval(0, 0, 0, Optional.of(Rational.ZERO));
        }
        Optional<DoubleDoubleInterval> scaled = scaledIfPowerOfTwo(b, a, -1);
        return exactly(Exact.DIVIDE, a, b, scaled.isPresent() ? scaled.get() : quotient(a, b, bLow));
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
        return root(x);
    }

    @Override
    public DoubleDoubleInterval exp(DoubleDoubleInterval x) {
        if (isExactZero(x)) {
            return atTrivialPoint(exactLevel::exp, x);
        }
        return DoubleDoubleKernels.exp(x);
    }

    @Override
    public DoubleDoubleInterval expm1(DoubleDoubleInterval x) {
        if (isExactZero(x)) {
            return new DoubleDoubleInterval(0, 0, 0, Optional.of(Rational.ZERO)); // as the enclosure level
        }
        return DoubleDoubleKernels.expm1(x);
    }

    @Override
    public DoubleDoubleInterval log(DoubleDoubleInterval x) {
        if (x.exact().isPresent()) {
            // from the canonical ball of the exact value, so what is remembered is a function of that value alone
            Rational v = x.exact().get();
            return remembered.at("log", v, v, () -> logAt(of(v)));
        }
        return DoubleDoubleKernels.log(x);
    }


    private DoubleDoubleInterval logAt(DoubleDoubleInterval x) {
        if (x.exact().isPresent()) {
            Rational v = x.exact().get();
            if (v.equals(Rational.ONE)) {
                return atTrivialPoint(exactLevel::log, x);
            }
            // near 1, log(v) = log1p(v - 1) from the ball of the exact v - 1: the ball of v itself would carry its
            // rounding, about 2^-107 absolute, into a result near 0 (section 14)
            Optional<DoubleDoubleInterval> t = offsetFromOneIfNear(v);
            if (t.isPresent()) {
                return DoubleDoubleKernels.log1p(t.get());
            }
        }
        return DoubleDoubleKernels.log(x);
    }

    /**
     * The ball of v - 1 (no exact value attached) when |v - 1| <= 1/4, else empty. For p/q with |p|, q < 2^53 it is
     * ratio(p - q, q) in doubles (p - q is then exact, and |p - q| <= q/4 compares exact doubles); else from the
     * rational v - 1.
     */
    private static Optional<DoubleDoubleInterval> offsetFromOneIfNear(Rational v) {
        BigInteger n = v.numerator();
        BigInteger d = v.denominator();
        if (n.bitLength() <= 53 && d.bitLength() <= 53) {
            double p = n.doubleValue();
            double q = d.doubleValue();
            double offset = p - q; // both integers below 2^53 in magnitude, q > 0: exact
            return Math.abs(offset) <= q * 0.25 ? Optional.of(ratio(offset, q)) : Optional.empty();
        }
        Rational t = v.subtract(Rational.ONE);
        if (t.abs().compareTo(QUARTER) > 0) {
            return Optional.empty();
        }
        DoubleDoubleInterval b = ballOf(t, t);
        return Optional.of(new DoubleDoubleInterval(b.hi(), b.lo(), b.radius(), Optional.empty()));
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
        return DoubleDoubleKernels.trig(f, x.hi(), x.lo(), x.radius());
    }

    @Override
    public DoubleDoubleInterval asin(DoubleDoubleInterval x) {
        if (isTrivialPoint(x)) {
            return atTrivialPoint(exactLevel::asin, x);
        }
        return DoubleDoubleKernels.asin(x);
    }

    @Override
    public DoubleDoubleInterval acos(DoubleDoubleInterval x) {
        if (isTrivialPoint(x)) {
            return atTrivialPoint(exactLevel::acos, x);
        }
        if (x.exact().isPresent()) {
            Rational v = x.exact().get();
            return remembered.at("acos", v, v, () -> DoubleDoubleKernels.acos(of(v)));
        }
        return DoubleDoubleKernels.acos(x);
    }

    @Override
    public DoubleDoubleInterval atan(DoubleDoubleInterval x) {
        if (isExactZero(x)) {
            return atTrivialPoint(exactLevel::atan, x);
        }
        return DoubleDoubleKernels.atan(x);
    }

    @Override
    public DoubleDoubleInterval pi() {
        return DoubleDoubleKernels.PI;
    }

    /** From the balls' directed double bounds ({@link DoubleDoubleInterval#compareIfSeparated}). */
    @Override
    public java.util.OptionalInt compareIfApart(DoubleDoubleInterval a, DoubleDoubleInterval b) {
        return a.compareIfSeparated(b);
    }

    @Override
    public Enclosure toEnclosure(DoubleDoubleInterval x) {
        return enclosureOf(x);
    }

    /** {@link #toEnclosure}, which does not depend on the instance: the exact value, or the ball's rational ends. */
    static Enclosure enclosureOf(DoubleDoubleInterval x) {
        if (x.exact().isPresent()) {
            return Enclosure.exact(x.exact().get());
        }
        Rational m = exact(x.hi()).add(exact(x.lo()));
        // a ball without an exact value is never a point: the enclosure level would not hold it exactly either
        Rational r = exact(x.radius() == 0 ? Double.MIN_VALUE : x.radius());
        return Enclosure.of(m.subtract(r), m.add(r));
    }
}
