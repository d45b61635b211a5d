package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;
import org.ropebounds.model.ConfigReader;
import org.ropebounds.model.GgufModel;
import org.ropebounds.model.GgufReader;
import org.ropebounds.model.ModelAnalysis;
import org.ropebounds.model.ModelConfig;
import org.ropebounds.model.Registry;
import org.ropebounds.table.GridSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ropebounds model}: a registry model or a config.json, judged against the zone and the hf pipeline. */
@Command(name = "model", mixinStandardHelpOptions = true, header = "Analyse one model (registry id or config.json): effective spectrum, zone verdicts, warnings.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"Analyse a model: its effective RoPE spectrum (scaling applied, exactly and as transformers stores it",
            "in fp32), the base-equivalent of its slowest mode, the zone at its context and depth for the format of its",
            "weights and for fp32, and where the hf pipeline loses positions. Plain-language warnings for suspicious configs."},
        footer = {"", "Examples: ropebounds model llama-3.1-8b    ropebounds model --config path/to/config.json    ropebounds model --config model.gguf"})
final class ModelCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "A registry id (see 'ropebounds models').")
    String id;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A Hugging Face config.json, or a GGUF file (llama.cpp's; recognised by its magic bytes, header read only).")
    Path config;

    @Option(names = "--tolerance", paramLabel = "EPS", defaultValue = "0.5",
            description = "Coherence tolerance eps for the zone, 0 < eps < 1 (default ${DEFAULT-VALUE}).")
    Rational tolerance;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "6", description = "Certified digits (default ${DEFAULT-VALUE}).")
    int digits;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (id == null && config == null) {
            throw new InvalidInputException("a model is needed: a registry id (see 'ropebounds models') or --config FILE");
        }
        if (id != null && config != null) {
            throw new InvalidInputException("registry id '" + InvalidInputException.quoted(id) + "' and --config "
                    + InvalidInputException.quoted(config.toString()) + " both given; give one of them");
        }
        GridSpec.checkTolerance("--tolerance", tolerance);
        Converters.checkDigits(digits, 40);
        Optional<GgufModel> gguf = config != null && GgufReader.hasMagic(config) ? Optional.of(GgufModel.read(config)) : Optional.empty();
        ModelConfig m = gguf.map(GgufModel::config).orElseGet(() -> config != null ? ConfigReader.read(config) : registryConfig(id));
        ModelAnalysis a = ModelAnalysis.of(m, tolerance, digits);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode o = toJson(a);
            gguf.ifPresentOrElse(g -> o.set("gguf", GgufJson.of(g)), () -> o.putNull("gguf"));
            Json.print(out, o);
            return Main.EXIT_OK;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(m.name()).append(": base ").append(m.base().toCompactDecimalStringOrFraction())
                .append(m.baseDefaulted() ? " (default: no rope_theta)" : "").append(", rotary dim ").append(m.rotaryDim())
                .append(" of head dim ").append(m.headDim()).append(", ").append(m.layers().map(n -> n + " layers").orElse("layers unknown"))
                .append(", context ").append(m.context().map(String::valueOf).orElse("unknown")).append(", weights ")
                .append(m.dtype().map(f -> f.name()).orElse("dtype unknown")).append('\n');
        sb.append("scaling: ").append(m.scaling().describe()).append("; attention factor ").append(ZoneCommand.value(a.attentionFactor())).append('\n');
        sb.append("base-equivalent 1/theta'_min = ").append(ZoneCommand.value(a.baseEquivalent()))
                .append(" (digits correctly rounded; exact values marked)\n\n");
        for (String line : a.summary()) {
            sb.append("- ").append(line).append('\n');
        }
        ceilingNote(a).ifPresent(n -> sb.append("- ").append(n).append('\n'));
        out.print(sb);
        sb.setLength(0);
        gguf.ifPresent(g -> GgufJson.printFlags(out, g));
        sb.append("\nEffective spectrum (theta'_i exact, and as transformers stores it in fp32):\n");
        out.print(sb);
        TextTable t = new TextTable(new boolean[] {true, false, false, false}, "i", "theta'", "fp32 (hex)", "role");
        for (ModelAnalysis.Mode mode : a.spectrum()) {
            t.add(Integer.toString(mode.i()), mode.theta().text(), mode.thetaFp32().toHexString(), mode.role());
        }
        t.print(out);
        return Main.EXIT_OK;
    }

    /** The registry entry as a config, with the errors worded for this command (its models list, its --config). */
    private static ModelConfig registryConfig(String id) {
        Registry.Entry e = Registry.find(id).orElseThrow(() -> new InvalidInputException("unknown model '" + id
                + "'; see 'ropebounds models' for the " + Registry.entries().size() + " ids (e.g. " + Registry.entries().get(0).id() + ")"));
        try {
            return e.toConfig();
        } catch (Registry.IncompleteEntryException ex) {
            throw new InvalidInputException(ex.describe("with --config"));
        }
    }

    /**
     * The ceiling note, where the analysis gives ceiling verdicts (a zone was judged): the hf line is the
     * exact emulation with the model's own frequencies; erasure gives every pipeline for the plain base.
     */
    private static java.util.Optional<String> ceilingNote(ModelAnalysis a) {
        ModelConfig m = a.config();
        return a.zone().map(z -> CeilingNote.of(z.query().convention(), Json.exact(m.base()), z.query().context(),
                "the hf line above, with this model's frequencies"));
    }

    private static String text(Object v) {
        return v instanceof Rational r ? r.toCompactDecimalStringOrFraction() : String.valueOf(v);
    }

    private ObjectNode toJson(ModelAnalysis a) {
        ModelConfig m = a.config();
        ObjectNode o = Json.object();
        o.put("name", m.name());
        o.put("base", Json.exact(m.base()));
        o.put("base_defaulted", m.baseDefaulted());
        o.put("head_dim", m.headDim());
        o.put("rotary_dim", m.rotaryDim());
        m.layers().ifPresentOrElse(n -> o.put("layers", n), () -> o.putNull("layers"));
        m.context().ifPresentOrElse(n -> Json.putInteger(o, "context", n), () -> o.putNull("context"));
        m.dtype().ifPresentOrElse(f -> o.put("dtype", f.name()), () -> o.putNull("dtype"));
        ObjectNode scaling = o.putObject("scaling");
        scaling.put("type", m.scaling().type());
        scaling.put("description", m.scaling().describe());
        ObjectNode parameters = scaling.putObject("parameters");
        for (var component : m.scaling().getClass().getRecordComponents()) {
            try {
                Object v = component.getAccessor().invoke(m.scaling());
                if (v instanceof java.util.Optional<?> opt) {
                    v = opt.orElse(null);
                }
                if (v == null) {
                    parameters.putNull(component.getName());
                } else if (v instanceof java.util.List<?> list) {
                    ArrayNode arr = parameters.putArray(component.getName());
                    list.forEach(x -> arr.add(text(x)));
                } else {
                    parameters.put(component.getName(), text(v));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        o.put("attention_factor", a.attentionFactor().text());
        o.put("base_equivalent", a.baseEquivalent().text());
        ArrayNode warnings = o.putArray("warnings");
        m.warnings().forEach(warnings::add);
        ArrayNode summary = o.putArray("summary");
        a.summary().forEach(summary::add);
        ArrayNode modes = o.putArray("modes");
        for (ModelAnalysis.Mode mode : a.spectrum()) {
            ObjectNode mo = modes.addObject();
            mo.put("i", mode.i());
            mo.put("theta", mode.theta().text());
            mo.put("theta_fp32_hex", mode.thetaFp32().toHexString());
            mo.put("role", mode.role());
        }
        String note = ceilingNote(a).orElse(null);
        a.zone().ifPresentOrElse(z -> o.set("zone", ZoneJson.of(z, note)), () -> o.putNull("zone"));
        o.put("ceiling_note", note);
        // keyed by format name: the analysis lists its verdicts in the order of the zone's formats
        ObjectNode verdicts = o.putObject("verdicts");
        a.zone().ifPresent(z -> {
            for (int k = 0; k < a.verdicts().size(); k++) {
                verdicts.put(z.formats().get(k).format().name(), a.verdicts().get(k).map(x -> x.label()).orElse("undecided"));
            }
        });
        a.erasure().ifPresentOrElse(e -> o.set("erasure", ErasureJson.of(e, digits)), () -> o.putNull("erasure"));
        return o;
    }
}
