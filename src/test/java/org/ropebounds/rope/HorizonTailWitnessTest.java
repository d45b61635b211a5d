package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * The horizon analysis's tail witness ({@link PhaseScan#witness}) from each run's first and last entry against the same
 * witness computed at every entry: equal results (the largest lower end, as an exact rational, and the non-finite flag)
 * in every mode of every pipeline at contexts whose tails are rounded, exact, not finite or past 2^53; and the runs'
 * shortcut does apply (runs of three or more entries that pass the monotonicity condition are common).
 */
class HorizonTailWitnessTest {

    @Test
    void runEndsGiveTheWitnessOfEveryEntry() {
        int compared = 0;
        int longRunsShortened = 0;
        int nonFinite = 0;
        for (String base : List.of("500000", "10000", "1e7", "123456.5")) {
            Frequencies freq = Frequencies.plain(Rational.parse(base), 64);
            for (Pipeline pl : WindowShortcutsTest.pipelines()) {
                RopeEmulator rope = freq.emulator(pl);
                if (!rope.hasFastPath()) {
                    continue;
                }
                for (long context : new long[] {1L << 40, (1L << 33) + 12345, 100_000_000L, 5_000_000L, (1L << 55) + 3, 1L << 62}) {
                    long[] ps = ErasureAnalysis.tailPositions(rope, context);
                    double[] positions = PhaseScan.positions(rope, ps);
                    for (int i = 0; i < rope.modes(); i++) {
                        PhaseScan.WindowScan runs = PhaseScan.witness(rope, i, rope.thetaEnclosure(i), ps, positions);
                        PhaseScan.WindowScan every = PhaseScan.witnessAtEveryPosition(rope, i, rope.splitTheta(i), ps, positions);
                        assertEquals(every, runs, pl.name() + " b = " + base + " L = " + context + " mode " + i);
                        compared++;
                        nonFinite += every.nonFinite() ? 1 : 0;
                        longRunsShortened += shortenedRuns(rope, i, ps, positions);
                    }
                }
            }
        }
        assertTrue(compared > 5000, "compared " + compared);
        assertTrue(nonFinite > 0 && nonFinite < compared, "finite and non-finite tails: " + nonFinite + " of " + compared);
        assertTrue(longRunsShortened > 1000, "runs of 3 or more entries the shortcut skips into: " + longRunsShortened);
    }

    /**
     * A split whose residual nearly cancels theta0 (rest = -theta0 (1 + 2^-30)): the exact lower end phase - p (theta0 + rest)
     * then rises by far less than an ulp over a run, and its computed value wiggles by an ulp with the rounding of p rest, so
     * a run's largest is often inside it. The monotonicity
     * condition refuses such runs, and the witness must still be that of every entry (skipping the condition fails here).
     */
    @Test
    void runsWhoseEnclosuresAreNotMonotoneAreVisitedWhole() {
        RopeEmulator rope = Frequencies.plain(Rational.of(500000), 64).emulator(Pipeline.preset("hf", org.ropebounds.format.Format.BF16));
        long[] ps = ErasureAnalysis.tailPositions(rope, 1L << 40);
        double[] positions = PhaseScan.positions(rope, ps);
        int refused = 0;
        for (int i = 1; i < rope.modes(); i++) {
            double f = rope.phaseValue(i, 1.0); // the stored frequency in the phase format (fp32 values are doubles)
            double rest = -f * (1 + 0x1p-30);
            PhaseScan.SplitTheta wiggling = new PhaseScan.SplitTheta(f, rest, rest);
            assertEquals(PhaseScan.witnessAtEveryPosition(rope, i, wiggling, ps, positions), PhaseScan.witness(rope, i, wiggling, ps, positions),
                    "mode " + i);
            refused += BlockWitness.nonIncreasing(wiggling, rope.phaseValue(i, positions[ps.length - 1]), ps[ps.length - 3], ps[ps.length - 1]) ? 0 : 1;
        }
        assertTrue(refused > 0, "the condition refuses some of these runs");
    }

    /** The runs of at least three entries, below 2^53, whose enclosures pass the monotonicity condition (the shortcut's). */
    private static int shortenedRuns(RopeEmulator rope, int i, long[] ps, double[] positions) {
        PhaseScan.SplitTheta theta = rope.splitTheta(i);
        int count = 0;
        for (int k = 0; k < ps.length; ) {
            int last = k;
            while (last + 1 < ps.length && positions[last + 1] == positions[k]) {
                last++;
            }
            double phase = rope.phaseValue(i, positions[k]);
            if (last - k >= 2 && ps[last] < PhaseScan.EXACT_DOUBLES && Double.isFinite(phase)
                    && BlockWitness.nonIncreasing(theta, phase, ps[k], ps[last])) {
                count++;
            }
            k = last + 1;
        }
        return count;
    }
}
