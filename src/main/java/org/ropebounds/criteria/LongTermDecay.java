package org.ropebounds.criteria;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.criteria.CriteriaReport.Interval;
import org.ropebounds.criteria.CriteriaReport.MaxContext;
import org.ropebounds.criteria.CriteriaReport.MinimumBase;
import org.ropebounds.criteria.CriteriaReport.Robust;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;

/** Men et al.'s decay bound ({@link DecayCriterion}) as entries of the side-by-side report. */
final class LongTermDecay {
    private LongTermDecay() {
    }

    /**
     * The first feasible base, the robust bound, the feasible intervals and the witness m for {@code context}; not computed,
     * with the library's reason, where the decay search refuses the query (d = 2, a context beyond its reach, ...).
     */
    static MinimumBase minimumBase(BigInteger context, CriteriaQuery q) {
        DistanceRange range = q.range();
        if (context.compareTo(BigInteger.valueOf(range.contextFor(2))) < 0) {
            return MinimumBase.notComputed(Criterion.DECAY, "the " + range + " range of L = " + context + " has no distance m >= 2,"
                    + " so every base b > 1 is feasible");
        }
        DecayBaseBounds r;
        try {
            DecayCriterion decay = DecayCriterion.of(q.headDim(), range);
            long l = context.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
            int digits = Math.min(q.digits(), q.decayDigits());
            r = q.decaySearch() == DecaySearch.FULL ? decay.minBase(l, digits) : decay.firstFeasibleBase(l, digits, DecayCriterion.DEFAULT_WORK);
        } catch (InvalidInputException e) {
            return MinimumBase.notComputed(Criterion.DECAY, e.getMessage());
        }
        CertifiedDecimal first = r.firstFeasible();
        String guarantee = first.guarantee() + (q.digits() > q.decayDigits() ? " (the decay search locates bases to the "
                + q.decayDigits() + " decay digits asked, at most " + DecayCriterion.MAX_BASE_DIGITS + ")" : "") + "; the first feasible base (Men et al.'s base_L, the infimum of the bases"
                + " with B_m(b) >= 0 for every m of the " + range + " range), every base below it proven infeasible; feasibility is not"
                + " monotone in b: see the robust bound and the feasible intervals"
                + (q.decaySearch() == DecaySearch.FULL ? "" : " (the search stopped at the first feasible base, so the robust bound is a range)")
                + (q.decaySearch() == DecaySearch.FULL && r.robust() instanceof RobustBound.Proven
                        ? r.intervalsSearchedUpTo().map(u -> "; the feasible intervals are listed up to " + u.text() + ", where the work limit"
                                + " stopped the classification of the bases (between it and the robust bound they are unknown)").orElse("")
                        : "");
        List<Interval> intervals = r.feasibleIntervals().stream().map(i -> new Interval(i.lo().text() + (i.loIsEnd() ? "" : "*"),
                i.hi().map(h -> h.text() + (i.hiIsEnd() ? "" : "*")).orElse("inf"))).toList();
        return new MinimumBase(Criterion.DECAY, Optional.of(first), guarantee, Optional.of(robust(r)), intervals,
                Optional.of(BigInteger.valueOf(r.witnessM())));
    }

    private static Robust robust(DecayBaseBounds r) {
        String tail = r.tailBase().map(t -> "; the tail argument proves every base above " + t.text() + " feasible").orElse("");
        if (r.robust() instanceof RobustBound.Proven p) {
            return new Robust(p.value().text(), p.value().guarantee() + "; every base above it is feasible (the sup of the infeasible"
                    + " bases, enclosed by a search over cells of distances and bases from above, proofs/decay-bound.md section 14, or where"
                    + " that gives no answer by the sweep and the tail argument" + tail + ")");
        }
        RobustBound.Searched s = (RobustBound.Searched) r.robust();
        return new Robust("in [" + s.atLeast().text() + ", " + s.atMost().map(CertifiedDecimal::text).orElse("inf") + ")",
                "a range, not a value: an infeasible base at or above " + s.atLeast().text() + " was certified, "
                        + s.atMost().map(m -> "every base above " + m.text() + " is feasible by the tail argument")
                        .orElse("the tail argument does not reach") + "; the search classified every base up to " + s.searchedUpTo().text());
    }

    /**
     * L_theta(b) and the first negative m; a lower bound where no negative B_m turns up within the search limit; not
     * computed where the decay search refuses the base.
     */
    static MaxContext maxContext(Rational base, CriteriaQuery q) {
        DecayReach reach;
        try {
            reach = DecayCriterion.of(q.headDim(), q.range()).reach(base);
        } catch (InvalidInputException e) {
            return MaxContext.of(Criterion.DECAY, Optional.empty(), "not computed: " + e.getMessage());
        }
        if (reach instanceof DecayReach.BeyondLimit beyond) {
            String why = beyond.firstUndecidedM().isPresent()
                    ? "the sign of B_m at m = " + beyond.firstUndecidedM().getAsLong() + " could not be decided and no B_m < 0 was found up to m = "
                            + beyond.lastDistance()
                    : "B_m(b) > 0 is proven for every m up to " + beyond.lastDistance() + ", the search limit (contexts up to 2^24), and no"
                            + " B_m < 0 was found";
            return new MaxContext(Criterion.DECAY, Optional.of(BigInteger.valueOf(beyond.provenContext())), "a lower bound: " + why
                    + ", so L_theta(b) is at least this (" + q.range() + " range); its first negative m is beyond the search",
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        DecayContext c = ((DecayReach.Found) reach).context();
        String guarantee = c.exact() ? "exact integer: L_theta(b), the longest context whose distances m (" + q.range()
                + " range) all have B_m(b) >= 0; B_m < 0 is proven at first_negative_m"
                : "a lower bound: the sign of B_m at m = " + c.firstUndecidedM().getAsLong() + " could not be decided, so L_theta(b) lies in ["
                        + c.maxContext() + ", " + c.maxContextUpperBound() + "]";
        return new MaxContext(Criterion.DECAY, Optional.of(BigInteger.valueOf(c.maxContext())), guarantee,
                Optional.of(BigInteger.valueOf(c.firstNegativeM())), Optional.empty(), Optional.empty());
    }
}
