package org.ropebounds.rope;

import java.util.OptionalLong;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Enclosure;

/**
 * One pass of {@link RelativeErrorAnalysis} over a run of positions: every pair (p, q) with p in [from, to] and q a
 * visited position within reach, decided without visiting the pairs (window extremes kept by running values or
 * monotone queues; proofs/relative-position-error.md, section 2).
 */
final class RelativePass {
    /** Positions whose errors are computed at a time, ahead of the positions the pass decides. */
    private static final int CHUNK = 256;
    /**
     * Per thread, the two arrays of the errors' enclosures, kept from pass to pass (a pass is never nested in another on one
     * thread, and reads no entry it has not written): a long context's passes would allocate tens of megabytes otherwise.
     * Only arrays of at most {@value #MAX_KEPT} entries are kept (a megabyte per thread); a longer pass allocates its own.
     */
    private static final int MAX_KEPT = 1 << 16;
    /** The kept arrays of this thread (see {@link #MAX_KEPT}). */
    private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(() -> new double[][] {new double[0], new double[0]});

    private RelativePass() {
    }

    /**
     * What one pass found: the first failing p among the pairs it saw, an enclosure [maxLo, maxHi] of the largest
     * |e| over them, whether a phase was not finite, and whether it saw every pair of its positions.
     */
    record Pass(OptionalLong first, double maxLo, double maxHi, boolean nonFinite, boolean complete) {
        Rational lowerBound() {
            return BinaryRational.ofDouble(Math.max(0, maxLo)).toRational();
        }

        Rational upperBound() {
            return BinaryRational.ofDouble(maxHi).toRational();
        }

        /** This pass's first failure and completeness, with {@code complete} instead and no witness (maxLo = maxHi = 0). */
        Pass firstOnly(boolean complete) {
            return new Pass(first, 0, 0, nonFinite, complete);
        }
    }

    /** The first position {@link #pass} visits: s = max(0, from - min(R, lookback)). */
    static long passStart(long from, long reach, long lookback) {
        return Math.max(0, from - Math.min(reach, lookback));
    }

    /**
     * Visits positions s .. to, s = max(0, from - min(R, lookback)), and position 0; for every p in [from, to]
     * (from >= 1) it decides every pair (p, q) with q visited and p - R <= q < p. Each err(q) is a double
     * enclosure [lo, hi]; the window's least lo and hi and largest lo and hi (monotone queues) enclose
     * max over q of |err(p) - err(q)|, and a comparison with delta the doubles cannot settle is decided
     * pair by pair, exactly. While no pair's window loses a position (to - R <= s: every q in [s, p - 1] is within
     * reach), the window's extremes are running ones; otherwise monotone queues drop what falls out of reach.
     *
     * @param positions positions s .. to as they enter the product ({@link PhaseScan#positions}), or null to compute them
     * @param untilFirst stop at the first failing p: {@code first} and {@code complete} are then those of the whole pass,
     *     {@code maxLo}, {@code maxHi} and {@code nonFinite} those of the positions up to it only
     */
    static Pass pass(RopeEmulator rope, int i, Enclosure thetaEnclosure, long from, long to, long reach, long lookback,
                     Rational delta, double[] positions, boolean untilFirst) {
        PhaseScan.SplitTheta theta = PhaseScan.split(rope, i, thetaEnclosure);
        long s = passStart(from, reach, lookback);
        boolean complete = s == Math.max(0, from - reach);
        int n = Math.toIntExact(to - s + 1);
        Errors errors = new Errors(rope, i, theta, s, positions, n);
        Scan scan = new Scan(rope, i, s, from, reach, errors, errorAt(rope, i, theta, 0), delta, untilFirst);
        if (to - reach > s) {
            scan.sliding(to);
        } else {
            scan.running(to);
        }
        return new Pass(scan.first < 0 ? OptionalLong.empty() : OptionalLong.of(scan.first), scan.bottom, scan.top, scan.nonFinite, complete);
    }

    /**
     * lo[k], hi[k]: the signed enclosure of err_i(s + k), computed {@value #CHUNK} positions at a time as the pass reaches
     * them; lo[k] NaN when the phase is not finite (a finite one's is finite).
     */
    private static final class Errors {
        private final RopeEmulator rope;
        private final int i;
        private final PhaseScan.SplitTheta theta;
        private final long s;
        private final double[] positions;
        /** Entries 0 .. n - 1 are the pass's (the arrays may be longer). */
        final double[] lo;
        final double[] hi;
        private final int n;
        private int computed;
        /** The positions of the chunk being computed, when the pass is not given them. */
        private double[] chunk = new double[0];
        /** The last position whose phase was computed, and that phase (NaN before the first). */
        private double lastPosition = Double.NaN;
        private double lastPhase = Double.NaN;

        Errors(RopeEmulator rope, int i, PhaseScan.SplitTheta theta, long s, double[] positions, int n) {
            this.rope = rope;
            this.i = i;
            this.theta = theta;
            this.s = s;
            this.positions = positions;
            this.n = n;
            double[][] buffers = n <= MAX_KEPT ? BUFFERS.get() : new double[][] {new double[n], new double[n]};
            if (buffers[0].length < n) {
                buffers[0] = new double[n];
                buffers[1] = new double[n];
            }
            this.lo = buffers[0];
            this.hi = buffers[1];
        }

