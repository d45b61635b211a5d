package org.ropebounds.real;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.ropebounds.format.Rational;

/**
 * Midpoint-radius ball arithmetic at a working precision of {@code bits} bits, Arb's representation: a
 * binary floating-point midpoint rounded to {@code bits} significant bits and a 31-bit radius bound
 * ({@link Ball}, {@link Radius}) rounded upward. Every operation returns a ball containing the exact result
 * for every point of its arguments: the midpoint's rounding error and the propagation of the arguments' radii
 * (a Lipschitz bound of the function over the ball) are added to the radius. Transcendental functions are
 * {@link Kernels}' rigorous series at the midpoint; {@code proofs/ball-arithmetic.md} derives every term.
 *
 * <p>Exactness as {@link EnclosureArithmetic} at the same precision keeps it: exact arguments give exact
 * results exactly where that arithmetic's would be exact (it computes them), so a value decided here prints
 * as that level would print it. Arguments the ball cannot handle cheaply (a ball reaching a domain boundary,
 * a radius too wide for the Lipschitz bounds) are handed to that arithmetic on the ball's enclosure, so the
 * domain errors ({@link ArithmeticException}) and {@link InsufficientPrecisionException}s are its own.
 * Immutable and thread-safe.
 */
public final class BallArithmetic implements Arithmetic<Ball> {
    private static final Ball EXACT_ZERO = new Ball(BigInteger.ZERO, 0, Radius.ZERO, Optional.of(Rational.ZERO));

    private final int bits;
    private final EnclosureArithmetic exactLevel;
    private volatile Ball pi;
    private final RememberedValues<Ball> remembered = new RememberedValues<>();

    /**
     * Balls with {@code bits}-bit midpoints whose exact values follow {@link EnclosureArithmetic}{@code (bits)}.
     *
     * @throws IllegalArgumentException unless bits is within EnclosureArithmetic's range
     */
    public BallArithmetic(int bits) {
        this.exactLevel = new EnclosureArithmetic(bits);
        this.bits = bits;
    }

    /** The working precision in bits (the midpoint's significand, and the exactness rules' precision). */
    public int bits() {
        return bits;
    }

    // ---------------------------------------------------------------- rounding and conversions

    /** m 2^e with the midpoint rounded to {@code bits} bits (toward -infinity), the error added to r. */
    Ball rounded(BigInteger m, long e, Radius r) {
        int excess = m.bitLength() - bits;
        if (excess <= 0) {
            return new Ball(m, e, r, Optional.empty());
        }
        BigInteger t = m.shiftRight(excess);
        boolean lost = m.getLowestSetBit() < excess;
        return new Ball(t, e + excess, lost ? r.plus(Radius.powerOfTwo(e + excess)) : r, Optional.empty());
    }

    /** A ball around the rational x (the nearest binary value below it, one unit of radius when inexact). */
    private Ball around(Rational x) {
        BigInteger n = x.numerator();
        BigInteger d = x.denominator();
        if (d.bitCount() == 1) {
            return rounded(n, -(d.bitLength() - 1), Radius.ZERO);
        }
        long s = bits + 2L - (n.bitLength() - d.bitLength());
        BigInteger[] qr = s >= 0 ? n.shiftLeft((int) s).divideAndRemainder(d) : n.divideAndRemainder(d.shiftLeft((int) -s));
        // truncation toward zero: |x - q 2^-s| < 2^-s
        return rounded(qr[0], -s, qr[1].signum() == 0 ? Radius.ZERO : Radius.powerOfTwo(-s));
    }

    /** A ball containing the enclosure e, exact when e is. */
    private Ball around(Enclosure e) {
        if (e.isExact()) {
            return around(e.lo()).withExact(e.lo());
        }
        Rational lo = e.lo();
        Rational hi = e.hi();
        if (lo.denominator().bitCount() == 1 && hi.denominator().bitCount() == 1) {
            // (lo + hi)/2 and (hi - lo)/2 exactly, at the finer end's scale
            int k = Math.max(lo.denominator().bitLength(), hi.denominator().bitLength()) - 1;
            BigInteger l = lo.numerator().shiftLeft(k - (lo.denominator().bitLength() - 1));
            BigInteger h = hi.numerator().shiftLeft(k - (hi.denominator().bitLength() - 1));
            return rounded(l.add(h), -(long) k - 1, Radius.up(h.subtract(l), -(long) k - 1));
        }
        // ends that are not binary: around each, the midpoint of the two midpoints; every point p of [lo, hi] has
        // |p - (m_a + m_b)/2| <= |m_b - m_a|/2 + r_a + r_b, and c, w carry the sum's and difference's roundings
        Ball a = around(lo);
        Ball b = around(hi);
        Ball c = sum(a, b);
        Ball w = sum(b, negated(a));
        return new Ball(c.mid(), c.exponent() - 1, c.radius().plus(w.radius()).plus(Radius.up(w.mid(), w.exponent())), Optional.empty());
    }

