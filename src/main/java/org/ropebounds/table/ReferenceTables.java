package org.ropebounds.table;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.PrecisionCeiling;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.ZoneCalculator;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.bounds.ZoneReport;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.model.ModelAnalysis;
import org.ropebounds.model.ModelConfig;
import org.ropebounds.model.Registry;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.rope.ErasureAnalysis;
import org.ropebounds.rope.ErasureReport;
import org.ropebounds.rope.PhaseErrorBound;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/** The reference tables `ropebounds tables` writes, built from a {@link GridSpec}. */
public final class ReferenceTables {
    private ReferenceTables() {
    }

    /** Every table of the spec, in a fixed order, rows not yet computed. */
    public static List<TableSpec> specs(GridSpec spec) {
        List<TableSpec> out = new ArrayList<>();
        GridCells cells = new GridCells(spec); // the three grid tables share their balls
        out.add(minimumBaseSpec(spec, cells));
        out.add(largestContextSpec(spec, cells));
        out.add(fewestBitsSpec(spec, cells));
        out.add(erasureSpec(spec));
        if (spec.caseStudy()) {
            out.add(caseStudySpec(spec.caseStudyTolerance()));
        }
        out.add(CriteriaTable.spec(spec));
        return out;
    }

    /** Every table of the spec, computed (on all cores). */
    public static List<Table> all(GridSpec spec) {
        return specs(spec).stream().map(t -> t.assemble(t.compute(r -> true, () -> { }))).toList();
    }

    /** The minimum-base table of the spec, computed: one row per (L, N), one cell per (spectrum, eps). */
    public static Table minimumBase(GridSpec s) {
        TableSpec t = minimumBaseSpec(s, new GridCells(s));
        return t.assemble(t.compute(r -> true, () -> { }));
    }

    /**
     * The case study, computed: every registry model judged at its context and depth with eps = tolerance; a
     * model the registry cannot analyse gets a row with its reason.
     *
     * @param tolerance eps, {@code 0 < eps < 1}
     * @throws InvalidInputException if the tolerance is outside {@code 0 < eps < 1}
     */
    public static Table caseStudy(Rational tolerance) {
        TableSpec t = caseStudySpec(tolerance);
        return t.assemble(t.compute(r -> true, () -> { }));
    }

    /** The caption's conventions, after {@code values}: what the table's numbers are and how they are rounded. */
    private static String conventions(String values) {
        return values + "; every digit certified by interval arithmetic. Bounds from F. Liu, arXiv:2602.10959; the exact spectrum"
                + " (theta_min = b^(-(d-2)/d)) is this tool's extension.";
    }

    /** 1. The binding lower bound on the base over L x N, for each eps and spectrum. */
    static TableSpec minimumBaseSpec(GridSpec s, GridCells cells) {
        List<String> columns = new ArrayList<>(List.of("L", "N"));
        for (Spectrum sp : s.spectra()) {
            for (Rational eps : s.tolerances()) {
                columns.add("eps=" + eps.toCompactDecimalStringOrFraction() + " " + sp.label());
            }
        }
        int perContext = s.layers().size();
        return new TableSpec("min-base", "Minimum RoPE base (binding lower bound)", "The smallest base b with cos(L theta_min)^N >= eps"
                + " (depth-compounded stability; it binds over aliasing for every eps in (0,1)) at context L, depth N, rotary dimension d = "
                + s.rotaryDim() + ". " + conventions("Minimums rounded up to " + s.digits() + " significant digits, their safe"
                        + " direction (the exact bound is at most the printed value), unless exact"), columns, s.contexts().size() * perContext, index -> {
                    int context = index / perContext;
                    int layer = index % perContext;
                    List<String> row = new ArrayList<>(2 + s.spectra().size() * s.tolerances().size());
                    row.add(s.contexts().get(context).toString());
                    row.add(Integer.toString(s.layers().get(layer)));
                    for (Spectrum sp : s.spectra()) {
                        for (int eps = 0; eps < s.tolerances().size(); eps++) {
                            row.add(cells.cell(context, layer, eps, sp)); // the binding lower bound, rounded up
                        }
                    }
                    return row;
                }, cells::prepare);
    }

