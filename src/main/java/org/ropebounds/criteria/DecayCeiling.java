package org.ropebounds.criteria;

import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ropebounds.real.DoubleInterval;

/**
 * The robust bound of the decay criterion from above ({@code proofs/decay-bound.md} section 14): a branch and bound
 * over cells of distances and bases, [m1, m2] x [b1, b2] (b2 may be infinite), higher bases and larger distances
 * first. A cell is feasible when the sum over the modes of the least cosine over each mode's phase range is
 * positive; a cell that is not is split in the distances or in the bases, whichever widens the phase ranges more. A
 * single distance whose cell fails is probed at the cell's upper base, and a proven negative B_m there is a witness:
 * every cell lying below the highest witness is dropped, since only the supremum of the infeasible bases is sought.
 * When the search ends: an infeasible base x (the highest witness) and a base y &gt;= x from which every base is proven
 * feasible. Which cells are explored does not depend on the order (a cell is split the same way wherever it is
 * met, and a dropped cell cannot hold a higher witness), so the answer is the same on any number of threads; only
 * the work counted varies. One use.
 */
final class DecayCeiling {
    /**
     * The answer: B_witness(infeasible) &lt; 0 is proven, and every base b &gt;= feasibleFrom has B_m(b) &gt; 0 for
     * every 0 &lt;= m &lt;= M; infeasible &lt; feasibleFrom, so the supremum of the infeasible bases lies between them.
     * {@code work}: the mode-steps spent (n per cell or probe; varies with the threads' timing).
     */
    record Result(double infeasible, long witness, double feasibleFrom, long work) {
    }

    /** Rounds a positive product down or up (section 14: covers its rounding to nearest). */
    private static final double DOWN = 1 - 0x1p-51;
    private static final double UP = 1 + 0x1p-51;
    /** Cells are explored on the pool's threads down to this depth, below it on one thread each. */
    private static final int FORK_DEPTH = 12;
    /**
     * A cell whose running sum of least cosines is below the summation's error less the count of the terms still to
     * come and this margin (far above the rounding of the remaining additions, below 64 ulps of 64) cannot be feasible.
     */
    private static final double HOPELESS = 0x1p-20;

    private final int n;
    private final long maxDistance;
    private final double relativeResolution;
    private final double cap;
    private final long workLimit;
    /** The rounding error of a sum of n terms in [-1, 1] in any order: below n^2 2^-53, taken as n^2 2^-52. */
    private final double summation;
    private final AtomicLong work = new AtomicLong();
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile double infeasible = 0;
    private long witness = -1;
    private double unresolvedTop = 0;

    /**
     * @param n the number of modes d/2 (at least 1)
     * @param maxDistance M &gt;= 1, the largest distance of the context
     * @param relativeResolution cells of bases narrower than this fraction of their lower end are not split
     * @param cap the search fails when a cell of bases reaching above this base cannot be proven feasible
     * @param workLimit the most mode-steps (n per cell bound or probe) to spend
     */
    DecayCeiling(int n, long maxDistance, double relativeResolution, double cap, long workLimit) {
        this.n = n;
        this.maxDistance = maxDistance;
        this.relativeResolution = relativeResolution;
        this.cap = cap;
        this.workLimit = workLimit;
        this.summation = (double) n * n * 0x1p-52;
    }