    /** A ball containing the fixed interval f. */
    private Ball around(FixedInterval f) {
        return rounded(f.lo().add(f.hi()), -(long) f.w() - 1, Radius.up(f.hi().subtract(f.lo()), -(long) f.w() - 1));
    }

    /** The ball widened by r. */
    private static Ball widened(Ball x, Radius r) {
        return new Ball(x.mid(), x.exponent(), x.radius().plus(r), Optional.empty());
    }

    /** f applied by the enclosure level to the ball's enclosure: the path for what the ball does not handle. */
    private Ball viaEnclosure(UnaryOperator<Enclosure> f, Ball x) {
        return around(f.apply(toEnclosure(x)));
    }

    private Ball viaEnclosure(BinaryOperator<Enclosure> f, Ball a, Ball b) {
        return around(f.apply(toEnclosure(a), toEnclosure(b)));
    }

    /** The enclosure level's exact result for exact a and b, when it is exact; otherwise {@code approx}. */
    private Ball exactly(BinaryOperator<Enclosure> f, Ball a, Ball b, java.util.function.Supplier<Ball> approx) {
        if (a.exact().isPresent() && b.exact().isPresent()) {
            Enclosure e = f.apply(Enclosure.exact(a.exact().get()), Enclosure.exact(b.exact().get()));
            return e.isExact() ? around(e.lo()).withExact(e.lo()) : around(e);
        }
        return approx.get();
    }

    /** f at an exact argument as the enclosure level computes it (its trivial points, where it may be exact). */
    private Ball atExactPoint(UnaryOperator<Enclosure> f, Ball x) {
        return around(f.apply(Enclosure.exact(x.exact().orElseThrow())));
    }

    private static boolean isExactly(Ball x, long v) {
        return x.exact().isPresent() && x.exact().get().equals(Rational.of(v));
    }

    // ---------------------------------------------------------------- + - * /

    @Override
    public Ball of(Rational x) {
        return around(x).withExact(x);
    }

    /**
     * a + b without exactness: the exact sum of the midpoints, rounded, or, for a midpoint below the other's
     * rounding unit (2^(top - bits - 4)), the larger midpoint with the smaller one's magnitude as radius.
     */
    private Ball sum(Ball a, Ball b) {
        if (b.mid().signum() == 0 || a.mid().signum() != 0 && b.top() < a.top() - bits - 4) {
            return new Ball(a.mid(), a.exponent(), a.radius().plus(b.radius()).plus(b.mid().signum() == 0 ? Radius.ZERO
                    : Radius.powerOfTwo(b.top())), Optional.empty()); // |m_b| <= 2^top(b)
        }
        if (a.mid().signum() == 0 || a.top() < b.top() - bits - 4) {
            return sum(b, a);
        }
        long k = Math.min(a.exponent(), b.exponent());
        BigInteger s = a.mid().shiftLeft((int) (a.exponent() - k)).add(b.mid().shiftLeft((int) (b.exponent() - k)));
        return rounded(s, k, a.radius().plus(b.radius()));
    }

    private static Ball negated(Ball x) {
        return new Ball(x.mid().negate(), x.exponent(), x.radius(), x.exact().map(Rational::negate));
    }

    @Override
    public Ball add(Ball a, Ball b) {
        return exactly(exactLevel::add, a, b, () -> sum(a, b));
    }

    @Override
    public Ball subtract(Ball a, Ball b) {
        return exactly(exactLevel::subtract, a, b, () -> sum(a, negated(b).inexact()));
    }

    /** a b without exactness: |x y - m_a m_b| <= |m_a| r_b + |m_b| r_a + r_a r_b. */
    private Ball product(Ball a, Ball b) {
        Radius r = a.radius().times(b.mid(), b.exponent()).plus(b.radius().times(a.mid(), a.exponent())).plus(a.radius().times(b.radius()));
        return rounded(a.mid().multiply(b.mid()), a.exponent() + b.exponent(), r);
    }

    @Override
    public Ball multiply(Ball a, Ball b) {
        if (a.isExactZero() || b.isExactZero()) {
            return EXACT_ZERO; // as the enclosure level: 0 [l, h] = 0
        }
        return exactly(exactLevel::multiply, a, b, () -> product(a, b));
    }

