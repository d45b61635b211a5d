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
        long reach = Math.min(maxDistance, Math.max(1, context - 1));
        boolean visitAll = context <= fullScan / rope.modes();
        List<RelativeErrorReport.Mode> modes = new ArrayList<>();
        Horizon[] horizons = new Horizon[rope.modes()];
        PhaseErrorBound max = PhaseErrorBound.of(Rational.ZERO, Rational.ZERO);
        long tailFrom = Math.max(1, context - TAIL);
        // the tail's positions as they enter the product: the same for every mode
        long tailStart = passStart(tailFrom, reach, LOOKBACK);
        double[] tail = visitAll ? null : PhaseScan.positions(rope, tailStart, context - 1);
        // the tail's runs of equal positions, for BlockWitness: the same for every mode
        Optional<int[]> tailRuns = visitAll || reach < context - 1 || context - 1 >= PhaseScan.EXACT_DOUBLES || tailFrom <= tailStart
                ? Optional.empty() : BlockWitness.runs(tail, (int) (tailFrom - tailStart));
        for (int i = 0; i < rope.modes(); i++) {
            Enclosure theta = PhaseScan.theta(rope, i, 160);
            RelativeErrorReport.Mode m = visitAll ? scanAll(rope, i, theta, context, reach, delta)
                    : boundAndWindows(rope, i, theta, context, reach, delta, tail, tailRuns);
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
            max = Math.max(max, Math.nextUp(Math.max(ep[1] - eq[0], eq[1] - ep[0])));
        }
        return max;
    }

    private static RelativeErrorReport.Mode scanAll(RopeEmulator rope, int i, Enclosure theta, long context, long reach, Rational delta) {
        if (context < 2) {
            return new RelativeErrorReport.Mode(i, Horizon.none(), PhaseErrorBound.of(Rational.ZERO, Rational.ZERO));
        }
        Pass s = pass(rope, i, theta, 1, context - 1, reach, Long.MAX_VALUE, delta);
        PhaseErrorBound max = s.nonFinite ? PhaseErrorBound.unbounded() : PhaseErrorBound.of(s.lowerBound(), s.upperBound());
        return new RelativeErrorReport.Mode(i, Horizon.of(s.first), max);
    }

    private static RelativeErrorReport.Mode boundAndWindows(RopeEmulator rope, int i, Enclosure theta, long context, long reach,
                                                            Rational delta, double[] tailPositions, Optional<int[]> tailRuns) {
        DistanceBound bound = new DistanceBound(rope, i, theta, reach);
        // position 0 has no pairs
        long start = ErasureAnalysis.firstNotShownSafe(bound::upperBound, 1, context, delta);
        Horizon horizon = Horizon.none();
        Rational witness = Rational.ZERO;
        boolean nonFinite = false;
        if (start <= context - 1) {
            long end = Math.min(context - 1, start + WINDOW - 1);
            Pass w = pass(rope, i, theta, start, end, reach, LOOKBACK, delta);
            witness = witness.max(w.lowerBound());
            nonFinite = w.nonFinite;
            if (w.first.isPresent()) {
                long p = w.first.getAsLong();
                // a pair the window saw fails at p; with history missing, a pair it did not see may fail earlier
                horizon = w.complete || p == start ? Horizon.at(p) : Horizon.within(start, p);
            } else if (!w.complete) {
                horizon = Horizon.within(start, context - 1);
            } else if (end < context - 1) {
                horizon = Horizon.within(end + 1, context - 1);
            }
        }
        long tailFrom = Math.max(1, context - TAIL);
        // the tail's witness from the runs of equal positions where that is exact, else from every position
        Optional<BlockWitness.Witness> runs = tailRuns.flatMap(r -> BlockWitness.witness(rope, i, PhaseScan.split(rope, i, theta),
                passStart(tailFrom, reach, LOOKBACK), tailFrom, tailPositions, r));
        Pass tail = runs.isPresent() ? new Pass(OptionalLong.empty(), runs.get().bottom(), runs.get().bottom(), runs.get().nonFinite(), true)
                : pass(rope, i, theta, tailFrom, context - 1, reach, LOOKBACK, delta, tailPositions);
        witness = witness.max(tail.lowerBound());
        PhaseErrorBound top = nonFinite || tail.nonFinite ? PhaseErrorBound.unbounded() : bound.at(context - 1);
        return new RelativeErrorReport.Mode(i, horizon, top.max(PhaseErrorBound.of(witness, witness)));
    }

    /**
     * The tail pass's witness (its pass's {@code bottom}) computed from every position, for the test of
     * {@link BlockWitness}; positions are those of the tail, as {@link #analyse} visits them.
     */
    static BlockWitness.Witness tailBottomByEveryPosition(RopeEmulator rope, int i, long context, long reach, Rational delta) {
        long tailFrom = Math.max(1, context - TAIL);
        Pass p = pass(rope, i, rope.thetaEnclosure(i), tailFrom, context - 1, reach, LOOKBACK, delta);
        return new BlockWitness.Witness(Math.max(0, p.maxLo()), p.nonFinite());
    }

    /** {@link BlockWitness#witness} for the same tail, empty where it does not apply. */
    static Optional<BlockWitness.Witness> tailBottomByRuns(RopeEmulator rope, int i, long context, long reach) {
        long tailFrom = Math.max(1, context - TAIL);
        long s = passStart(tailFrom, reach, LOOKBACK);
        return BlockWitness.witness(rope, i, rope.splitTheta(i), s, tailFrom, context - 1, reach, PhaseScan.positions(rope, s, context - 1));
    }

    /**
     * What one pass found: the first failing p among the pairs it saw, an enclosure [maxLo, maxHi] of the largest
     * |e| over them, whether a phase was not finite, and whether it saw every pair of its positions.
     */
    private record Pass(OptionalLong first, double maxLo, double maxHi, boolean nonFinite, boolean complete) {
        Rational lowerBound() {
            return BinaryRational.ofDouble(Math.max(0, maxLo)).toRational();
        }

        Rational upperBound() {
            return BinaryRational.ofDouble(maxHi).toRational();
        }
    }

    /**
     * Visits positions s .. to, s = max(0, from - min(R, lookback)), and position 0; for every p in [from, to]
     * (from >= 1) it decides every pair (p, q) with q visited and p - R <= q < p. Each err(q) is a double
     * enclosure [lo, hi]; the window's least lo and hi and largest lo and hi (monotone queues) enclose
     * max over q of |err(p) - err(q)|, and a comparison with delta the doubles cannot settle is decided
     * pair by pair, exactly.
     */
    private static Pass pass(RopeEmulator rope, int i, Enclosure thetaEnclosure, long from, long to, long reach, long lookback,
                             Rational delta) {
        return pass(rope, i, thetaEnclosure, from, to, reach, lookback, delta, null);
    }

    /** The first position {@link #pass} visits: s = max(0, from - min(R, lookback)). */
    private static long passStart(long from, long reach, long lookback) {
        return Math.max(0, from - Math.min(reach, lookback));
    }

    /**
     * {@link #pass} with the positions s .. to as they enter the product given ({@link PhaseScan#positions}), or null to
     * compute them. While no pair's window loses a position (to - R <= s: every q in [s, p - 1] is within reach), the
     * window's extremes are running ones; otherwise monotone queues drop what falls out of reach.
     */
    private static Pass pass(RopeEmulator rope, int i, Enclosure thetaEnclosure, long from, long to, long reach, long lookback,
                             Rational delta, double[] positions) {
        PhaseScan.SplitTheta theta = PhaseScan.split(rope, i, thetaEnclosure);
        long s = passStart(from, reach, lookback);
        boolean complete = s == Math.max(0, from - reach);
        int n = Math.toIntExact(to - s + 1);
        double[] lo = new double[n];
        double[] hi = new double[n];
        errors(rope, i, theta, s, positions, lo, hi);
        Scan scan = new Scan(rope, i, s, from, reach, lo, hi, errorAt(rope, i, theta, 0), delta);
        if (to - reach > s) {
            scan.sliding(to);
        } else {
            scan.running(to);
        }
        return new Pass(scan.first < 0 ? OptionalLong.empty() : OptionalLong.of(scan.first), scan.bottom, scan.top, scan.nonFinite, complete);
    }

    /** lo[k], hi[k]: the signed enclosure of err_i(s + k); lo[k] NaN when the phase is not finite (a finite one's is finite). */
    private static void errors(RopeEmulator rope, int i, PhaseScan.SplitTheta theta, long s, double[] positions, double[] lo, double[] hi) {
        for (int k = 0; k < lo.length; k++) {
            long p = s + k;
            double phase = rope.phaseValue(i, positions != null ? positions[k] : rope.positionInPhaseValue(p));
            if (!Double.isFinite(phase)) {
                lo[k] = Double.NaN;
            } else if (p < PhaseScan.EXACT_DOUBLES) {
                theta.signedErrorInto(phase, p, lo, hi, k);
            } else {
                double[] e = theta.signedError(phase, p);
                lo[k] = e[0];
                hi[k] = e[1];
            }
        }
    }

    /**
     * One pass's decisions over positions s .. to given their enclosures: for each p >= from, the pairs (p, q) with q
     * visited in [max(s, p - R), p - 1] (and 0 when s &gt; 0 and p &lt;= R). {@link #running} when no pair's window loses a
     * position (to - R &lt;= s), {@link #sliding} (monotone queues) otherwise; the two compute the same values, the first
     * in a smaller loop.
     */
    private static final class Scan {
        private final RopeEmulator rope;
        private final int i;
        private final long s;
        private final long from;
        private final long reach;
        private final double[] lo;
        private final double[] hi;
        private final double[] zero;
        private final Rational delta;
        private final double deltaLo;
        private final double deltaHi;
        long first = -1;
        boolean nonFinite;
        double top;
        double bottom;
        private long lastNonFinite = -1;

        Scan(RopeEmulator rope, int i, long s, long from, long reach, double[] lo, double[] hi, double[] zero, Rational delta) {
            this.rope = rope;
            this.i = i;
            this.s = s;
            this.from = from;
            this.reach = reach;
            this.lo = lo;
            this.hi = hi;
            this.zero = zero;
            this.delta = delta;
            this.deltaLo = delta.toDouble(RoundingMode.TOWARD_NEGATIVE);
            this.deltaHi = delta.toDouble(RoundingMode.TOWARD_POSITIVE);
        }

        void running(long to) {
            double minLo = Double.POSITIVE_INFINITY;
            double minHi = Double.POSITIVE_INFINITY;
            double maxLo = Double.NEGATIVE_INFINITY;
            double maxHi = Double.NEGATIVE_INFINITY;
            for (long p = s; p <= to; p++) {
                int k = (int) (p - s);
                boolean finite = !Double.isNaN(lo[k]);
                if (p >= from) {
                    decide(p, finite, Math.max(s, p - reach), minLo, minHi, maxLo, maxHi);
                }
                if (!finite) {
                    lastNonFinite = p;
                } else {
                    minLo = Math.min(minLo, lo[k]);
                    minHi = Math.min(minHi, hi[k]);
                    maxLo = Math.max(maxLo, lo[k]);
                    maxHi = Math.max(maxHi, hi[k]);
                }
            }
        }

        void sliding(long to) {
            SlidingExtreme minLo = new SlidingExtreme(lo, false);
            SlidingExtreme minHi = new SlidingExtreme(hi, false);
            SlidingExtreme maxLo = new SlidingExtreme(lo, true);
            SlidingExtreme maxHi = new SlidingExtreme(hi, true);
            for (long p = s; p <= to; p++) {
                int k = (int) (p - s);
                boolean finite = !Double.isNaN(lo[k]);
                if (p >= from) {
                    long qMin = Math.max(s, p - reach);
                    int kMin = (int) (qMin - s);
                    minLo.dropBefore(kMin);
                    minHi.dropBefore(kMin);
                    maxLo.dropBefore(kMin);
                    maxHi.dropBefore(kMin);
                    decide(p, finite, qMin, minLo.value(), minHi.value(), maxLo.value(), maxHi.value());
                }
                if (!finite) {
                    lastNonFinite = p;
                } else {
                    minLo.push(k);
                    minHi.push(k);
                    maxLo.push(k);
                    maxHi.push(k);
                }
            }
        }

        /** The pairs of p against its window, whose extremes (over visited finite q) are given; +-infinity when empty. */
        private void decide(long p, boolean finite, long qMin, double vMinLo, double vMinHi, double vMaxLo, double vMaxHi) {
            int k = (int) (p - s);
            boolean withZero = s > 0 && p <= reach;
            if (!finite || lastNonFinite >= qMin || (withZero && zero == null)) {
                nonFinite = true;
                first = first < 0 ? p : first;
                return;
            }
            double wMinLo = withZero ? Math.min(zero[0], vMinLo) : vMinLo;
            double wMinHi = withZero ? Math.min(zero[1], vMinHi) : vMinHi;
            double wMaxLo = withZero ? Math.max(zero[0], vMaxLo) : vMaxLo;
            double wMaxHi = withZero ? Math.max(zero[1], vMaxHi) : vMaxHi;
            double up = Math.nextUp(Math.max(hi[k] - wMinLo, wMaxHi - lo[k]));
            double down = Math.nextDown(Math.max(lo[k] - wMinHi, wMaxLo - hi[k]));
            top = Math.max(top, up);
            bottom = Math.max(bottom, down);
            if (first < 0 && (down > deltaHi
                    || (up > deltaLo && exceedsSomewhere(rope, i, p, s, qMin, withZero, zero, lo, hi, deltaLo, deltaHi, delta)))) {
                first = p;
            }
        }
    }

    /** The signed enclosure [lo, hi] of err_i(p), or null when phase_i(p) is not finite. */
    private static double[] errorAt(RopeEmulator rope, int i, PhaseScan.SplitTheta theta, long p) {
        double phase = rope.phaseValue(i, rope.positionInPhaseValue(p));
        return Double.isFinite(phase) ? theta.signedError(phase, p) : null;
    }

    /** Whether some visited q in [qMin, p - 1] (and 0, if {@code withZero}) has |err(p) - err(q)| > delta, pair by pair. */
    private static boolean exceedsSomewhere(RopeEmulator rope, int i, long p, long s, long qMin, boolean withZero, double[] zero,
                                            double[] lo, double[] hi, double deltaLo, double deltaHi, Rational delta) {
        int k = (int) (p - s);
        if (withZero && exceedsPair(rope, i, p, 0, lo[k], hi[k], zero[0], zero[1], deltaLo, deltaHi, delta)) {
            return true;
        }
        for (long q = qMin; q < p; q++) {
            int j = (int) (q - s);
            if (exceedsPair(rope, i, p, q, lo[k], hi[k], lo[j], hi[j], deltaLo, deltaHi, delta)) {
                return true;
            }
        }
        return false;
    }

    private static boolean exceedsPair(RopeEmulator rope, int i, long p, long q, double pLo, double pHi, double qLo, double qHi,
                                       double deltaLo, double deltaHi, Rational delta) {
        double up = Math.nextUp(Math.max(pHi - qLo, qHi - pLo));
        if (up <= deltaLo) {
            return false;
        }
        double down = Math.nextDown(Math.max(pLo - qHi, qLo - pHi));
        return down > deltaHi || RelativePhaseError.exceedsExactly(rope, i, p, q, delta);
    }

    /**
     * U(P), an upper bound on |e_i(p, r)| over 1 <= r <= min(R, p) <= p <= P, non-decreasing in P: with T(p) the
     * position as it enters the product (|T(p) - p| <= tau), f the stored frequency and rho the product's
     * rounding, e = (T(p) - T(q)) (f - theta) + (T(p) - T(q) - r) theta + rho(p) - rho(q), so
     * |e| <= (min(R, P) + 2 tau) |f - theta| + 2 tau theta + ulp(T_max f). Computed in doubles rounded up.
     */
    private static final class DistanceBound {
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
            if (Double.isNaN(t.f)) {
                return Double.POSITIVE_INFINITY;
            }
            double position = Math.nextUp((double) p);
            double tau = t.tau(p, position);
            double tMax = Math.nextUp(position + tau);
            double phaseMax = Math.nextUp(tMax * t.f);
            if (tMax >= t.maxPosition || phaseMax >= t.maxPhase) {
                return Double.POSITIVE_INFINITY;
            }
            double distance = Math.nextUp(Math.nextUp((double) Math.min(reach, p)) + 2 * tau);
            double sum = Math.nextUp(Math.nextUp(2 * tau * t.thetaHi) + Math.nextUp(distance * t.drift));
            return productsExact(p) ? sum : Math.nextUp(sum + 2 * PhaseBoundTerms.halfUlp(t.pl.phase(), phaseMax));
        }
    }
}