    /**
     * Searches [floor, infinity) (floor &gt;= 1) for the highest infeasible base, on one thread per processor (the
     * common pool leaves one processor to the caller, which would only wait). Empty when the work limit is reached,
     * when a cell reaching above the cap is not proven feasible, or when no base at or above {@code floor} is proven
     * infeasible.
     */
    Optional<Result> search(double floor) {
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            return search(floor, pool);
        } finally {
            pool.shutdown();
        }
    }

    /** {@link #search(double)} on the given pool (the answer is the same on any pool; only the work varies). */
    Optional<Result> search(double floor, ForkJoinPool pool) {
        Theta top = infinite();
        Span all = new Span(floor, Double.POSITIVE_INFINITY, Theta.at(floor, n), top);
        pool.invoke(new Explore(0, maxDistance, all, new PhaseEndCos(n), new PhaseEndCos(n), 0));
        if (failed.get() || witness < 0) {
            return Optional.empty();
        }
        // every base above max(x, the unresolved top) lies in a feasible cell
        return Optional.of(new Result(infeasible, witness, Math.nextUp(Math.max(infeasible, unresolvedTop)), work.get()));
    }

    /**
     * A span of bases [b1, b2] of the search's grid with the certified theta_i at both ends, and its two halves once
     * split: every cell of distances over the same span shares it, so each base's theta_i is computed once.
     */
    private final class Span {
        private final double b1;
        private final double b2;
        private final Theta atLow;
        private final Theta atHigh;
        /** {upper half, lower half} once split; an empty array when the midpoint is not strictly inside. */
        private volatile Span[] halves;

        Span(double b1, double b2, Theta atLow, Theta atHigh) {
            this.b1 = b1;
            this.b2 = b2;
            this.atLow = atLow;
            this.atHigh = atHigh;
        }

        /**
         * {[mid, b2], [b1, mid]} at the split point of section 14 (b1^2, or 2, for b2 = infinity; the geometric
         * midpoint while b2/b1 &gt; 2, else the arithmetic one), made once; empty when mid is not strictly inside.
         */
        Span[] halves() {
            Span[] h = halves;
            if (h == null) {
                synchronized (this) {
                    h = halves;
                    if (h == null) {
                        double mid = b2 == Double.POSITIVE_INFINITY ? (b1 < 2 ? 2 : Math.min(b1 * b1, cap))
                                : b2 / b1 > 2 ? Math.sqrt(b1) * Math.sqrt(b2) : b1 + (b2 - b1) / 2;
                        if (mid > b1 && mid < b2) {
                            Theta atMid = Theta.at(mid, n);
                            h = new Span[] {new Span(mid, b2, atMid, atHigh), new Span(b1, mid, atLow, atMid)};
                        } else {
                            h = new Span[0];
                        }
                        halves = h;
                    }
                }
            }
            return h;
        }
    }

    /** One cell: its distances [m1, m2] over a span of bases, with the cosines of its phase ends known so far. */
    private final class Explore extends RecursiveAction {
        private final long m1;
        private final long m2;
        private final Span span;
        private final PhaseEndCos cosLo;
        private final PhaseEndCos cosHi;
        private final int depth;

        Explore(long m1, long m2, Span span, PhaseEndCos cosLo, PhaseEndCos cosHi, int depth) {
            this.m1 = m1;
            this.m2 = m2;
            this.span = span;
            this.cosLo = cosLo;
            this.cosHi = cosHi;
            this.depth = depth;
        }

        @Override
        protected void compute() {
            explore(m1, m2, span, cosLo, cosHi, depth);
        }
    }

    /**
     * Explores the cell [m1, m2] x [b1, b2]: cosLo and cosHi hold cos of each mode's lower and upper phase end
     * rounded down, as far as computed (they are shared with the cells that have the same phase end).
     */
    private void explore(long m1, long m2, Span span, PhaseEndCos cosLo, PhaseEndCos cosHi, int depth) {
        double b1 = span.b1;
        double b2 = span.b2;
        Theta atLow = span.atLow;
        Theta atHigh = span.atHigh;
        if (b2 <= infeasible || failed.get()) {
            return; // only what lies above the best witness matters
        }
        if (work.addAndGet(n) > workLimit) {
            failed.set(true);
            return;
        }
        if (lowerBound(m1, m2, atLow, atHigh, cosLo, cosHi) > 0) {
            return;
        }
        if (b1 >= cap) {
            failed.set(true);
            return;
        }
        boolean basesSplittable = b2 == Double.POSITIVE_INFINITY || b2 - b1 > b1 * relativeResolution;
        if (m1 == m2) {
            if (provenNegative(m1, b2, atHigh)) {
                return; // the witness is now b2 or higher: nothing below it matters
            }
            if (!basesSplittable) {
                provenNegative(m1, b1, atLow);
                raiseUnresolved(b2);
                return;
            }
        }
        if (basesSplittable && (m1 == m2 || basesWiden(m1, m2, atLow, atHigh))) {
            Span[] halves = span.halves();
            if (halves.length == 0) {
                raiseUnresolved(b2);
                return;
            }
            // upper bases first: [mid, b2] keeps the lower phase ends m1 theta(b2), [b1, mid] the upper ones
            run(depth, new Explore(m1, m2, halves[0], cosLo, new PhaseEndCos(n), depth + 1), new Explore(m1, m2, halves[1], new PhaseEndCos(n), cosHi, depth + 1));
        } else {
            long mid = m1 + (m2 - m1) / 2;
            // larger distances first: [mid+1, m2] keeps the upper phase ends m2 theta(b1), [m1, mid] the lower ones
            run(depth, new Explore(mid + 1, m2, span, new PhaseEndCos(n), cosHi, depth + 1), new Explore(m1, mid, span, cosLo, new PhaseEndCos(n), depth + 1));
        }
    }

    /** The two halves, in parallel near the root (each with its own copies of the shared cosines), else in order. */
    private void run(int depth, Explore first, Explore second) {
        if (depth < FORK_DEPTH) {
            RecursiveAction.invokeAll(copy(first), copy(second));
        } else {
            first.compute();
            second.compute();
        }
    }

    private Explore copy(Explore e) {
        return new Explore(e.m1, e.m2, e.span, e.cosLo.copy(), e.cosHi.copy(), e.depth);
    }

    private synchronized void raiseUnresolved(double b) {
        unresolvedTop = Math.max(unresolvedTop, b);
    }

    private synchronized void raiseWitness(double b, long m) {
        if (b > infeasible) {
            infeasible = b;
            witness = m;
        }
    }

    /**
     * Whether B_m(b) &lt; 0 is proven at the base b (finite): the sum of the greatest cosines over the phase ranges
     * m [theta_i] is negative. If so, b becomes the best witness when it is above the one held.
     */
    private boolean provenNegative(long m, double b, Theta t) {
        if (b == Double.POSITIVE_INFINITY || m == 0) {
            return false;
        }
        work.addAndGet(n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double lo = m * t.lo[i] * DOWN;
            double hi = m * t.hi[i] * UP;
            sum += greatestCos(lo, hi);
        }
        if (sum + summation < 0) {
            raiseWitness(b, m);
            return true;
        }
        return false;
    }

    /**
     * Whether the bases' spread widens the phase ranges more than the distances' (each mode's contribution capped at
     * 7 &gt; 2 pi, where its cosine is -1 either way): the dimension to split.
     */
    private boolean basesWiden(long m1, long m2, Theta atLow, Theta atHigh) {
        double byM = 0;
        double byB = 0;
        double span = m2 - m1;
        for (int i = 0; i < n; i++) {
            byM += Math.min(7, span * atLow.hi[i]);
            byB += Math.min(7, m2 * (atLow.hi[i] - atHigh.lo[i]));
        }
        return byB > byM;
    }

    /**
     * A lower bound on B_m(b) over the cell (section 14): the sum over the modes of the least cosine over
     * [m1 theta_i(b2), m2 theta_i(b1)], each end rounded outward, the sum rounded down. Fills cosLo and cosHi where
     * it needs them.
     */
    private double lowerBound(long m1, long m2, Theta atLow, Theta atHigh, PhaseEndCos cosLo, PhaseEndCos cosHi) {
        double[] thetaLo = atHigh.lo;
        double[] thetaHi = atLow.hi;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double lo = m1 * thetaLo[i] * DOWN;
            double hi = m2 * thetaHi[i] * UP;
            double least;
            int shape = shape(lo, hi, true);
            if (shape == HOLDS_EXTREMUM) {
                least = -1;
            } else {
                double c = Double.POSITIVE_INFINITY;
                if (shape != AT_HI) {
                    c = cosLo.down(i, lo);
                }
                if (shape != AT_LO) {
                    c = Math.min(c, cosHi.down(i, hi));
                }
                least = c;
            }
            sum += least;
            if (sum + (n - 1 - i) < summation - HOPELESS) {
                // every later term is at most 1: the sum cannot end above the summation's error (section 14); a
                // lower bound still, as every later term is at least -1
                return sum - n;
            }
        }
        return sum - summation;
    }

    /**
     * The cell bound of section 14 for [m1, m2] x [b1, b2] (finite bases) as the search computes it, with no cosine
     * known beforehand: for tests (of the early exit) against the sum of {@link #leastCos} over the modes.
     */
    double cellLowerBound(long m1, long m2, double b1, double b2) {
        return lowerBound(m1, m2, Theta.at(b1, n), Theta.at(b2, n), new PhaseEndCos(n), new PhaseEndCos(n));
    }

    /** The double nearest 1/pi, above it, and the one below it. */
    private static final double INV_PI_UP = 0.3183098861837907;
    private static final double INV_PI_DOWN = 0.31830988618379064;
    private static final int HOLDS_EXTREMUM = 0;
    private static final int AT_LO = 1;
    private static final int AT_HI = 2;
    private static final int AT_EITHER = 3;

    /**
     * Where cos takes its least (minimum true) or greatest (false) value over [lo, hi] (0 &lt;= lo &lt;= hi, finite):
     * HOLDS_EXTREMUM when the interval may hold an odd (even) multiple of pi, else at the end AT_LO or AT_HI where
     * cos is monotone between two consecutive multiples of pi, else AT_EITHER.
     */
    static int shape(double lo, double hi, boolean minimum) {
        if (hi - lo > 7) {
            return HOLDS_EXTREMUM;
        }
        // u <= lo/pi and v >= hi/pi: the factors 1 -/+ 2^-50 cover the two roundings of each
        double u = lo < 0x1p-1000 ? 0 : lo * INV_PI_DOWN * (1 - 0x1p-50);
        double v = hi * INV_PI_UP * (1 + 0x1p-50);
        double k = Math.ceil(u);
        if ((((long) k & 1) == 0) == minimum) {
            k += 1;
        }
        if (k <= v) {
            return HOLDS_EXTREMUM;
        }
        double j = Math.floor(u);
        if (j == Math.floor(v)) {
            // cos decreases on [j pi, (j+1) pi] for even j, increases for odd j
            return (((long) j & 1) == 0) == minimum ? AT_HI : AT_LO;
        }
        return AT_EITHER;
    }

    /** An upper bound on max cos over [lo, hi] (0 &lt;= lo &lt;= hi, finite). */
    static double greatestCos(double lo, double hi) {
        return switch (shape(lo, hi, false)) {
            case HOLDS_EXTREMUM -> 1;
            case AT_LO -> PhaseCos.up(lo);
            case AT_HI -> PhaseCos.up(hi);
            default -> Math.max(PhaseCos.up(lo), PhaseCos.up(hi));
        };
    }

    /** A lower bound on min cos over [lo, hi] (0 &lt;= lo &lt;= hi, finite). */
    static double leastCos(double lo, double hi) {
        return switch (shape(lo, hi, true)) {
            case HOLDS_EXTREMUM -> -1;
            case AT_LO -> PhaseCos.down(lo);
            case AT_HI -> PhaseCos.down(hi);
            default -> Math.min(PhaseCos.down(lo), PhaseCos.down(hi));
        };
    }

    /**
     * {@link PhaseCos#down} of one phase end per mode, shared by the cells with that phase end (only the cost depends
     * on the sharing: each value is the same function of the same phase), the table made on first use: most cells
     * stop before they need a cosine.
     */
    static final class PhaseEndCos {
        /** The bits of Math's NaN: a stored cosine is its bits XOR these. */
        private static final long NOT_COMPUTED = Double.doubleToRawLongBits(Double.NaN);

        /**
         * The bits of mode i's cosine XOR those of NaN, so that the fresh (zeroed) table means "none computed" with no
         * pass to fill it: only a NaN would be stored as 0, and it would merely be computed again. Null until the first
         * one is computed.
         */
        private long[] down;
        private final int n;

        /** For n modes, none computed yet. */
        PhaseEndCos(int n) {
            this.n = n;
        }

        /** PhaseCos.down(phase) for mode i, whose phase end this is (computed once). */
        double down(int i, double phase) {
            long[] d = down;
            if (d == null) {
                d = new long[n];
                down = d;
            }
            long stored = d[i];
            if (stored != 0) {
                return Double.longBitsToDouble(stored ^ NOT_COMPUTED);
            }
            double c = PhaseCos.down(phase);
            d[i] = Double.doubleToRawLongBits(c) ^ NOT_COMPUTED;
            return c;
        }

        /** An independent copy, for a cell explored on another thread. */
        PhaseEndCos copy() {
            PhaseEndCos c = new PhaseEndCos(n);
            c.down = down == null ? null : down.clone();
            return c;
        }
    }

    /** theta_i at b = +infinity: 1 for mode 0, 0 for the others (exact). */
    private Theta infinite() {
        double[] t = new double[n];
        t[0] = 1;
        return new Theta(t, t.clone());
    }

    /** The certified theta_i at one base as two arrays of their enclosures' ends (the cells read nothing else). */
    private static final class Theta {
        private final double[] lo;
        private final double[] hi;

        private Theta(double[] lo, double[] hi) {
            this.lo = lo;
            this.hi = hi;
        }

        /** theta_i = b^(-i/n), i = 0..n-1, enclosed as {@link DecayWalk#thetas} encloses them. */
        static Theta at(double b, int n) {
            DoubleInterval[] t = DecayWalk.thetas(new DoubleInterval(b, b), n);
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                lo[i] = t[i].lo();
                hi[i] = t[i].hi();
            }
            return new Theta(lo, hi);
        }
    }
}
