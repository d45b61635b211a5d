package org.ropebounds.format;

import java.util.Optional;

/**
 * Everything the calculator says about rounding one exact value into one format, all exact.
 *
 * @param input the exact value x
 * @param format the format
 * @param mode the rounding mode
 * @param overflow the overflow policy
 * @param rounded round(x) with its ternary value
 * @param ulp ulp(x), the spacing of the format at x ({@link Format#ulp(Rational)})
 * @param below the largest value of the format &lt;= x (may be -inf, or NaN without infinity)
 * @param above the smallest value of the format &gt;= x
 */
public record RoundingReport(Rational input, Format format, RoundingMode mode, OverflowPolicy overflow,
                             Rounded rounded, BinaryRational ulp, FloatValue below, FloatValue above) {

    /** Rounds {@code x} and gathers the facts around it. */
    public static RoundingReport of(Rational x, Format format, RoundingMode mode, OverflowPolicy overflow) {
        FloatValue[] around = format.neighbours(x);
        return new RoundingReport(x, format, mode, overflow, format.round(x, mode, overflow), format.ulp(x),
                around[0], around[1]);
    }

    /** round(x) - x, exactly; empty when round(x) is not finite. */
    public Optional<Rational> error() {
        FloatValue v = rounded.value();
        return v.isFinite() ? Optional.of(v.value().toRational().subtract(input)) : Optional.empty();
    }

    /** (round(x) - x) / ulp(x), exactly; empty when round(x) is not finite. */
    public Optional<Rational> errorInUlps() {
        return error().map(e -> e.divide(ulp.toRational()));
    }
}
