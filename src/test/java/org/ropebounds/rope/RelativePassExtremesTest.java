package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * {@link RelativePass}'s enclosure [maxLo, maxHi] of the largest |e| against every pair of its positions, bit for bit:
 * each position's error enclosure from the general {@code SplitTheta.signedError}, each pair's ends with Java's
 * Math.max, nextUp and nextDown, no window extremes. The pass's running and sliding windows take the least and largest
 * ends with plain comparisons (proofs/relative-position-error.md, section 9); its value must be the pairs' all the same,
 * whatever entry of the window (its first, its last, position 0) holds the extreme.
 */
class RelativePassExtremesTest {

    /** max over the pairs (p, q) of p in [from, to] of nextUp(max(hi_p - lo_q, hi_q - lo_p)), and of nextDown(max(lo_p - hi_q, lo_q - hi_p)). */
    private static double[] pairs(RopeEmulator rope, int i, long from, long to, long reach, long lookback) {
        PhaseScan.SplitTheta theta = PhaseScan.split(rope, i, rope.thetaEnclosure(i));
        long s = RelativePass.passStart(from, reach, lookback);
        double top = 0;
        double bottom = 0;
        for (long p = from; p <= to; p++) {
            double[] e = ScanCases.signedError(rope, i, theta, p);
            for (long q = 0; q < p; q++) {
                boolean visited = (q >= s && q >= p - reach) || (q == 0 && s > 0 && p <= reach);
                if (visited) {
                    double[] f = ScanCases.signedError(rope, i, theta, q);
                    top = Math.max(top, Math.nextUp(Math.max(e[1] - f[0], f[1] - e[0])));
                    bottom = Math.max(bottom, Math.nextDown(Math.max(e[0] - f[1], f[0] - e[1])));
                }
            }
        }
        return new double[] {bottom, top};
    }

    @Test
    void theWindowsExtremesAreThoseOfThePairs() {
        SplittableRandom random = new SplittableRandom(41);
        int cases = 0;
        for (ScanCases.Case c : ScanCases.presetsAtThreeBases()) {
            RopeEmulator rope = c.rope();
            for (int n = 0; n < 12; n++) {
                int mode = random.nextInt(rope.modes());
                long from = 1 + random.nextInt(300);
                long to = from + random.nextInt(200);
                long reach = new long[] {1, 2, 7, 64, 1000, Long.MAX_VALUE}[random.nextInt(6)];
                long lookback = new long[] {0, 1, 5, 100, Long.MAX_VALUE}[random.nextInt(5)];
                RelativePass.Pass pass = RelativePass.pass(rope, mode, rope.thetaEnclosure(mode), from, to, reach, lookback,
                        Rational.parse("1e6"), null, false);
                double[] expected = pairs(rope, mode, from, to, reach, lookback);
                String where = c.where() + " mode " + mode + " p in [" + from + ", " + to + "] R=" + reach + " lookback=" + lookback;
                assertEquals(false, pass.nonFinite(), where);
                assertEquals(Double.doubleToRawLongBits(expected[0]), Double.doubleToRawLongBits(pass.maxLo()), "maxLo " + where);
                assertEquals(Double.doubleToRawLongBits(expected[1]), Double.doubleToRawLongBits(pass.maxHi()), "maxHi " + where);
                cases++;
            }
        }
        assertEquals(5 * 3 * 12, cases);
    }
}
