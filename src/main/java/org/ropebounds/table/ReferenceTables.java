package org.ropebounds.table;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.Bounds;
import org.ropebounds.bounds.EpsilonConvention;
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
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/** The reference tables `ropebounds tables` writes, built from a {@link GridSpec}. */
public final class ReferenceTables {
    private ReferenceTables() {
    }

    /** Every table of the spec, in a fixed order. */
    public static List<Table> all(GridSpec spec) {
        List<Table> out = new ArrayList<>();
        out.add(minimumBase(spec));
        out.add(largestContext(spec));
        out.add(fewestBits(spec));
        out.add(erasure(spec));
        if (spec.caseStudy()) {
            out.add(caseStudy(spec.caseStudyTolerance()));
        }
        return out;
    }

    private static String conventions(GridSpec s) {
        return "Values correctly rounded to " + s.digits() + " significant digits unless exact; every digit certified by interval"
                + " arithmetic. Bounds from F. Liu, arXiv:2602.10959; the exact spectrum (theta_min = b^(-(d-2)/d)) is this tool's extension.";
    }

    /** 1. The binding lower bound on the base over L x N, for each eps and spectrum. */
    public static Table minimumBase(GridSpec s) {
        List<String> columns = new ArrayList<>(List.of("L", "N"));
        for (Spectrum sp : s.spectra()) {
            for (Rational eps : s.tolerances()) {
                columns.add("eps=" + eps.toCompactDecimalStringOrFraction() + " " + sp.label());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (BigInteger l : s.contexts()) {
            for (int n : s.layers()) {
                List<String> row = new ArrayList<>(List.of(l.toString(), Integer.toString(n)));
                for (Spectrum sp : s.spectra()) {
                    for (Rational eps : s.tolerances()) {
                        ZoneQuery q = new ZoneQuery(l, n, eps, s.rotaryDim(), sp, EpsilonConvention.MACHINE);
                        ZoneReport r = ZoneCalculator.compute(q, List.of(), Optional.empty(), s.digits());
                        row.add(r.binding().map(b -> r.lowerBounds().get(Bounds.lower().indexOf(b)).value().text()).orElse("undecided"));
                    }
                }
                rows.add(row);
            }
        }
        return new Table("min-base", "Minimum RoPE base (binding lower bound)", "The smallest base b with cos(L theta_min)^N >= eps"
                + " (depth-compounded stability; it binds over aliasing for every eps in (0,1)) at context L, depth N, rotary dimension d = "
                + s.rotaryDim() + ". " + conventions(s), columns, rows);
    }

    /** 2. Ceilings and the largest context per format and depth. */
    public static Table largestContext(GridSpec s) {
        List<String> columns = new ArrayList<>(List.of("format", "N", "ceiling"));
        for (Rational eps : s.tolerances()) {
            columns.add("max L eps=" + eps.toCompactDecimalStringOrFraction());
        }
        List<List<String>> rows = new ArrayList<>();
        for (Format f : s.formats()) {
            for (int n : s.layers()) {
                List<String> row = new ArrayList<>(List.of(f.name(), Integer.toString(n)));
                String ceiling = null;
                for (Rational eps : s.tolerances()) {
                    ZoneQuery q = new ZoneQuery(BigInteger.ONE, n, eps, s.rotaryDim(), Spectrum.APPROX, EpsilonConvention.MACHINE);
                    ZoneReport r = ZoneCalculator.compute(q, List.of(f), Optional.empty(), s.digits());
                    ceiling = r.formats().get(0).ceiling().text();
                    if (row.size() == 2) {
                        row.add(ceiling);
                    }
                    row.add(r.formats().get(0).maxContext().map(BigInteger::toString).orElse("undecided"));
                }
                rows.add(row);
            }
        }
        return new Table("max-context", "Precision ceiling and largest context per format", "Ceiling 1/eps_mach = 2^(p-1) (machine"
                + " epsilon convention, approx spectrum); max L is the largest integer context whose zone [L/acos(eps^(1/N)), ceiling)"
                + " is non-empty, i.e. the largest integer below acos(eps^(1/N)) 2^(p-1) (exact). " + conventions(s), columns, rows);
    }

    /** 2b. The fewest significand bits whose ceiling exceeds the binding lower bound, over L x N. */
    public static Table fewestBits(GridSpec s) {
        Rational eps = s.tolerances().get(Math.min(1, s.tolerances().size() - 1));
        List<String> columns = new ArrayList<>(List.of("L"));
        for (int n : s.layers()) {
            columns.add("N=" + n);
        }
        List<List<String>> rows = new ArrayList<>();
        for (BigInteger l : s.contexts()) {
            List<String> row = new ArrayList<>(List.of(l.toString()));
            for (int n : s.layers()) {
                ZoneQuery q = new ZoneQuery(l, n, eps, s.rotaryDim(), Spectrum.APPROX, EpsilonConvention.MACHINE);
                ZoneReport r = ZoneCalculator.compute(q, List.of(Format.FP32), Optional.empty(), s.digits());
                row.add(r.formats().get(0).minPrecisionBits().map(String::valueOf).orElse("undecided"));
            }
            rows.add(row);
        }
        return new Table("min-bits", "Fewest significand bits", "The smallest precision p (hidden bit included) with 2^(p-1) >"
                + " L/acos(eps^(1/N)), at eps = " + eps.toCompactDecimalStringOrFraction() + " (machine epsilon convention, approx"
                + " spectrum; exact integers). " + conventions(s), columns, rows);
    }

    /** 3. Horizons per pipeline for typical bases. */
    public static Table erasure(GridSpec s) {
        List<String> columns = List.of("base", "pipeline", "position", "phase collision", "mode", "output collision",
                "phase error > " + s.delta().toCompactDecimalStringOrFraction(), "max phase error");
        List<List<String>> rows = new ArrayList<>();
        List<Pipeline> pipelines = new ArrayList<>();
        for (String p : Pipeline.PRESETS) {
            pipelines.add(Pipeline.preset(p, Format.BF16));
        }
        for (Rational b : s.bases()) {
            for (Pipeline p : pipelines) {
                ErasureReport e = ErasureAnalysis.analyse(new RopeEmulator(b, s.rotaryDim(), p), s.erasureContext(), s.delta());
                String max = e.maxPhaseError() == null ? "unbounded" : CertifiedDecimal.best(e.maxPhaseError(), 3).complete()
                        ? CertifiedDecimal.best(e.maxPhaseError(), 3).text() : "in " + CertifiedDecimal.interval(e.maxPhaseError(), 3);
                rows.add(List.of(b.toCompactDecimalStringOrFraction(), p.name(), horizon(e.positionHorizon()),
                        horizon(e.collisionHorizon()), e.collisionMode().isPresent() ? Integer.toString(e.collisionMode().getAsInt()) : "",
                        horizon(e.outputCollisionHorizon()),
                        e.phaseErrorHorizon().isPresent() ? Long.toString(e.phaseErrorHorizon().getAsLong())
                                : e.phaseErrorHorizonRange() != null ? "in [" + e.phaseErrorHorizonRange()[0] + ", " + e.phaseErrorHorizonRange()[1] + "]"
                                : "none",
                        max));
            }
        }
        return new Table("erasure", "Where RoPE pipelines lose positions", "Horizons (first failing position; none = not within the"
                + " context) over L = " + s.erasureContext() + " positions, d = " + s.rotaryDim() + ", each pipeline emulated op by op"
                + " (nearest-even per stage; pow, cos, sin modelled as correctly rounded); phase errors against p*theta_i in radians,"
                + " the largest correctly rounded to 3 digits or as an outward-rounded interval.", columns, rows);
    }

    private static String horizon(java.util.OptionalLong h) {
        return h.isPresent() ? Long.toString(h.getAsLong()) : "none";
    }

    /** Column names of the case study. */
    public static final List<String> CASE_STUDY_COLUMNS = List.of("id", "base", "base_equivalent", "context", "layers", "weights",
            "verdict_weights", "verdict_fp32", "position_horizon", "phase_collision", "phase_error_above_0.1", "note");

    /** 4. Every registry model judged at its context and depth; a model the registry cannot analyse gets its reason. */
    public static Table caseStudy(Rational tolerance) {
        List<List<String>> rows = new ArrayList<>();
        for (Registry.Entry e : Registry.entries()) {
            try {
                ModelConfig m = e.toConfig();
                ModelAnalysis a = ModelAnalysis.of(m, tolerance, 6);
                ErasureReport er = a.erasure().orElseThrow();
                String weights = a.verdicts().isEmpty() ? "" : a.verdicts().get(0).map(v -> v.label()).orElse("undecided");
                String fp32 = a.verdicts().size() < 2 ? weights : a.verdicts().get(1).map(v -> v.label()).orElse("undecided");
                rows.add(List.of(e.id(), m.base().toCompactDecimalStringOrFraction(), a.baseEquivalent().text(),
                        m.context().map(String::valueOf).orElse(""), m.layers().map(String::valueOf).orElse(""),
                        m.dtype().map(Format::name).orElse("bf16 (assumed)"), weights, fp32,
                        horizon(er.positionHorizon()), horizon(er.collisionHorizon()),
                        er.phaseErrorHorizon().isPresent() ? Long.toString(er.phaseErrorHorizon().getAsLong())
                                : er.phaseErrorHorizonRange() != null ? "from " + er.phaseErrorHorizonRange()[0] : "none",
                        String.join("; ", m.warnings())));
            } catch (InvalidInputException ex) {
                rows.add(List.of(e.id(), "", "", "", "", "", "", "", "", "", "", "not analysed: " + ex.getMessage()));
            }
        }
        return new Table("case-study", "Case study: published models", "Every registry model at its context and depth, eps = "
                + tolerance.toCompactDecimalStringOrFraction() + ", approx spectrum, eps_mach ceiling; base-equivalent = 1/theta'_min"
                + " (6 digits, correctly rounded); verdicts for the weights' format and fp32; hf pipeline horizons, delta = 0.1 rad."
                + " Registry: shared/reference/model-configs.csv.", CASE_STUDY_COLUMNS, rows);
    }
}