        /** Makes lo[k] and hi[k] available (and those before them). */
        void reach(int k) {
            if (k < computed) {
                return;
            }
            int until = Math.min(n, Math.max(k + 1, computed + CHUNK));
            double[] t = positions;
            int offset = 0;
            if (t == null) {
                // this chunk's positions, once per run of equal ones (PositionRuns)
                if (chunk.length < until - computed) {
                    chunk = new double[until - computed];
                }
                PositionRuns.fill(rope, s + computed, chunk, 0, until - computed);
                t = chunk;
                offset = computed;
            }
            for (int j = computed; j < until; j++) {
                long p = s + j;
                double position = t[j - offset];
                // the phase is a function of the position: a run of equal positions has one phase (NaN never repeats)
                double phase = position == lastPosition ? lastPhase : rope.phaseValue(i, position);
                lastPosition = position;
                lastPhase = phase;
                if (!Double.isFinite(phase)) {
                    lo[j] = Double.NaN;
                } else if (p < PhaseScan.EXACT_DOUBLES) {
                    theta.signedErrorInto(phase, p, lo, hi, j);
                } else {
                    double[] e = theta.signedError(phase, p);
                    lo[j] = e[0];
                    hi[j] = e[1];
                }
            }
            computed = until;
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
        private final Errors errors;
        private final double[] lo;
        private final double[] hi;
        private final double[] zero;
        private final Rational delta;
        private final double deltaLo;
        private final double deltaHi;
        private final boolean untilFirst;
        long first = -1;
        boolean nonFinite;
        double top;
        double bottom;
        private long lastNonFinite = -1;

        Scan(RopeEmulator rope, int i, long s, long from, long reach, Errors errors, double[] zero, Rational delta, boolean untilFirst) {
            this.rope = rope;
            this.i = i;
            this.s = s;
            this.from = from;
            this.reach = reach;
            this.errors = errors;
            this.lo = errors.lo;
            this.hi = errors.hi;
            this.zero = zero;
            this.delta = delta;
            this.deltaLo = delta.toDouble(RoundingMode.TOWARD_NEGATIVE);
            this.deltaHi = delta.toDouble(RoundingMode.TOWARD_POSITIVE);
            this.untilFirst = untilFirst;
        }

        void running(long to) {
            double minLo = Double.POSITIVE_INFINITY;
            double minHi = Double.POSITIVE_INFINITY;
            double maxLo = Double.NEGATIVE_INFINITY;
            double maxHi = Double.NEGATIVE_INFINITY;
            for (long p = s; p <= to && !(untilFirst && first >= 0); p++) {
                int k = (int) (p - s);
                if (k >= errors.computed) {
                    errors.reach(k); // a call per chunk, not per position
                }
                boolean finite = !Double.isNaN(lo[k]);
                if (p >= from) {
                    decide(p, finite, Math.max(s, p - reach), minLo, minHi, maxLo, maxHi);
                }
                if (!finite) {
                    lastNonFinite = p;
                } else {
                    // neither end is NaN, and the extremes reach decide's results only through up and down
                    // (proofs/relative-position-error.md, section 9)
                    minLo = InlineMath.smallerValue(minLo, lo[k]);
                    minHi = InlineMath.smallerValue(minHi, hi[k]);
                    maxLo = InlineMath.largerValue(maxLo, lo[k]);
                    maxHi = InlineMath.largerValue(maxHi, hi[k]);
                }
            }
        }

        void sliding(long to) {
            SlidingExtreme minLo = new SlidingExtreme(lo, errors.n, false);
            SlidingExtreme minHi = new SlidingExtreme(hi, errors.n, false);
            SlidingExtreme maxLo = new SlidingExtreme(lo, errors.n, true);
            SlidingExtreme maxHi = new SlidingExtreme(hi, errors.n, true);
            for (long p = s; p <= to && !(untilFirst && first >= 0); p++) {
                int k = (int) (p - s);
                errors.reach(k);
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
            // as the running extremes: values, their zeros' signs dropped by up and down (proofs/relative-position-error.md, section 9)
            double wMinLo = withZero ? InlineMath.smallerValue(zero[0], vMinLo) : vMinLo;
            double wMinHi = withZero ? InlineMath.smallerValue(zero[1], vMinHi) : vMinHi;
            double wMaxLo = withZero ? InlineMath.largerValue(zero[0], vMaxLo) : vMaxLo;
            double wMaxHi = withZero ? InlineMath.largerValue(zero[1], vMaxHi) : vMaxHi;
            double up = InlineMath.up(InlineMath.max(hi[k] - wMinLo, wMaxHi - lo[k]));
            double down = InlineMath.down(InlineMath.max(lo[k] - wMinHi, wMaxLo - hi[k]));
            top = InlineMath.max(top, up);
            bottom = InlineMath.max(bottom, down);
            if (first < 0 && (down > deltaHi
                    || (up > deltaLo && exceedsSomewhere(rope, i, p, s, qMin, withZero, zero, lo, hi, deltaLo, deltaHi, delta)))) {
                first = p;
            }
        }
    }

    /** The signed enclosure [lo, hi] of err_i(p), or null when phase_i(p) is not finite. */
    static double[] errorAt(RopeEmulator rope, int i, PhaseScan.SplitTheta theta, long p) {
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

    /**
     * Whether |e_i(p, q)| &gt; delta for the pair whose errors are enclosed in [pLo, pHi] and [qLo, qHi]: false when the
     * doubles show it at most deltaLo, true when they show it above deltaHi, else decided exactly.
     */
    static boolean exceedsPair(RopeEmulator rope, int i, long p, long q, double pLo, double pHi, double qLo, double qHi,
                                       double deltaLo, double deltaHi, Rational delta) {
        double up = InlineMath.up(InlineMath.max(pHi - qLo, qHi - pLo));
        if (up <= deltaLo) {
            return false;
        }
        double down = InlineMath.down(InlineMath.max(pLo - qHi, qLo - pHi));
        return down > deltaHi || RelativePhaseError.exceedsExactly(rope, i, p, q, delta);
    }
}
