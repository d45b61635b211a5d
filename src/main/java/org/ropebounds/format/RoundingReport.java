package org.ropebounds.format;

import java.util.Optional;

/**
 * Everything the calculator says about rounding one exact value into one format, all exact.
 *
 * @param input the exact value x, with the sign it was written with (-0 rounds to -0)
 * @param format the format
 * @param mode the rounding mode
 * @param overflow the overflow policy
 * @param rounded round(x) with its ternary value
 * @param ulp ulp(x), the spacing of the format at x ({@link Format#ulp(Rational)})
 * @param below the largest value of the format &lt;= x (may be -inf, or NaN without infinity)
 * @param above the smallest value of the format &gt;= x
 */
public record RoundingReport(SignedRational input, Format format, RoundingMode mode, OverflowPolicy overflow,
                             Rounded rounded, BinaryRational ulp, FloatValue below, FloatValue above) {

    /** Rounds {@code x} and gathers the facts around it. */
    public static RoundingReport of(Rational x, Format format, RoundingMode mode, OverflowPolicy overflow) {
        return of(SignedRational.of(x), format, mode, overflow);
    }

    /**
     * Rounds {@code x}, keeping the sign of a zero ({@link Format#round(SignedRational, RoundingMode, OverflowPolicy)}),
     * and gathers the facts around it; the neighbours of -0 are -0 itself, as those of +0 are +0.
     */
    public static RoundingReport of(SignedRational x, Format format, RoundingMode mode, OverflowPolicy overflow) {
        Rounded r = format.round(x, mode, overflow);
        FloatValue[] around = x.isNegativeZero() ? new FloatValue[] {r.value(), r.value()} : format.neighbours(x.value());
        return new RoundingReport(x, format, mode, overflow, r, format.ulp(x.value()), around[0], around[1]);
    }

    /** round(x) - x, exactly; empty when round(x) is not finite. */
    public Optional<Rational> error() {
        FloatValue v = rounded.value();
        return v.isFinite() ? Optional.of(v.value().toRational().subtract(input.value())) : Optional.empty();
    }

    /** (round(x) - x) / ulp(x), exactly; empty when round(x) is not finite. */
    public Optional<Rational> errorInUlps() {
        return error().map(e -> e.divide(ulp.toRational()));
    }
}
