package org.ropebounds.criteria;

import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.DoubleIntervalArithmetic;

/**
 * B_m(z) and the slope sum_i (i/n) theta_i sin(m theta_i) at one base and one distance, without the recurrence: n
 * interval cosines and sines of the phases m theta_i ({@code proofs/decay-bound.md} section 8). Costs about as much
 * as 20 steps of {@link DecayWalk} per mode, so it pays only for a few chosen distances (the candidate witnesses of
 * the search). Immutable; thread-safe.
 */
final class DecayProbe {
    private final DoubleInterval[] theta;
    /** (i/n) theta_i, certified. */
    private final DoubleInterval[] weight;

    /** The probe for the certified frequencies theta_i, i = 0..n-1, of one base. */
    DecayProbe(DoubleInterval[] theta) {
        DoubleIntervalArithmetic a = DoubleIntervalArithmetic.INSTANCE;
        int n = theta.length;
        this.theta = theta.clone();
        this.weight = new DoubleInterval[n];
        for (int i = 0; i < n; i++) {
            weight[i] = a.multiply(a.divide(new DoubleInterval(i, i), new DoubleInterval(n, n)), theta[i]);
        }
    }

    /**
     * Certified enclosures at the distance m (1 &lt;= m &lt;= 2^53): {B_lo, B_hi, S_lo, S_hi} with B_m(z) in
     * [B_lo, B_hi] and S = sum_i (i/n) theta_i sin(m theta_i) in [S_lo, S_hi].
     */
    double[] at(long m) {
        DoubleIntervalArithmetic a = DoubleIntervalArithmetic.INSTANCE;
        DoubleInterval mm = new DoubleInterval(m, m);
        double bLo = 0;
        double bHi = 0;
        double sLo = 0;
        double sHi = 0;
        for (int i = 0; i < theta.length; i++) {
            DoubleInterval phase = a.multiply(mm, theta[i]);
            DoubleInterval c = a.cos(phase);
            bLo = Math.nextDown(bLo + c.lo());
            bHi = Math.nextUp(bHi + c.hi());
            if (i > 0) {
                DoubleInterval s = a.multiply(weight[i], a.sin(phase));
                sLo = Math.nextDown(sLo + s.lo());
                sHi = Math.nextUp(sHi + s.hi());
            }
        }
        return new double[] {bLo, bHi, sLo, sHi};
    }
}
