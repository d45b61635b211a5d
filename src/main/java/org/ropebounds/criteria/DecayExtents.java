package org.ropebounds.criteria;

/**
 * The certified extents in b of one walk's distances ({@code proofs/decay-bound.md} sections 4, 5 and 8(c)): the
 * first-order ratio, the second-order roots on each side, and the tests that skip a root that cannot change the
 * running extremum. Stateless.
 */
final class DecayExtents {
    /** Largest log-extent the second-order certificate is used for (its remainder constants assume it). */
    static final double TAU = 0x1p-4;
    /** e^TAU / 2 and e^(2 TAU) / 2, rounded up: the remainder's constants (proofs/decay-bound.md section 5). */
    static final double R1 = 0.5323;
    static final double R2 = 0.5666;

    private DecayExtents() {
    }

    /**
     * The accumulator of {@link #accumulate}: 0 feasible ratio, 1 infeasible ratio, 2 its witness, 3 first
     * undecided m, 4 feasible left, 5 feasible right, 6 infeasible left, 7 its witness, 8 infeasible right, 9 its
     * witness, 10 the last m visited.
     */
    static double[] fresh() {
        return new double[] {Double.POSITIVE_INFINITY, 0, 0, 0, TAU, TAU, 0, 0, 0, 0, 0};
    }

    /**
     * Takes one distance m into the certificates (sections 4 and 5): B_m(z) in [lo, hi], S = sum_i (i/n) theta_i
     * sin(m theta_i) in [slopeLo, slopeHi]. An extent is recomputed only when this m could change it: the
     * concave quadratic q(t) = mu + sigma t - C t^2 (q(0) = mu &gt; 0) has its positive root beyond t* exactly when
     * q(t*) &gt; 0, tested with a margin of 2^-40 of its terms for the minima (a bound that may only shrink).
     */
    static void accumulate(double[] st, long m, double lo, double hi, double slopeLo, double slopeHi, double p1, double p2) {
        accumulateScaled(st, m, lo, hi, Math.nextDown(m * slopeLo), Math.nextUp(m * slopeHi), curvature(m, p1, p2));
    }

    /**
     * {@link #accumulate} with the slope bounds already multiplied by m (D_m in [sLo, sHi], rounded outward) and the
     * curvature C_m (rounded up) given.
     */
    static void accumulateScaled(double[] st, long m, double lo, double hi, double sLo, double sHi, double curvature) {
        st[10] = m;
        if (lo > 0) {
            if (!(lo >= st[0] * m * (1 + 0x1p-40))) {
                st[0] = Math.min(st[0], Math.nextDown(lo / m));
            }
            if (!beyond(lo, -sHi, curvature, st[4])) {
                st[4] = Math.min(st[4], Math.min(TAU, root(lo, -sHi, curvature)));
            }
            if (!beyond(lo, sLo, curvature, st[5])) {
                st[5] = Math.min(st[5], Math.min(TAU, root(lo, sLo, curvature)));
            }
        } else if (hi < 0) {
            double r = Math.nextDown(-hi / m);
            if (r > st[1]) {
                st[1] = r;
                st[2] = m;
            }
            if (-hi + sLo * st[6] - curvature * st[6] * st[6] > 0) {
                double left = Math.min(TAU, root(-hi, sLo, curvature));
                if (left > st[6]) {
                    st[6] = left;
                    st[7] = m;
                }
            }
            if (-hi - sHi * st[8] - curvature * st[8] * st[8] > 0) {
                double right = Math.min(TAU, root(-hi, -sHi, curvature));
                if (right > st[8]) {
                    st[8] = right;
                    st[9] = m;
                }
            }
        } else if (st[3] == 0) {
            st[3] = m;
        }
    }

    /** C_m = m P1 R1 + m^2 P2 R2, rounded up: the second-order certificate's curvature (section 5). */
    static double curvature(long m, double p1, double p2) {
        return Math.nextUp(Math.nextUp(m * p1 * R1) + Math.nextUp((double) m * m * p2 * R2));
    }

    /**
     * A lower bound on x: x - (|x| 2^-52 + 2^-1022) rounded to nearest is at most the next double below x, for every
     * finite x ({@code proofs/decay-bound.md} section 13); branch-free, so loops of it vectorise (and no operand is
     * subnormal for |x| &gt;= 2^-970, which some processors take slowly).
     */
    static double down(double x) {
        return x - (Math.abs(x) * 0x1p-52 + 0x1p-1022);
    }

    /** An upper bound on x, at least the next double above x for every finite x (as {@link #down}). */
    static double up(double x) {
        return x + (Math.abs(x) * 0x1p-52 + 0x1p-1022);
    }

    /** P1 R1 rounded up: the linear coefficient of {@link #curvatureUp}. */
    static double linearCoefficient(double p1) {
        return up(p1 * R1);
    }

    /** P2 R2 rounded up: the quadratic coefficient of {@link #curvatureUp}. */
    static double quadraticCoefficient(double p2) {
        return up(p2 * R2);
    }

    /**
     * C_m = m (P1 R1 + m P2 R2) from the coefficients above, at least the exact value: three roundings of positive
     * terms, each within a factor 1 - 2^-53, and a fourth after the factor 1 + 2^-50, which more than undoes them
     * ({@code proofs/decay-bound.md} section 13). Four operations, so loops of it vectorise cheaply.
     */
    static double curvatureUp(double m, double linear, double quadratic) {
        return m * (linear + m * quadratic) * (1 + 0x1p-50);
    }

    /** Whether mu + sigma t - c t^2 &gt; 0 at t, with a margin covering the rounding of its evaluation. */
    static boolean beyond(double mu, double sigma, double c, double t) {
        double a = sigma * t;
        double b = c * t * t;
        return mu + a - b > 0x1p-40 * (mu + Math.abs(a) + b);
    }

    /**
     * An upper bound on the extent any distance m' &gt;= m can certify: |B| &lt;= n + 1, |slope| &lt;= m' W,
     * curvature &gt;= m'^2 P2 R2, so t &lt;= W/(m' P2 R2) + sqrt((n + 1)/(P2 R2))/m', decreasing in m'.
     */
    static double optimistic(long m, int n, double weightSum, double p2) {
        double c = p2 * R2 * 0.999;
        return c > 0 ? (weightSum / c + Math.sqrt((n + 1) / c)) / m * 1.001 : Double.POSITIVE_INFINITY;
    }

    /**
     * The largest t &gt;= 0 with mu + sigma t - c t^2 &gt; 0 on [0, t), shrunk by 2^-30 for the roundings: the
     * positive root, in the form without cancellation.
     */
    static double root(double mu, double sigma, double c) {
        if (!(c > 0)) {
            return sigma >= 0 ? TAU : mu / -sigma * (1 - 0x1p-30);
        }
        double disc = Math.sqrt(sigma * sigma + 4 * mu * c);
        double t = sigma >= 0 ? (sigma + disc) / (2 * c) : 2 * mu / (disc - sigma);
        return t * (1 - 0x1p-30);
    }
}
