package org.ropebounds.format;

import java.math.BigInteger;
import org.ropebounds.format.RoundingMode.Remainder;

/**
 * The exact rounding kernel: a rational {@code |x| = a / b * 2^k} rounded into a format with BigInteger
 * arithmetic, for every precision and exponent range. {@link LongRounding} is the same algorithm on
 * longs for doubles. Stateless.
 */
final class ExactRounding {
    private ExactRounding() {
    }

    /** See {@link Format#round(Rational, RoundingMode, OverflowPolicy)}. */
    static Rounded round(Format f, Rational x, RoundingMode mode, OverflowPolicy overflow) {
        if (x.isZero()) {
            return new Rounded(FloatValue.zero(f, false), 0);
        }
        return roundMagnitude(f, x.signum() < 0, x.numerator().abs(), x.denominator(), 0, mode, overflow);
    }

    /** See {@link Format#round(BinaryRational, RoundingMode, OverflowPolicy)}. */
    static Rounded round(Format f, BinaryRational x, RoundingMode mode, OverflowPolicy overflow) {
        if (x.isZero()) {
            return new Rounded(FloatValue.zero(f, false), 0);
        }
        return roundMagnitude(f, x.signum() < 0, x.significand().abs(), BigInteger.ONE, x.exponent(), mode, overflow);
    }

    /** Rounds {@code (negative ? -1 : 1) * a / b * 2^k}, a, b &gt; 0. */
    private static Rounded roundMagnitude(Format f, boolean negative, BigInteger a, BigInteger b, long k,
                                          RoundingMode mode, OverflowPolicy overflow) {
        long t = (long) a.bitLength() - b.bitLength();
        boolean atLeast = t >= 0 ? a.compareTo(b.shiftLeft((int) t)) >= 0 : a.shiftLeft((int) -t).compareTo(b) >= 0;
        long e = (atLeast ? t : t - 1) + k; // floor(log2 |x|)
        if (e > f.emax() + 1L) {
            return overflowed(f, negative, mode, overflow);
        }
        long qmin = f.quantumExponentMin();
        if (e < qmin - 1) { // |x| < 2^(qmin-1): below half the smallest subnormal
            return finish(f, negative, BigInteger.ZERO, qmin, Remainder.BELOW_HALF, mode, overflow);
        }
        long q = Math.max(e, f.emin()) - f.precision() + 1;
        long s = k - q; // |x| / 2^q = a / b * 2^s
        BigInteger num = s >= 0 ? a.shiftLeft((int) s) : a;
        BigInteger den = s >= 0 ? b : b.shiftLeft((int) -s);
        BigInteger[] qr = num.divideAndRemainder(den);
        Remainder r;
        if (qr[1].signum() == 0) {
            r = Remainder.ZERO;
        } else {
            int c = qr[1].shiftLeft(1).compareTo(den);
            r = c < 0 ? Remainder.BELOW_HALF : c == 0 ? Remainder.HALF : Remainder.ABOVE_HALF;
        }
        return finish(f, negative, qr[0], q, r, mode, overflow);
    }

    /** The truncated significand m (of quantum 2^q) and what was cut off, rounded and checked for overflow. */
    private static Rounded finish(Format f, boolean negative, BigInteger m, long q, Remainder r,
                                  RoundingMode mode, OverflowPolicy overflow) {
        boolean up = mode.roundsMagnitudeUp(negative, m.testBit(0), r);
        if (up) {
            m = m.add(BigInteger.ONE);
        }
        int sign = negative ? -1 : 1;
        int ternary = r == Remainder.ZERO ? 0 : (up ? sign : -sign);
        if (m.signum() == 0) {
            return new Rounded(FloatValue.zero(f, negative), ternary);
        }
        BinaryRational magnitude = BinaryRational.of(m, q);
        if (magnitude.compareTo(f.maxFinite()) > 0) {
            return overflowed(f, negative, mode, overflow);
        }
        return new Rounded(FloatValue.finite(f, negative ? magnitude.negate() : magnitude, negative), ternary);
    }

    private static Rounded overflowed(Format f, boolean negative, RoundingMode mode, OverflowPolicy overflow) {
        int sign = negative ? -1 : 1;
        if (overflow == OverflowPolicy.SATURATE || !mode.overflowsToInfinity(negative)) {
            return new Rounded(FloatValue.finite(f, negative ? f.maxFinite().negate() : f.maxFinite(), negative), -sign);
        }
        return new Rounded(f.hasInfinity() ? FloatValue.infinity(f, negative) : FloatValue.nan(f, negative), sign);
    }
}
