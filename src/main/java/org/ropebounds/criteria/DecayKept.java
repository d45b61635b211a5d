package org.ropebounds.criteria;

import static org.ropebounds.criteria.DecayExtents.TAU;
import static org.ropebounds.criteria.DecayExtents.beyond;
import static org.ropebounds.criteria.DecayExtents.curvature;
import static org.ropebounds.criteria.DecayExtents.root;

import java.util.Optional;
import org.ropebounds.real.DoubleInterval;

/**
 * The quadratics q_m(t) = mu_m + sigma_m t - C_m t^2 of the last full walk that proved every B_m(z) &gt; 0, each a
 * lower bound on B_m(z e^t) for 0 &lt;= t &lt;= TAU ({@code proofs/decay-bound.md} section 5), and what they certify
 * without a new walk together with direct evaluations of the few weak distances: a continuation of the walk's piece
 * (section 9) and feasible points of a stretch to its right (section 11). Kept only for contexts up to
 * {@value #KEEP_LIMIT} distances. Mutable, one per search; not thread-safe.
 */
final class DecayKept {
    /** Contexts up to this largest distance keep the last feasible walk's quadratics. */
    static final long KEEP_LIMIT = 1L << 21;

    private final int n;
    private final long maxDistance;
    /** Per distance m (index): mu_m, sigma_m (right side) and C_m of the last full walk; valid when keptBase is. */
    private double[][] kept;
    /** The base of the last full walk that proved every B_m &gt; 0 (NaN: none since the last walk). */
    private double keptBase = Double.NaN;
    /** Mode-steps spent since {@link #takeWork} was last called (n per direct evaluation). */
    private long work;

    DecayKept(int n, long maxDistance) {
        this.n = n;
        this.maxDistance = maxDistance;
    }

    /** Whether the quadratics are kept for this context. */
    boolean enabled() {
        return maxDistance <= KEEP_LIMIT;
    }

    /** Forgets the last walk (a new one starts). */
    void clear() {
        keptBase = Double.NaN;
    }

    /** The quadratic of the distance m, 1 &lt;= m &lt;= M, from the walk in progress (C &gt;= 0; mu &gt; 0 once kept). */
    void record(int m, double mu, double sigma, double c) {
        if (kept == null) {
            kept = new double[3][(int) maxDistance + 1];
        }
        kept[0][m] = mu;
        kept[1][m] = sigma;
        kept[2][m] = c;
    }

    /** {@link #record} for m = m0 + k, 0 &lt;= k &lt; len, from arrays. */
    void record(long m0, int len, double[] mu, double[] sigma, double[] c) {
        if (kept == null) {
            kept = new double[3][(int) maxDistance + 1];
        }
        System.arraycopy(mu, 0, kept[0], (int) m0, len);
        System.arraycopy(sigma, 0, kept[1], (int) m0, len);
        System.arraycopy(c, 0, kept[2], (int) m0, len);
    }

    /** The walk in progress, at z, proved every B_m(z) &gt; 0 and recorded every m: its quadratics are certificates. */
    void keep(double z) {
        keptBase = z;
    }

    /** The base of the kept walk (NaN: none). */
    double base() {
        return keptBase;
    }

    /** The mode-steps spent since the last call, and resets the count. */
    long takeWork() {
        long w = work;
        work = 0;
        return w;
    }


