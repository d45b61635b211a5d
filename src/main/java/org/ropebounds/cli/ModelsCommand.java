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
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = RopeBoundsCommand.Version.class,
        description = {"List the bundled registry of published models and their RoPE settings, with the source of every",
            "number and how well it is verified (official config, copy, third party). Blank means not verified."})
final class ModelsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Option(names = "--table", paramLabel = "md|csv|json",
            description = "Print the case study instead: every model analysed (zone verdict at its context and depth for its"
                    + " weights' format and fp32, hf-pipeline horizons), as Markdown, CSV or JSON.")
    String table;

    @CommandLine.Option(names = "--tolerance", paramLabel = "EPS", defaultValue = "0.5",
            description = "Coherence tolerance eps of the case study's zone (default ${DEFAULT-VALUE}).")
    org.ropebounds.format.Rational tolerance;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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
                e.ropeTheta().ifPresentOrElse(t -> o.put("rope_theta", t.toCompactDecimalStringOrFraction()), () -> o.putNull("rope_theta"));
                e.headDim().ifPresentOrElse(h -> o.put("head_dim", h), () -> o.putNull("head_dim"));
                e.rotaryDim().ifPresentOrElse(h -> o.put("rotary_dim", h), () -> o.putNull("rotary_dim"));
                e.layers().ifPresentOrElse(h -> o.put("layers", h), () -> o.putNull("layers"));
                e.context().ifPresentOrElse(h -> o.put("context", h), () -> o.putNull("context"));
                e.originalContext().ifPresentOrElse(h -> o.put("original_context", h), () -> o.putNull("original_context"));
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

    private static final String[] COLUMNS = {"id", "base", "base_equivalent", "context", "layers", "weights", "verdict_weights",
        "verdict_fp32", "position_horizon", "phase_collision", "phase_error_above_0.1", "note"};

    /** One row per registry model; a model the registry cannot analyse gets its reason in the note. */
    private Integer caseStudy(PrintWriter out) {
        String kind = table.strip().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of("md", "markdown", "csv", "json").contains(kind)) {
            throw new org.ropebounds.InvalidInputException("unknown table format '" + table + "'; accepted: md, csv, json");
        }
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        for (Registry.Entry e : Registry.entries()) {
            try {
                org.ropebounds.model.ModelConfig m = e.toConfig();
                org.ropebounds.model.ModelAnalysis a = org.ropebounds.model.ModelAnalysis.of(m, tolerance, 6);
                var er = a.erasure().orElseThrow();
                rows.add(new String[] {e.id(), m.base().toCompactDecimalStringOrFraction(), a.baseEquivalent().text(),
                    m.context().map(String::valueOf).orElse(""), m.layers().map(String::valueOf).orElse(""),
                    m.dtype().map(f -> f.name()).orElse("bf16 (assumed)"),
                    a.verdicts().isEmpty() ? "" : a.verdicts().get(0).map(v -> v.label()).orElse("undecided"),
                    a.verdicts().size() < 2 ? (a.verdicts().isEmpty() ? "" : a.verdicts().get(0).map(v -> v.label()).orElse("undecided"))
                            : a.verdicts().get(1).map(v -> v.label()).orElse("undecided"),
                    er.positionHorizon().isPresent() ? Long.toString(er.positionHorizon().getAsLong()) : "none",
                    er.collisionHorizon().isPresent() ? Long.toString(er.collisionHorizon().getAsLong()) : "none",
                    er.phaseErrorHorizon().isPresent() ? Long.toString(er.phaseErrorHorizon().getAsLong())
                            : er.phaseErrorHorizonRange() != null ? "from " + er.phaseErrorHorizonRange()[0] : "none",
                    String.join("; ", m.warnings())});
            } catch (org.ropebounds.InvalidInputException ex) {
                rows.add(new String[] {e.id(), "", "", "", "", "", "", "", "", "", "", "not analysed: " + ex.getMessage()});
            }
        }
        switch (kind) {
            case "csv" -> {
                StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
                for (String[] r : rows) {
                    sb.append(java.util.Arrays.stream(r).map(ModelsCommand::csvCell).collect(java.util.stream.Collectors.joining(","))).append('\n');
                }
                out.print(sb);
            }
            case "json" -> {
                ArrayNode arr = Json.array();
                for (String[] r : rows) {
                    ObjectNode o = arr.addObject();
                    for (int k = 0; k < COLUMNS.length; k++) {
                        o.put(COLUMNS[k], r[k]);
                    }
                }
                Json.print(out, arr);
            }
            default -> {
                StringBuilder sb = new StringBuilder();
                sb.append("Case study: every registry model at its context and depth, eps = ")
                        .append(tolerance.toCompactDecimalStringOrFraction()).append(", approx spectrum, eps_mach ceiling;")
                        .append(" base-equivalent = 1/theta'_min (6 digits, correctly rounded); hf pipeline, delta = 0.1 rad.\n\n");
                sb.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n|");
                sb.append(" --- |".repeat(COLUMNS.length)).append('\n');
                for (String[] r : rows) {
                    sb.append("| ").append(java.util.Arrays.stream(r).map(c -> c.replace("|", "\\|")).collect(java.util.stream.Collectors.joining(" | ")))
                            .append(" |\n");
                }
                out.print(sb);
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static String csvCell(String c) {
        return c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c;
    }
}
