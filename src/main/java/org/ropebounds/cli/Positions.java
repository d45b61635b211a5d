package org.ropebounds.cli;

import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.ContextLength;
import org.ropebounds.format.Rational;

/** Positions and contexts as integers: 131071, 2^17, 1e6, 128k. */
final class Positions {
    private Positions() {
    }

    /**
     * A position p, an integer with 0 &lt;= p &lt;= 2^62, written as a context length is (131071, 2^17, 1e6, 128k) or 0.
     *
     * @throws InvalidInputException naming the text and the accepted range
     */
    static long parse(String text) {
        if (isZero(text)) {
            return 0;
        }
        try {
            return ContextLength.parse(text).longValueExact();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("position '" + InvalidInputException.quoted(text.strip()) + "' is not accepted;"
                    + " accepted: an integer 0 <= p <= 2^62 such as 0, 131071, 2^17, 1e6, 128k (k = 1024)");
        }
    }

    private static boolean isZero(String text) {
        try {
            return Rational.parse(text.strip()).isZero();
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
