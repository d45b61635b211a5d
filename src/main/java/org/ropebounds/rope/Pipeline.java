package org.ropebounds.rope;

import java.util.List;
import java.util.Locale;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;

/**
 * The number formats of a RoPE implementation, stage by stage: inv_freq (computed in
 * {@code invFreqCompute}, stored in {@code invFreq}), position, phase (position * inv_freq), trig
 * (cos and sin), and output (the activation dtype the cos/sin cache is cast to). Every arithmetic
 * operation of a stage rounds to the stage's format (nearest-even); a value entering a stage is
 * converted to its format (exactly when it fits).
 *
 * @param name a preset name or "custom"
 */
public record Pipeline(String name, Format invFreqCompute, Format invFreq, Format position, Format phase, Format trig,
                       Format output) {

    /** Preset names, in the order they are listed. */
    public static final List<String> PRESETS = List.of("hf", "hf-bf16-inv-freq", "bf16-all", "fp16-all", "fp64");

    /**
     * A named preset: {@code hf} (transformers, Meta's and DeepSeek's reference code: fp32 throughout,
     * cos/sin cast to the activation dtype), {@code hf-bf16-inv-freq} (inv_freq computed in fp32 and
     * stored in bf16, transformers #25681), {@code bf16-all} and {@code fp16-all} (every stage in that
     * format: candle #3520, gpt-neox #1003) and {@code fp64} (reference).
     *
     * @param activation the output format of the hf presets (the model's dtype, usually bf16)
     * @throws InvalidInputException for an unknown name
     */
    public static Pipeline preset(String name, Format activation) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "hf" -> new Pipeline(n, Format.FP32, Format.FP32, Format.FP32, Format.FP32, Format.FP32, activation);
            case "hf-bf16-inv-freq" -> new Pipeline(n, Format.FP32, Format.BF16, Format.FP32, Format.FP32, Format.FP32, activation);
            case "bf16-all" -> uniform(n, Format.BF16);
            case "fp16-all" -> uniform(n, Format.FP16);
            case "fp64" -> uniform(n, Format.FP64);
            default -> throw new InvalidInputException("unknown pipeline '" + name + "'; accepted: " + String.join(", ", PRESETS));
        };
    }

    /** Every stage in one format. */
    public static Pipeline uniform(String name, Format f) {
        return new Pipeline(name, f, f, f, f, f, f);
    }

    public Pipeline withName(String n) {
        return new Pipeline(n, invFreqCompute, invFreq, position, phase, trig, output);
    }

    /** One line: {@code hf (inv_freq fp32, position fp32, phase fp32, cos/sin fp32, output bf16)}. */
    public String describe() {
        return name + " (inv_freq " + (invFreqCompute.equals(invFreq) ? invFreq.name() : invFreqCompute.name() + " -> " + invFreq.name())
                + ", position " + position.name() + ", phase " + phase.name() + ", cos/sin " + trig.name()
                + ", output " + output.name() + ")";
    }
}
