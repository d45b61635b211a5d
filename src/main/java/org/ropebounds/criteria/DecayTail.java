package org.ropebounds.criteria;

import java.util.Optional;
import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.DoubleIntervalArithmetic;

/**
 * The tail argument of {@code proofs/decay-bound.md} section 7: a base b0 from which every larger base is
 * feasible for every distance m &lt;= M, proven without a search. Stateless.
 */
final class DecayTail {
    private DecayTail() {
    }


    /**
     * The least base b0 (a double, found by bisection in log b to about 0.1 %) at which the tail lower bound
     * T(b0) = sum_{i slow} cos(M theta_i(b0)) - #fast &gt;= 0 is proven (slow: M theta_i(b0) &lt;= pi/2), so that
     * every base b &gt;= b0 has B_m(b) &gt;= 0 for all m &lt;= M; empty when T stays negative up to 1e300.
     */
    static Optional<Double> tailBase(int n, long maxDistance) {
        double hi = 1e300;
        if (!tailHolds(hi, n, maxDistance)) {
            return Optional.empty();
        }
        double lo = 1;
        while (hi / lo > 1.001) {
            double mid = Math.sqrt(lo) * Math.sqrt(hi);
            if (tailHolds(mid, n, maxDistance)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Optional.of(hi);
    }

    /** Whether T(b) &gt;= 0 is proven at the base b. */
    static boolean tailHolds(double b, int n, long maxDistance) {
        DoubleIntervalArithmetic a = DoubleIntervalArithmetic.INSTANCE;
        DoubleInterval[] theta = DecayWalk.thetas(new DoubleInterval(b, b), n);
        double halfPi = Math.PI / 2; // Math.PI < pi, halving is exact: a lower bound on pi/2
        double sum = 0;
        int fast = 0;
        for (int i = 0; i < n; i++) {
            double phase = Math.nextUp(maxDistance * theta[i].hi());
            if (phase <= halfPi) {
                // cos is decreasing on [0, pi/2]: cos(m theta_i(b')) >= cos(phase) for m <= M, b' >= b
                sum = Math.nextDown(sum + a.cos(new DoubleInterval(phase, phase)).lo());
            } else {
                fast++;
            }
        }
        return Math.nextDown(sum - fast) >= 0;
    }
}
