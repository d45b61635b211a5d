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
    void theAtanKernelContainsTheRangeOverAWideFixedInterval() throws IOException {
        // the kernel's own interval path (halvings and series bound the far end by a slope), on the fixture's atan rows
        int checked = 0;
        for (String[] row : org.ropebounds.Fixtures.rows("real/intervals.csv")) {
            Rational lo = Rational.parse(row[1]);
            if (!row[0].equals("atan") || lo.signum() < 0) {
                continue;
            }
            for (int w : new int[] {80, 200, 280}) {
                FixedInterval t = new FixedInterval(FixedInterval.of(lo, w).lo(), FixedInterval.of(Rational.parse(row[2]), w).hi(), w);
                Enclosure ours = Kernels.atanNonNegative(t).toEnclosure();
                Rational bLo = Rational.parse(row[4]);
                Rational bHi = Rational.parse(row[5]);
                assertTrue(ours.lo().compareTo(bLo) <= 0 && bHi.compareTo(ours.hi()) <= 0,
                        () -> "atan kernel over [" + row[1] + ", " + row[2] + "] at " + w + " bits = " + ours + " misses the ball at " + row[3]);
                checked++;
            }
        }
        assertTrue(checked >= 30, "atan rows checked: " + checked);
        // and on intervals in (1/8, 1], where the halvings run, against the kernel at 800 bits at both ends
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        for (int i = 0; i < 300; i++) {
            int w = 64 + random.nextInt(200);
            Rational a = Rational.of(java.math.BigInteger.valueOf(random.nextLong(1L << 59, 1L << 62)), java.math.BigInteger.ONE.shiftLeft(62));
            Rational b = a.add(Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.ONE.shiftLeft(random.nextInt(2, 60)))).min(Rational.ONE);
            FixedInterval t = new FixedInterval(FixedInterval.of(a, w).lo(), FixedInterval.of(b, w).hi(), w);
            Enclosure ours = Kernels.atanNonNegative(t).toEnclosure();
            Enclosure atA = Kernels.atan(a, 800).toEnclosure();
            Enclosure atB = Kernels.atan(b, 800).toEnclosure();
            assertTrue(ours.lo().compareTo(atA.lo()) <= 0 && atB.hi().compareTo(ours.hi()) <= 0,
                    () -> "atan kernel over [" + a + ", " + b + "] at " + w + " bits = " + ours + " misses " + atA + " or " + atB);
        }
    }

    @Test
    void theDoubleDoubleLevelContainsTheRangeOverEachInterval() throws IOException {
        DoubleDoubleIntervalArithmetic a = new DoubleDoubleIntervalArithmetic(132);
        check((f, row) -> a.toEnclosure(apply(a, f, DoubleDoubleBalls.ballOf(Rational.parse(row[1]), Rational.parse(row[2])))),
                "double-double");
    }
}
