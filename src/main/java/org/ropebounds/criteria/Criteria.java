package org.ropebounds.criteria;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ropebounds.bounds.Bound;
import org.ropebounds.bounds.Bounds;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.Verdict;
import org.ropebounds.bounds.ZoneCalculator;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.bounds.ZoneReport;
import org.ropebounds.criteria.CriteriaReport.Ceiling;
import org.ropebounds.criteria.CriteriaReport.MaxContext;
import org.ropebounds.criteria.CriteriaReport.MaxContexts;
import org.ropebounds.criteria.CriteriaReport.MinimumBase;
import org.ropebounds.criteria.CriteriaReport.MinimumBases;
import org.ropebounds.criteria.CriteriaReport.Robust;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.Ziv;

/**
 * Every published criterion for the RoPE base side by side: the seed paper's aliasing, DC and depth stability bounds
 * (from {@link ZoneCalculator}, approx spectrum, not recomputed here), Men et al.'s decay bound and Liu et al.'s
 * extrapolation law ({@link CriticalDimension}). Minimum bases are rounded up, longest contexts are exact integers
 * (rounded down from the real bound); each entry says what it guarantees, or why it was not computed.
 */
public final class Criteria {
    /** The formats whose precision ceilings are reported beside the criteria (as {@code zone} does by default). */
    public static final List<Format> CEILING_FORMATS = List.of(Format.FP32, Format.BF16);

    private Criteria() {
    }

    /**
     * Every criterion's minimum base for {@code context}.
     *
     * @param context L, 1 &lt;= L &lt;= 2^62
     * @throws org.ropebounds.InvalidInputException if the context is out of range
     */
    public static MinimumBases minimumBases(BigInteger context, CriteriaQuery q) {
        return minimumBases(context, q, java.util.EnumSet.allOf(Criterion.class));
    }

    /**
     * {@link #minimumBases(BigInteger, CriteriaQuery)} computing only the criteria in {@code include}; the others are listed
     * as not computed ("not requested"). For callers that cannot afford a criterion's search (the decay bound at large L).
     *
     * @throws org.ropebounds.InvalidInputException if the context is out of range
     */
    public static MinimumBases minimumBases(BigInteger context, CriteriaQuery q, java.util.Set<Criterion> include) {
        CriticalDimension.checkContext(context);
        ZoneReport zone = ZoneCalculator.compute(seedQuery(context, q), CEILING_FORMATS, Optional.empty(), q.digits());
        List<MinimumBase> out = new ArrayList<>();
        out.add(seed(Criterion.ALIASING, Bounds.ALIASING, zone));
        out.add(q.tolerance().isPresent() ? seed(Criterion.DC_STABILITY, Bounds.DC_STABILITY, zone)
                : MinimumBase.notComputed(Criterion.DC_STABILITY, "needs a tolerance eps"));
        out.add(q.tolerance().isPresent() && q.layers().isPresent() ? seed(Criterion.DEPTH_STABILITY, Bounds.DEPTH_STABILITY, zone)
                : MinimumBase.notComputed(Criterion.DEPTH_STABILITY, "needs a tolerance eps and the layers N"));
        out.add(include.contains(Criterion.DECAY) ? LongTermDecay.minimumBase(context, q)
                : MinimumBase.notComputed(Criterion.DECAY, "not requested"));
        out.add(q.trainContext().map(t -> extrapolation(context, q, t))
                .orElseGet(() -> MinimumBase.notComputed(Criterion.EXTRAPOLATION, "needs the training context T_train")));
        out.replaceAll(m -> include.contains(m.criterion()) ? m : MinimumBase.notComputed(m.criterion(), "not requested"));
        List<Ceiling> ceilings = new ArrayList<>();
        for (Format f : CEILING_FORMATS) {
            CertifiedDecimal c = zone.zone(f).ceiling();
            Rational exact = Rational.of(c.toBigDecimal().orElseThrow());
            List<Criterion> above = out.stream().filter(m -> m.value().flatMap(CertifiedDecimal::enclosure)
                    .map(e -> e.lo().compareTo(exact) >= 0).orElse(false)).map(MinimumBase::criterion).toList();
            ceilings.add(new Ceiling(f, c, above, Optional.empty()));
        }
        return new MinimumBases(context, q, out, ceilings);
    }

    /**
     * Every criterion's longest supported context for {@code base}.
     *
     * @param base b &gt; 1, exact
     * @throws org.ropebounds.InvalidInputException if the base is not above 1
     */
    public static MaxContexts maxContexts(Rational base, CriteriaQuery q) {
        CriticalDimension.checkBase(base);
        ZoneQuery unit = seedQuery(BigInteger.ONE, q);
        ZoneReport zone = ZoneCalculator.compute(unit, CEILING_FORMATS, Optional.of(base), q.digits());
        List<MaxContext> out = new ArrayList<>();
        out.add(seedContext(Criterion.ALIASING, Bounds.ALIASING, unit, base));
        out.add(q.tolerance().isPresent() ? seedContext(Criterion.DC_STABILITY, Bounds.DC_STABILITY, unit, base)
                : MaxContext.of(Criterion.DC_STABILITY, Optional.empty(), "not computed: needs a tolerance eps"));
        out.add(q.tolerance().isPresent() && q.layers().isPresent() ? seedContext(Criterion.DEPTH_STABILITY, Bounds.DEPTH_STABILITY, unit, base)
                : MaxContext.of(Criterion.DEPTH_STABILITY, Optional.empty(), "not computed: needs a tolerance eps and the layers N"));
        out.add(LongTermDecay.maxContext(base, q));
        out.add(q.trainContext().map(t -> extrapolationContext(base, q, t))
                .orElseGet(() -> MaxContext.of(Criterion.EXTRAPOLATION, Optional.empty(), "not computed: needs the training context T_train")));
        List<Ceiling> ceilings = new ArrayList<>();
        for (Format f : CEILING_FORMATS) {
            ZoneReport.FormatZone z = zone.zone(f);
            ceilings.add(new Ceiling(f, z.ceiling(), List.of(),
                    z.verdict().map(v -> v == Verdict.ABOVE || v == Verdict.BELOW_AND_ABOVE)));
        }
        return new MaxContexts(base, q, out, ceilings);
    }

