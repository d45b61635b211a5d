package org.ropebounds.libm;

import java.util.Objects;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * The arguments {@code |x| <= R} where a documented error bound holds ({@code pi} for CUDA's
 * {@code __sinf}/{@code __cosf}, 1e28 for SLEEF's single-precision sin/cos). Immutable.
 *
 * @param label how it was written: {@code pi} or the bound's text
 * @param boundDown a double {@code <= R}, so that {@code |x| <= boundDown} proves {@code |x| <= R}; for
 *                  {@code pi} it is {@link Math#PI}, the double just below pi, which every double {@code <= pi} is also below
 */
public record ArgumentRange(String label, double boundDown) {
    public ArgumentRange {
        Objects.requireNonNull(label, "label");
        if (!(boundDown > 0)) {
            throw new IllegalArgumentException("bound must be > 0");
        }
    }

    /** |x| <= pi. */
    public static ArgumentRange pi() {
        return new ArgumentRange("pi", Math.PI);
    }

    /**
     * {@code pi} or a decimal bound R > 0 ({@code 1e28}).
     *
     * @throws InvalidInputException for anything else, naming the text
     */
    public static ArgumentRange parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("pi")) {
            return pi();
        }
        Rational r;
        try {
            r = Rational.parse(t);
        } catch (InvalidInputException | ArithmeticException | NumberFormatException e) {
            throw new InvalidInputException("argument range '" + InvalidInputException.quoted(t) + "' is not accepted; accepted: pi or a number R > 0 (|x| <= R)");
        }
        if (r.signum() <= 0) {
            throw new InvalidInputException("argument range " + t + " is not accepted; accepted: pi or a number R > 0 (|x| <= R)");
        }
        double down = r.toDouble(RoundingMode.TOWARD_NEGATIVE);
        if (!(down > 0)) {
            throw new InvalidInputException("argument range " + t + " is below the smallest double; accepted: pi or a number R > 0 with R >= 2^-1074");
        }
        return new ArgumentRange(t, down);
    }

    /** Whether every x with {@code |x| <= magnitude} is proven inside. */
    public boolean covers(double magnitude) {
        return magnitude <= boundDown;
    }
}
