package org.ropebounds.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;

/**
 * The checks transformers 5.18 makes on RoPE scaling parameters (RotaryEmbeddingConfigMixin._validate_*_rope_parameters
 * in modeling_rope_utils.py), worded plainly, and the few it lets through that no model can run. Where transformers
 * raises (a required key missing) the reader refuses; where it logs a warning the reader warns; where a value cannot
 * be right whatever transformers says (a factor <= 0, a frequency factor <= 0, a negative beta) the reader refuses,
 * naming the field and what is accepted.
 */
final class RopeValidation {
    /** Keys each type reads (transformers' required and optional keys; rope_type, type and partial_rotary_factor always allowed). */
    private static final Map<String, Set<String>> KEYS = Map.of(
            "default", Set.of("rope_theta"),
            "linear", Set.of("rope_theta", "factor"),
            "dynamic", Set.of("rope_theta", "factor"),
            "yarn", Set.of("rope_theta", "factor", "original_max_position_embeddings", "attention_factor", "beta_fast", "beta_slow",
                    "mscale", "mscale_all_dim", "truncate"),
            "longrope", Set.of("rope_theta", "factor", "original_max_position_embeddings", "attention_factor", "short_factor",
                    "long_factor"),
            "llama3", Set.of("rope_theta", "factor", "original_max_position_embeddings", "low_freq_factor", "high_freq_factor"));
    private static final Set<String> ALWAYS = Set.of("rope_type", "type", "partial_rotary_factor");

    private RopeValidation() {
    }

    /**
     * Checks a scaling as read.
     *
     * @param name the file's label for messages
     * @param field where the parameters were ({@code rope_scaling} or {@code rope_parameters})
     * @param keys the keys present in that object
     * @param context max_position_embeddings, if the config has one
     * @param warnings receives a plain-language line for each of transformers' warnings
     * @throws InvalidInputException naming the field and the accepted range, for what no model can run
     */
    static void check(String name, String field, RopeScaling sc, Set<String> keys, Optional<Long> context, List<String> warnings) {
        String type = sc instanceof RopeScaling.LongRope ? "longrope" : sc instanceof RopeScaling.None ? "default" : sc.type();
        Set<String> known = KEYS.get(type);
        if (known != null) {
            Set<String> unknown = new TreeSet<>(keys);
            unknown.removeAll(known);
            unknown.removeAll(ALWAYS);
            if (!unknown.isEmpty()) {
                warnings.add(field + " has keys " + type + " scaling does not read: " + String.join(", ", unknown)
                        + " (ignored, as transformers " + TransformersDefaults.version() + " warns)");
            }
        }
        if (sc instanceof RopeScaling.Linear lin) {
            factor(name, field, lin.factor(), "linear", warnings);
        } else if (sc instanceof RopeScaling.Dynamic dyn) {
            factor(name, field, dyn.factor(), "dynamic NTK", warnings);
        } else if (sc instanceof RopeScaling.Llama3 l) {
            llama3(name, field, l, context, warnings);
        } else if (sc instanceof RopeScaling.Yarn y) {
            yarn(name, field, y, context, warnings);
        } else if (sc instanceof RopeScaling.LongRope lr) {
            lr.factor().ifPresent(f -> factor(name, field, f, "LongRoPE", warnings));
            for (var e : Map.of("short_factor", lr.shortFactor(), "long_factor", lr.longFactor()).entrySet()) {
                for (int i = 0; i < e.getValue().size(); i++) {
                    if (e.getValue().get(i).signum() <= 0) {
                        throw new InvalidInputException(name + ": " + field + "." + e.getKey() + "[" + i + "] "
                                + d(e.getValue().get(i)) + " is out of range; accepted: factors > 0 (each divides a frequency)");
                    }
                }
            }
            lr.attentionFactor().ifPresent(a -> attention(field, a, warnings));
        }
    }

    private static void factor(String name, String field, Rational f, String what, List<String> warnings) {
        if (f.signum() <= 0) {
            throw new InvalidInputException(name + ": " + field + ".factor " + d(f) + " is out of range; accepted: factor > 0"
                    + " (a " + what + " factor divides frequencies; >= 1 extends the context)");
        }
        if (f.compareTo(Rational.ONE) < 0) {
            warnings.add(field + ".factor " + d(f) + " is below 1: the " + what + " scaling raises frequencies instead of lowering them"
                    + " (it shortens the context it was meant to extend); transformers warns that the factor must be >= 1");
        }
    }

    private static void llama3(String name, String field, RopeScaling.Llama3 l, Optional<Long> context, List<String> warnings) {
        factor(name, field, l.factor(), "llama3", warnings);
        for (var e : Map.of("low_freq_factor", l.lowFreqFactor(), "high_freq_factor", l.highFreqFactor()).entrySet()) {
            if (e.getValue().signum() <= 0) {
                throw new InvalidInputException(name + ": " + field + "." + e.getKey() + " " + d(e.getValue())
                        + " is out of range; accepted: > 0 (the band edges are original_max_position_embeddings / factor)");
            }
        }
        if (l.highFreqFactor().compareTo(l.lowFreqFactor()) <= 0) {
            warnings.add(field + ".high_freq_factor " + d(l.highFreqFactor()) + " is not above low_freq_factor " + d(l.lowFreqFactor())
                    + ": there is no blended band, each mode is either kept or divided by the factor (as transformers computes it);"
                    + " transformers warns that high_freq_factor must be greater than low_freq_factor");
        }
        if (context.isPresent() && l.originalContext() >= context.get()) {
            warnings.add(field + ".original_max_position_embeddings " + l.originalContext() + " is not below max_position_embeddings "
                    + context.get() + ": the llama3 scaling extends nothing at this context; transformers warns that it must be less");
        }
    }

    private static void yarn(String name, String field, RopeScaling.Yarn y, Optional<Long> context, List<String> warnings) {
        y.factor().ifPresent(f -> factor(name, field, f, "YaRN", warnings));
        for (var e : Map.of("beta_fast", y.betaFast(), "beta_slow", y.betaSlow()).entrySet()) {
            if (e.getValue().signum() < 0) {
                throw new InvalidInputException(name + ": " + field + "." + e.getKey() + " " + d(e.getValue())
                        + " is out of range; accepted: > 0 (a number of rotations; transformers takes its logarithm)");
            }
        }
        if (y.betaFast().compareTo(y.betaSlow()) < 0) {
            warnings.add(field + ".beta_fast " + d(y.betaFast()) + " is below beta_slow " + d(y.betaSlow())
                    + ": the ramp between kept and interpolated modes runs backwards; transformers warns that beta_fast must be greater");
        }
        y.attentionFactor().ifPresent(a -> attention(field, a, warnings));
        if (y.factor().isPresent() && context.isPresent()) {
            Rational implicit = Rational.of(context.get()).divide(Rational.of(y.originalContext()));
            if (!implicit.equals(y.factor().get()) && !implicit.equals(Rational.ONE)) {
                warnings.add(field + ".factor " + d(y.factor().get()) + " differs from max_position_embeddings / original_max_position_embeddings"
                        + " = " + d(implicit) + ": transformers uses the factor (and warns)");
            }
        }
    }

    private static void attention(String field, Rational a, List<String> warnings) {
        if (a.signum() < 0) {
            warnings.add(field + ".attention_factor " + d(a) + " is negative: cos and sin change sign (the attention scores do not,"
                    + " as queries and keys both carry it); transformers warns that it must be greater than 0");
        }
    }

    private static String d(Rational x) {
        return x.toCompactDecimalStringOrFraction();
    }
}
