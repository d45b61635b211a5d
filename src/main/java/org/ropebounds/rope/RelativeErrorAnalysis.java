package org.ropebounds.rope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Enclosure;
import org.ropebounds.rope.RelativePass.Pass;

/**
 * The relative-position error of a pipeline over a context (see {@link RelativeErrorReport}). Since
 * r theta_i = p theta_i - (p - r) theta_i, e_i(p, r) = err_i(p) - err_i(p - r) with err_i(q) = phase_i(q) - q theta_i
 * the absolute phase error; so the largest |e_i(p, r)| over r <= min(R, p) is the larger of
 * err_i(p) - min err_i and max err_i - err_i(p) over the window [p - R, p - 1], and one pass over the positions
 * with the window's extremes (monotone queues) decides every pair without visiting pairs
 * (proofs/relative-position-error.md). Contexts of at most {@value #FULL_SCAN} phases are visited whole: the
 * horizons are exact and the maxima enclosed to within a few double roundings. Beyond, a bound that grows with
 * p (the drift of the stored frequency over the distance, the positions' and the products' rounding) locates
 * the first position that can fail, and a window after it is visited with {@value #LOOKBACK} positions of
 * history; what that does not decide is a {@link Horizon.Within} bracket, and the maximum an interval between
 * a visited witness and the bound.
 *
 * <p>A model's frequencies theta'_i enter through {@link RopeEmulator#withFrequencies}; a libm allowance
 * (a set of possible inv_freq per mode) would be analysed as one emulator per admissible inv_freq.
 */
public final class RelativeErrorAnalysis {
    /** Phases (positions times modes) visited one by one before switching to a bound and windows. */
    public static final long FULL_SCAN = ErasureAnalysis.FULL_SCAN;
    /** Positions visited after the bound's crossing point. */
    public static final int WINDOW = 1024;
    /** Positions before a window whose errors are known to it: distances up to this are decided exactly there. */
    public static final int LOOKBACK = 4096;
    /** Positions visited at the end of the context, for a witness of the largest error. */
    public static final int TAIL = 256;

    private RelativeErrorAnalysis() {
    }

    /**
     * The relative-position error of {@code rope}'s pipeline over positions 0 .. L-1 and distances
     * 1 .. min(R, p). Guarantee: every {@link Horizon.At} is the exact first failing position; a
     * {@link Horizon.Within} contains the first failure if there is one within the context; {@link Horizon.None}
     * means none fails; the maximum's enclosure contains the exact maximum (unbounded only when a phase is or
     * may be infinite or NaN).
     *
     * @param context L, 1 <= L <= 2^62
     * @param delta the tolerance in radians, > 0
     * @param maxDistance R >= 1 (any R >= L - 1 means every pair of the context)
     * @throws InvalidInputException for a context, tolerance or distance out of range, or a pipeline with a
     *     format whose values are not all doubles
     */
    public static RelativeErrorReport analyse(RopeEmulator rope, long context, Rational delta, long maxDistance) {
        return analyse(rope, context, delta, maxDistance, FULL_SCAN);
    }

    /** {@link #analyse(RopeEmulator, long, Rational, long)} visiting every phase only when there are at most {@code fullScan}. */
    static RelativeErrorReport analyse(RopeEmulator rope, long context, Rational delta, long maxDistance, long fullScan) {
        check(rope, context, delta, maxDistance);
        return analyseChecked(rope, context, delta, maxDistance, fullScan);
    }

    /** The arguments {@link #analyse(RopeEmulator, long, Rational, long)} refuses, refused with its messages. */
    static void check(RopeEmulator rope, long context, Rational delta, long maxDistance) {
        if (context < 1 || context > (1L << 62)) {
            throw new InvalidInputException("context " + context + " is out of range; accepted: 1 <= L <= 2^62");
        }
        if (delta.signum() <= 0) {
            throw new InvalidInputException("delta " + delta.toCompactDecimalStringOrFraction() + " is out of range; accepted: delta > 0");
        }
        if (maxDistance < 1) {
            throw new InvalidInputException("maximum distance " + maxDistance + " is out of range; accepted: R >= 1");
        }
        if (!rope.hasFastPath()) {
            throw new InvalidInputException("pipeline " + rope.pipeline().name() + " uses a format whose values are not all doubles;"
                    + " the relative-error analysis supports formats of at most 53 bits within fp64's range");
        }
    }

