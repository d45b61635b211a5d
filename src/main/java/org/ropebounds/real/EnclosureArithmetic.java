package org.ropebounds.real;

import java.math.BigInteger;
import java.util.Optional;
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
        Rational[] p = {a.lo().multiply(b.lo()), a.lo().multiply(b.hi()), a.hi().multiply(b.lo()), a.hi().multiply(b.hi())};
        return outward(min(p), max(p));
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
        Enclosure hi = x.isExact() ? lo : sqrtPoint(x.hi());
        return outward(lo.lo(), hi.hi());
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
        Enclosure hi = x.isExact() ? lo : Kernels.exp(x.hi(), bits + 4);
        return outward(lo.lo(), hi.hi());
    }

    @Override
    public Enclosure expm1(Enclosure x) {
        Enclosure lo = expm1Point(x.lo());
        Enclosure hi = x.isExact() ? lo : expm1Point(x.hi());
        return outward(lo.lo(), hi.hi());
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
        Enclosure hi = x.isExact() ? lo : Kernels.log(x.hi(), bits + 4).toEnclosure();
        return outward(lo.lo(), hi.hi());
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
        Enclosure atLo = x.isExact() ? atHi : Kernels.acos(x.lo(), bits + 4).toEnclosure();
        return outward(atHi.lo(), atLo.hi());
    }

    @Override
    public Enclosure asin(Enclosure x) {
        requireNotBelow(x, Rational.ONE.negate(), "asin");
        requireNotAbove(x, Rational.ONE, "asin");
        Enclosure lo = Kernels.asin(x.lo(), bits + 4).toEnclosure();
        Enclosure hi = x.isExact() ? lo : Kernels.asin(x.hi(), bits + 4).toEnclosure();
        return outward(lo.lo(), hi.hi());
    }

    @Override
    public Enclosure atan(Enclosure x) {
        Enclosure lo = Kernels.atan(x.lo(), bits + 4).toEnclosure();
        Enclosure hi = x.isExact() ? lo : Kernels.atan(x.hi(), bits + 4).toEnclosure();
        return outward(lo.lo(), hi.hi());
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
        if (lo.equals(hi) && lo.numerator().bitLength() + lo.denominator().bitLength() <= 4L * bits + 256) {
            return Enclosure.exact(lo);
        }
        return Enclosure.of(onGrid(lo, RoundingMode.TOWARD_NEGATIVE), onGrid(hi, RoundingMode.TOWARD_POSITIVE));
    }

    private Rational onGrid(Rational x, RoundingMode mode) {
        FloatValue v = grid.round(x, mode).value();
        if (!v.isFinite()) {
            throw new ArithmeticException("magnitude beyond 2^" + Format.MAX_EXPONENT);
        }
        return v.value().toRational();
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
