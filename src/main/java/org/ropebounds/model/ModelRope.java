package org.ropebounds.model;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Ieee;
import org.ropebounds.real.RealExpression;
import org.ropebounds.rope.Frequencies;

/**
 * A model as the input of the pipeline analyses ({@code crosscheck}, {@code phase}, {@code erasure}): its
 * effective spectrum ({@link EffectiveSpectrum}: theta'_i exactly, inv_freq as transformers computes it in
 * fp32), its attention factor (exactly, and as transformers computes it in Python doubles), the dtype of its
 * weights, and a line saying where all this came from.
 *
 * <p>The spectrum is taken at the model's context (max_position_embeddings), as {@code model} takes it: for
 * LongRoPE that selects the long factors whenever the context exceeds the original one (as transformers
 * does for any sequence past the original context), and dynamic NTK's base is the one at the full context.
 * Without a context in the config, the spectrum is the one for short sequences (LongRoPE's short factors,
 * dynamic NTK's unchanged base); types that need the context for a factor are refused.
 *
 * @param config what was read
 * @param frequencies the spectrum, attention factor and source line
 */
public record ModelRope(ModelConfig config, Frequencies frequencies) {

    /**
     * The model read from {@code origin} ("config FILE", "registry ID", "GGUF FILE").
     *
     * @throws InvalidInputException when the scaling needs the context (max_position_embeddings) and the config
     *     has none, or the rotary dimension is outside what the emulator accepts (an even d, 2..1024)
     */
    public static ModelRope of(ModelConfig m, String origin) {
        int d = m.rotaryDim();
        if (d < 2 || d % 2 != 0 || d > 1024) {
            throw new InvalidInputException(m.name() + ": rotary dim " + d + " is not accepted; need an even d with 2 <= d <= 1024");
        }
        try {
            EffectiveSpectrum s = new EffectiveSpectrum(m, m.context().orElse(0L));
            List<FloatValue> computed = new ArrayList<>();
            List<RealExpression> theta = new ArrayList<>();
            for (int i = 0; i < s.modes(); i++) {
                computed.add(s.fp32(i));
                theta.add(s.theta(i));
            }
            Optional<Frequencies.AttentionFactor> a = pythonAttentionFactor(m)
                    .map(python -> new Frequencies.AttentionFactor(s.attentionFactor(), python));
            Frequencies.PowSteps steps = new Frequencies.PowSteps() {
                @Override
                public org.ropebounds.rope.RopeEmulator powSource() {
                    return s.powSource();
                }

                @Override
                public FloatValue invFreq(int i, FloatValue pow) {
                    return s.fp32(i, pow);
                }
            };
            return new ModelRope(m, Frequencies.scaled(source(m, origin), m.base(), d, computed, theta, a).withPowSteps(steps));
        } catch (NoSuchElementException e) {
            throw new InvalidInputException(m.name() + ": the " + m.scaling().type() + " scaling needs the context length"
                    + " (max_position_embeddings), which the config does not give");
        }
    }

    /** The dtype of the model's weights (torch_dtype / dtype), if the config gives it. */
    public Optional<Format> dtype() {
        return config.dtype();
    }

    /**
     * {@code origin: llama3 scaling, base 500000, rotary dim 128}, with {@code (long factors)} or {@code (short factors)}
     * after LongRoPE and {@code of head dim H} when the rotation is partial.
     */
    static String source(ModelConfig m, String origin) {
        String type = m.scaling().type();
        String factors = m.scaling() instanceof RopeScaling.LongRope lr
                ? (m.context().orElse(0L) > lr.originalContext() ? " (long factors)" : " (short factors)") : "";
        return origin + ": " + (type.equals("none") ? "no scaling" : type + " scaling") + factors + ", base "
                + m.base().toCompactDecimalStringOrFraction() + ", rotary dim " + m.rotaryDim()
                + (m.rotaryDim() != m.headDim() ? " of head dim " + m.headDim() : "");
    }

    /**
     * The attention factor as transformers computes it in Python doubles (each operation rounded to fp64, log and
     * sqrt modelled as correctly rounded, config numbers read as the nearest double); empty when it is exactly 1
     * there and exactly (no factor, s <= 1, a declared 1, or YaRN's mscale equal to mscale_all_dim).
     */
    static Optional<FloatValue> pythonAttentionFactor(ModelConfig m) {
        Format f = Format.FP64;
        RopeScaling sc = m.scaling();
        if (sc instanceof RopeScaling.Yarn y) {
            if (y.attentionFactor().isPresent()) {
                return unlessOne(y.attentionFactor().get());
            }
            FloatValue s = y.factor().map(x -> Ieee.round(x, f)).orElseGet(() -> Ieee.divide(
                    Ieee.round(Rational.of(m.context().orElseThrow()), f), Ieee.round(Rational.of(y.originalContext()), f), f));
            if (!(s.value().toRational().compareTo(Rational.ONE) > 0)) {
                return Optional.empty();
            }
            boolean both = y.mscale().isPresent() && y.mscaleAllDim().isPresent()
                    && y.mscale().get().signum() != 0 && y.mscaleAllDim().get().signum() != 0;
            if (both && y.mscale().get().equals(y.mscaleAllDim().get())) {
                return Optional.empty(); // g / g = 1 exactly, in doubles and in reals
            }
            FloatValue g = mscale(s, both ? y.mscale().get() : Rational.ONE);
            return Optional.of(both ? Ieee.divide(g, mscale(s, y.mscaleAllDim().get()), f) : g);
        }
        if (sc instanceof RopeScaling.LongRope lr) {
            if (lr.attentionFactor().isPresent()) {
                return unlessOne(lr.attentionFactor().get());
            }
            FloatValue s = lr.factor().map(x -> Ieee.round(x, f)).orElseGet(() -> Ieee.divide(
                    Ieee.round(Rational.of(m.context().orElseThrow()), f), Ieee.round(Rational.of(lr.originalContext()), f), f));
            if (!(s.value().toRational().compareTo(Rational.ONE) > 0)) {
                return Optional.empty();
            }
            // math.sqrt(1 + math.log(factor) / math.log(original_max_position_embeddings))
            FloatValue ratio = Ieee.divide(log(s), log(Ieee.round(Rational.of(lr.originalContext()), f)), f);
            FloatValue inner = Ieee.add(Ieee.round(Rational.ONE, f), ratio, f);
            Rational x = inner.value().toRational();
            return Optional.of(Ieee.correctlyRounded(f, new RealExpression() {
                @Override
                public <T> T evaluate(Arithmetic<T> a) {
                    return a.sqrt(a.of(x));
                }
            }, "LongRoPE attention factor"));
        }
        return Optional.empty();
    }

    private static Optional<FloatValue> unlessOne(Rational declared) {
        return declared.equals(Rational.ONE) ? Optional.empty() : Optional.of(Ieee.round(declared, Format.FP64));
    }

    /** get_mscale(s, m) = 0.1 * m * math.log(s) + 1.0, left to right in doubles (s > 1 here). */
    private static FloatValue mscale(FloatValue s, Rational m) {
        Format f = Format.FP64;
        FloatValue scaled = Ieee.multiply(Ieee.round(Rational.parse("0.1"), f), Ieee.round(m, f), f);
        return Ieee.add(Ieee.multiply(scaled, log(s), f), Ieee.round(Rational.ONE, f), f);
    }

    private static FloatValue log(FloatValue v) {
        Rational x = v.value().toRational();
        return Ieee.correctlyRounded(Format.FP64, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.log(a.of(x));
            }
        }, "log");
    }
}
