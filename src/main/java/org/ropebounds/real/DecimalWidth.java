package org.ropebounds.real;

import org.ropebounds.format.Rational;

/**
 * The width test in doubles by which a decimal decision is skipped when the interval is proven too wide for it: a double
 * interval's ({@link CertifiedDecimal#decide(DoubleInterval, int, CertifiedDecimal.Direction)}), and the digit counts
 * {@link CertifiedDecimal#best(Enclosure, int, CertifiedDecimal.Direction)} skips for an enclosure
 * ({@code proofs/double-double-interval.md} section 18).
 */
final class DecimalWidth {
    private DecimalWidth() {
    }

    /**
     * x as a double when {@link #tooWideForDigits} may use it: 0 for x = 0, else the quotient of its numerator and
     * denominator each rounded to the nearest double (relative error below 2^-51) if its magnitude is within
     * [2^-900, 2^900], else NaN (no test).
     */
    static double nearest(Rational x) {
        if (x.isZero()) {
            return 0;
        }
        double d = x.numerator().doubleValue() / x.denominator().doubleValue();
        double m = Math.abs(d);
        return m >= 0x1p-900 && m <= 0x1p900 ? d : Double.NaN; // false for NaN (infinite parts)
    }

    /**
     * Whether an enclosure whose ends round to the doubles lo and hi ({@link #nearest}) is proven too wide
     * for any rounding to k digits to take both ends to one decimal, so that {@link CertifiedDecimal#decide(Enclosure, int, CertifiedDecimal.Direction)}
     * at k is empty: hi - lo exceeds 4 * 10^(1-k) max(|lo|, |hi|) in doubles, for k <= 15 only (there the doubles'
     * absolute errors, 2^-53 of the magnitude, stay far below 10^(1-k) of it); false when an end is NaN
     * ({@code proofs/double-double-interval.md} section 18).
     */
    static boolean tooWideForDigits(double lo, double hi, int k) {
        return k <= 15 && exceeds(lo, hi, k); // NaN ends make the comparison false
    }

    /**
     * Whether hi - lo exceeds 4 * 10^(1-k) max(|lo|, |hi|), computed in doubles: when lo and hi are the ends themselves
     * (a double interval), it proves hi - lo > 10^(1-k) max(|lo|, |hi|) (the factor 4 covers the few ulps of the
     * width, the bound and the power of ten), so no rounding to k digits takes both ends to one decimal; false when an
     * end is NaN.
     */
    static boolean exceeds(double lo, double hi, int k) {
        return hi - lo > 4 * Math.max(Math.abs(lo), Math.abs(hi)) * Math.pow(10, 1 - k);
    }
}
