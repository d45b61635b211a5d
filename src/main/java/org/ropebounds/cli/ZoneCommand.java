package org.ropebounds.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ropebounds.bounds.ContextLength;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.ZoneCalculator;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.bounds.ZoneReport;
import org.ropebounds.bounds.ZoneReport.FormatZone;
import org.ropebounds.bounds.ZoneReport.LowerBound;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ropebounds zone}: the Goldilocks zone of RoPE bases. */
@Command(name = "zone", mixinStandardHelpOptions = true, header = "The Goldilocks zone of RoPE bases: every lower bound, the precision ceiling, the verdict.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"The Goldilocks zone: every lower bound on the RoPE base b (aliasing, DC-component and",
            "depth-compounded stability), the precision ceiling of each format, the zone between them, the largest",
            "context and fewest significand bits that keep it non-empty, and the verdict for a base.",
            "Every number is exact or rounded to the digits shown in its safe direction (a minimum up; a ceiling,",
            "maximum or margin down); the output says which."},
        footer = {"", "Example: ropebounds zone --context 128k --layers 32 --tolerance 0.9 --head-dim 128 --format fp32,bf16 --base 500000"})
final class ZoneCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-L", "--context"}, required = true, paramLabel = "L",
            description = "Context length: 131072, 2^17, 1e6, 128k (k = 1024), 1M (M = 1048576).")
    String context;

    @Option(names = {"-N", "--layers"}, required = true, paramLabel = "N", description = "Layers that apply RoPE (>= 1).")
    int layers;

    @Option(names = {"--tolerance", "--eps"}, required = true, paramLabel = "EPS",
            description = "Coherence tolerance eps, 0 < eps < 1 (exact decimal: 0.9 is nine tenths).")
    Rational tolerance;

    @Option(names = {"-d", "--head-dim", "--rotary-dim"}, paramLabel = "D", defaultValue = "128",
            description = "Rotary dimension d (even, >= 2; default ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = {"-f", "--format"}, split = Converters.FORMAT_LIST_SPLIT, splitSynopsisLabel = ",", paramLabel = "FORMAT",
            description = "Formats whose precision ceiling to use (default fp32,bf16), or all.")
    List<String> formatNames = List.of("fp32", "bf16");

    @Option(names = {"-b", "--base"}, paramLabel = "B", description = "A base to judge (b > 1).")
    Rational base;

    @Mixin
    SpectrumOptions conventions;

    /** Most --digits accepted: the zone of every format at 1M context then takes seconds, not minutes. */
    static final int MAX_DIGITS = 3000;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "15",
            description = "Significant digits of every printed value, 1.." + MAX_DIGITS + " (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--tex", description = "Print a LaTeX (booktabs) table instead of text.")
    boolean tex;

    @Option(names = "--criteria", paramLabel = "all",
            description = "With all: add a line naming Men et al.'s decay bound's first feasible base (m in [0, L]); see ropebounds criteria.")
    String criteria;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Converters.checkDigits(digits, MAX_DIGITS);
        if (common.json && tex) {
            throw new org.ropebounds.InvalidInputException("--json and --tex exclude each other; choose one");
        }
        if (criteria != null && !criteria.strip().equals("all")) {
            throw new org.ropebounds.InvalidInputException("--criteria '" + org.ropebounds.InvalidInputException.quoted(criteria)
                    + "' is not accepted; accepted: all");
        }
        ZoneQuery q = query();
        List<Format> formats = Converters.formats(formatNames);
        ZoneReport r = ZoneCalculator.compute(q, formats, Optional.ofNullable(base), digits);
        PrintWriter out = spec.commandLine().getOut();
        Optional<org.ropebounds.criteria.CriteriaReport.MinimumBase> decay = Optional.ofNullable(criteria).map(c -> decay(q));
        if (common.json) {
            com.fasterxml.jackson.databind.node.ObjectNode o = ZoneJson.of(r, note(r));
            decay.ifPresent(m -> {
                m.value().ifPresentOrElse(v -> o.put("decay_first_feasible_base", v.text()), () -> o.putNull("decay_first_feasible_base"));
                o.put("decay_first_feasible_base_guarantee", m.guarantee());
            });
            Json.print(out, o);
        } else if (tex) {
            out.print(ZoneTex.of(r));
            out.flush();
        } else {
            printText(out, r);
            decay.ifPresent(m -> {
                out.print("  decay bound (Men et al., arXiv:2405.14591; m in [0, L], d = " + q.rotaryDim() + "): first feasible base "
                        + m.value().map(ZoneCommand::value).orElse(m.guarantee()) + (m.value().isPresent() ? ", rounded up; not every larger"
                        + " base is feasible (ropebounds criteria gives the robust bound and the intervals)" : "") + "\n");
                out.flush();
            });
        }
        return Main.EXIT_OK;
    }

    /**
     * Men et al.'s decay bound for the zone's context and head dim (inclusive range), to the zone's digits (at most the
     * search's 15): the first feasible base alone, which is all the line prints (seconds even at L = 2^20).
     */
    private org.ropebounds.criteria.CriteriaReport.MinimumBase decay(ZoneQuery q) {
        org.ropebounds.criteria.CriteriaQuery cq = new org.ropebounds.criteria.CriteriaQuery(q.rotaryDim(), Optional.empty(), Optional.empty(),
                Optional.empty(), org.ropebounds.criteria.DistanceRange.INCLUSIVE, Math.min(digits, org.ropebounds.criteria.CriteriaQuery.MAX_DIGITS),
                org.ropebounds.criteria.CriteriaQuery.DEFAULT_DECAY_DIGITS, org.ropebounds.criteria.DecaySearch.FIRST_FEASIBLE);
        return org.ropebounds.criteria.Criteria.minimumBases(q.context(), cq, java.util.EnumSet.of(org.ropebounds.criteria.Criterion.DECAY))
                .get(org.ropebounds.criteria.Criterion.DECAY);
    }

    /** The query; the library's refusals, with the option that changes the spectrum named. */
    private ZoneQuery query() {
        try {
            return new ZoneQuery(ContextLength.parse(context), layers, tolerance, headDim, conventions.spectrum, conventions.convention);
        } catch (org.ropebounds.InvalidInputException e) {
            if (e.getMessage().startsWith(ZoneQuery.EXACT_SPECTRUM_NEEDS_D4)) {
                throw new org.ropebounds.InvalidInputException(ZoneQuery.EXACT_SPECTRUM_NEEDS_D4 + " (use --spectrum approx)");
            }
            throw e;
        }
    }

    private void printText(PrintWriter out, ZoneReport r) {
        ZoneQuery q = r.query();
        StringBuilder sb = new StringBuilder();
        sb.append("Goldilocks zone of the RoPE base b\n");
        sb.append("  L = ").append(q.context()).append(context.strip().equals(q.context().toString()) ? "" : " (" + context.strip() + ")")
                .append(" positions, N = ").append(q.layers()).append(" layers, eps = ")
                .append(q.tolerance().toCompactDecimalStringOrFraction()).append(", d = ").append(q.rotaryDim()).append('\n');
        sb.append("  spectrum: ").append(q.spectrum().description()).append('\n');
        sb.append("  ceiling:  ").append(q.convention().description()).append('\n');
        sb.append("  bounds are rounded to ").append(r.digits()).append(" significant digits in their safe direction: lower")
                .append(" bounds up; ceilings, ratios, max context and margins down; unless marked (exact) or (fewer digits certified)\n\n");
        sb.append("Lower bounds (b must be above):\n");
        TextTable lower = new TextTable(new boolean[] {false, false, false, false}, "bound", "b", "threshold", "");
        for (LowerBound lb : r.lowerBounds()) {
            String mark = r.binding().map(b -> b == lb.bound()).orElse(false) ? "<- binding" : "";
            if (lb.bound().id().equals("dc_stability") && q.layers() == 1) {
                mark = "(= depth stability at N = 1)";
            }
            lower.add("  " + lb.bound().id(), lb.bound().strict() ? ">" : ">=", value(lb.value()), mark);
        }
        flush(out, sb);
        lower.print(out);
        sb.append(r.stabilityDominatesAliasing().map(d -> d
                ? "  depth stability exceeds aliasing here (as it must for 0 < eps < 1: acos(.) < pi/2 < 2 pi)\n"
                : "  aliasing exceeds depth stability here: check the inputs\n")
                .orElse("  could not decide whether depth stability exceeds aliasing\n"));
        sb.append("\nZone per format (lower <= b < ceiling):\n");
        flush(out, sb);
        TextTable t = new TextTable(new boolean[] {false, false, false, false, true, true, false},
                "  format", "ceiling", "zone", "ceiling/lower", "max context", "min bits", r.base().isPresent()
                        ? "verdict for b = " + r.base().get().toCompactDecimalStringOrFraction() : "");
        for (FormatZone z : r.formats()) {
            String zone = z.empty().map(e -> e ? "empty" : "[" + z.zoneLower().text() + ", " + z.ceiling().text() + ")").orElse("undecided");
            String verdict = z.verdict().map(v -> v.label() + margins(z)).orElse(r.base().isPresent() ? "undecided" : "");
            t.add("  " + z.format().name(), value(z.ceiling()), zone, value(z.ratio()),
                    z.maxContext().map(BigInteger::toString).orElse("undecided"),
                    z.minPrecisionBits().map(String::valueOf).orElse("undecided"), verdict);
        }
        t.print(out);
        sb.append("\n  max context: the largest L whose zone is non-empty, below acos(eps^(1/N)) / eps");
        sb.append(q.convention() == EpsilonConvention.MACHINE ? "_mach" : " (u)").append(" =");
        for (FormatZone z : r.formats()) {
            sb.append(' ').append(z.format().name()).append(": ").append(value(z.maxContextBound())).append(';');
        }
        sb.setLength(sb.length() - 1);
        sb.append("\n  min bits: the fewest significand bits p whose ceiling exceeds the binding lower bound\n");
        sb.append("  ceiling: ").append(note(r)).append('\n');
        r.maxDepth().ifPresent(n -> sb.append("  the largest depth this base admits at L and eps: N <= ").append(n).append('\n'));
        flush(out, sb);
    }

    /** The ceiling note, pointing to the erasure run for this base (as typed, in short exact form) and context. */
    private static String note(ZoneReport r) {
        return CeilingNote.of(r.query().convention(), r.base().map(Json::exact).orElse("B"), r.query().context(), "");
    }

    private static String margins(FormatZone z) {
        return " (b/lower = " + z.marginLower().map(CertifiedDecimal::text).orElse("?") + ", ceiling/b = "
                + z.marginUpper().map(CertifiedDecimal::text).orElse("?") + ")";
    }

    /** The value, marked when exact or short of the digits asked for. */
    static String value(CertifiedDecimal d) {
        return d.text() + (d.exact() ? " (exact)" : d.complete() ? "" : " (" + d.digits() + " digits certified)");
    }

    private static void flush(PrintWriter out, StringBuilder sb) {
        out.print(sb);
        out.flush();
        sb.setLength(0);
    }
}
