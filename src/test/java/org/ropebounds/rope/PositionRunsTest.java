package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * {@link PositionRuns#fill} against {@link RopeEmulator#positionInPhaseValue} position by position (the same double, bit for
 * bit): where positions are exact, across the end of the exact range, in long runs of equal rounded positions (bf16 and
 * fp8 near 2^30), across the overflow to infinity (fp16 above 65519) and to NaN (fp8-e4m3 past its largest value, 448: a
 * format without infinity), past 2^53 (where positions no longer pass through a double) and near 2^62; entries outside [from, until) are
 * left as they were.
 */
class PositionRunsTest {

    private static final List<Pipeline> PIPELINES = List.of(Pipeline.preset("hf", Format.BF16), Pipeline.preset("bf16-all", Format.BF16),
            Pipeline.preset("fp16-all", Format.BF16), Pipeline.uniform("tf32", Format.TF32), Pipeline.uniform("fp8-e4m3", Format.FP8_E4M3),
            Pipeline.uniform("fp8-e5m2", Format.FP8_E5M2), Pipeline.preset("fp64", Format.BF16));

    @Test
    void everyPositionAsComputedOneByOne() {
        Frequencies freq = Frequencies.plain(Rational.of(500000), 8);
        int longRuns = 0;
        for (Pipeline pl : PIPELINES) {
            RopeEmulator rope = freq.emulator(pl);
            long exact = rope.exactPositions();
            for (long start : new long[] {0, exact - 300, exact + 1, 65000, 440, 1L << 20, (1L << 30) - 5000, (1L << 53) - 3000,
                    (1L << 53) + 7, (1L << 62) - 9000}) {
                if (start < 0) {
                    continue;
                }
                int n = 9000;
                double[] runs = new double[n + 2];
                Arrays.fill(runs, -1.5); // a value no position takes
                PositionRuns.fill(rope, start - 1, runs, 1, n + 1);
                assertEquals(-1.5, runs[0], "before from");
                assertEquals(-1.5, runs[n + 1], "at until");
                int run = 1;
                for (int k = 0; k < n; k++) {
                    long p = start + k;
                    double one = rope.positionInPhaseValue(p);
                    assertEquals(Double.doubleToLongBits(one), Double.doubleToLongBits(runs[k + 1]),
                            () -> pl.name() + " p = " + p + ": " + one + " one by one, " + runs[(int) (p - start) + 1] + " by runs");
                    run = k > 0 && runs[k + 1] == runs[k] ? run + 1 : 1;
                    longRuns += run == 64 ? 1 : 0;
                }
            }
        }
        int l = longRuns;
        assertTrue(l >= 10, () -> "runs of 64 equal positions or more in only " + l + " places");
    }

    @Test
    void shortRangesAndSingleEntries() {
        RopeEmulator bf16 = Frequencies.plain(Rational.of(10000), 8).emulator(Pipeline.preset("bf16-all", Format.BF16));
        for (long start : new long[] {255, 256, 257, 1000, 123_456_789}) {
            for (int n = 0; n <= 40; n++) {
                double[] t = new double[n];
                PositionRuns.fill(bf16, start, t, 0, n);
                for (int k = 0; k < n; k++) {
                    assertEquals(bf16.positionInPhaseValue(start + k), t[k], "p = " + (start + k) + " of " + n);
                }
            }
        }
    }
}
