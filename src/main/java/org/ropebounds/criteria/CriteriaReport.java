package org.ropebounds.criteria;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;

/** What {@link Criteria} gives: every criterion's minimum base for a context, or its longest context for a base. */
public final class CriteriaReport {
    private CriteriaReport() {
    }

    /**
     * Every criterion's minimum base for one context, in {@link Criterion} order.
     *
     * @param ceilings the precision ceilings of fp32 and bf16 (eps_mach convention) with the criteria whose minimum base is
     *     certainly at or above each
     */
    public record MinimumBases(BigInteger context, CriteriaQuery query, List<MinimumBase> criteria, List<Ceiling> ceilings) {
        /** Lists kept as read-only copies. */
        public MinimumBases {
            criteria = List.copyOf(criteria);
            ceilings = List.copyOf(ceilings);
        }

        /** The entry of one criterion. @throws IllegalArgumentException if it is not in the report */
        public MinimumBase get(Criterion c) {
            return criteria.stream().filter(m -> m.criterion() == c).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("criterion " + c.id() + " is not in this report"));
        }
    }

    /**
     * One criterion's minimum base.
     *
     * @param value the minimum base, rounded up; empty when not computed (the guarantee says why)
     * @param guarantee what the value guarantees, or why there is none
     * @param robust the base above which every base satisfies the criterion, where that differs from the minimum (decay,
     *     extrapolation)
     * @param feasibleIntervals the intervals of feasible bases between the minimum and the robust bound (decay), as printed
     * @param witnessM a relative distance m that certifies the bases just below the minimum infeasible (decay)
     */
    public record MinimumBase(Criterion criterion, Optional<CertifiedDecimal> value, String guarantee, Optional<Robust> robust,
                              List<Interval> feasibleIntervals, Optional<BigInteger> witnessM) {
        /** The list kept as a read-only copy. */
        public MinimumBase {
            feasibleIntervals = List.copyOf(feasibleIntervals);
        }

        /** A criterion not computed for this query, with the reason. */
        static MinimumBase notComputed(Criterion c, String why) {
            return new MinimumBase(c, Optional.empty(), "not computed: " + why, Optional.empty(), List.of(), Optional.empty());
        }
    }

    /** The robust bound: its text (a decimal, or a range of what was searched) and what it guarantees. */
    public record Robust(String text, String guarantee) {
    }

    /** An interval [lo, hi] of feasible bases, its ends as printed (each end's direction said by the producer). */
    public record Interval(String lo, String hi) {
    }

    /**
     * A precision ceiling 2^(p-1) and where the criteria stand against it.
     *
     * @param ceiling the ceiling (exact: a power of two)
     * @param criteriaAbove with a context: the criteria whose minimum base is certainly at or above the ceiling
     * @param baseAtOrAbove with a base: whether it is at or above the ceiling
     */
    public record Ceiling(Format format, CertifiedDecimal ceiling, List<Criterion> criteriaAbove, Optional<Boolean> baseAtOrAbove) {
        /** The list kept as a read-only copy. */
        public Ceiling {
            criteriaAbove = List.copyOf(criteriaAbove);
        }
    }

    /** Every criterion's longest supported context for one base, in {@link Criterion} order. */
    public record MaxContexts(Rational base, CriteriaQuery query, List<MaxContext> criteria, List<Ceiling> ceilings) {
        /** Lists kept as read-only copies. */
        public MaxContexts {
            criteria = List.copyOf(criteria);
            ceilings = List.copyOf(ceilings);
        }

        /** The entry of one criterion. @throws IllegalArgumentException if it is not in the report */
        public MaxContext get(Criterion c) {
            return criteria.stream().filter(m -> m.criterion() == c).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("criterion " + c.id() + " is not in this report"));
        }
    }

    /**
     * One criterion's longest context for a base.
     *
     * @param maxContext the largest integer context the base supports (rounded down: exact integer); empty when not computed,
     *     undecided or unbounded (the guarantee says which)
     * @param guarantee what the value means, or why there is none
     * @param firstNegativeM decay: the first relative distance m with B_m(b) &lt; 0
     * @param criticalDimension extrapolation: d_extra
     * @param tExtra extrapolation: 2 pi b^(d_extra/d), rounded down
     */
    public record MaxContext(Criterion criterion, Optional<BigInteger> maxContext, String guarantee, Optional<BigInteger> firstNegativeM,
                             Optional<Integer> criticalDimension, Optional<CertifiedDecimal> tExtra) {
        static MaxContext of(Criterion c, Optional<BigInteger> maxContext, String guarantee) {
            return new MaxContext(c, maxContext, guarantee, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