    /** 2. Ceilings and the largest context per format and depth. */
    static TableSpec largestContextSpec(GridSpec s, GridCells cells) {
        List<String> columns = new ArrayList<>(List.of("format", "N", "ceiling"));
        for (Rational eps : s.tolerances()) {
            columns.add("max L eps=" + eps.toCompactDecimalStringOrFraction());
        }
        int perFormat = s.layers().size();
        java.util.Map<Format, String> ceilings = new java.util.concurrent.ConcurrentHashMap<>();
        return new TableSpec("max-context", "Precision ceiling and largest context per format", "Ceiling 1/eps_mach = 2^(p-1) (machine"
                + " epsilon convention, approx spectrum); max L is the largest integer context whose zone [L/acos(eps^(1/N)), ceiling)"
                + " is non-empty, i.e. the largest integer below acos(eps^(1/N)) 2^(p-1) (exact). " + conventions("Ceilings exact"
                        + " (powers of two; one of more than " + Math.max(s.digits(), CertifiedDecimal.EXACT_DIGITS) + " digits would be rounded"
                        + " down to " + s.digits() + " significant digits, its safe direction), max L exact integers"), columns,
                s.formats().size() * perFormat, index -> {
                    Format f = s.formats().get(index / perFormat);
                    int n = s.layers().get(index % perFormat);
                    List<String> row = new ArrayList<>(List.of(f.name(), Integer.toString(n)));
                    // the ceiling depends on the format alone; rounded down when not exact: b stays below the cell
                    row.add(ceilings.computeIfAbsent(f, g -> ZoneCalculator.compute(new ZoneQuery(BigInteger.ONE, n, s.tolerances().get(0),
                            s.rotaryDim(), Spectrum.APPROX, EpsilonConvention.MACHINE), List.of(g), Optional.empty(), s.digits()).zone(g).ceiling().text()));
                    for (int eps = 0; eps < s.tolerances().size(); eps++) {
                        row.add(cells.maxContext(f, index % perFormat, eps));
                    }
                    return row;
                }, cells::prepare);
    }

    /** 2b. The fewest significand bits whose ceiling exceeds the binding lower bound, over L x N. */
    static TableSpec fewestBitsSpec(GridSpec s, GridCells cells) {
        int tolerance = Math.min(1, s.tolerances().size() - 1);
        Rational eps = s.tolerances().get(tolerance);
        List<String> columns = new ArrayList<>(List.of("L"));
        for (int n : s.layers()) {
            columns.add("N=" + n);
        }
        return new TableSpec("min-bits", "Fewest significand bits", "The smallest precision p (hidden bit included) with 2^(p-1) >"
                + " L/acos(eps^(1/N)), at eps = " + eps.toCompactDecimalStringOrFraction() + " (machine epsilon convention, approx"
                + " spectrum; exact integers). " + conventions("Exact integers"), columns, s.contexts().size(), index -> {
                    List<String> row = new ArrayList<>(List.of(s.contexts().get(index).toString()));
                    for (int n = 0; n < s.layers().size(); n++) {
                        row.add(cells.minBits(index, n, tolerance));
                    }
                    return row;
                }, cells::prepare);
    }

    /** 3. Horizons per pipeline for typical bases. */
    static TableSpec erasureSpec(GridSpec s) {
        List<String> columns = List.of("base", "pipeline", "position", "phase collision", "mode", "output collision",
                "phase error > " + s.delta().toCompactDecimalStringOrFraction(), "max phase error");
        List<Pipeline> pipelines = new ArrayList<>();
        for (String p : Pipeline.PRESETS) {
            pipelines.add(Pipeline.preset(p, Format.BF16));
        }
        int perBase = pipelines.size();
        IntFunction<List<String>> row = index -> {
                Rational b = s.bases().get(index / perBase);
                Pipeline p = pipelines.get(index % perBase);
                ErasureReport e = ErasureAnalysis.analyse(new RopeEmulator(b, s.rotaryDim(), p), s.erasureContext(), s.delta());
                return List.of(b.toCompactDecimalStringOrFraction(), p.name(), e.positionHorizon().describe(),
                        e.collisionHorizon().describe(), e.collisionMode().isPresent() ? Integer.toString(e.collisionMode().getAsInt()) : "",
                        e.outputCollisionHorizon().describe(), e.phaseErrorHorizon().describe(), maxError(e.maxPhaseError()));
        };
        return new TableSpec("erasure", "Where RoPE pipelines lose positions", "Horizons (the first position that fails, i.e. the first p"
                + " not distinguishable from p-1 or not representable; none = not within the context) over L = " + s.erasureContext() + " positions, d = " + s.rotaryDim() + ", each pipeline emulated op by op"
                + " (nearest-even per stage; pow, cos, sin modelled as correctly rounded); phase errors against p*theta_i in radians,"
                + " the largest correctly rounded to 3 digits or as an outward-rounded interval.", columns, s.bases().size() * perBase, row);
    }

