package org.ropebounds.criteria;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ropebounds.real.CertifiedDecimal;

/**
 * The decay criterion's answer for one context: which bases b make B_m(b) &gt;= 0 for every distance m of the
 * context ({@link DistanceRange}). Feasibility is not monotone in b, so there are three answers.
 *
 * @param context the context L
 * @param range the distance range: m in [0, L] or [0, L-1]
 * @param headDim the rotary dimension d
 * @param firstFeasible base_L = inf of the feasible bases (Men et al.'s bound), rounded up; every base below the
 *        enclosure it was decided from is proven infeasible
 * @param robust the supremum of the infeasible bases, proven or as a searched range
 * @param feasibleIntervals the feasible intervals found, in increasing order, each printed inside the true one
 * @param witnessM a distance m with B_m(b) &lt; 0 proven for the bases just below {@code firstFeasible}
 * @param tailBase the base from which the tail argument proves every larger base feasible (rounded up), if it
 *        reaches below the search limit
 * @param intervalsSearchedUpTo empty when every base up to the robust bound was classified (the feasible intervals are
 *        all there); else the work limit stopped the classification at this base (rounded down), and between it and
 *        the robust bound the feasible intervals are unknown
 * @param work the work spent, in mode-steps (d/2 per distance per base visited, by the recurrence or by a direct
 *        evaluation of that distance)
 */
public record DecayBaseBounds(long context, DistanceRange range, int headDim, CertifiedDecimal firstFeasible,
        RobustBound robust, List<FeasibleInterval> feasibleIntervals, long witnessM, Optional<CertifiedDecimal> tailBase,
        Optional<CertifiedDecimal> intervalsSearchedUpTo, long work) {
    public DecayBaseBounds {
        Objects.requireNonNull(range);
        Objects.requireNonNull(firstFeasible);
        Objects.requireNonNull(robust);
        feasibleIntervals = List.copyOf(feasibleIntervals);
        Objects.requireNonNull(tailBase);
        Objects.requireNonNull(intervalsSearchedUpTo);
    }
}
