package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * Functions of non-point enclosures and balls contain the function's value at every point of their argument:
 * the committed fixture (src/test/python/gen_interval_fixtures.py) gives, for intervals [lo, hi] of widths
 * 2^-300 to 1/2, 300-bit python-flint balls of f at lo, the midpoint and hi, each checked against mpmath. The
 * enclosure level (which bounds the far end of a monotone function by a slope, proofs/double-double-interval.md
 * section 11) at 64 to 256 bits, and the double-double level on the ball covering [lo, hi], must contain every
 * ball of the interval; the enclosure level at the point t must contain t's ball.
 */
class IntervalContainmentTest {
    private static final int[] BITS = {64, 100, 132, 200, 256};

    private static <T> T apply(Arithmetic<T> a, String f, T x) {
        return switch (f) {
            case "exp" -> a.exp(x);
            case "expm1" -> a.expm1(x);
            case "log" -> a.log(x);
            case "sqrt" -> a.sqrt(x);
            case "asin" -> a.asin(x);
            case "acos" -> a.acos(x);
            case "atan" -> a.atan(x);
            case "cos" -> a.cos(x);
            case "sin" -> a.sin(x);
            default -> throw new IllegalArgumentException(f);
        };
    }

    private static void check(BiFunction<String, String[], Enclosure> evaluate, String what) throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/intervals.csv");
        assertEquals(9 * 40 * 3, rows.size());
        int checked = 0;
        for (String[] row : rows) {
            Enclosure ours;
            try {
                ours = evaluate.apply(row[0], row);
            } catch (InsufficientPrecisionException e) {
                continue; // the level declines (the double-double level on a wide ball): nothing claimed
            }
            Rational lo = Rational.parse(row[4]);
            Rational hi = Rational.parse(row[5]);
            assertTrue(ours.lo().compareTo(lo) <= 0 && hi.compareTo(ours.hi()) <= 0,
                    () -> what + " " + row[0] + "([" + row[1] + ", " + row[2] + "]) = " + ours + " misses the ball at " + row[3]);
            checked++;
        }
        assertTrue(checked > rows.size() / 2, what + ": only " + checked + " rows evaluated");
    }

    @Test
    void theEnclosureLevelContainsTheRangeOverEachInterval() throws IOException {
        for (int bits : BITS) {
            EnclosureArithmetic a = new EnclosureArithmetic(bits);
            check((f, row) -> apply(a, f, Enclosure.of(Rational.parse(row[1]), Rational.parse(row[2]))), bits + " bits");
        }
    }

    @Test
    void theEnclosureLevelContainsTheValueAtEachPoint() throws IOException {
        for (int bits : BITS) {
            EnclosureArithmetic a = new EnclosureArithmetic(bits);
            check((f, row) -> apply(a, f, Enclosure.exact(Rational.parse(row[3]))), bits + " bits, point");
        }
    }

    @Test
    void theDoubleDoubleLevelContainsTheRangeOverEachInterval() throws IOException {
        DoubleDoubleIntervalArithmetic a = new DoubleDoubleIntervalArithmetic(132);
        check((f, row) -> a.toEnclosure(apply(a, f, DoubleDoubleBalls.ballOf(Rational.parse(row[1]), Rational.parse(row[2])))),
                "double-double");
    }
}
