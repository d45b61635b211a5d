package org.ropebounds.rope;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;

/**
 * Formats that replace a pipeline's own at some of its stages, as in {@code hf+position=bf16+phase=bf16}:
 * a preset computed with bf16 positions and phase. Immutable; {@link #NONE} changes nothing.
 */
public final class StageOverrides {
    /** No stage overridden. */
    public static final StageOverrides NONE = new StageOverrides(new EnumMap<>(Stage.class));

    /** A stage of {@link Pipeline}, in the order its name lists overrides. */
    public enum Stage {
        /** The format inv_freq is computed and stored in (both of {@link Pipeline#invFreqCompute()} and {@link Pipeline#invFreq()}). */
        INV_FREQ("inv_freq"),
        /** The format positions are held in. */
        POSITION("position"),
        /** The format of the phase product. */
        PHASE("phase"),
        /** The format cos and sin are computed in. */
        TRIG("trig"),
        /** The format the cos/sin cache is cast to. */
        OUTPUT("output");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        /** The stage's name in a pipeline name: {@code inv_freq}, {@code position}, {@code phase}, {@code trig}, {@code output}. */
        public String label() {
            return label;
        }

        /** @throws InvalidInputException unless the text is a stage's label (any case; inv-freq too) */
        public static Stage parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "inv_freq", "inv-freq", "invfreq" -> INV_FREQ;
                case "position", "positions" -> POSITION;
                case "phase" -> PHASE;
                case "trig", "cos/sin" -> TRIG;
                case "output" -> OUTPUT;
                default -> throw new InvalidInputException("unknown pipeline stage '" + InvalidInputException.quoted(text)
                        + "'; accepted: inv_freq, position, phase, trig, output");
            };
        }
    }

    private final EnumMap<Stage, Format> formats;

    private StageOverrides(EnumMap<Stage, Format> formats) {
        this.formats = formats;
    }

    /** These overrides with {@code stage} computed in {@code format} (replacing an earlier override of that stage). */
    public StageOverrides with(Stage stage, Format format) {
        EnumMap<Stage, Format> m = new EnumMap<>(formats);
        m.put(stage, java.util.Objects.requireNonNull(format, "format"));
        return new StageOverrides(m);
    }

    /** The format that replaces the pipeline's at {@code stage}, if any. */
    public Optional<Format> format(Stage stage) {
        return Optional.ofNullable(formats.get(stage));
    }

    /** Whether no stage is overridden. */
    public boolean isEmpty() {
        return formats.isEmpty();
    }

    /**
     * {@code p} with the overridden stages in their formats, named {@code p.name()} followed by one
     * {@code +stage=format} per override in stage order ({@code hf+position=bf16+phase=bf16}); {@code p}
     * itself when nothing is overridden.
     */
    public Pipeline apply(Pipeline p) {
        if (isEmpty()) {
            return p;
        }
        return new Pipeline(p.name() + suffix(), or(Stage.INV_FREQ, p.invFreqCompute()), or(Stage.INV_FREQ, p.invFreq()),
                or(Stage.POSITION, p.position()), or(Stage.PHASE, p.phase()), or(Stage.TRIG, p.trig()), or(Stage.OUTPUT, p.output()));
    }

    /** {@code +stage=format} per override, in stage order; empty when none. */
    String suffix() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Stage, Format> e : formats.entrySet()) {
            b.append('+').append(e.getKey().label()).append('=').append(e.getValue().name());
        }
        return b.toString();
    }

    private Format or(Stage stage, Format preset) {
        return formats.getOrDefault(stage, preset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageOverrides s && s.formats.equals(formats);
    }

    @Override
    public int hashCode() {
        return formats.hashCode();
    }

    @Override
    public String toString() {
        return isEmpty() ? "none" : suffix().substring(1);
    }
}
