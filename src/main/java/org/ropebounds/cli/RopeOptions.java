package org.ropebounds.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.Pipeline;
import picocli.CommandLine.Option;

/** The RoPE setting the phase and erasure commands analyse. */
final class RopeOptions {
    @Option(names = {"-b", "--base"}, required = true, paramLabel = "B", description = "RoPE base b (rope_theta), b > 1.")
    Rational base;

    @Option(names = {"-d", "--head-dim", "--rotary-dim"}, paramLabel = "D", defaultValue = "128",
            description = "Rotary dimension d (even, 2..1024; default ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = {"-p", "--pipeline"}, split = ",", paramLabel = "NAME",
            description = "Pipelines: hf, hf-bf16-inv-freq, bf16-all, fp16-all, fp64, or all.")
    List<String> pipelines;

    @Option(names = {"-f", "--format"}, split = Converters.FORMAT_LIST_SPLIT, paramLabel = "FORMAT",
            description = "Also analyse a pipeline computing every stage in each of these formats.")
    List<String> formats;

    @Option(names = "--dtype", paramLabel = "FORMAT", defaultValue = "bf16",
            description = "The activation dtype the hf presets cast cos/sin to (default ${DEFAULT-VALUE}).")
    Format dtype;

    @Option(names = "--inv-freq-dtype", paramLabel = "FORMAT", description = "Override: the format inv_freq is computed and stored in.")
    Format invFreqDtype;

    @Option(names = "--position-dtype", paramLabel = "FORMAT", description = "Override: the format positions are held in.")
    Format positionDtype;

    @Option(names = "--phase-dtype", paramLabel = "FORMAT", description = "Override: the format of the phase product.")
    Format phaseDtype;

    @Option(names = "--trig-dtype", paramLabel = "FORMAT", description = "Override: the format cos and sin are computed in.")
    Format trigDtype;

    @Option(names = "--output-dtype", paramLabel = "FORMAT", description = "Override: the format the cos/sin cache is cast to.")
    Format outputDtype;

    /** The pipelines asked for, in order (all presets when none is named), with any stage overrides applied. */
    List<Pipeline> resolve(List<String> defaultPipelines) {
        List<Pipeline> named = named(defaultPipelines);
        if (invFreqDtype == null && positionDtype == null && phaseDtype == null && trigDtype == null && outputDtype == null) {
            return named;
        }
        List<Pipeline> out = new ArrayList<>();
        for (Pipeline p : named) {
            StringBuilder name = new StringBuilder(p.name());
            append(name, "inv_freq", invFreqDtype);
            append(name, "position", positionDtype);
            append(name, "phase", phaseDtype);
            append(name, "trig", trigDtype);
            append(name, "output", outputDtype);
            out.add(new Pipeline(name.toString(), or(invFreqDtype, p.invFreqCompute()), or(invFreqDtype, p.invFreq()),
                    or(positionDtype, p.position()), or(phaseDtype, p.phase()), or(trigDtype, p.trig()), or(outputDtype, p.output())));
        }
        return out;
    }

    private static void append(StringBuilder name, String stage, Format f) {
        if (f != null) {
            name.append('+').append(stage).append('=').append(f.name());
        }
    }

    private static Format or(Format override, Format preset) {
        return override != null ? override : preset;
    }

    private List<Pipeline> named(List<String> defaultPipelines) {
        Map<String, Pipeline> out = new LinkedHashMap<>();
        List<String> names = pipelines == null && formats == null ? defaultPipelines : pipelines == null ? List.of() : pipelines;
        for (String n : names) {
            if (n.strip().equalsIgnoreCase("all")) {
                for (String p : Pipeline.PRESETS) {
                    out.putIfAbsent(p, Pipeline.preset(p, dtype));
                }
            } else {
                Pipeline p = Pipeline.preset(n, dtype);
                out.putIfAbsent(p.name(), p);
            }
        }
        for (Format f : formats == null ? List.<Format>of() : Converters.formats(formats)) {
            out.putIfAbsent(f.name(), Pipeline.uniform(f.name().toLowerCase(Locale.ROOT), f));
        }
        return new ArrayList<>(out.values());
    }
}
