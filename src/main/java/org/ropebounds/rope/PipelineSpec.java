package org.ropebounds.rope;

import java.util.Objects;
import java.util.regex.Pattern;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.rope.StageOverrides.Stage;

/**
 * A pipeline named before its activation format is known: a preset ({@link Pipeline#PRESETS}) with
 * stage overrides, written as {@link Pipeline#name()} writes it ({@code hf}, {@code hf+phase=bf16}).
 * {@link #resolve} gives the pipeline once the activation format (the hf presets' output) is known.
 * Immutable.
 */
public final class PipelineSpec {
    /** A '+' that starts a {@code stage=format} override (a custom format may itself hold '+', as in emax=+15). */
    private static final Pattern OVERRIDE = Pattern.compile("\\+(?=\\s*[A-Za-z_/-]+\\s*=)");

    private final String preset;
    private final StageOverrides overrides;

    private PipelineSpec(String preset, StageOverrides overrides) {
        this.preset = preset;
        this.overrides = overrides;
    }

    /**
     * The preset {@code name} without overrides.
     *
     * @throws InvalidInputException unless the name is one of {@link Pipeline#PRESETS} (any case)
     */
    public static PipelineSpec preset(String name) {
        return new PipelineSpec(Pipeline.preset(name, Format.FP32).name(), StageOverrides.NONE); // preset() refuses unknown names
    }

    /**
     * A preset and overrides as {@link Pipeline#name()} writes them: {@code hf}, {@code hf+phase=bf16},
     * {@code fp16-all+trig=fp32+output=fp32}. Stage names as {@link Stage#parse}, formats as {@link Format#parse}.
     *
     * @throws InvalidInputException for an unknown preset, stage or format
     */
    public static PipelineSpec parse(String text) {
        String[] parts = OVERRIDE.split(text.strip(), -1);
        PipelineSpec spec = preset(parts[0]);
        for (int k = 1; k < parts.length; k++) {
            int eq = parts[k].indexOf('=');
            spec = spec.with(Stage.parse(parts[k].substring(0, eq)), Format.parse(parts[k].substring(eq + 1)));
        }
        return spec;
    }

    /** This spec with {@code stage} computed in {@code format} too. */
    public PipelineSpec with(Stage stage, Format format) {
        return new PipelineSpec(preset, overrides.with(stage, format));
    }

    /** This spec with every override of {@code more} applied after its own. */
    public PipelineSpec with(StageOverrides more) {
        PipelineSpec s = this;
        for (Stage stage : Stage.values()) {
            var f = more.format(stage);
            if (f.isPresent()) {
                s = s.with(stage, f.get());
            }
        }
        return s;
    }

    /** The preset's name, lower case. */
    public String preset() {
        return preset;
    }

    public StageOverrides overrides() {
        return overrides;
    }

    /** The name the resolved pipeline has: {@code hf+position=bf16+phase=bf16}. */
    public String name() {
        return preset + overrides.suffix();
    }

    /**
     * The pipeline: the preset with {@code activation} as the hf presets' output format, then the overrides.
     */
    public Pipeline resolve(Format activation) {
        return overrides.apply(Pipeline.preset(preset, activation));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PipelineSpec s && s.preset.equals(preset) && s.overrides.equals(overrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(preset, overrides);
    }

    @Override
    public String toString() {
        return name();
    }
}
