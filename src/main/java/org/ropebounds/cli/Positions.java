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
     * A position p, an integer with 0 &lt;= p &lt;= 2^62, written as a context length is (131071, 2^17, 1e6, 128k) or 0,
     * or as one such term plus or minus another (2^17-64, 1e6+5, 2^24-2^10): positions just below a power of two are
     * where a kernel's test suite wants them. The result is exact; no rounding happens.
     *
     * @throws InvalidInputException naming the text and the accepted range
     */
    static long parse(String text) {
        String t = text.strip();
        try {
            int op = offsetOperator(t);
            if (op < 0) {
                return term(t);
            }
            long a = term(t.substring(0, op));
            long b = term(t.substring(op + 1));
            long p = t.charAt(op) == '+' ? a + b : a - b; // terms are <= 2^62, so neither overflows
            if (p < 0 || p > 1L << 62) {
                throw new InvalidInputException(t);
            }
            return p;
        } catch (InvalidInputException e) {
            throw new InvalidInputException("position '" + InvalidInputException.quoted(t) + "' is not accepted;"
                    + " accepted: an integer 0 <= p <= 2^62 such as 0, 131071, 2^17, 2^17-64, 1e6, 128k (k = 1024)");
        }
    }

    /** The index of a binary + or - (not a leading sign, not an exponent's sign after e or ^), or -1. */
    private static int offsetOperator(String t) {
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            char before = t.charAt(i - 1);
            if ((c == '+' || c == '-') && before != 'e' && before != 'E' && before != '^') {
                return i;
            }
        }
        return -1;
    }

    private static long term(String text) {
        return isZero(text) ? 0 : ContextLength.parse(text.strip()).longValueExact();
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