    /** The seed paper's query: approx spectrum, eps_mach ceiling; N = 1 and eps = 1/2 stand in when absent (only bounds that use them read them). */
    private static ZoneQuery seedQuery(BigInteger context, CriteriaQuery q) {
        return new ZoneQuery(context, q.layers().orElse(1), q.tolerance().orElse(Rational.of(BigInteger.ONE, BigInteger.TWO)), q.headDim(),
                Spectrum.APPROX, EpsilonConvention.MACHINE);
    }

    private static MinimumBase seed(Criterion c, Bound bound, ZoneReport zone) {
        CertifiedDecimal v = zone.lower(bound).value();
        String relation = bound.strict() ? ">" : ">=";
        return new MinimumBase(c, Optional.of(v).filter(CertifiedDecimal::isDecided), v.guarantee() + "; every base b "
                + (bound.strict() ? "above" : "at or above") + " it satisfies b " + relation + " " + bound.closedForm()
                + " (approx spectrum, theta_min = 1/b)", Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * The largest integer L a seed bound admits for base b. In the approx spectrum each seed lower bound is L times a constant
     * c (its threshold at L = 1), so b &gt; c L gives ceil(b/c) - 1 and b &gt;= c L gives floor(b/c).
     */
    private static MaxContext seedContext(Criterion c, Bound bound, ZoneQuery unit, Rational base) {
        Optional<BigInteger> l = Ziv.decide(Ziv.DOUBLE_DOUBLE_DIGITS, a -> largest(a, bound, unit, base));
        String relation = bound.strict() ? ">" : ">=";
        return MaxContext.of(c, l, l.isPresent() ? "exact integer: the largest context L with b " + relation + " " + bound.closedForm()
                + " (approx spectrum)" : "undecided: b / threshold(L = 1) lies on an integer within the most precise enclosure");
    }

    private static <T> Optional<BigInteger> largest(Arithmetic<T> a, Bound bound, ZoneQuery unit, Rational base) {
        Enclosure q = a.toEnclosure(a.divide(a.of(base), bound.threshold(a, unit, null)));
        if (bound.strict()) {
            return q.lo().ceil().equals(q.hi().ceil()) ? Optional.of(q.lo().ceil().subtract(BigInteger.ONE).max(BigInteger.ZERO)) : Optional.empty();
        }
        return q.lo().floor().equals(q.hi().floor()) ? Optional.of(q.lo().floor().max(BigInteger.ZERO)) : Optional.empty();
    }

    private static MinimumBase extrapolation(BigInteger context, CriteriaQuery q, BigInteger train) {
        CriticalDimension.MinimumBase m = CriticalDimension.minBase(context, q.headDim(), train, q.digits());
        String guarantee = m.first().map(v -> v.guarantee() + "; the smallest base of Liu et al.'s large-base regime"
                + " (b >= (T_train/2pi)^(d/(d-2)), critical dimension below d) whose T_extra = 2 pi b^(d_extra/d) reaches L at T_train = "
                + train + "; T_extra is a sawtooth in b, so not every larger base reaches L (every base at or above robust_min_base does)")
                .orElse("undecided: the segment of the first base could not be certified");
        String robust = context.compareTo(train) <= 0 ? "; L <= T_train: every base of the large-base regime, from this one on, has"
                + " T_extra >= T_train >= L" : "; every base at or above it has d_extra = 2 and T_extra = 2 pi b^(2/d) >= L";
        return new MinimumBase(Criterion.EXTRAPOLATION, m.first(), guarantee, Optional.of(new Robust(m.robust().text(), m.robust().guarantee()
                + robust)), List.of(), Optional.empty());
    }

    private static MaxContext extrapolationContext(Rational base, CriteriaQuery q, BigInteger train) {
        CriticalDimension.Extrapolation e = CriticalDimension.of(base, q.headDim(), train, q.digits());
        if (e instanceof CriticalDimension.Limited l) {
            return new MaxContext(Criterion.EXTRAPOLATION, l.maxContext(), l.maxContext().isPresent()
                    ? "exact integer: floor(T_extra), T_extra = 2 pi b^(d_extra/d) at T_train = " + train
                    : "undecided: T_extra lies on an integer within the most precise enclosure", Optional.empty(),
                    Optional.of(l.criticalDimension()), Optional.of(l.tExtra()));
        }
        if (e instanceof CriticalDimension.EveryModeTrained t) {
            return new MaxContext(Criterion.EXTRAPOLATION, Optional.empty(), "unbounded: every one of the d/2 modes completes a period"
                    + " within T_train = " + train + " (Liu et al.'s small-base regime; the law sets no limit)", Optional.empty(),
                    Optional.of(t.criticalDimension()), Optional.empty());
        }
        return MaxContext.of(Criterion.EXTRAPOLATION, Optional.empty(), "undecided: (d/2) log_b(T_train/(2 pi)) lies on an integer within"
                + " the most precise enclosure, so its ceiling (the critical dimension) is not certified");
    }
}
