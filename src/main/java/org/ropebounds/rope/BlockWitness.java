package org.ropebounds.rope;

import java.util.Optional;

/**
 * The relative-position pass's witness (the largest certain lower end of |e_i(p, r)| over the pairs it sees,
 * {@code bottom} in RelativeErrorAnalysis's pass) from a few positions instead of all, where the positions as they
 * enter the product are constant over runs of p: past the exact positions (the context's tail, in every format but
 * fp64) a run of p shares one value T, so one phase, and the error enclosures [lo(p), hi(p)] computed there are
 * non-increasing in p -- unconditionally when theta's residual enclosure lies above theta0, else under a condition
 * checked per run. The largest pair difference is then attained at the runs' ends, and the result is the double the
 * full pass computes, bit for bit. Derivation: proofs/relative-position-error.md, "Runs of equal positions".
 */
final class BlockWitness {
    /** More runs than this and the positions are nearly all distinct: the full pass is as fast. */
    static final int MAX_RUNS = 64;

    private BlockWitness() {
    }

    /**
     * What the pass reports of its pairs when only its witness is wanted: {@code nonFinite} when some phase it visits
     * is not finite (every pair from there on is then unbounded, and so is the maximum: {@code bottom} is 0 and
     * unused), else the witness.
     */
    record Witness(double bottom, boolean nonFinite) {
    }

    /**
     * The pass's {@code bottom} over p in [from, to] and every visited q in [s, p - 1] (and q = 0 when s &gt; 0), and its
     * {@code nonFinite}: with every pair within reach (R &gt;= to), the pass sees a phase that is not finite exactly when
     * one of positions s .. to (or 0, when s &gt; 0) has one, and then marks the pairs of the last position at least.
     * Empty when the shortcut does not apply: positions from 2^53 on, more than {@value #MAX_RUNS} runs, a run whose
     * monotonicity condition fails, or a distance R &lt; to (pairs dropping out of reach). {@code positions[k]} is
     * position s + k as it enters the product.
     */
    static Optional<Witness> witness(RopeEmulator rope, int i, PhaseScan.SplitTheta theta, long s, long from, long to, long reach,
                                     double[] positions) {
        if (reach < to || to >= PhaseScan.EXACT_DOUBLES || from <= s || positions.length != to - s + 1) {
            return Optional.empty();
        }
        Optional<int[]> runs = runs(positions, (int) (from - s));
        return runs.isEmpty() ? Optional.empty() : witness(rope, i, theta, s, from, positions, runs.get());
    }

    /**
     * The runs of equal values of {@code positions}, cut also at {@code split} (where the scored positions begin): their
     * first indices, then {@code positions.length}; the same for every mode, so computed once per tail. Empty for more
     * than {@value #MAX_RUNS} runs.
     */
    static Optional<int[]> runs(double[] positions, int split) {
        int[] starts = new int[MAX_RUNS + 1];
        int count = 0;
        for (int k = 0; k < positions.length; k++) {
            if (k == 0 || positions[k] != positions[k - 1] || k == split) {
                if (count == MAX_RUNS) {
                    return Optional.empty();
                }
                starts[count++] = k;
            }
        }
        starts[count] = positions.length;
        return Optional.of(java.util.Arrays.copyOf(starts, count + 1));
    }

    /** {@link #witness} with the runs ({@link #runs}) given; the caller has checked R &gt;= to &lt; 2^53 and s &lt; from. */
    static Optional<Witness> witness(RopeEmulator rope, int i, PhaseScan.SplitTheta theta, long s, long from, double[] positions,
                                     int[] runStarts) {
        double zeroPhase = rope.phaseValue(i, rope.positionInPhaseValue(0));
        boolean withZero = s > 0;
        int runs = runStarts.length - 1;
        double[] phases = new double[runs];
        boolean finite = !withZero || Double.isFinite(zeroPhase);
        for (int r = 0; r < runs; r++) {
            phases[r] = rope.phaseValue(i, positions[runStarts[r]]);
            finite &= Double.isFinite(phases[r]);
        }
        if (!finite) {
            return Optional.of(new Witness(0, true)); // every position of a run shares its phase: one is enough
        }
        // the window's extremes over the earlier runs (and q = 0): the largest lo and the least hi
        double maxLo = withZero ? theta.signedErrorLo(zeroPhase, 0) : Double.NEGATIVE_INFINITY;
        double minHi = withZero ? theta.signedErrorHi(zeroPhase, 0) : Double.POSITIVE_INFINITY;
        double best = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < runs; r++) {
            double phase = phases[r];
            long first = s + runStarts[r];
            long last = s + runStarts[r + 1] - 1;
            if (last > first && !nonIncreasing(theta, phase, first, last)) {
                return Optional.empty();
            }
            double loFirst = theta.signedErrorLo(phase, first);
            double hiLast = theta.signedErrorHi(phase, last);
            if (first >= from) {
                // pairs with q in an earlier run: largest at p = first (lo) and at p = last (hi); within the run,
                // q = first and p = last; lo(p) - hi(q) within a run is <= 0 and cannot raise the witness
                best = InlineMath.max(best, loFirst - minHi);
                best = InlineMath.max(best, maxLo - hiLast);
                if (last > first) {
                    best = InlineMath.max(best, loFirst - hiLast);
                }
            }
            maxLo = InlineMath.max(maxLo, loFirst);
            minHi = InlineMath.min(minHi, hiLast);
        }
        return Optional.of(new Witness(InlineMath.max(0, InlineMath.down(best)), false));
    }

    /**
     * Whether lo(p) and hi(p) ({@link PhaseScan.SplitTheta#signedErrorLo}, {@code signedErrorHi}) with this phase are
     * non-increasing over p in [first, last] (0 &lt;= first &lt; last &lt; 2^53). main(p) = RN(phase - p theta0) falls by at least
     * theta0 - u per step and each of the two nextDown (nextUp) moves it by at most u more, u bounding every ulp
     * involved; the subtracted product term c(p) = RN(p rest) moves by at most |rest| + 3v (v bounding its ulps), and in
     * the direction that helps when rest &gt;= 0. So theta0 - 3u &gt;= |rest| + 3v (rounded against us) suffices.
     */
    static boolean nonIncreasing(PhaseScan.SplitTheta theta, double phase, long first, long last) {
        double mainFirst = Math.fma(-(double) first, theta.theta0(), phase);
        double mainLast = Math.fma(-(double) last, theta.theta0(), phase);
        double m = InlineMath.max(Math.abs(mainFirst), Math.abs(mainLast));
        double u = Math.ulp(2 * m) + Double.MIN_VALUE; // >= the ulp of every value of magnitude <= 2m
        double fall = InlineMath.down(theta.theta0() - InlineMath.up(3 * u));
        return rises(theta.restHi(), fall, last) && rises(theta.restLo(), fall, last);
    }

    /** Whether the product term with residual {@code rest} moves by at most {@code fall} per step (always when rest >= 0). */
    private static boolean rises(double rest, double fall, long last) {
        if (rest >= 0) {
            return true; // c(p) is non-decreasing and is subtracted: it only helps
        }
        double c = Math.abs((double) last * rest);
        double v = Math.ulp(2 * c) + Double.MIN_VALUE;
        return InlineMath.up(Math.abs(rest) + InlineMath.up(3 * v)) <= fall;
    }
}
