package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ropebounds.bounds.Bound;
import org.ropebounds.bounds.Bounds;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.symbolic.Derivation;
import org.ropebounds.symbolic.Derivation.Partial;
import org.ropebounds.symbolic.Derivation.Rendering;
import org.ropebounds.symbolic.Derivations;
import org.ropebounds.symbolic.SymbolicEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ropebounds derive}: each bound's closed form, solved forms and monotonicity, from Symja. */
@Command(name = "derive", mixinStandardHelpOptions = true, header = "Closed forms of the base bounds, solved for L, N, eps and p, with monotonicity (Symja).", versionProvider = RopeBoundsCommand.Version.class,
        description = {"Closed forms of the bounds on the RoPE base b, the equation bound = b solved for L, N, eps and p,",
            "and the partial derivatives with their signs under the stated assumptions (symbolic, via Symja; the",
            "derivations are in proofs/). Loads Symja, which takes about a second."},
        footer = {"", "Example: ropebounds derive depth_stability --tex"})
final class DeriveCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "BOUND", defaultValue = "all",
            description = "aliasing, dc_stability, depth_stability, precision_ceiling, or all (default).")
    String bound;

    @Mixin
    SpectrumOptions conventions;

    @Option(names = "--tex", description = "Print TeX instead of plain text.")
    boolean tex;

    @Option(names = "--standalone", description = "With --tex: print a complete LaTeX document (article, amsmath) that pdflatex compiles.")
    boolean standalone;

    @Option(names = "--mathml", description = "Print MathML instead of plain text.")
    boolean mathml;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (tex && mathml) {
            throw new org.ropebounds.InvalidInputException("--tex and --mathml exclude each other; choose one");
        }
        if (standalone && !tex) {
            throw new org.ropebounds.InvalidInputException("--standalone needs --tex (it writes a LaTeX document)");
        }
        if (standalone && common.json) {
            throw new org.ropebounds.InvalidInputException("--standalone and --json exclude each other; choose one");
        }
        List<Bound> bounds = bound.strip().equalsIgnoreCase("all") ? Bounds.all() : List.of(Bounds.byId(bound.strip().toLowerCase(Locale.ROOT)));
        Spectrum s = conventions.spectrum;
        EpsilonConvention c = conventions.convention;
        PrintWriter out = spec.commandLine().getOut();
        ArrayNode json = Json.array();
        StringBuilder document = new StringBuilder();
        try (SymbolicEngine engine = SymbolicEngine.create()) {
            for (Bound b : bounds) {
                String closedForm = b.closedForm(s, c);
                List<String> variables = Derivations.VARIABLES.stream().filter(engine.variables(closedForm)::contains).toList();
                Derivation d = Derivations.derive(engine, b.id(), closedForm, variables);
                if (common.json) {
                    json.add(toJson(b, s, d));
                } else if (standalone) {
                    document.append(DeriveTex.section(b, s, d));
                } else {
                    printText(out, b, s, d);
                }
            }
        }
        if (common.json) {
            Json.print(out, json);
        }
        if (standalone) {
            out.print(DeriveTex.document(document.toString()));
            out.flush();
        }
        return Main.EXIT_OK;
    }

    private String form(Rendering r) {
        return tex ? r.tex() : mathml ? r.mathml() : r.text();
    }

    private void printText(PrintWriter out, Bound b, Spectrum s, Derivation d) {
        StringBuilder sb = new StringBuilder();
        String relation = b.side() == Bound.Side.LOWER ? (b.strict() ? "b > " : "b >= ") : (b.strict() ? "b < " : "b <= ");
        sb.append(heading(b)).append(", ").append(s.label()).append(" spectrum\n");
        sb.append("  source: ").append(b.source()).append('\n');
        for (String a : b.assumptions()) {
            sb.append("  assumes: ").append(a).append('\n');
        }
        sb.append("  bound:   ").append(tex || mathml ? form(d.bound()) : relation + form(d.bound())).append('\n');
        for (Map.Entry<String, Rendering> e : d.solutions().entrySet()) {
            sb.append("  solved:  ").append(e.getKey()).append(" = ").append(form(e.getValue())).append('\n');
        }
        for (Map.Entry<String, Partial> e : d.partials().entrySet()) {
            sb.append("  d/d").append(e.getKey()).append(":   ").append(form(e.getValue().derivative()))
                    .append("   [").append(e.getValue().sign().name().toLowerCase(Locale.ROOT)).append(" under the assumptions]\n");
        }
        sb.append('\n');
        out.print(sb);
        out.flush();
    }

    /** "aliasing (Nyquist-like)", "depth_stability (depth-compounded stability)": the id, and the title unless it already starts with it. */
    static String heading(Bound b) {
        return b.title().startsWith(b.id()) ? b.title() : b.id() + " (" + b.title() + ")";
    }

    private static ObjectNode toJson(Bound b, Spectrum s, Derivation d) {
        ObjectNode o = Json.object();
        o.put("bound", b.id());
        o.put("title", b.title());
        o.put("side", b.side().name().toLowerCase(Locale.ROOT));
        o.put("strict", b.strict());
        o.put("spectrum", s.label());
        o.put("source", b.source());
        ArrayNode assumptions = o.putArray("assumptions");
        b.assumptions().forEach(assumptions::add);
        o.set("closed_form", rendering(d.bound()));
        ObjectNode solved = o.putObject("solved");
        d.solutions().forEach((v, r) -> solved.set(v, rendering(r)));
        ObjectNode partials = o.putObject("partials");
        d.partials().forEach((v, p) -> {
            ObjectNode node = rendering(p.derivative());
            node.put("sign", p.sign().name().toLowerCase(Locale.ROOT));
            partials.set(v, node);
        });
        return o;
    }

    private static ObjectNode rendering(Rendering r) {
        ObjectNode o = Json.object();
        o.put("symja", r.symja());
        o.put("text", r.text());
        o.put("tex", r.tex());
        o.put("mathml", r.mathml());
        return o;
    }
}