    @Override
    public Ball max(Ball a, Ball b) {
        if (a.exact().isPresent() && b.exact().isPresent()) {
            return a.exact().get().compareTo(b.exact().get()) >= 0 ? a : b;
        }
        java.util.OptionalInt apart = compareIfApart(a, b);
        if (apart.isPresent()) {
            return apart.getAsInt() > 0 ? a : b; // the enclosure level's max of separated enclosures is the upper one
        }
        return viaEnclosure(exactLevel::max, a, b);
    }

    @Override
    public Ball divide(Ball a, Ball b) {
        if (!b.exceedsRadius() && !(b.exact().isPresent() && !b.isExactZero())) {
            return viaEnclosure(exactLevel::divide, a, b); // b reaches zero: the enclosure level decides or refuses
        }
        if (a.isExactZero()) {
            return EXACT_ZERO;
        }
        return exactly(exactLevel::divide, a, b, () -> quotient(a, b));
    }

    /**
     * a / b for a divisor ball excluding zero: the midpoints' quotient q truncated (error below one unit), and
     * |x/y - m_a/m_b| <= (r_a + |m_a/m_b| r_b) / (|m_b| - r_b) for every x, y in the balls.
     */
    private Ball quotient(Ball a, Ball b) {
        if (a.mid().signum() == 0 && a.radius().isZero() || !Ball.magnitudeExceeds(b.mid(), b.exponent(), b.radius())) {
            return viaEnclosure(exactLevel::divide, a, b);
        }
        // q = trunc(m_a 2^s / m_b) with bits + 2 or more bits
        long s = bits + 2L - (a.mid().bitLength() - b.mid().bitLength());
        BigInteger[] qr = s >= 0 ? a.mid().shiftLeft((int) s).divideAndRemainder(b.mid())
                : a.mid().divideAndRemainder(b.mid().shiftLeft((int) -s));
        long qe = a.exponent() - b.exponent() - s;
        BigInteger q = qr[0];
        Radius r = qr[1].signum() == 0 ? Radius.ZERO : Radius.powerOfTwo(qe);
        if (!a.radius().isZero() || !b.radius().isZero()) {
            Radius qBound = Radius.up(q.abs().add(BigInteger.ONE), qe); // >= |m_a / m_b|
            Radius numerator = a.radius().plus(qBound.times(b.radius()));
            r = r.plus(numerator.times(Radius.reciprocalOfLowerEnd(b.mid(), b.exponent(), b.radius())));
        }
        return rounded(q, qe, r);
    }

    @Override
    public Ball sqrt(Ball x) {
        if (x.exact().isPresent()) {
            Rational v = x.exact().get();
            if (v.signum() <= 0) {
                return atExactPoint(exactLevel::sqrt, x); // sqrt(0) = 0, or the enclosure level's domain error
            }
            Optional<Rational> root = Roots.exactRoot(v, 2);
            if (root.isPresent()) {
                return around(root.get()).withExact(root.get());
            }
        }
        if (x.mid().signum() <= 0 || !Ball.magnitudeExceeds(x.mid(), x.exponent(), x.radius())) {
            return viaEnclosure(exactLevel::sqrt, x);
        }
        // s = floor(sqrt(m 2^k)) with about bits + 2 bits, k making e - k even; |sqrt(y) - sqrt(m)| <= r / sqrt(m)
        long k = 2L * (bits + 2) - x.mid().bitLength();
        if (((x.exponent() - k) & 1) != 0) {
            k++;
        }
        BigInteger scaled = k >= 0 ? x.mid().shiftLeft((int) k) : x.mid().shiftRight((int) -k);
        boolean truncated = k < 0 && x.mid().getLowestSetBit() < -k;
        BigInteger s = IntegerRoots.floorSqrt(scaled);
        long se = (x.exponent() - k) / 2;
        Radius r = s.multiply(s).equals(scaled) && !truncated ? Radius.ZERO : Radius.powerOfTwo(se);
        if (!x.radius().isZero()) {
            r = r.plus(x.radius().times(Radius.reciprocalOfLowerEnd(s, se, Radius.ZERO)));
        }
        return rounded(s, se, r);
    }

    // ---------------------------------------------------------------- exp, log, pow

    @Override
    public Ball exp(Ball x) {
        return remembered.get("exp", x.exact(), x.exact(), () -> expAt(x));
    }

    private Ball expAt(Ball x) {
        if (x.isExactZero()) {
            return atExactPoint(exactLevel::exp, x);
        }
        if (x.radius().toDoubleUp() > 1) {
            return viaEnclosure(exactLevel::exp, x);
        }
        TableKernels.ScaledInterval e = TableKernels.exp(x.midpoint(), bits + 4);
        return widened(around(e.lo(), e.hi(), e.exponent()), lipschitzOfExp(e, x.radius()));
    }