    /** {@link #analyse(RopeEmulator, long, Rational, long, long)} for arguments {@link #check} accepts. */
    static RelativeErrorReport analyseChecked(RopeEmulator rope, long context, Rational delta, long maxDistance, long fullScan) {
        return analyseChecked(rope, context, delta, maxDistance, fullScan, true);
    }

    /**
     * {@link #analyseChecked(RopeEmulator, long, Rational, long, long)}, with or without the shortcuts of the window and
     * tail passes (proofs/relative-position-error.md, section 6): the reports are equal either way (the test compares them).
     */
    static RelativeErrorReport analyseChecked(RopeEmulator rope, long context, Rational delta, long maxDistance, long fullScan,
                                              boolean shortcuts) {
        long reach = Math.min(maxDistance, Math.max(1, context - 1));
        boolean visitAll = context <= fullScan / rope.modes();
        List<RelativeErrorReport.Mode> modes = new ArrayList<>();
        Horizon[] horizons = new Horizon[rope.modes()];
        PhaseErrorBound max = PhaseErrorBound.of(Rational.ZERO, Rational.ZERO);
        long tailFrom = Math.max(1, context - TAIL);
        // the tail's positions as they enter the product: the same for every mode
        long tailStart = RelativePass.passStart(tailFrom, reach, LOOKBACK);
        double[] tail = visitAll ? null : PhaseScan.positions(rope, tailStart, context - 1);
        // the tail's runs of equal positions, for BlockWitness: the same for every mode
        Optional<int[]> tailRuns = visitAll || reach < context - 1 || context - 1 >= PhaseScan.EXACT_DOUBLES || tailFrom <= tailStart
                ? Optional.empty() : BlockWitness.runs(tail, (int) (tailFrom - tailStart));
        for (int i = 0; i < rope.modes(); i++) {
            Enclosure theta = PhaseScan.theta(rope, i, 160);
            RelativeErrorReport.Mode m = visitAll ? scanAll(rope, i, theta, context, reach, delta)
                    : boundAndWindows(rope, i, theta, context, reach, delta, tail, tailRuns, shortcuts);
            modes.add(m);
            horizons[i] = m.horizon();
            max = max.max(m.maxError());
        }
        return new RelativeErrorReport(rope.pipeline(), context, delta, maxDistance, ErasureAnalysis.firstFailure(List.of(horizons)), max, modes);
    }

    /**
     * An upper bound on max over modes of |e_i(p, r)| (radians), for plots: +infinity when a phase is not finite.
     *
     * @param thetas {@link PhaseScan#thetas}
     * @throws IllegalArgumentException unless 1 <= r <= p
     */
    public static double largestUpperBound(RopeEmulator rope, long p, long r, Enclosure[] thetas) {
        return largestUpperBound(rope, p, r, new PhaseScan.Thetas(thetas));
    }

