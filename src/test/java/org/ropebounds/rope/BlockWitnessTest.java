package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The tail's relative-error witness from runs of equal positions against the pass that visits every position: the
 * same double, bit for bit, in every mode where the runs' shortcut applies, and it applies in most modes of the
 * pipelines whose tail positions are rounded.
 */
class BlockWitnessTest {

    @Test
    void runsGiveTheWitnessOfEveryPosition() {
        Rational delta = Rational.parse("0.1");
        int applied = 0;
        int nonFinite = 0;
        int modes = 0;
        for (String base : List.of("500000", "10000", "1e7")) {
            Frequencies freq = Frequencies.plain(Rational.parse(base), 64);
            for (Pipeline pl : List.of(Pipeline.preset("hf", Format.BF16), Pipeline.preset("hf-bf16-inv-freq", Format.BF16),
                    Pipeline.preset("bf16-all", Format.BF16), Pipeline.uniform("tf32", Format.TF32), Pipeline.preset("fp16-all", Format.BF16),
                    Pipeline.uniform("fp8-e5m2", Format.FP8_E5M2))) {
                RopeEmulator rope = freq.emulator(pl);
                for (long context : new long[] {1L << 40, (1L << 33) + 12345, 100_000_000L}) {
                    for (int i = 0; i < rope.modes(); i++) {
                        Optional<BlockWitness.Witness> runs = RelativeErrorAnalysis.tailBottomByRuns(rope, i, context, Long.MAX_VALUE);
                        modes++;
                        if (runs.isPresent()) {
                            applied++;
                            BlockWitness.Witness all = RelativeErrorAnalysis.tailBottomByEveryPosition(rope, i, context, Long.MAX_VALUE, delta);
                            int mode = i;
                            assertEquals(all.nonFinite(), runs.get().nonFinite());
                            nonFinite += all.nonFinite() ? 1 : 0;
                            if (!all.nonFinite()) {
                                assertEquals(Double.doubleToLongBits(all.bottom()), Double.doubleToLongBits(runs.get().bottom()),
                                        () -> pl.name() + " b = " + base + " L = " + context + " mode " + mode + ": " + all + " vs " + runs.get());
                            }
                        }
                    }
                }
            }
        }
        int a = applied;
        int m = modes;
        assertTrue(a >= m / 2, () -> "the runs' shortcut applied in only " + a + " of " + m + " modes");
        assertTrue(nonFinite > 0 && nonFinite < a, "both finite and non-finite tails are compared");
    }

    @Test
    void aDistanceThatDropsPairsOrExactPositionsFallBackToThePass() {
        Frequencies freq = Frequencies.plain(Rational.of(500000), 16);
        RopeEmulator hf = freq.emulator(Pipeline.preset("hf", Format.BF16));
        assertTrue(RelativeErrorAnalysis.tailBottomByRuns(hf, 3, 1L << 40, 100).isEmpty());
        assertTrue(RelativeErrorAnalysis.tailBottomByRuns(hf, 3, 100_000_000L, Long.MAX_VALUE).isEmpty()); // spacing 8: too many runs
        RopeEmulator fp64 = freq.emulator(Pipeline.preset("fp64", Format.BF16));
        assertTrue(RelativeErrorAnalysis.tailBottomByRuns(fp64, 3, 1L << 40, Long.MAX_VALUE).isEmpty()); // every position its own run
    }

    /** lo(p) and hi(p) over [first, last], checked position by position. */
    private static boolean reallyNonIncreasing(PhaseScan.SplitTheta t, double phase, long first, long last) {
        for (long p = first; p < last; p++) {
            if (t.signedErrorLo(phase, p + 1) > t.signedErrorLo(phase, p) || t.signedErrorHi(phase, p + 1) > t.signedErrorHi(phase, p)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theMonotonicityConditionRefusesARunWhereTheEnclosuresRise() {
        // a residual far larger than theta0 and negative: -p rest grows faster than p theta0 falls, so lo(p) rises
        PhaseScan.SplitTheta steep = new PhaseScan.SplitTheta(1e-6, -1e-3, -1e-3);
        assertTrue(!reallyNonIncreasing(steep, 1e5, 1000, 1100));
        assertTrue(!BlockWitness.nonIncreasing(steep, 1e5, 1000, 1100));
        // a residual at or above theta0 (rest >= 0): non-increasing whatever the sizes
        PhaseScan.SplitTheta above = new PhaseScan.SplitTheta(1e-6, 0x1p-80, 0x1p-79);
        assertTrue(BlockWitness.nonIncreasing(above, 1e5, 1000, 1100) && reallyNonIncreasing(above, 1e5, 1000, 1100));
        // a tiny negative residual against a frequency far above the error's ulp: accepted, and true
        PhaseScan.SplitTheta below = new PhaseScan.SplitTheta(1e-3, -0x1p-63, -0x1p-64);
        assertTrue(BlockWitness.nonIncreasing(below, 12.5, 1L << 30, (1L << 30) + 4000) && reallyNonIncreasing(below, 12.5, 1L << 30, (1L << 30) + 4000));
        // an error so large that its ulp exceeds theta0: refused (main may stall while the product term moves)
        assertTrue(!BlockWitness.nonIncreasing(below, 1e14, 1000, 1100));
    }
}
