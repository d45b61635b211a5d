package org.ropebounds.real;

import java.math.BigInteger;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;

/**
 * An interval [lo, hi] * 2^-w of fixed-point numbers: the working type of the transcendental kernels in
 * {@link Kernels}. Operations round outward (lo down, hi up), so every result contains the exact
 * result for every point of the arguments.
 */
record FixedInterval(BigInteger lo, BigInteger hi, int w) {

    FixedInterval {
        if (lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("empty fixed interval");
        }
    }

    /** The tightest fixed-point interval around the rational x. */
    static FixedInterval of(Rational x, int w) {
        return ofQuotient(x.numerator(), x.denominator(), w);
    }

    /**
     * The tightest fixed-point interval around n/d for d > 0 (not necessarily in lowest terms): floor and
     * ceiling of n 2^w / d, by shifts alone when d is a power of two.
     */
    static FixedInterval ofQuotient(BigInteger n, BigInteger d, int w) {
        if (d.bitCount() == 1) {
            int k = d.bitLength() - 1; // n 2^w / 2^k
            if (k <= w) {
                BigInteger v = n.shiftLeft(w - k);
                return new FixedInterval(v, v, w);
            }
            BigInteger floor = n.shiftRight(k - w); // toward -infinity, for either sign
            return new FixedInterval(floor, n.getLowestSetBit() >= k - w ? floor : floor.add(BigInteger.ONE), w);
        }
        BigInteger scaled = n.shiftLeft(w);
        BigInteger[] qr = scaled.divideAndRemainder(d);
        BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return new FixedInterval(floor, qr[1].signum() == 0 ? floor : floor.add(BigInteger.ONE), w);
    }

    static FixedInterval point(BigInteger v, int w) {
        return new FixedInterval(v, v, w);
    }

    static FixedInterval one(int w) {
        return point(BigInteger.ONE.shiftLeft(w), w);
    }

    boolean isNonNegative() {
        return lo.signum() >= 0;
    }

    FixedInterval add(FixedInterval o) {
        return new FixedInterval(lo.add(o.lo), hi.add(o.hi), w);
    }

    FixedInterval subtract(FixedInterval o) {
        return new FixedInterval(lo.subtract(o.hi), hi.subtract(o.lo), w);
    }

    FixedInterval negate() {
        return new FixedInterval(hi.negate(), lo.negate(), w);
    }

    /** this * 2^k, exact for k >= 0, outward for k < 0. */
    FixedInterval shift(int k) {
        return k >= 0 ? new FixedInterval(lo.shiftLeft(k), hi.shiftLeft(k), w)
                : new FixedInterval(lo.shiftRight(-k), ceilShiftRight(hi, -k), w);
    }

    /** this * m for an exact integer m. */
    FixedInterval multiply(BigInteger m) {
        BigInteger a = lo.multiply(m);
        BigInteger b = hi.multiply(m);
        return m.signum() >= 0 ? new FixedInterval(a, b, w) : new FixedInterval(b, a, w);
    }

    FixedInterval multiply(FixedInterval o) {
        if (lo.signum() >= 0 && o.lo.signum() >= 0) {
            // both non-negative: the four products' minimum is lo o.lo and their maximum hi o.hi
            return new FixedInterval(lo.multiply(o.lo).shiftRight(w), ceilShiftRight(hi.multiply(o.hi), w), w);
        }
        BigInteger[] p = {lo.multiply(o.lo), lo.multiply(o.hi), hi.multiply(o.lo), hi.multiply(o.hi)};
        BigInteger min = p[0];
        BigInteger max = p[0];
        for (BigInteger x : p) {
            min = min.min(x);
            max = max.max(x);
        }
        return new FixedInterval(min.shiftRight(w), ceilShiftRight(max, w), w);
    }

    /** 1 / this, for an interval of positive numbers. */
    FixedInterval reciprocal() {
        if (lo.signum() <= 0) {
            throw new InsufficientPrecisionException("reciprocal of an interval reaching zero");
        }
        BigInteger one = BigInteger.ONE.shiftLeft(2 * w);
        return new FixedInterval(one.divide(hi), ceilDivide(one, lo), w);
    }

    /** sqrt of an interval of non-negative numbers. */
    FixedInterval sqrt() {
        if (lo.signum() < 0) {
            throw new InsufficientPrecisionException("sqrt of an interval reaching below zero");
        }
        BigInteger a = IntegerRoots.floorSqrt(lo.shiftLeft(w));
        BigInteger hs = hi.shiftLeft(w);
        BigInteger b = IntegerRoots.floorSqrt(hs);
        if (!b.multiply(b).equals(hs)) {
            b = b.add(BigInteger.ONE);
        }
        return new FixedInterval(a, b, w);
    }

    /** The same interval with {@code newW} fraction bits (outward when bits are dropped). */
    FixedInterval rescale(int newW) {
        return newW >= w ? new FixedInterval(lo.shiftLeft(newW - w), hi.shiftLeft(newW - w), newW)
                : new FixedInterval(lo.shiftRight(w - newW), ceilShiftRight(hi, w - newW), newW);
    }

    Enclosure toEnclosure() {
        return Enclosure.of(BinaryRational.of(lo, -(long) w).toRational(), BinaryRational.of(hi, -(long) w).toRational());
    }

    static BigInteger ceilShiftRight(BigInteger x, int k) {
        BigInteger q = x.shiftRight(k);
        return q.shiftLeft(k).equals(x) ? q : q.add(BigInteger.ONE);
    }

    static BigInteger ceilDivide(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }
}
