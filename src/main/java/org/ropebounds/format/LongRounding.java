package org.ropebounds.format;

import org.ropebounds.format.RoundingMode.Remainder;

/**
 * The fast path for doubles: {@link ExactRounding}'s algorithm on longs, allocating nothing, for formats
 * with {@link Format#supportsRoundToBits()}; and the decoding of encodings into doubles for formats whose
 * {@link Format#valuesAreDoubles() values are doubles}. Stateless.
 */
final class LongRounding {
    private LongRounding() {
    }

    /** See {@link Format#round(double, RoundingMode, OverflowPolicy)}. */
    static Rounded round(Format f, double x, RoundingMode mode, OverflowPolicy overflow) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
            boolean negative = Double.doubleToRawLongBits(x) < 0;
            FloatValue v = x == 0 ? FloatValue.zero(f, negative)
                    : Double.isNaN(x) || !f.hasInfinity() ? FloatValue.nan(f, negative) : FloatValue.infinity(f, negative);
            return new Rounded(v, 0);
        }
        if (f.supportsRoundToBits()) {
            long bits = roundToBits(f, x, mode, overflow);
            FloatValue v = f.fromBits(bits);
            int ternary = v.isNaN() || v.isInfinite() ? (x < 0 ? -1 : 1)
                    : v.value().compareTo(BinaryRational.ofDouble(x));
            return new Rounded(v, ternary);
        }
        return ExactRounding.round(f, BinaryRational.ofDouble(x), mode, overflow);
    }

    /** See {@link Format#toDouble(long)}. */
    static double toDouble(Format f, long bits) {
        if (!f.valuesAreDoubles()) {
            throw new UnsupportedOperationException(f.name() + " has values that are not doubles");
        }
        int width = f.encodingBits(); // <= 64: implied by valuesAreDoubles
        int precision = f.precision();
        boolean negative = width == 64 ? bits < 0 : ((bits >>> (width - 1)) & 1) != 0;
        long magnitude = width == 64 ? bits & Long.MAX_VALUE : bits & ((1L << (width - 1)) - 1);
        double v;
        if (magnitude > f.maxFiniteBitsLong()) {
            v = f.hasInfinity() && magnitude == f.infinityMagnitudeBits().longValue() ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            long code = magnitude >>> (precision - 1);
            long fraction = magnitude & ((1L << (precision - 1)) - 1);
            v = code == 0 ? Math.scalb((double) fraction, f.quantumExponentMin())
                    : Math.scalb((double) (fraction | (1L << (precision - 1))), (int) (f.quantumExponentMin() + code - 1));
        }
        return negative ? -v : v;
    }

    /** See {@link Format#roundNearestToDouble(double)}. */
    static double roundNearestToDouble(Format f, double x) {
        if (f == Format.FP32) {
            return (float) x;
        }
        if (f == Format.FP64) {
            return x;
        }
        return toDouble(f, roundToBits(f, x, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY));
    }

    /** See {@link Format#roundToBits(double, RoundingMode, OverflowPolicy)}. */
    static long roundToBits(Format f, double x, RoundingMode mode, OverflowPolicy overflow) {
        if (!f.supportsRoundToBits()) {
            throw new UnsupportedOperationException(f.name() + " has no fast path (p > 53 or encoding wider than 64 bits)");
        }
        int precision = f.precision();
        long xb = Double.doubleToRawLongBits(x);
        boolean negative = xb < 0;
        long signBit = negative ? 1L << (f.encodingBits() - 1) : 0;
        int biased = (int) ((xb >>> 52) & 0x7ff);
        long fraction = xb & ((1L << 52) - 1);
        if (biased == 0x7ff) {
            return signBit | (fraction != 0 || !f.hasInfinity() ? f.nanMagnitudeBits() : f.infinityMagnitudeBits()).longValue();
        }
        if (biased == 0 && fraction == 0) {
            return signBit;
        }
        long m = biased == 0 ? fraction : fraction | (1L << 52);
        int k = biased == 0 ? -1074 : biased - 1075; // |x| = m * 2^k
        int e = k + 63 - Long.numberOfLeadingZeros(m);
        int qmin = f.quantumExponentMin();
        if (e > f.emax() + 1) {
            return signBit | overflowBits(f, negative, mode, overflow);
        }
        long truncated;
        Remainder r;
        int q;
        if (e < qmin - 1) {
            q = qmin;
            truncated = 0;
            r = Remainder.BELOW_HALF;
        } else {
            q = Math.max(e, f.emin()) - precision + 1;
            int shift = q - k;
            if (shift <= 0) {
                truncated = m << -shift; // exact: fewer than p <= 53 significant bits
                r = Remainder.ZERO;
            } else if (shift >= 54) {
                truncated = 0;
                r = Remainder.BELOW_HALF; // m < 2^53 <= 2^(shift-1)
            } else {
                truncated = m >>> shift;
                long rest = m & ((1L << shift) - 1);
                long half = 1L << (shift - 1);
                r = rest == 0 ? Remainder.ZERO : rest < half ? Remainder.BELOW_HALF
                        : rest == half ? Remainder.HALF : Remainder.ABOVE_HALF;
            }
        }
        if (mode.roundsMagnitudeUp(negative, (truncated & 1) != 0, r)) {
            truncated++;
        }
        // normal: bits = (q - qmin) * 2^(p-1) + M with M in [2^(p-1), 2^p] (a carry moves into the
        // exponent field); subnormal: q = qmin and bits = M
        long magnitudeBits = ((long) (q - qmin) << (precision - 1)) + truncated;
        if (magnitudeBits > f.maxFiniteBitsLong()) { // the fast path's encodings fit 64 bits, so this is maxFiniteBits
            return signBit | overflowBits(f, negative, mode, overflow);
        }
        return signBit | magnitudeBits;
    }

    private static long overflowBits(Format f, boolean negative, RoundingMode mode, OverflowPolicy overflow) {
        if (overflow == OverflowPolicy.SATURATE || !mode.overflowsToInfinity(negative)) {
            return f.maxFiniteBitsLong();
        }
        return (f.hasInfinity() ? f.infinityMagnitudeBits() : f.nanMagnitudeBits()).longValue();
    }
}
