package org.ropebounds.format;

/**
 * The result of rounding an exact value into a format, with MPFR's ternary value.
 *
 * @param value the value in the format
 * @param ternary the sign of {@code value - x} for the exact input x: 0 when exact, +1 when rounded
 *     up, -1 when rounded down. A NaN produced by overflow (formats without infinity) carries the
 *     sign of x, as if it were the infinity it stands for.
 */
public record Rounded(FloatValue value, int ternary) {

    /** Whether the value equals the input exactly. */
    public boolean exact() {
        return ternary == 0;
    }
}
