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
import org.ropebounds.table.GridSpec;
import org.ropebounds.table.SpectrumFigure;
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

    @Option(names = "--plot", paramLabel = "FILE.svg|png",
            description = "Also write the effective spectrum as a figure (SVG or PNG by the file's extension): wavelength per mode,"
                    + " plain and scaled, each mode's role, the original and analysed contexts.")
    Path plot;

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
        boolean svg = plot != null && plotKind(plot);
        if (plot != null) {
            org.ropebounds.io.AtomicFile.checkTarget(plot);
        }
        Optional<GgufModel> gguf = config != null && GgufReader.hasMagic(config) ? Optional.of(GgufModel.read(config)) : Optional.empty();
        ModelConfig m = gguf.map(GgufModel::config).orElseGet(() -> config != null ? ConfigReader.read(config) : ModelOptions.registryConfig(id, ""));
        ModelAnalysis a = ModelAnalysis.of(m, tolerance, digits);
        m.validationWarnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        spec.commandLine().getErr().flush();
        if (plot != null) {
            try {
                org.ropebounds.io.AtomicFile.write(plot, svg ? SpectrumFigure.svg(a) : SpectrumFigure.png(a));
            } catch (java.io.IOException e) {
                throw new InvalidInputException("--plot " + InvalidInputException.quoted(plot.toString()) + " cannot be written: "
                        + InvalidInputException.quoted(String.valueOf(e.getMessage())));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode o = ModelJson.of(a, digits, ceilingNote(a).orElse(null));
            gguf.ifPresentOrElse(g -> o.set("gguf", GgufJson.of(g)), () -> o.putNull("gguf"));
            Json.print(out, o);
            return Main.EXIT_OK;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(m.name()).append(": base ").append(m.base().toCompactDecimalStringOrFraction())
                .append(m.baseDefaulted() ? " (a default: no rope_theta)" : "").append(", rotary dim ").append(m.rotaryDim())
                .append(" of head dim ").append(m.headDim()).append(", ").append(m.layers().map(n -> n + " layers").orElse("layers unknown"))
                .append(", context ").append(m.context().map(String::valueOf).orElse("unknown")).append(", weights ")
                .append(m.dtype().map(f -> f.name()).orElse("dtype unknown")).append('\n');
        for (ModelConfig.DefaultValue dv : m.defaults()) {
            sb.append("default used: ").append(dv.field()).append(' ').append(dv.value()).append(" (").append(dv.source()).append(")\n");
        }
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

    /** Whether the figure is SVG (else PNG), by the file name's extension. @throws InvalidInputException for another extension */
    private static boolean plotKind(Path file) {
        String n = String.valueOf(file.getFileName()).toLowerCase(java.util.Locale.ROOT);
        if (!n.endsWith(".svg") && !n.endsWith(".png")) {
            throw new InvalidInputException("--plot " + InvalidInputException.quoted(file.toString())
                    + ": the file name must end in .svg or .png (the figure's format)");
        }
        return n.endsWith(".svg");
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

}
