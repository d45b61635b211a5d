package org.ropebounds.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ropebounds.criteria.Criteria;
import org.ropebounds.criteria.CriteriaQuery;
import org.ropebounds.criteria.DecaySearch;
import org.ropebounds.criteria.CriteriaReport.MinimumBase;
import org.ropebounds.criteria.CriteriaReport.MinimumBases;
import org.ropebounds.criteria.Criterion;
import org.ropebounds.criteria.CriticalDimension;
import org.ropebounds.criteria.DistanceRange;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;

/**
 * The criteria table (criteria.{md,csv,tex,json}): every published criterion's minimum base side by side per context, with
 * Men et al.'s published Table 2 number and its certified status.
 */
final class CriteriaTable {
    /** The table's id and file stem. */
    static final String ID = "criteria";

    /**
     * Men et al.'s Table 2 (arXiv:2405.14591, d = 128), read with k = 1024 and M = 2^20 (the reading whose contexts are the
     * powers of two the paper trains at): context to the published lower bound on the base.
     */
    static final Map<BigInteger, String> MEN_TABLE_2 = Map.ofEntries(entry(10, "4.3e3"), entry(11, "1.6e4"), entry(12, "2.7e4"),
            entry(13, "8.4e4"), entry(14, "3.1e5"), entry(15, "6.4e5"), entry(16, "2.1e6"), entry(17, "7.8e6"), entry(18, "3.6e7"),
            entry(19, "6.4e7"), entry(20, "5.1e8"));
    /** The head dimension of Men et al.'s Table 2. */
    static final int MEN_HEAD_DIM = 128;

    /** The pretraining base of Llama 2 whose critical dimension the fine-tuned extrapolation column uses. */
    private static final Rational LLAMA_BASE = Rational.of(10000);

    private CriteriaTable() {
    }

    private static Map.Entry<BigInteger, String> entry(int log2, String value) {
        return Map.entry(BigInteger.ONE.shiftLeft(log2), value);
    }

    /** Column names, in order. */
    static List<String> columns(GridSpec s) {
        String eps = s.criteriaTolerance().toCompactDecimalStringOrFraction();
        return List.of("L", "aliasing", "dc_stability eps=" + eps, "depth_stability N=" + s.criteriaLayers() + " eps=" + eps,
                "decay first feasible", "decay robust", "extrapolation T_train=" + s.criteriaTrainContext(),
                "extrapolation fine-tuned", "Men et al. Table 2", "Men et al. status");
    }

    static TableSpec spec(GridSpec s) {
        Optional<Integer> tunedDimension = tunedCriticalDimension(s);
        String caption = "Minimum RoPE base per published criterion at context L, d = " + s.rotaryDim() + ": the seed paper's aliasing,"
                + " DC and depth stability bounds (F. Liu, arXiv:2602.10959, approx spectrum, N = " + s.criteriaLayers() + ", eps = "
                + s.criteriaTolerance().toCompactDecimalStringOrFraction() + "); Men et al.'s long-term decay bound (arXiv:2405.14591, m in [0, L]):"
                + " the first feasible base and the robust bound (every larger base feasible); Liu et al.'s extrapolation law"
                + " (arXiv:2310.05209): the smallest base pretrained at T_train = " + s.criteriaTrainContext() + " whose T_extra reaches L, and"
                + " fine-tuned: (L/2pi)^(d/d_extra) with the critical dimension d_extra = " + tunedDimension.map(String::valueOf).orElse("(none)")
                + " of a model pretrained with b = 10000 at T_train. Minimums rounded up to " + s.digits() + " significant digits, their safe"
                + " direction (the exact bound is at most the printed value). Men et al.'s published Table 2 (d = 128) read with k = 1024;"
                + " its status: feasible (L_theta(b) >= L) or infeasible (the first m with B_m(b) < 0, certified), and, where the decay search"
                + " ran, its ratio to the first feasible base and to the robust bound (ratios of printed values, 3 digits). Decay bounds searched"
                + " for L <= " + s.criteriaDecayMaxContext().map(BigInteger::toString).orElse("none (criteria_decay_max_context)") + ".";
        List<BigInteger> contexts = s.criteriaContexts();
        return new TableSpec(ID, "Minimum RoPE base per published criterion", caption, columns(s), contexts.size(), r -> row(s, contexts.get(r),
                tunedDimension));
    }

    /** d_extra of a model pretrained with b = 10000 at the grid's T_train, when the law gives one. */
    private static Optional<Integer> tunedCriticalDimension(GridSpec s) {
        if (s.rotaryDim() < 4) {
            return Optional.empty();
        }
        CriticalDimension.Extrapolation e = CriticalDimension.of(LLAMA_BASE, s.rotaryDim(), BigInteger.valueOf(s.criteriaTrainContext()), s.digits());
        return e instanceof CriticalDimension.Limited l && l.criticalDimension() >= 2 ? Optional.of(l.criticalDimension()) : Optional.empty();
    }

    private static List<String> row(GridSpec s, BigInteger l, Optional<Integer> tunedDimension) {
        CriteriaQuery q = new CriteriaQuery(s.rotaryDim(), Optional.of(s.criteriaLayers()), Optional.of(s.criteriaTolerance()),
                s.rotaryDim() >= 4 ? Optional.of(BigInteger.valueOf(s.criteriaTrainContext())) : Optional.empty(), DistanceRange.INCLUSIVE,
                s.digits(), Math.min(s.digits(), CriteriaQuery.DEFAULT_DECAY_DIGITS), DecaySearch.FULL);
        boolean searchDecay = s.criteriaDecayMaxContext().map(m -> l.compareTo(m) <= 0).orElse(false);
        MinimumBases r = Criteria.minimumBases(l, q, searchDecay ? EnumSet.allOf(Criterion.class) : EnumSet.complementOf(EnumSet.of(Criterion.DECAY)));
        MinimumBase decay = r.get(Criterion.DECAY);
        List<String> row = new ArrayList<>(List.of(l.toString(), cell(r.get(Criterion.ALIASING)), cell(r.get(Criterion.DC_STABILITY)),
                cell(r.get(Criterion.DEPTH_STABILITY)), cell(decay), decay.robust().map(x -> x.text()).orElse(decay.value().isEmpty() ? "not computed" : ""),
                cell(r.get(Criterion.EXTRAPOLATION)),
                tunedDimension.map(k -> CriticalDimension.tunedMinBase(l, s.rotaryDim(), k, s.digits()).text()).orElse("not computed")));
        String published = s.rotaryDim() == MEN_HEAD_DIM ? MEN_TABLE_2.getOrDefault(l, "") : "";
        row.add(published);
        row.add(published.isEmpty() ? "" : PublishedStatus.of(l.longValueExact(), s.rotaryDim(), new BigDecimal(published), decay));
        return row;
    }

    private static String cell(MinimumBase m) {
        return m.value().map(CertifiedDecimal::text).orElse(m.guarantee().startsWith("not computed") ? "not computed" : "undecided");
    }
}