    /**
     * A feasible piece [a, end] continuing the piece that the last feasible walk (at z = keptBase &lt; a) certified,
     * without a new walk (section 9): for a target t2 &gt; log(a/z), the distances whose quadratic from z is not
     * positive up to t2 (the weak ones) are evaluated directly at a point z' between a and z e^t2, and their
     * certificates from z' must cover [a, end]; every other distance is covered by z. Empty when there are more
     * than M/128 weak distances (a walk is then cheaper) or their certificates do not reach back to a.
     */
    Optional<Double> extend(double a, double c) {
        double z = keptBase;
        if (!(z < a)) {
            return Optional.empty();
        }
        double reached = Math.log(a / z);
        int cap = (int) Math.max(2, maxDistance / 128);
        for (double factor : new double[] {2, 1.5, 1.25}) {
            double t2 = Math.min(TAU, reached * factor);
            if (!(t2 > reached)) {
                return Optional.empty();
            }
            int[] weak = new int[cap];
            int count = 0;
            for (int m = 1; m <= maxDistance && count <= cap; m++) {
                if (!beyond(kept[0][m], kept[1][m], kept[2][m], t2)) {
                    if (count < cap) {
                        weak[count] = m;
                    }
                    count++;
                }
            }
            if (count > cap) {
                continue;
            }
            double zp = z * Math.exp(reached + (t2 - reached) / 3);
            double end = Math.min(c, z * StrictMath.exp(t2 - 0x1p-50));
            if (!(zp > a && zp < end)) {
                return Optional.empty();
            }
            DoubleInterval[] theta = DecayWalk.thetas(new DoubleInterval(zp, zp), n);
            Optional<double[]> extents = weakExtents(theta, DecayWalk.of(theta), weak, count, TAU, TAU);
            if (extents.isEmpty()) {
                return Optional.empty();
            }
            double left = extents.get()[0];
            double right = extents.get()[1];
            double from = zp * StrictMath.exp(-(left - 0x1p-50));
            end = Math.min(end, zp * StrictMath.exp(right - 0x1p-50));
            // at least a tenth more than reached, so that the extensions end
            if (from <= a && Math.log(end / z) >= reached * 1.1) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }

    /**
     * A feasible point at z in the stretch (a, c) without a walk (section 11 of the proof): when the last full
     * feasible walk at z0 = keptBase &lt; a is within TAU of c, every distance whose quadratic from z0 stays positive
     * up to t2 = log(c/z0) is positive on [z0, z0 e^t2]; the others (at most M/64 of them) are evaluated directly at
     * z, and their own extents from z, clipped to [z0, z0 e^t2], are the point's. Empty when that does not apply or
     * a weak distance is not proven positive at z (the walk then decides). The extents are {left, right}, in log b
     * from z.
     */
    Optional<double[]> point(double z, double a, double c, DoubleInterval[] theta, DecayWalk walk) {
        double z0 = keptBase;
        if (!(z0 < a) || !(z > a && z < c)) {
            return Optional.empty();
        }
        double t2 = Math.log(c / z0);
        if (!(t2 <= TAU)) {
            return Optional.empty();
        }
        int cap = (int) Math.max(2, maxDistance / 64);
        int[] weak = new int[cap];
        int count = 0;
        for (int m = 1; m <= maxDistance; m++) {
            if (!beyond(kept[0][m], kept[1][m], kept[2][m], t2)) {
                if (count == cap) {
                    return Optional.empty();
                }
                weak[count++] = m;
            }
        }
        double fromZ0 = Math.log(z / z0);
        double left = fromZ0 - 0x1p-45;
        double right = t2 - fromZ0 - 0x1p-45;
        if (!(left > 0 && right > 0)) {
            return Optional.empty();
        }
        return weakExtents(theta, walk, weak, count, left, right);
    }

    /**
     * The weak distances weak[0..count) evaluated directly at the base whose frequencies and walk are given (section
     * 8(a)): {left, right}, the smallest of the given bounds and each distance's second-order roots on either side
     * (section 5); empty when one of them is not proven positive there.
     */
    private Optional<double[]> weakExtents(DoubleInterval[] theta, DecayWalk walk, int[] weak, int count, double left, double right) {
        DecayProbe probe = new DecayProbe(theta);
        work += (long) n * count;
        double l = left;
        double r = right;
        for (int k = 0; k < count; k++) {
            long m = weak[k];
            double[] e = probe.at(m);
            if (!(e[0] > 0)) {
                return Optional.empty();
            }
            double cm = curvature(m, walk.p1(), walk.p2());
            l = Math.min(l, root(e[0], -Math.nextUp(m * e[3]), cm));
            r = Math.min(r, root(e[0], Math.nextDown(m * e[2]), cm));
        }
        return Optional.of(new double[] {l, r});
    }
}