    /** The largest phase error to 3 correctly rounded digits, an outward-rounded interval where they are not decided, or unbounded. */
    private static String maxError(PhaseErrorBound max) {
        if (!(max instanceof PhaseErrorBound.Finite f)) {
            return "unbounded";
        }
        CertifiedDecimal d = CertifiedDecimal.best(f.enclosure(), 3);
        return d.complete() ? d.text() : "in " + CertifiedDecimal.interval(f.enclosure(), 3);
    }

    /**
     * How the case study's notes tell a reader to analyse a model the registry cannot: the published tables
     * are read beside the command line, so the note names its option.
     */
    private static final String CONFIG_ADVICE = "with --config";

    private static List<String> notAnalysed(Registry.Entry e, String reason) {
        return List.of(e.id(), "", "", "", "", "", "", "", "", "", "", "not analysed: " + reason);
    }

    /** Column names of the case study. */
    public static final List<String> CASE_STUDY_COLUMNS = List.of("id", "base", "base_equivalent", "context", "layers", "weights",
            "verdict_weights", "verdict_fp32", "position_horizon", "phase_collision", "phase_error_above_0.1", "note");

    /** 4. Every registry model judged at its context and depth; a model the registry cannot analyse gets its reason. */
    static TableSpec caseStudySpec(Rational tolerance) {
        GridSpec.checkTolerance("tolerance", tolerance); // else every row would read "not analysed"
        List<Registry.Entry> entries = Registry.entries();
        IntFunction<List<String>> row = index -> {
            Registry.Entry e = entries.get(index);
            try {
                ModelConfig m = e.toConfig();
                ModelAnalysis a = ModelAnalysis.of(m, tolerance, 6);
                ErasureReport er = a.erasure().orElseThrow();
                String weights = a.verdicts().isEmpty() ? "" : a.verdicts().get(0).map(v -> v.label()).orElse("undecided");
                String fp32 = a.verdicts().size() < 2 ? weights : a.verdicts().get(1).map(v -> v.label()).orElse("undecided");
                return List.of(e.id(), m.base().toCompactDecimalStringOrFraction(), a.baseEquivalent().text(),
                        m.context().map(String::valueOf).orElse(""), m.layers().map(String::valueOf).orElse(""),
                        m.dtype().map(Format::name).orElse("bf16 (assumed)"), weights, fp32,
                        er.positionHorizon().describe(), er.collisionHorizon().describe(), er.phaseErrorHorizon().describeFrom(),
                        String.join("; ", m.warnings()));
            } catch (Registry.IncompleteEntryException ex) {
                return notAnalysed(e, ex.describe(CONFIG_ADVICE));
            } catch (InvalidInputException ex) {
                return notAnalysed(e, ex.getMessage());
            }
        };
        return new TableSpec("case-study", "Case study: published models", "Every registry model at its context and depth, eps = "
                + tolerance.toCompactDecimalStringOrFraction() + ", approx spectrum, eps_mach ceiling; base-equivalent = 1/theta'_min"
                + " (6 digits, correctly rounded); verdicts for the weights' format and fp32 (below, inside, above, or below and above);"
                + " hf pipeline horizons (the first position that fails), delta = 0.1 rad. " + capitalised(PrecisionCeiling.heuristicNote(
                        EpsilonConvention.MACHINE)) + ": the hf horizons here come from them; for every pipeline see ropebounds erasure --base B --context L."
                + " Registry: shared/reference/model-configs.csv.", CASE_STUDY_COLUMNS, entries.size(), row);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
