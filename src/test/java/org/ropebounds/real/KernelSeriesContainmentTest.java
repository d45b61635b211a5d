package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * The kernels themselves, at the resolution of their own fixed point: {@link Kernels}' fixed intervals (a few
 * units of 2^-w wide, w the working bits plus guard bits) for atan, asin, acos, log and exp at exact points
 * must contain the 640-bit python-flint balls of the committed fixture (src/test/python/gen_ball_fixtures.py,
 * the point rows), so an error term of the one-sequence series (proofs/ball-arithmetic.md section 8) that is
 * left out shows here even where the guard bits would hide it from the levels above.
 */
class KernelSeriesContainmentTest {
    private static final int[] BITS = {128, 384};

    @Test
    void kernelsContainTheValueAtEachPoint() throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/balls.csv");
        int checked = 0;
        for (int bits : BITS) {
            for (String[] row : rows) {
                String f = row[0];
                if (!List.of("atan", "asin", "acos", "log", "exp", "expm1").contains(f)) {
                    continue;
                }
                Rational t = Rational.parse(row[5]);
                Enclosure ours = switch (f) {
                    case "atan" -> Kernels.atan(t, bits).toEnclosure();
                    case "asin" -> Kernels.asin(t, bits).toEnclosure();
                    case "acos" -> Kernels.acos(t, bits).toEnclosure();
                    case "log" -> Kernels.log(t, bits).toEnclosure();
                    case "exp" -> Kernels.exp(t, bits);
                    default -> minusOne(Kernels.exp(t, bits + 8 + (int) Math.max(0, t.isZero() ? 0 : -t.floorLog2())));
                };
                Rational lo = Rational.parse(row[7]);
                Rational hi = Rational.parse(row[8]);
                assertTrue(ours.lo().compareTo(lo) <= 0 && hi.compareTo(ours.hi()) <= 0,
                        () -> bits + " bits: kernel " + f + "(" + row[5] + ") = " + ours + " misses [" + row[7] + ", " + row[8] + "]");
                checked++;
            }
        }
        assertTrue(checked > 600, "only " + checked + " kernel values checked");
    }

    private static Enclosure minusOne(Enclosure e) {
        return Enclosure.of(e.lo().subtract(Rational.ONE), e.hi().subtract(Rational.ONE));
    }

    @Test
    void ballsOfNonBinaryRationalsContainThem() {
        // n/3, n/7, n/10, ... have no binary expansion: the ball's midpoint is truncated and its radius must
        // cover the rest (the exact value forgotten, as after any operation with an inexact operand)
        for (int bits : BITS) {
            BallArithmetic a = new BallArithmetic(bits);
            for (long d : new long[] {3, 7, 10, 100, 999, 3L << 40}) {
                for (long n = -40; n <= 40; n++) {
                    Rational x = Rational.of(BigInteger.valueOf(n), BigInteger.valueOf(d));
                    if (x.denominator().bitCount() == 1) {
                        continue;
                    }
                    Enclosure e = a.toEnclosure(a.of(x).inexact());
                    assertTrue(e.contains(x) && !e.isExact(), bits + " bits: " + x + " outside " + e);
                }
            }
        }
    }
}
