package org.ropebounds.real;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * Enclosure arithmetic at a working precision of {@code bits} significant bits: each result is
 * rounded outward to {@code bits} bits, except that results computed exactly from exact arguments
 * (+, -, *, / of exact values, integer powers, rational roots that exist) stay exact while their size
 * stays within a few times the working precision. Transcendental functions use the rigorous
 * kernels of {@link Kernels}; their results contain the exact value and are about {@code bits} bits
 * wide. Immutable and thread-safe.
 */
public final class EnclosureArithmetic implements Arithmetic<Enclosure> {

    /** Smallest and largest working precisions. */
    public static final int MIN_BITS = 16;
    public static final int MAX_BITS = Format.MAX_PRECISION;

    private static final java.util.concurrent.ConcurrentHashMap<Integer, Format> GRIDS = new java.util.concurrent.ConcurrentHashMap<>();

    private final int bits;
    private final Format grid;

    /**
     * Arithmetic on enclosures whose ends are rounded outward to {@code bits} significand bits.
     *
     * @param bits the working precision
     * @throws IllegalArgumentException unless {@value #MIN_BITS} &le; bits &le; {@value #MAX_BITS}
     */
    public EnclosureArithmetic(int bits) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("working precision " + bits + " bits outside " + MIN_BITS + ".." + MAX_BITS);
        }
        this.bits = bits;
        this.grid = GRIDS.computeIfAbsent(bits, b -> Format.custom(b, -Format.MAX_EXPONENT, Format.MAX_EXPONENT, Format.Specials.IEEE));
    }

    public int bits() {
        return bits;
    }

    @Override
    public Enclosure of(Rational x) {
        return Enclosure.exact(x);
    }

    @Override
    public Enclosure add(Enclosure a, Enclosure b) {
        return outward(a.lo().add(b.lo()), a.hi().add(b.hi()));
    }

    @Override
    public Enclosure subtract(Enclosure a, Enclosure b) {
        return outward(a.lo().subtract(b.hi()), a.hi().subtract(b.lo()));
    }

    @Override
    public Enclosure multiply(Enclosure a, Enclosure b) {
        if (a.isExact() && b.isExact()) {
            Rational p = a.lo().multiply(b.lo());
            return outward(p, p);
        }
        int sa = strictSign(a);
        int sb = strictSign(b);
        if (sa != 0 && sb != 0) {
            // no end is zero and not both are points, so the product's ends differ; the lower end is the product of
            // the ends nearest zero when the signs agree, of the farthest when they differ (and the upper the other pair)
            Rational l1;
            Rational l2;
            Rational h1;
            Rational h2;
            if (sa > 0 && sb > 0) {
                l1 = a.lo(); l2 = b.lo(); h1 = a.hi(); h2 = b.hi();
            } else if (sa > 0) {
                l1 = a.hi(); l2 = b.lo(); h1 = a.lo(); h2 = b.hi();
            } else if (sb > 0) {
                l1 = a.lo(); l2 = b.hi(); h1 = a.hi(); h2 = b.lo();
            } else {
                l1 = a.hi(); l2 = b.hi(); h1 = a.lo(); h2 = b.lo();
            }
            return Enclosure.of(rounded(l1.numerator().multiply(l2.numerator()), l1.denominator().multiply(l2.denominator()),
                    RoundingMode.TOWARD_NEGATIVE), rounded(h1.numerator().multiply(h2.numerator()),
                    h1.denominator().multiply(h2.denominator()), RoundingMode.TOWARD_POSITIVE));
        }
        Rational[] p = {a.lo().multiply(b.lo()), a.lo().multiply(b.hi()), a.hi().multiply(b.lo()), a.hi().multiply(b.hi())};
        return outward(min(p), max(p));
    }

    /** +1 or -1 when every point of x, ends included, is above or below zero; 0 otherwise. */
    private static int strictSign(Enclosure x) {
        return x.lo().signum() > 0 ? 1 : x.hi().signum() < 0 ? -1 : 0;
    }

    @Override
    public Enclosure max(Enclosure a, Enclosure b) {
        return Enclosure.of(a.lo().max(b.lo()), a.hi().max(b.hi()));
    }

    @Override
    public Enclosure divide(Enclosure a, Enclosure b) {
        if (b.isExact() && b.lo().isZero()) {
            throw new ArithmeticException("division by zero");
        }
        if (!b.signum().isPresent()) {
            throw new InsufficientPrecisionException("division by an enclosure that contains zero");
        }
        if (a.isExact() && b.isExact()) {
            Rational q = a.lo().divide(b.lo());
            return outward(q, q);
        }
        // 1/x is decreasing on each side of zero: [1/hi, 1/lo]
        return multiply(a, Enclosure.of(b.hi().reciprocal(), b.lo().reciprocal()));
    }

    @Override
    public Enclosure sqrt(Enclosure x) {
        requireNotBelow(x, Rational.ZERO, "sqrt");
        Enclosure lo = sqrtPoint(x.lo());
        if (x.isExact()) {
            return outward(lo.lo(), lo.hi());
        }
        // sqrt(hi) - sqrt(lo) = w / (sqrt(hi) + sqrt(lo)) <= w / (2 sqrt(lo))
        double root = lo.lo().signum() > 0 ? lo.lo().toDouble(RoundingMode.TOWARD_NEGATIVE) : 0; // <= sqrt(lo)
        double slope = root >= 0x1p-500 && root <= 0x1p500 ? Math.nextUp(1 / (2 * root)) : Double.NaN;
        return outward(lo.lo(), Double.isFinite(slope) ? plusWidthTimes(lo.hi(), x, slope) : sqrtPoint(x.hi()).hi());
    }

    private Enclosure sqrtPoint(Rational x) {
        Optional<Rational> root = Roots.exactRoot(x, 2);
        if (root.isPresent()) {
            return Enclosure.exact(root.get());
        }
        int extra = (int) Math.max(0, -x.floorLog2());
        return FixedInterval.of(x, bits + extra + 8).sqrt().toEnclosure();
    }

    @Override
    public Enclosure exp(Enclosure x) {
        Enclosure lo = Kernels.exp(x.lo(), bits + 4);
        if (x.isExact()) {
            return outward(lo.lo(), lo.hi());
        }
        // exp(hi) = exp(lo) e^w, and e^w - 1 <= w (1 + 2w) for w <= 1
        Rational w = x.width();
        return outward(lo.lo(), w.compareTo(Rational.ONE) <= 0
                ? product(lo.hi(), Rational.ONE.add(product(w, Rational.ONE.add(w.add(w))))) : Kernels.exp(x.hi(), bits + 4).hi());
    }

    @Override
    public Enclosure expm1(Enclosure x) {
        Enclosure lo = expm1Point(x.lo());
        if (x.isExact()) {
            return outward(lo.lo(), lo.hi());
        }
        // expm1(hi) - expm1(lo) = exp(lo) (e^w - 1) <= (1 + expm1(lo)) w (1 + 2w) for w <= 1
        Rational w = x.width();
        return outward(lo.lo(), w.compareTo(Rational.ONE) <= 0
                ? lo.hi().add(product(Rational.ONE.add(lo.hi()), product(w, Rational.ONE.add(w.add(w))))) : expm1Point(x.hi()).hi());
    }

    /** exp(x) - 1 with -log2|x| more bits, so that the subtraction keeps `bits` relative bits. */
    private Enclosure expm1Point(Rational x) {
        if (x.isZero()) {
            return Enclosure.exact(Rational.ZERO);
        }
        int extra = (int) Math.max(0, -x.floorLog2());
        Enclosure e = Kernels.exp(x, bits + extra + 8);
        return Enclosure.of(e.lo().subtract(Rational.ONE), e.hi().subtract(Rational.ONE));
    }

    @Override
    public Enclosure log(Enclosure x) {
        requireAbove(x, Rational.ZERO, "log");
        Enclosure lo = Kernels.log(x.lo(), bits + 4).toEnclosure();
        if (x.isExact()) {
            return outward(lo.lo(), lo.hi());
        }
        // log(hi) - log(lo) = log(1 + w/lo) <= w / lo
        double low = x.lo().toDouble(RoundingMode.TOWARD_NEGATIVE);
        double slope = low >= 0x1p-500 && low <= 0x1p500 ? Math.nextUp(1 / low) : Double.NaN;
        return outward(lo.lo(), Double.isFinite(slope) ? plusWidthTimes(lo.hi(), x, slope) : Kernels.log(x.hi(), bits + 4).toEnclosure().hi());
    }

    @Override
    public Enclosure pow(Enclosure x, Enclosure y) {
        if (x.isExact() && y.isExact()) {
            Optional<Rational> exact = Roots.exactPower(x.lo(), y.lo(), 8L * bits + 1024);
            if (exact.isPresent()) {
                return Enclosure.exact(exact.get());
            }
        }
        if (x.isExact() && x.lo().isZero() && y.signum().orElse(0) > 0) {
            return Enclosure.exact(Rational.ZERO);
        }
        requireAbove(x, Rational.ZERO, "pow (base)");
        // exp(y log x): the result's relative error is the absolute error of y log x, so carry its magnitude
        Rational magnitude = bound(y).multiply(Rational.of(Math.max(Math.abs(x.lo().floorLog2()), Math.abs(x.hi().floorLog2())) + 2));
        int guard = magnitude.isZero() ? 0 : (int) Math.max(0, magnitude.floorLog2() + 1);
        EnclosureArithmetic fine = new EnclosureArithmetic(Math.min(MAX_BITS, bits + guard + 16));
        Enclosure r = fine.exp(fine.multiply(y, fine.log(x)));
        return outward(r.lo(), r.hi());
    }

    @Override
    public Enclosure cos(Enclosure x) {
        return periodic(x, 0);
    }

    @Override
    public Enclosure sin(Enclosure x) {
        return periodic(x, 1);
    }

    /** cos (which = 0) or sin (which = 1): at the midpoint, widened by the radius (both are 1-Lipschitz). */
    private Enclosure periodic(Enclosure x, int which) {
        Rational m = x.isExact() ? x.lo() : x.midpoint();
        Enclosure v = Kernels.cosOrSin(m, bits + 4, which).toEnclosure();
        Rational r = x.isExact() ? Rational.ZERO : x.width().multiply(Rational.of(BigInteger.ONE, BigInteger.TWO));
        Rational lo = v.lo().subtract(r).max(Rational.ONE.negate());
        Rational hi = v.hi().add(r).min(Rational.ONE);
        return outward(lo, hi);
    }

    @Override
    public Enclosure acos(Enclosure x) {
        requireNotBelow(x, Rational.ONE.negate(), "acos");
        requireNotAbove(x, Rational.ONE, "acos");
        Enclosure atHi = Kernels.acos(x.hi(), bits + 4).toEnclosure();
        if (x.isExact()) {
            return outward(atHi.lo(), atHi.hi());
        }
        // acos is decreasing with |acos'| = 1/sqrt(1 - t^2) <= arcSlope(x) over the enclosure
        double slope = arcSlope(x);
        return outward(atHi.lo(), Double.isFinite(slope) ? plusWidthTimes(atHi.hi(), x, slope) : Kernels.acos(x.lo(), bits + 4).toEnclosure().hi());
    }

    @Override
    public Enclosure asin(Enclosure x) {
        requireNotBelow(x, Rational.ONE.negate(), "asin");
        requireNotAbove(x, Rational.ONE, "asin");
        Enclosure lo = Kernels.asin(x.lo(), bits + 4).toEnclosure();
        if (x.isExact()) {
            return outward(lo.lo(), lo.hi());
        }
        double slope = arcSlope(x);
        return outward(lo.lo(), Double.isFinite(slope) ? plusWidthTimes(lo.hi(), x, slope) : Kernels.asin(x.hi(), bits + 4).toEnclosure().hi());
    }

    @Override
    public Enclosure atan(Enclosure x) {
        Enclosure lo = Kernels.atan(x.lo(), bits + 4).toEnclosure();
        if (x.isExact()) {
            return outward(lo.lo(), lo.hi());
        }
        return outward(lo.lo(), plusWidthTimes(lo.hi(), x, 1)); // atan' = 1/(1 + t^2) <= 1
    }

    @Override
    public Enclosure pi() {
        Enclosure p = Kernels.pi(bits + 8).toEnclosure();
        return outward(p.lo(), p.hi());
    }

    @Override
    public Enclosure toEnclosure(Enclosure x) {
        return x;
    }

    // ---- outward rounding and domain checks ----

    /**
     * [lo, hi] with the ends rounded outward to the working precision; an exact point stays exact while
     * its numerator and denominator are within a few times the working precision.
     */
    Enclosure outward(Rational lo, Rational hi) {
        if (lo.equals(hi) && keepsExact(lo)) {
            return Enclosure.exact(lo);
        }
        return Enclosure.of(rounded(lo.numerator(), lo.denominator(), RoundingMode.TOWARD_NEGATIVE),
                rounded(hi.numerator(), hi.denominator(), RoundingMode.TOWARD_POSITIVE));
    }

    /**
     * Whether an exact result x stays exact here ({@link #outward} of the point x is x itself): its numerator and
     * denominator take at most 4 bits + 256 bits together.
     */
    boolean keepsExact(Rational x) {
        return x.numerator().bitLength() + x.denominator().bitLength() <= 4L * bits + 256;
    }

    /**
     * n/d (d > 0, not necessarily in lowest terms) rounded onto the grid in {@code mode} (toward -infinity or
     * +infinity): {@code onGrid(Rational.of(n, d), mode)}, the same value, computed by one integer division when
     * the result is comfortably inside the grid's exponent range (no subnormal or overflow case to mirror).
     */
    private Rational rounded(BigInteger n, BigInteger d, RoundingMode mode) {
        if (n.signum() == 0 || d.signum() <= 0) {
            return onGrid(Rational.of(n, d), mode);
        }
        boolean negative = n.signum() < 0;
        BigInteger a = n.abs();
        long k = (long) a.bitLength() - d.bitLength(); // a/d in [2^(k-1), 2^(k+1))
        if (Math.abs(k) > Format.MAX_EXPONENT / 2) {
            return onGrid(Rational.of(n, d), mode);
        }
        // t = floor(a 2^s / d) with `bits` significant bits: s = bits - k gives t in [2^(bits-1), 2^(bits+1))
        long s = bits - k;
        BigInteger[] qr = divide(a, d, s);
        BigInteger t = qr[0];
        boolean inexact = qr[1].signum() != 0;
        if (t.bitLength() > bits) {
            inexact |= t.testBit(0);
            t = t.shiftRight(1);
            s--;
        }
        boolean magnitudeUp = (mode == RoundingMode.TOWARD_POSITIVE) != negative;
        if (inexact && magnitudeUp) {
            t = t.add(BigInteger.ONE);
        }
        if (negative) {
            t = t.negate();
        }
        return s >= 0 ? Rational.of(t, BigInteger.ONE.shiftLeft((int) s)) : Rational.of(t.shiftLeft((int) -s), BigInteger.ONE);
    }

    /** {floor(a 2^s / d), remainder} for a, d > 0 and any shift s. */
    private static BigInteger[] divide(BigInteger a, BigInteger d, long s) {
        return s >= 0 ? a.shiftLeft((int) s).divideAndRemainder(d) : a.divideAndRemainder(d.shiftLeft((int) -s));
    }

    private Rational onGrid(Rational x, RoundingMode mode) {
        FloatValue v = grid.round(x, mode).value();
        if (!v.isFinite()) {
            throw new ArithmeticException("magnitude beyond 2^" + Format.MAX_EXPONENT);
        }
        return v.value().toRational();
    }

    /**
     * f(hi) bounded from above for an increasing f (or f(lo) for a decreasing one) by the mean value theorem:
     * {@code above + w slope}, w = hi - lo, for {@code above} >= f at the other end and {@code slope} >= |f'|
     * over x (proofs/double-double-interval.md section 11). One kernel evaluation instead of two.
     */
    private static Rational plusWidthTimes(Rational above, Enclosure x, double slope) {
        return above.add(product(x.width(), Rational.of(BinaryRational.ofDouble(slope))));
    }

    /**
     * A double {@code >= 1/sqrt(1 - t^2)} for every t in x, the slope of asin and acos there; NaN when x
     * reaches too near +-1 (the caller then evaluates the other end).
     */
    private static double arcSlope(Enclosure x) {
        double m = x.lo().abs().max(x.hi().abs()).toDouble(RoundingMode.TOWARD_POSITIVE); // >= |t|
        double oneMinus = Math.nextDown(1 - Math.nextUp(m * m)); // <= 1 - m^2
        if (!(oneMinus >= 0x1p-60)) {
            return Double.NaN;
        }
        return Math.nextUp(1 / Math.nextDown(Math.sqrt(oneMinus)));
    }

    /** x y, exactly; binary rationals multiplied without a gcd (Rational.of divides out the shared power of two). */
    private static Rational product(Rational x, Rational y) {
        if (x.denominator().bitCount() == 1 && y.denominator().bitCount() == 1) {
            return Rational.of(x.numerator().multiply(y.numerator()), x.denominator().multiply(y.denominator()));
        }
        return x.multiply(y);
    }

    private static Rational bound(Enclosure y) {
        return y.lo().abs().max(y.hi().abs());
    }

    private static Rational min(Rational[] xs) {
        Rational m = xs[0];
        for (Rational x : xs) {
            m = m.min(x);
        }
        return m;
    }

    private static Rational max(Rational[] xs) {
        Rational m = xs[0];
        for (Rational x : xs) {
            m = m.max(x);
        }
        return m;
    }

    private static void requireAbove(Enclosure x, Rational limit, String what) {
        if (x.hi().compareTo(limit) <= 0) {
            throw new ArithmeticException(what + " of a number <= " + limit + ": " + x);
        }
        if (x.lo().compareTo(limit) <= 0) {
            throw new InsufficientPrecisionException(what + " of an enclosure reaching " + limit + ": " + x);
        }
    }

    private static void requireNotBelow(Enclosure x, Rational limit, String what) {
        if (x.hi().compareTo(limit) < 0) {
            throw new ArithmeticException(what + " of a number below " + limit + ": " + x);
        }
        if (x.lo().compareTo(limit) < 0) {
            throw new InsufficientPrecisionException(what + " of an enclosure reaching below " + limit + ": " + x);
        }
    }

    private static void requireNotAbove(Enclosure x, Rational limit, String what) {
        if (x.lo().compareTo(limit) > 0) {
            throw new ArithmeticException(what + " of a number above " + limit + ": " + x);
        }
        if (x.hi().compareTo(limit) > 0) {
            throw new InsufficientPrecisionException(what + " of an enclosure reaching above " + limit + ": " + x);
        }
    }
}