    /**
     * A bound on |exp(y) - exp(m)| over |y - m| <= r <= 1 from an upper bound on exp(m): exp(m)(e^r - 1), and
     * e^r - 1 <= r (1 + r) for r <= 1.
     */
    private static Radius lipschitzOfExp(TableKernels.ScaledInterval exp, Radius r) {
        if (r.isZero()) {
            return Radius.ZERO;
        }
        return Radius.up(exp.hi(), exp.exponent()).times(r).times(Radius.up(1, 0).plus(r));
    }

    /** A ball containing [lo, hi] 2^e (lo <= hi). */
    private Ball around(BigInteger lo, BigInteger hi, long e) {
        return rounded(lo.add(hi), e - 1, Radius.up(hi.subtract(lo), e - 1));
    }

    @Override
    public Ball expm1(Ball x) {
        return remembered.get("expm1", x.exact(), x.exact(), () -> expm1At(x));
    }

    private Ball expm1At(Ball x) {
        if (x.isExactZero()) {
            return EXACT_ZERO; // as the enclosure level
        }
        if (x.radius().toDoubleUp() > 1) {
            return viaEnclosure(exactLevel::expm1, x);
        }
        Rational m = x.midpoint();
        if (m.isZero()) {
            return new Ball(BigInteger.ZERO, 0, x.radius().times(Radius.up(3, 0)), Optional.empty()); // e^r - 1 <= 2r
        }
        int extra = (int) Math.max(0, -m.floorLog2());
        TableKernels.ScaledInterval e = TableKernels.exp(m, bits + extra + 8);
        // exp(m) - 1 over the ends' common power of two: 1 = 2^-exponent of its units (or the ends scaled up to 1's)
        long scale = Math.max(0, e.exponent());
        BigInteger one = BigInteger.ONE.shiftLeft((int) (scale - e.exponent()));
        BigInteger lo = e.lo().shiftLeft((int) scale).subtract(one);
        BigInteger hi = e.hi().shiftLeft((int) scale).subtract(one);
        return widened(around(lo, hi, e.exponent() - scale), lipschitzOfExp(e, x.radius()));
    }

    @Override
    public Ball log(Ball x) {
        return remembered.get("log", x.exact(), x.exact(), () -> logAt(x));
    }

    private Ball logAt(Ball x) {
        if (isExactly(x, 1)) {
            return atExactPoint(exactLevel::log, x);
        }
        if (x.mid().signum() <= 0 || !Ball.magnitudeExceeds(x.mid(), x.exponent(), x.radius())) {
            return viaEnclosure(exactLevel::log, x);
        }
        Ball v = around(TableKernels.log(x.midpoint(), bits + 4));
        if (x.radius().isZero()) {
            return v;
        }
        // |log y - log m| <= r / (m - r) for |y - m| <= r < m
        return widened(v, x.radius().times(Radius.reciprocalOfLowerEnd(x.mid(), x.exponent(), x.radius())));
    }

    @Override
    public Ball pow(Ball x, Ball y) {
        return remembered.get("pow", x.exact(), y.exact(), () -> powAt(x, y));
    }

    private Ball powAt(Ball x, Ball y) {
        if (x.exact().isPresent() && y.exact().isPresent()) {
            Optional<Rational> exact = Roots.exactPower(x.exact().get(), y.exact().get(), 8L * bits + 1024);
            if (exact.isPresent()) {
                return around(exact.get()).withExact(exact.get());
            }
        }
        if (x.isExactZero() || x.strictSign() <= 0) {
            return viaEnclosure(exactLevel::pow, x, y);
        }
        // exp(y log x): its relative error is the absolute error of y log x, so carry that product's magnitude
        long logMagnitude = Math.abs(x.top()) + 2; // >= |log2 x| + 1 over a ball within (m/2, 2m) or so; only a guard
        double yBound = Radius.up(y.mid(), y.exponent()).plus(y.radius()).toDoubleUp();
        double magnitude = yBound * logMagnitude;
        int guard = magnitude < 1 ? 0 : Math.min(EnclosureArithmetic.MAX_BITS, 1 + Math.getExponent(magnitude));
        BallArithmetic fine = new BallArithmetic(Math.min(EnclosureArithmetic.MAX_BITS, bits + guard + 16));
        Ball r = fine.exp(fine.multiply(y, fine.log(x)));
        Ball out = rounded(r.mid(), r.exponent(), r.radius());
        return r.exact().map(out::withExact).orElse(out); // exp(y log 1) = exp(0) = 1 exactly, as the enclosure level
    }

