package org.ropebounds.rope;

import org.ropebounds.format.Format;
import org.ropebounds.format.RoundingMode;

/**
 * Round-to-nearest-even of a double into a format whose values are doubles, in double arithmetic alone: the
 * scan's inner loop, where {@link Format#roundNearestToDouble} costs more than the rest of the position. The
 * same results as that method (infinity on overflow, NaN in formats without infinity, signed zeros kept).
 *
 * <p>Why it is exact, for a finite x != 0 with |x| = a and a format of precision p <= 52 whose quanta 2^q are
 * normal doubles (emin - p + 1 >= -1022, emax <= 1022): with e = floor(log2 a) and q = max(e, emin) - p + 1 the
 * format's quantum at a, a 2^-q < 2^p is computed exactly (a power-of-two scaling that stays within the normal
 * doubles or scales a subnormal up), rint rounds it to the nearest integer with ties to even -- the even integer
 * is the even significand -- and n 2^q (n <= 2^p) is exact again. RN overflows exactly when that value exceeds the
 * largest finite value (IEEE formats: it is then 2^(emax+1); fp8-e4m3, whose top encoding is NaN, overflows above
 * 448, the same rule). A result below half the least quantum becomes a signed zero.
 * Tested against the exact rational rounding of {@link Format#round} in NearestDoublesTest.
 */
final class NearestDoubles {
    private static final double TWO_TO_52 = 0x1p52;
    private final Format format;
    private final boolean fast;
    private final boolean fp32;
    private final boolean fp64;
    private final int precision;
    private final int emin;
    private final double maxFinite;
    private final double overflow;

    /** The rounder of {@code format}; formats outside the fast range (or fp64, the identity) go through the format itself. */
    NearestDoubles(Format format) {
        this.format = format;
        this.precision = format.precision();
        this.emin = format.emin();
        this.fast = format.valuesAreDoubles() && precision >= 2 && precision <= 52 && emin - precision + 1 >= -1022 && format.emax() <= 1022;
        this.fp32 = format.equals(Format.FP32);
        this.fp64 = format.equals(Format.FP64);
        this.maxFinite = format.maxFinite().toRational().toDouble(RoundingMode.TOWARD_POSITIVE);
        this.overflow = format.hasInfinity() ? Double.POSITIVE_INFINITY : Double.NaN;
    }

    /**
     * RN(x) in the format, as a double; equal to {@code format.roundNearestToDouble(x)}. Small enough for the first tier of
     * the JIT to inline (fp64 and fp32 need no call); the other formats' rounding is {@link #roundScaled}.
     */
    double round(double x) {
        // every double is an fp64 value: RN is the identity (NaN, infinities and signed zeros too); Java's conversion is RN into fp32
        return fp64 ? x : fp32 ? (float) x : roundScaled(x);
    }

    /** {@link #round} in a format other than fp64 and fp32. */
    private double roundScaled(double x) {
        if (!fast) {
            return format.roundNearestToDouble(x);
        }
        double a = Math.abs(x);
        if (!(a <= Double.MAX_VALUE) || a == 0) {
            return Double.isNaN(x) || a == 0 ? x : Math.copySign(overflow, x); // NaN, signed zero, or an infinity
        }
        int q = Math.max(Math.getExponent(a), emin) - precision + 1;
        // 0 < y < 2^p <= 2^52: 2^52 + y lies in [2^52, 2^53], where the doubles are the integers, so it rounds y to the
        // nearest integer, ties to even (2^52 is even), and the subtraction is exact: Math.rint(y) for y >= 0, without
        // the call the first-tier JIT does not inline
        double y = a * powerOfTwo(-q);
        double n = (TWO_TO_52 + y) - TWO_TO_52;
        double r = n * powerOfTwo(q);
        return Math.copySign(r > maxFinite ? overflow : r, x);
    }

    /** 2^k for -1022 <= k <= 1023, exactly. */
    private static double powerOfTwo(int k) {
        return Double.longBitsToDouble((long) (k + 1023) << 52);
    }
}