    /**
     * {@link #largestUpperBound(RopeEmulator, long, long, Enclosure[])} with the modes' splits made once
     * ({@link PhaseScan#splitThetas}).
     *
     * @throws IllegalArgumentException unless 1 <= r <= p
     */
    public static double largestUpperBound(RopeEmulator rope, long p, long r, PhaseScan.Thetas thetas) {
        if (r < 1 || r > p) {
            throw new IllegalArgumentException("need 1 <= r <= p, not r = " + r + ", p = " + p);
        }
        double tp = rope.positionInPhaseValue(p);
        double tq = rope.positionInPhaseValue(p - r);
        double max = 0;
        for (int i = 0; i < rope.modes(); i++) {
            double a = rope.phaseValue(i, tp);
            double b = rope.phaseValue(i, tq);
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                return Double.POSITIVE_INFINITY;
            }
            PhaseScan.SplitTheta split = thetas.split(i);
            double[] ep = split.signedError(a, p);
            double[] eq = split.signedError(b, p - r);
            max = InlineMath.max(max, InlineMath.up(InlineMath.max(ep[1] - eq[0], eq[1] - ep[0])));
        }
        return max;
    }

    private static RelativeErrorReport.Mode scanAll(RopeEmulator rope, int i, Enclosure theta, long context, long reach, Rational delta) {
        if (context < 2) {
            return new RelativeErrorReport.Mode(i, Horizon.none(), PhaseErrorBound.of(Rational.ZERO, Rational.ZERO));
        }
        Pass s = RelativePass.pass(rope, i, theta, 1, context - 1, reach, Long.MAX_VALUE, delta, null, false);
        PhaseErrorBound max = s.nonFinite() ? PhaseErrorBound.unbounded() : PhaseErrorBound.of(s.lowerBound(), s.upperBound());
        return new RelativeErrorReport.Mode(i, Horizon.of(s.first()), max);
    }

    private static RelativeErrorReport.Mode boundAndWindows(RopeEmulator rope, int i, Enclosure theta, long context, long reach,
                                                            Rational delta, double[] tailPositions, Optional<int[]> tailRuns,
                                                            boolean shortcuts) {
        DistanceBound bound = new DistanceBound(rope, i, theta, reach);
        // position 0 has no pairs
        long start = ErasureAnalysis.firstNotShownSafe(bound::upperBound, 1, context, delta);
        // the tail first: its witness may make the window's irrelevant
        Pass tail = tail(rope, i, theta, context, reach, delta, tailPositions, tailRuns, shortcuts);
        Horizon horizon = Horizon.none();
        Rational witness = Rational.ZERO;
        boolean nonFinite = false;
        if (start <= context - 1) {
            long end = Math.min(context - 1, start + WINDOW - 1);
            Pass w = window(rope, i, theta, bound, start, end, reach, delta, tail, shortcuts);
            witness = witness.max(w.lowerBound());
            nonFinite = w.nonFinite();
            if (w.first().isPresent()) {
                long p = w.first().getAsLong();
                // a pair the window saw fails at p; with history missing, a pair it did not see may fail earlier
                horizon = w.complete() || p == start ? Horizon.at(p) : Horizon.within(start, p);
            } else if (!w.complete()) {
                horizon = Horizon.within(start, context - 1);
            } else if (end < context - 1) {
                horizon = Horizon.within(end + 1, context - 1);
            }
        }
        witness = witness.max(tail.lowerBound());
        PhaseErrorBound top = nonFinite || tail.nonFinite() ? PhaseErrorBound.unbounded() : bound.at(context - 1);
        return new RelativeErrorReport.Mode(i, horizon, top.max(PhaseErrorBound.of(witness, witness)));
    }

    /**
     * The window pass after the bound's crossing: positions start .. end with {@value #LOOKBACK} positions of history.
     * With {@code shortcuts}, when its witness cannot change the mode's maximum (the tail's phases are not all finite,
     * so the maximum is unbounded, or U(end), which bounds every pair it sees, is at most the tail's witness) only its
     * first failure is wanted: it stops there, and skips the history when no pair with a key in the history can fail
     * (proofs/relative-position-error.md, section 6). The result's first failure and completeness are then those of the
     * whole pass; its witness is 0.
     */
    private static Pass window(RopeEmulator rope, int i, Enclosure theta, DistanceBound bound, long start, long end, long reach,
                               Rational delta, Pass tail, boolean shortcuts) {
        WindowPlan plan = shortcuts ? plan(rope, i, bound, start, end, reach, delta, tail) : WindowPlan.EVERY_PAIR;
        if (plan == WindowPlan.EVERY_PAIR) {
            return RelativePass.pass(rope, i, theta, start, end, reach, LOOKBACK, delta, null, false);
        }
        boolean complete = RelativePass.passStart(start, reach, LOOKBACK) == Math.max(0, start - reach);
        if (plan == WindowPlan.FIRST_FAILURE && failsWithZeroAt(rope, i, theta, start, reach, delta)) {
            return new Pass(OptionalLong.of(start), 0, 0, false, complete); // what the pass finds, without its history
        }
        long lookback = plan == WindowPlan.FIRST_FAILURE_WITHOUT_HISTORY ? 0 : LOOKBACK;
        return RelativePass.pass(rope, i, theta, start, end, reach, lookback, delta, null, true).firstOnly(complete);
    }

    /**
     * Whether the window pass that stops at its first failure finds it at {@code start} with every phase it visits finite,
     * shown by the one pair (start, 0): phase_i(0) and phase_i(start) are finite (so is every phase between: phases are
     * non-decreasing in p and the non-finite ones an upper set), position 0 is among the pass's keys of start
     * (start &lt;= R), and |e_i(start, start)| &gt; delta, by the doubles or exactly as the pass decides a pair. No pair
     * with p &lt; start fails (U(start - 1) &lt;= delta), so the pass's first failure is start and it marks nothing
     * non-finite (proofs/collision-horizons.md, section 7).
     */
    static boolean failsWithZeroAt(RopeEmulator rope, int i, Enclosure thetaEnclosure, long start, long reach, Rational delta) {
        if (start < 1 || start > reach) {
            return false;
        }
        PhaseScan.SplitTheta theta = PhaseScan.split(rope, i, thetaEnclosure);
        double[] p = RelativePass.errorAt(rope, i, theta, start);
        double[] zero = RelativePass.errorAt(rope, i, theta, 0);
        if (p == null || zero == null) {
            return false;
        }
        return RelativePass.exceedsPair(rope, i, start, 0, p[0], p[1], zero[0], zero[1], delta.toDouble(RoundingMode.TOWARD_NEGATIVE),
                delta.toDouble(RoundingMode.TOWARD_POSITIVE), delta);
    }

    /** How the window pass runs: every pair, only up to its first failure, or that without its history. */
    enum WindowPlan { EVERY_PAIR, FIRST_FAILURE, FIRST_FAILURE_WITHOUT_HISTORY }

    /**
     * The window's plan: {@link WindowPlan#EVERY_PAIR} unless its witness cannot change the mode's maximum (a tail phase is
     * not finite, or U(end) is at most the tail's witness); then without the history when no pair with a key in it,
     * q in [max(1, s), start - 1], can fail: every phase is finite (phase(0) and phase(end) are, and |phase| grows with p)
     * and the bound of such pairs (distance at most end - max(1, s), key at most start - 1) is at most delta.
     */
    private static WindowPlan plan(RopeEmulator rope, int i, DistanceBound bound, long start, long end, long reach, Rational delta,
                                   Pass tail) {
        if (!(tail.nonFinite() || bound.upperBound(end) <= Math.max(0, tail.maxLo()))) {
            return WindowPlan.EVERY_PAIR;
        }
        long firstKey = Math.max(1, RelativePass.passStart(start, reach, LOOKBACK));
        boolean historySafe = firstKey >= start || (finitePhase(rope, i, 0) && finitePhase(rope, i, end)
                && bound.upperBound(end, end - firstKey, start - 1) <= delta.toDouble(RoundingMode.TOWARD_NEGATIVE));
        return historySafe ? WindowPlan.FIRST_FAILURE_WITHOUT_HISTORY : WindowPlan.FIRST_FAILURE;
    }

    /**
     * The plan of mode i's window in {@link #analyse} (empty when the context is visited whole or the bound leaves no
     * window), for the test that the shortcuts are exercised.
     */
    static Optional<WindowPlan> windowPlan(RopeEmulator rope, int i, long context, Rational delta, long maxDistance) {
        long reach = Math.min(maxDistance, Math.max(1, context - 1));
        Enclosure theta = PhaseScan.theta(rope, i, ThetaEnclosures.BITS);
        DistanceBound bound = new DistanceBound(rope, i, theta, reach);
        long start = ErasureAnalysis.firstNotShownSafe(bound::upperBound, 1, context, delta);
        if (context <= FULL_SCAN / rope.modes() || start > context - 1) {
            return Optional.empty();
        }
        long tailFrom = Math.max(1, context - TAIL);
        long tailStart = RelativePass.passStart(tailFrom, reach, LOOKBACK);
        double[] positions = PhaseScan.positions(rope, tailStart, context - 1);
        Optional<int[]> runs = reach < context - 1 || context - 1 >= PhaseScan.EXACT_DOUBLES || tailFrom <= tailStart
                ? Optional.empty() : BlockWitness.runs(positions, (int) (tailFrom - tailStart));
        Pass tail = tail(rope, i, theta, context, reach, delta, positions, runs, true);
        return Optional.of(plan(rope, i, bound, start, Math.min(context - 1, start + WINDOW - 1), reach, delta, tail));
    }

    /**
     * The tail's pass (the last {@value #TAIL} positions with {@value #LOOKBACK} of history), for its witness and whether a
     * phase is not finite: from the runs of equal positions where that is exact, else from every position; with
     * {@code shortcuts}, nothing when the last phase is not finite (the pass then reports a phase that is not finite, and
     * the maximum is unbounded whatever its witness).
     */
    private static Pass tail(RopeEmulator rope, int i, Enclosure theta, long context, long reach, Rational delta,
                             double[] tailPositions, Optional<int[]> tailRuns, boolean shortcuts) {
        if (shortcuts && !finitePhase(rope, i, context - 1)) {
            return new Pass(OptionalLong.empty(), 0, 0, true, true);
        }
        long tailFrom = Math.max(1, context - TAIL);
        Optional<BlockWitness.Witness> runs = tailRuns.flatMap(r -> BlockWitness.witness(rope, i, PhaseScan.split(rope, i, theta),
                RelativePass.passStart(tailFrom, reach, LOOKBACK), tailFrom, tailPositions, r));
        return runs.isPresent() ? new Pass(OptionalLong.empty(), runs.get().bottom(), runs.get().bottom(), runs.get().nonFinite(), true)
                : RelativePass.pass(rope, i, theta, tailFrom, context - 1, reach, LOOKBACK, delta, tailPositions, false);
    }

    /** Whether phase_i(p) is finite. */
    private static boolean finitePhase(RopeEmulator rope, int i, long p) {
        return Double.isFinite(rope.phaseValue(i, rope.positionInPhaseValue(p)));
    }

    /**
     * The tail pass's witness (its pass's {@code bottom}) computed from every position, for the test of
     * {@link BlockWitness}; positions are those of the tail, as {@link #analyse} visits them.
     */
    static BlockWitness.Witness tailBottomByEveryPosition(RopeEmulator rope, int i, long context, long reach, Rational delta) {
        long tailFrom = Math.max(1, context - TAIL);
        Pass p = RelativePass.pass(rope, i, rope.thetaEnclosure(i), tailFrom, context - 1, reach, LOOKBACK, delta, null, false);
        return new BlockWitness.Witness(Math.max(0, p.maxLo()), p.nonFinite());
    }

    /** {@link BlockWitness#witness} for the same tail, empty where it does not apply. */
    static Optional<BlockWitness.Witness> tailBottomByRuns(RopeEmulator rope, int i, long context, long reach) {
        long tailFrom = Math.max(1, context - TAIL);
        long s = RelativePass.passStart(tailFrom, reach, LOOKBACK);
        return BlockWitness.witness(rope, i, rope.splitTheta(i), s, tailFrom, context - 1, reach, PhaseScan.positions(rope, s, context - 1));
    }


    /**
     * U(P), an upper bound on |e_i(p, r)| over 1 <= r <= min(R, p) <= p <= P, non-decreasing in P: with T(p) the
     * position as it enters the product (|T(p) - p| <= tau), f the stored frequency and rho the product's
     * rounding, e = (T(p) - T(q)) (f - theta) + (T(p) - T(q) - r) theta + rho(p) - rho(q), so
     * |e| <= (min(R, P) + 2 tau) |f - theta| + 2 tau theta + ulp(T_max f). Computed in doubles rounded up.
     */
    static final class DistanceBound {
        private final PhaseBoundTerms t;
        private final long reach;
        private final int frequencyBits;
        private final boolean frequencyNormal;

        DistanceBound(RopeEmulator rope, int i, Enclosure theta, long reach) {
            this.t = rope.boundTerms(i, theta);
            this.reach = reach;
            FloatValue fv = rope.invFreqInPhase(i);
            this.frequencyBits = fv.isFinite() && !fv.isZero() ? fv.value().significand().abs().bitLength() : Integer.MAX_VALUE / 2;
            this.frequencyNormal = fv.isFinite() && !fv.isZero() && fv.value().abs().compareTo(t.pl.phase().minNormal()) >= 0;
        }

        /**
         * Whether every product T(p) f with p <= P is exact in the phase format: T(p) is an integer of at most
         * bitLength(P) bits while positions are exact (else of at most the position format's precision), f has
         * {@code frequencyBits} significant bits and is normal, so T f >= f is normal and needs at most the sum.
         */
        private boolean productsExact(long p) {
            int positionBits = p <= t.exactUpTo ? 64 - Long.numberOfLeadingZeros(p)
                    : Math.min(t.pl.position().precision(), t.pl.phase().precision());
            return frequencyNormal && positionBits + frequencyBits <= t.pl.phase().precision();
        }

        PhaseErrorBound at(long p) {
            double bound = upperBound(p);
            return Double.isFinite(bound) ? PhaseErrorBound.atMost(BinaryRational.ofDouble(bound).toRational()) : PhaseErrorBound.unbounded();
        }

        /** {@link #at} as a double, infinite where no finite bound holds. */
        double upperBound(long p) {
            return bound(p, Math.min(reach, p), p, false);
        }

        /**
         * An upper bound on |e_i(p, r)| over the pairs with p &lt;= P, 1 &lt;= r &lt;= D and key p - r &lt;= Q (0 &lt;= Q &lt;= P,
         * D &gt;= 1): {@link #upperBound(long)}'s terms with D for min(R, P), and the two products' roundings bounded apart,
         * half an ulp at T_max(P) f and half an ulp at T_max(Q) f (proofs/relative-position-error.md, section 6).
         * Infinite where no finite bound holds.
         */
        double upperBound(long p, long distance, long key) {
            return bound(p, distance, key, true);
        }

        /** The bound with distance D; the products' roundings as one ulp at T_max(P) f, or apart (at P and at the key Q). */
        private double bound(long p, long distance, long key, boolean keyApart) {
            if (Double.isNaN(t.f)) {
                return Double.POSITIVE_INFINITY;
            }
            double position = InlineMath.up((double) p);
            double tau = t.tau(p, position);
            double tMax = InlineMath.up(position + tau);
            double phaseMax = InlineMath.up(tMax * t.f);
            if (tMax >= t.maxPosition || phaseMax >= t.maxPhase) {
                return Double.POSITIVE_INFINITY;
            }
            double span = InlineMath.up(InlineMath.up((double) distance) + 2 * tau);
            double sum = InlineMath.up(InlineMath.up(2 * tau * t.thetaHi) + InlineMath.up(span * t.drift));
            if (productsExact(p)) {
                return sum;
            }
            double halfUlp = PhaseBoundTerms.halfUlp(t.pl.phase(), phaseMax);
            if (!keyApart) {
                return InlineMath.up(sum + 2 * halfUlp);
            }
            double keyPosition = InlineMath.up((double) key);
            double keyPhaseMax = InlineMath.up(InlineMath.up(keyPosition + t.tau(key, keyPosition)) * t.f);
            return InlineMath.up(sum + InlineMath.up(halfUlp + PhaseBoundTerms.halfUlp(t.pl.phase(), keyPhaseMax)));
        }
    }
}
