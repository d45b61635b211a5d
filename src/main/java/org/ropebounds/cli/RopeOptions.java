package org.ropebounds.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.Pipeline;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The RoPE setting the phase and erasure commands analyse: a base and head dim, or a model ({@link ModelOptions}). */
final class RopeOptions {
    @Option(names = {"-b", "--base"}, paramLabel = "B", description = "RoPE base b (rope_theta), b > 1 (or --config/--model).")
    Rational base;

    @Option(names = {"-d", "--head-dim", "--rotary-dim"}, paramLabel = "D",
            description = "Rotary dimension d (even, 2..1024; default 128).")
    Integer headDim;

    @Mixin
    ModelOptions model;

    @Option(names = {"-p", "--pipeline"}, split = ",", paramLabel = "NAME",
            description = "Pipelines: hf, hf-bf16-inv-freq, bf16-all, fp16-all, fp64, or all.")
    List<String> pipelines;

    @Option(names = {"-f", "--format"}, split = Converters.FORMAT_LIST_SPLIT, splitSynopsisLabel = ",", paramLabel = "FORMAT",
            description = "Also analyse a pipeline computing every stage in each of these formats.")
    List<String> formats;

    @Option(names = "--dtype", paramLabel = "FORMAT",
            description = "The activation dtype the hf presets cast cos/sin to (default: the model's weights' dtype, else bf16).")
    Format dtype;

    @Mixin
    PipelineOverrides overrides;

    private ModelOptions.Input input;

    /**
     * The frequencies (plain or the model's) and the dtype in effect.
     *
     * @throws org.ropebounds.InvalidInputException as {@link ModelOptions#resolve}
     */
    ModelOptions.Input input() {
        if (input == null) {
            input = model.resolve(base, headDim);
        }
        return input;
    }

    /** --dtype, else the model's weights' dtype, else bf16. */
    Format activation() {
        return input().dtype(dtype, Format.BF16);
    }

    /** The pipelines asked for, in order (all presets when none is named), with any stage overrides applied. */
    List<Pipeline> resolve(List<String> defaultPipelines) {
        List<Pipeline> out = new ArrayList<>();
        for (Pipeline p : named(defaultPipelines)) {
            out.add(overrides.stages().apply(p));
        }
        return out;
    }

    private List<Pipeline> named(List<String> defaultPipelines) {
        Format dtype = activation();
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