    // ---------------------------------------------------------------- trigonometric

    @Override
    public Ball cos(Ball x) {
        return remembered.get("cos", x.exact(), x.exact(), () -> periodic(x, 0, exactLevel::cos));
    }

    @Override
    public Ball sin(Ball x) {
        return remembered.get("sin", x.exact(), x.exact(), () -> periodic(x, 1, exactLevel::sin));
    }

    /** cos or sin at the midpoint, widened by the radius (both are 1-Lipschitz). */
    private Ball periodic(Ball x, int which, UnaryOperator<Enclosure> exactF) {
        if (x.isExactZero()) {
            return atExactPoint(exactF, x);
        }
        return widened(around(Kernels.cosOrSin(x.midpoint(), bits + 4, which)), x.radius());
    }

    @Override
    public Ball acos(Ball x) {
        return remembered.get("acos", x.exact(), x.exact(), () -> arc(x, true));
    }

    @Override
    public Ball asin(Ball x) {
        return remembered.get("asin", x.exact(), x.exact(), () -> arc(x, false));
    }

    /** acos or asin at the midpoint, widened by the radius times a bound on 1/sqrt(1 - t^2) over the ball. */
    private Ball arc(Ball x, boolean acos) {
        UnaryOperator<Enclosure> exactF = acos ? exactLevel::acos : exactLevel::asin;
        if (x.exact().isPresent()) {
            Rational v = x.exact().get();
            if (v.isZero() || v.abs().equals(Rational.ONE) || v.abs().compareTo(Rational.ONE) > 0) {
                return atExactPoint(exactF, x); // the trivial points, and the domain errors, as the enclosure level
            }
        }
        Rational m = x.midpoint();
        if (x.radius().isZero() && m.abs().compareTo(Rational.ONE) <= 0) {
            return around(acos ? TableKernels.acos(m, bits + 4) : TableKernels.asin(m, bits + 4)); // a point: nothing to propagate
        }
        double slope = arcSlope(x);
        if (!Double.isFinite(slope)) {
            return viaEnclosure(exactF, x);
        }
        FixedInterval v = acos ? TableKernels.acos(m, bits + 4) : TableKernels.asin(m, bits + 4);
        return widened(around(v), x.radius().times(Radius.ofDouble(slope)));
    }

    /**
     * A double {@code >= 1/sqrt(1 - t^2)} for every t in the ball, the slope of asin and acos there; NaN when the
     * ball reaches too near +-1 (or beyond), which the enclosure level then handles.
     */
    private static double arcSlope(Ball x) {
        double m = Math.nextUp(x.magnitudeUp() + x.radius().toDoubleUp()); // >= |t|
        double oneMinus = Math.nextDown(1 - Math.nextUp(m * m)); // <= 1 - m^2
        if (!(oneMinus >= 0x1p-60)) {
            return Double.NaN;
        }
        return Math.nextUp(1 / Math.nextDown(Math.sqrt(oneMinus)));
    }

    @Override
    public Ball atan(Ball x) {
        return remembered.get("atan", x.exact(), x.exact(), () -> atanAt(x));
    }

    private Ball atanAt(Ball x) {
        if (x.isExactZero()) {
            return atExactPoint(exactLevel::atan, x);
        }
        return widened(around(TableKernels.atan(x.midpoint(), bits + 4)), x.radius()); // atan' = 1/(1 + t^2) <= 1
    }

    @Override
    public Ball pi() {
        Ball p = pi;
        if (p == null) {
            p = around(Kernels.pi(bits + 8));
            pi = p;
        }
        return p;
    }

    // ---------------------------------------------------------------- comparisons and enclosures

    /**
     * From the balls' midpoints' exact difference against the sum of their enclosure radii: apart when
     * |m_a - m_b| > r_a + r_b (then the enclosures, which lie inside, compare the same).
     */
    @Override
    public java.util.OptionalInt compareIfApart(Ball a, Ball b) {
        Ball d = sum(a.inexact(), new Ball(b.mid().negate(), b.exponent(), Radius.ZERO, Optional.empty()));
        // d's radius is a's plus d's rounding; add b's
        Radius r = d.radius().plus(b.enclosureRadius()).plus(a.radius().isZero() ? a.enclosureRadius() : Radius.ZERO);
        if (!Ball.magnitudeExceeds(d.mid(), d.exponent(), r)) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(d.mid().signum());
    }

    /** The exact value, or the ball's rational ends (never a point without an exact value): {@link Ball#toEnclosure()}. */
    @Override
    public Enclosure toEnclosure(Ball x) {
        return x.toEnclosure();
    }
}
