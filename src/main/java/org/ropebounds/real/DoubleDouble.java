package org.ropebounds.real;

/**
 * A real number known to within {@code errorBound} of the double-double {@code hi + lo}: the exact value
 * X satisfies {@code |X - (hi + lo)| <= errorBound}, and the pair is normalised ({@code hi == hi + lo} in
 * round-to-nearest, so {@code |lo| <= ulp(hi)/2}).
 *
 * @param hi the leading double
 * @param lo the trailing double, {@code |lo| <= ulp(hi)/2}
 * @param errorBound a non-negative bound on the distance from the exact value to {@code hi + lo}
 */
public record DoubleDouble(double hi, double lo, double errorBound) {
    /** @throws IllegalArgumentException if the bound is negative or NaN, or the pair is not normalised */
    public DoubleDouble {
        if (!(errorBound >= 0)) {
            throw new IllegalArgumentException("error bound " + errorBound + " must be >= 0");
        }
        if (hi + lo != hi) {
            throw new IllegalArgumentException(hi + " + " + lo + " is not a normalised double-double");
        }
    }
}
