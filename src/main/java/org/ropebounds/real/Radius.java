package org.ropebounds.real;

import java.math.BigInteger;
import org.ropebounds.format.Rational;

/**
 * A non-negative bound {@code mantissa * 2^exponent} on a ball's radius, Arb's {@code mag_t}: the mantissa is
 * 0 or within [2^30, 2^31), and every operation rounds upward, so each result is at least the exact result of
 * the operation on the bounds it is given ({@code proofs/ball-arithmetic.md} section 2). Immutable.
 */
record Radius(long mantissa, long exponent) {
    static final Radius ZERO = new Radius(0, 0);
    private static final int BITS = 31;
    private static final long LOW = 1L << (BITS - 1);
    private static final long HIGH = 1L << BITS;

    /** The least normalised bound {@code >= m 2^e} (one unit up when bits are dropped), for 0 <= m < 2^63. */
    static Radius up(long m, long e) {
        if (m == 0) {
            return ZERO;
        }
        int length = 64 - Long.numberOfLeadingZeros(m);
        if (length <= BITS) {
            int shift = BITS - length;
            return new Radius(m << shift, e - shift);
        }
        int shift = length - BITS;
        long q = m >>> shift;
        if (q << shift != m) {
            q++;
        }
        if (q == HIGH) {
            return new Radius(LOW, e + shift + 1);
        }
        return new Radius(q, e + shift);
    }

    /** A bound {@code >= |n| 2^e}. */
    static Radius up(BigInteger n, long e) {
        int length = n.bitLength();
        if (length < 63) {
            return up(Math.abs(n.longValue()), e);
        }
        BigInteger a = n.abs();
        length = a.bitLength();
        return up(a.shiftRight(length - 62).longValue() + 1, e + length - 62);
    }

    /** A bound {@code >= |x|} for a rational x: exact for a binary rational, else its quotient rounded up. */
    static Radius above(Rational x) {
        BigInteger n = x.numerator();
        BigInteger d = x.denominator();
        if (d.bitCount() == 1) {
            return up(n, -(d.bitLength() - 1));
        }
        long k = 62 - (n.bitLength() - d.bitLength());
        BigInteger a = n.abs();
        BigInteger q = k >= 0 ? a.shiftLeft((int) k).divide(d) : a.divide(d.shiftLeft((int) -k));
        return up(q.add(BigInteger.ONE), -k); // |x| 2^k < q + 1
    }

    /** 2^e exactly. */
    static Radius powerOfTwo(long e) {
        return new Radius(LOW, e - (BITS - 1));
    }

    /** A bound {@code >= d} for a finite double d >= 0 (exact: a double has 53 bits, two longs' worth of room). */
    static Radius ofDouble(double d) {
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("radius " + d);
        }
        if (d == 0) {
            return ZERO;
        }
        int e = Math.getExponent(d);
        if (e < Double.MIN_EXPONENT) {
            return powerOfTwo(Double.MIN_EXPONENT); // subnormal: below 2^-1022
        }
        long m = (long) Math.scalb(d, 52 - e); // exact: d's 53-bit significand
        return up(m, e - 52);
    }

    boolean isZero() {
        return mantissa == 0;
    }

    /** A bound {@code >= this + o}. */
    Radius plus(Radius o) {
        if (o.mantissa == 0) {
            return this;
        }
        if (mantissa == 0) {
            return o;
        }
        Radius big = exponent >= o.exponent ? this : o;
        Radius small = big == this ? o : this;
        long d = big.exponent - small.exponent;
        // small < 2^(31 + small.exponent) <= 2^big.exponent once d >= 31: one unit of big's covers it
        long part = d >= BITS ? 1 : (small.mantissa + (1L << d) - 1) >> d;
        return up(big.mantissa + part, big.exponent);
    }

    /** A bound {@code >= this * o} (the mantissas' product is below 2^62). */
    Radius times(Radius o) {
        if (mantissa == 0 || o.mantissa == 0) {
            return ZERO;
        }
        return up(mantissa * o.mantissa, exponent + o.exponent);
    }

    /** A bound {@code >= this * |m| 2^e}. */
    Radius times(BigInteger m, long e) {
        return m.signum() == 0 || mantissa == 0 ? ZERO : times(up(m, e));
    }

    /** A bound {@code >= this * 2^k}, exactly. */
    Radius timesPowerOfTwo(long k) {
        return mantissa == 0 ? this : new Radius(mantissa, exponent + k);
    }

    /** The exponent t with this < 2^t (this > 0). */
    long ceilingLog2Bound() {
        return exponent + BITS;
    }

    /** A double {@code >= this}: +infinity beyond the double range, 2^-1000 for any smaller bound. */
    double toDoubleUp() {
        if (mantissa == 0) {
            return 0;
        }
        if (exponent + BITS < -1000) {
            return 0x1p-1000;
        }
        if (exponent > 990) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.scalb((double) mantissa, (int) exponent); // exact: 31 bits, normal range
    }

    /** The bound as an exact rational. */
    Rational toRational() {
        if (mantissa == 0) {
            return Rational.ZERO;
        }
        BigInteger m = BigInteger.valueOf(mantissa);
        return exponent >= 0 ? Rational.of(m.shiftLeft((int) exponent), BigInteger.ONE)
                : Rational.of(m, BigInteger.ONE.shiftLeft((int) -exponent));
    }

    /**
     * A bound {@code >= 1 / (|m 2^e| - r)} when |m 2^e| > r: the magnitude's top 31 bits truncated, r in the
     * same units rounded up, the difference's reciprocal rounded up.
     *
     * @throws InsufficientPrecisionException if that difference is not positive (the caller checked |m| > r: only
     *         when the two are within one unit of 31 bits of each other)
     */
    static Radius reciprocalOfLowerEnd(BigInteger m, long e, Radius r) {
        BigInteger a = m.abs();
        int length = a.bitLength();
        long unit = e + length - 31; // |m 2^e| >= low 2^unit
        long low = a.shiftRight(length - 31).longValue();
        long rUnits;
        long shift = unit - r.exponent();
        if (r.isZero()) {
            rUnits = 0;
        } else if (shift >= 31) {
            rUnits = 1; // r < 2^(31 + r.exponent) <= 2^unit
        } else if (shift <= -33) {
            throw new InsufficientPrecisionException("radius above the magnitude");
        } else if (shift >= 0) {
            rUnits = (r.mantissa() + (1L << shift) - 1) >> shift;
        } else {
            rUnits = r.mantissa() << -shift; // < 2^64? mantissa < 2^31, -shift <= 32: < 2^63
        }
        long d = low - rUnits;
        if (d <= 0) {
            throw new InsufficientPrecisionException("a ball too near zero for its reciprocal");
        }
        // 1 / (d 2^unit) <= ceil(2^62 / d) 2^(-62 - unit)
        long inv = (1L << 62) / d + 1;
        return Radius.up(inv, -62 - unit);
    }
}
