package org.ropebounds.cli;

import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.ContextLength;
import org.ropebounds.format.Rational;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

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

    /** The half-open positions A:B, each end read by {@link #parse}; whether A < B is the request's to check. */
    record Range(long first, long end) { }

    static final class RangeConverter implements ITypeConverter<Range> {
        @Override
        public Range convert(String text) {
            try {
                int colon = text.indexOf(':');
                if (colon < 0) {
                    throw new InvalidInputException("'" + InvalidInputException.quoted(text) + "' is not A:B; accepted: e.g. 0:131072");
                }
                return new Range(parse(text.substring(0, colon)), parse(text.substring(colon + 1)));
            } catch (InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
