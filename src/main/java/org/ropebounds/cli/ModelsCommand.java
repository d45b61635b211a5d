package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ropebounds.model.Registry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ropebounds models}: the bundled registry of published models. */
@Command(name = "models", mixinStandardHelpOptions = true, header = "List the bundled registry of published models, or the case-study table.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"List the bundled registry of published models and their RoPE settings, with the source of every",
            "number and how well it is verified (official config, copy, third party). Blank means not verified."})
final class ModelsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Option(names = "--table", paramLabel = "md|csv|json",
            description = "Print the case study instead: every model analysed (zone verdict at its context and depth for its"
                    + " weights' format and fp32, hf-pipeline horizons), as Markdown, CSV, LaTeX or JSON.")
    String table;

    @CommandLine.Option(names = "--tolerance", paramLabel = "EPS", defaultValue = "0.5",
            description = "Coherence tolerance eps of the case study's zone, 0 < eps < 1 (default ${DEFAULT-VALUE}).")
    org.ropebounds.format.Rational tolerance;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // refused even when only the registry is listed: a value outside its domain is never silently ignored
        org.ropebounds.table.GridSpec.checkTolerance("--tolerance", tolerance);
        if (table != null) {
            return caseStudy(out);
        }
        if (common.json) {
            ArrayNode arr = Json.array();
            for (Registry.Entry e : Registry.entries()) {
                ObjectNode o = arr.addObject();
                o.put("id", e.id());
                o.put("name", e.name());
                o.put("hf_repo", e.hfRepo());
                e.ropeTheta().ifPresentOrElse(t -> o.put("rope_theta", Json.exact(t)), () -> o.putNull("rope_theta"));
                e.headDim().ifPresentOrElse(h -> o.put("head_dim", h), () -> o.putNull("head_dim"));
                e.rotaryDim().ifPresentOrElse(h -> o.put("rotary_dim", h), () -> o.putNull("rotary_dim"));
                e.layers().ifPresentOrElse(h -> o.put("layers", h), () -> o.putNull("layers"));
                e.context().ifPresentOrElse(h -> Json.putInteger(o, "context", h), () -> o.putNull("context"));
                e.originalContext().ifPresentOrElse(h -> Json.putInteger(o, "original_context", h), () -> o.putNull("original_context"));
                o.put("dtype", e.dtype());
                o.put("scaling_type", e.scalingType());
                o.put("scaling_params", e.scalingParams());
                o.put("extra", e.extra());
                o.put("source", e.source());
                o.put("verification", e.verification());
                o.put("notes", e.notes());
            }
            Json.print(out, arr);
            return Main.EXIT_OK;
        }
        TextTable t = new TextTable(new boolean[] {false, true, true, true, true, false, false, false},
                "id", "rope_theta", "head_dim", "layers", "context", "dtype", "scaling", "verified");
        for (Registry.Entry e : Registry.entries()) {
            t.add(e.id(), e.ropeTheta().map(x -> x.toCompactDecimalStringOrFraction()).orElse(""),
                    e.headDim().map(String::valueOf).orElse(""), e.layers().map(String::valueOf).orElse(""),
                    e.context().map(String::valueOf).orElse(""), e.dtype(), e.scalingType(), e.verification());
        }
        out.print(Registry.entries().size() + " models (blank: not verified; 'ropebounds model ID' analyses one)\n");
        t.print(out);
        return Main.EXIT_OK;
    }

    /** The case study (one row per registry model) in the chosen form. */
    private Integer caseStudy(PrintWriter out) {
        String kind = table.strip().toLowerCase(java.util.Locale.ROOT);
        org.ropebounds.table.Table t;
        switch (kind) {
            case "md", "markdown", "csv", "json", "tex" -> t = org.ropebounds.table.ReferenceTables.caseStudy(tolerance);
            default -> throw new org.ropebounds.InvalidInputException("unknown table format '" + table + "'; accepted: md, csv, json, tex");
        }
        out.print(switch (kind) {
            case "csv" -> org.ropebounds.table.TableWriters.csv(t);
            case "json" -> org.ropebounds.table.TableWriters.json(t);
            case "tex" -> org.ropebounds.table.TableWriters.latex(t);
            default -> org.ropebounds.table.TableWriters.markdown(t);
        });
        out.flush();
        return Main.EXIT_OK;
    }
}
