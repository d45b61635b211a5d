package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * {@link PhaseScan#window} and {@link PhaseScan#witness}: their largest lower end of |err| against Java's Math.max over the
 * same positions, each position's lower end taken from the general {@code SplitTheta.signedError} (section 8's functions)
 * as the least of |x| over its enclosure [lo, hi], not the lean {@code errorLo} the scans use; windows from position 0
 * (whose error is a zero) and far from it, with and without a first failure inside. (No test compared these two scans'
 * largest lower end, which erasure's horizon witness is made of, with an independent computation.)
 */
class PhaseScanWindowMaximumTest {

    /** The least |x| for x in [lo, hi], written from its definition: lo if 0 <= lo, -hi if hi <= 0, else 0. */
    private static double leastAbsolute(double[] e) {
        return e[0] >= 0 ? e[0] : e[1] <= 0 ? -e[1] : 0;
    }

    private static double lowerEnd(RopeEmulator rope, int i, PhaseScan.SplitTheta theta, long p) {
        return leastAbsolute(ScanCases.signedError(rope, i, theta, p));
    }

    @Test
    void theWindowsLargestLowerEndIsJavasMaximum() {
        SplittableRandom random = new SplittableRandom(53);
        int cases = 0;
        int nonzero = 0;
        for (ScanCases.Case c : ScanCases.presetsAtThreeBases()) {
            RopeEmulator rope = c.rope();
            for (int n = 0; n < 10; n++) {
                int mode = random.nextInt(rope.modes());
                PhaseScan.SplitTheta theta = PhaseScan.split(rope, mode, rope.thetaEnclosure(mode));
                long start = n % 3 == 0 ? 0 : random.nextInt(5000);
                long end = start + random.nextInt(600);
                double expected = 0;
                for (long p = start; p <= end; p++) {
                    expected = Math.max(expected, lowerEnd(rope, mode, theta, p));
                }
                Rational delta = Rational.parse(n % 2 == 0 ? "1e6" : "1e-9"); // a small delta fails inside the window
                String where = c.where() + " mode " + mode + " p in [" + start + ", " + end + "] delta " + delta;
                PhaseScan.WindowScan w = PhaseScan.window(rope, mode, rope.thetaEnclosure(mode), start, end, delta, null, false);
                assertEquals(false, w.nonFinite(), where);
                assertEquals(BinaryRational.ofDouble(expected).toRational(), w.maxErrorLowerBound(), "window " + where);

                long[] ps = new long[1 + random.nextInt(40)];
                for (int k = 0; k < ps.length; k++) {
                    ps[k] = start + random.nextInt((int) (end - start + 1));
                }
                double expectedAt = 0;
                for (long p : ps) {
                    expectedAt = Math.max(expectedAt, lowerEnd(rope, mode, theta, p));
                }
                PhaseScan.WindowScan at = PhaseScan.witness(rope, mode, rope.thetaEnclosure(mode), ps, PhaseScan.positions(rope, ps));
                assertEquals(false, at.nonFinite(), where);
                assertEquals(BinaryRational.ofDouble(expectedAt).toRational(), at.maxErrorLowerBound(), "witness " + where);
                cases++;
                nonzero += expected > 0 ? 1 : 0;
            }
        }
        assertEquals(5 * 3 * 10, cases);
        assertEquals(true, nonzero > cases / 2, "most windows must have a positive largest lower end, or the test shows little");
    }

    @Test
    void aWindowOfZeroErrorsHasLargestLowerEndZero() {
        // position 0's phase is 0 = 0 * theta exactly: its enclosure holds 0, its lower end is a zero (of either sign)
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 8, Pipeline.preset("fp64", Format.BF16));
        for (int mode = 0; mode < rope.modes(); mode++) {
            PhaseScan.WindowScan w = PhaseScan.window(rope, mode, rope.thetaEnclosure(mode), 0, 0, Rational.parse("1e-9"), null, false);
            assertEquals(Rational.ZERO, w.maxErrorLowerBound(), "mode " + mode);
            assertEquals(true, w.firstAbove().isEmpty(), "mode " + mode);
        }
    }
}
